"""Curated registries: checked on load, with the file and line named."""

import shutil

import pytest

from pipeline import REGISTRY_DIR
from pipeline.errors import InputError
from pipeline.registry import load_registry


@pytest.fixture()
def reg_dir(tmp_path):
    shutil.copytree(REGISTRY_DIR, tmp_path / "registry")
    return tmp_path / "registry"


def _append(folder, name, line):
    with open(folder / name, "a", encoding="utf-8") as fh:
        fh.write(line + "\n")


def test_registry_loads(registry):
    assert registry.actors["rosoboronexport"].row["parent_id"] == "rostec"
    assert registry.state_of("aleksandr-mikheev") == "russia"
    assert registry.actors["russia"].row["wikidata_qid"] == "Q159"


def test_qids_are_only_the_confirmed_ones(registry):
    confirmed = {"Q159", "Q43", "Q148", "Q668", "Q869", "Q30", "Q7184", "Q7747", "Q39259", "Q888132", "Q130879"}
    used = {e.row["wikidata_qid"] for e in [*registry.actors.values(), *registry.systems.values()]
            if e.row.get("wikidata_qid")}
    assert used <= confirmed


@pytest.mark.parametrize("name, line, message", [
    ("actors.csv", "ghost,Ghost,person,RUS,nobody,,,,,,", "parent_id 'nobody'"),
    ("actors.csv", "russia,Russia again,state,RUS,,,,,,,", "duplicate actor_id 'russia'"),
    ("actors.csv", "zz,Zed,warlord,RUS,,,,,,,", "kind 'warlord' is not one of"),
    ("actors.csv", "Bad Id,Zed,person,RUS,,,,,,,", "is not a valid id"),
    ("systems.csv", "zz-9000,ZZ-9000,ZZ-9000,,air_defence,,RUS,,false,,", "category 'air_defence' is not one of"),
    ("systems.csv", "zz-9000,ZZ-9000,ZZ-9000,,air_defence_systems,,RUS,,false,S-400,", "names both"),
    ("systems.csv", "zz-9000,ZZ-9000,ZZ-9000,,air_defence_systems,,RUS,,false,,no-such-maker",
     "maker_id 'no-such-maker'"),
])
def test_bad_registry_rows_are_refused(reg_dir, name, line, message):
    _append(reg_dir, name, line)
    with pytest.raises(InputError) as err:
        load_registry(reg_dir)
    assert name in str(err.value) and message in str(err.value)
