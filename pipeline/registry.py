"""Curated registries of actors and systems (reviewed data files under data/registry/)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from . import REGISTRY_DIR, schemas
from .csvfile import read_rows
from .errors import InputError

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_LIST_COLUMNS = ("aliases", "role_phrases", "metonyms", "demonyms")
# cached views of the states (and of the curated models' origins) that an extended copy shares: discovery adds
# no state and no model with an origin
_STATE_VIEWS = ("state_demonyms", "demonym_pairs", "_states_by_country", "first_state_by_demonym",
                "exporter_by_word")
_MATCHING_COLUMNS = ("maker_id",)  # registry-only facts used by extraction, not published


@dataclass
class Entry:
    """One registry row: the published columns plus the surface forms used for matching."""

    id: str
    row: dict  # published columns, blank -> None
    aliases: list[str] = field(default_factory=list)
    role_phrases: list[str] = field(default_factory=list)
    metonyms: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    maker_id: str | None = None  # systems: the company that makes it (an actor id)

    @property
    def name(self) -> str:
        return self.row["name"]

    @property
    def kind(self) -> str | None:
        return self.row.get("kind")

    @property
    def is_class(self) -> bool:
        return bool(self.row.get("is_class"))


@dataclass(eq=False)
class Registry:
    actors: dict[str, Entry]
    systems: dict[str, Entry]
    folder: Path | None = None
    fingerprint: str = ""  # sha256 of the registry files: cached extraction depends on it

    def state_of(self, actor_id: str | None) -> str | None:
        """The state an actor belongs to, following parents (Rosoboronexport -> Rostec -> Russia)."""
        seen = set()
        while actor_id and actor_id not in seen:
            seen.add(actor_id)
            entry = self.actors.get(actor_id)
            if entry is None:
                return None
            if entry.kind == "state":
                return actor_id
            actor_id = entry.row.get("parent_id")
        return None

    def extended(self, entities) -> "Registry":
        """This registry plus entities discovered in an article (review_status 'extracted')."""
        actors, systems = dict(self.actors), dict(self.systems)
        for e in entities:
            if e.entity_type == "actor":
                row = {"actor_id": e.id, "name": e.name, "kind": e.kind, "country": e.country,
                       "parent_id": e.parent_id, "role": e.role, "wikidata_qid": None, "aliases": None,
                       "review_status": "extracted"}
                actors.setdefault(e.id, Entry(e.id, row))
            else:
                row = {"system_id": e.id, "name": e.name, "designation": e.name, "nato_name": None,
                       "category": e.category, "unroca_category": e.unroca_category, "origin_country": None,
                       "wikidata_qid": None, "is_class": False, "aliases": None, "review_status": "extracted"}
                systems.setdefault(e.id, Entry(e.id, row))
        view = Registry(actors, systems, self.folder, self.fingerprint)
        for name in _STATE_VIEWS:  # discovery adds no state: what is derived from the states carries over
            view.__dict__[name] = getattr(self, name)  # (made once, on the registry extended first)
        return view

    def state_by_country(self, iso3: str | None) -> str | None:
        """The state actor of an ISO 3166 alpha-3 code (the first in registry order)."""
        return self._states_by_country.get(iso3)

    @cached_property
    def state_demonyms(self) -> list[tuple[str, frozenset[str]]]:
        """(state id, its demonyms) for every state, in registry order."""
        return [(e.id, frozenset(e.demonyms)) for e in self.actors.values() if e.kind == "state"]

    @cached_property
    def demonym_pairs(self) -> frozenset[tuple[str, str]]:
        """(demonym, state id) for every demonym of every state."""
        return frozenset((d, e.id) for e in self.actors.values() if e.kind == "state" for d in e.demonyms)

    @cached_property
    def first_state_by_demonym(self) -> dict[str, tuple[int, str]]:
        """demonym -> (registry order, state) of the first state that has it."""
        index: dict[str, tuple[int, str]] = {}
        for order, (state, demonyms) in enumerate(self.state_demonyms):
            for d in demonyms:
                index.setdefault(d, (order, state))
        return index

    @cached_property
    def exporter_by_word(self) -> dict[str, str]:
        """Lower-cased demonyms, names and aliases of the states some model comes from -> the state ('Swedish
        radars' -> sweden; 'Chadian drone operators' names no origin: Chad makes none)."""
        makers = {self.state_by_country(e.row.get("origin_country")) for e in self.systems.values()}
        out = {d.lower(): state for d, state in self.demonym_pairs if state in makers}
        for entry in self.actors.values():
            if entry.kind == "state" and entry.id in makers:
                for name in (entry.name, *entry.aliases):
                    out.setdefault(name.lower(), entry.id)
        return out

    @cached_property
    def _states_by_country(self) -> dict[str | None, str]:
        index: dict[str | None, str] = {}
        for entry in self.actors.values():
            if entry.kind == "state":
                index.setdefault(entry.row.get("country"), entry.id)
        return index


def load_registry(folder: Path = REGISTRY_DIR) -> Registry:
    actors = _read(Path(folder) / "actors.csv", "actors", "actor_id")
    systems = _read(Path(folder) / "systems.csv", "systems", "system_id")
    path = Path(folder) / "actors.csv"
    for entry in actors.values():
        parent = entry.row.get("parent_id")
        if parent and parent not in actors:
            raise InputError(path, f"actor {entry.id!r} has parent_id {parent!r}, which is not in the registry")
    for entry in systems.values():
        if entry.maker_id and entry.maker_id not in actors:
            raise InputError(Path(folder) / "systems.csv",
                             f"system {entry.id!r} has maker_id {entry.maker_id!r}, which is not in the actors "
                             "registry")
    _check_unique_surfaces(path, actors, Path(folder) / "systems.csv", systems)
    digest = hashlib.sha256(path.read_bytes() + b"\0" + (Path(folder) / "systems.csv").read_bytes()).hexdigest()
    return Registry(actors, systems, Path(folder), digest)


def _read(path: Path, table: str, key: str) -> dict[str, Entry]:
    fields = {f["name"]: f for f in schemas.fields(table)}
    published = tuple(c for c in fields if c != "review_status")
    out: dict[str, Entry] = {}
    for lineno, raw in read_rows(path, published, published + _LIST_COLUMNS + _MATCHING_COLUMNS):
        place = f"line {lineno}"
        row = {k: (v.strip() or None) for k, v in raw.items()}
        ident = row.get(key) or ""
        if not _ID.match(ident):
            raise InputError(path, f"{key} {ident!r} is not a valid id", place=place)
        if ident in out:
            raise InputError(path, f"duplicate {key} {ident!r}", place=place)
        for name, spec in fields.items():
            if name != "review_status":
                row[name] = _checked(path, place, spec, row.get(name))
        lists = {c: [s for s in (row.get(c) or "").split("|") if s] for c in _LIST_COLUMNS}
        indefinite = [p for p in lists["role_phrases"] if p.lower().startswith(("a ", "an "))]
        if indefinite:  # 'a company spokesman' does not say which one: never resolve it to a person
            raise InputError(path, f"role phrase {indefinite[0]!r} is indefinite", place=place)
        pub = {c: row.get(c) for c in published}
        pub["review_status"] = "curated"
        out[ident] = Entry(ident, pub, **lists, maker_id=row.get("maker_id"))
    return out


def _checked(path: Path, place: str, spec: dict, value: str | None):
    """A registry cell checked against its Table Schema field and converted to its type."""
    name, constraints = spec["name"], spec.get("constraints", {})
    if value is None:
        if constraints.get("required"):
            raise InputError(path, f"{name} is required", place=place)
        return None
    allowed = constraints.get("enum")
    if allowed and value not in allowed:
        raise InputError(path, f"{name} {value!r} is not one of {', '.join(allowed)}", place=place)
    if constraints.get("pattern") and not re.match(constraints["pattern"], value):
        raise InputError(path, f"{name} {value!r} does not match {constraints['pattern']}", place=place)
    if spec["type"] == "boolean":
        if value not in ("true", "false"):
            raise InputError(path, f"{name} {value!r} is not true or false", place=place)
        return value == "true"
    return value


def _check_unique_surfaces(apath, actors, spath, systems) -> None:
    owner: dict[str, str] = {}
    for path, entries in ((apath, actors), (spath, systems)):
        for e in entries.values():
            for s in [e.name, *e.aliases, *e.metonyms]:
                other = owner.setdefault(s, e.id)
                if other != e.id:
                    raise InputError(path, f"surface form {s!r} names both {other!r} and {e.id!r}")
