"""A regex with a cheap necessary condition for a match: words that any match must contain.

`Prefiltered(pattern)` reads the words off the pattern itself (its parse tree), so they stay right when
the pattern changes: each alternative contributes the literal text it cannot match without ('deliver',
'-made' or '-built', 'send' or 'sent'); a pattern with an alternative that needs no literal text gets
no words and is always scanned. Words are compared in lower case with `fold(text)`, which lower-cases
the text the way IGNORECASE compares letters, so the test holds for case-sensitive and case-insensitive
patterns alike. Lookarounds need nothing (they may look outside the searched span).

    scan = Prefiltered(re.compile(...))
    scan.finditer(text, start, end)  # = pattern.finditer(text, start, end), with no scan if the words are missing
    scan.admits(fold(sentence))  # False: the pattern cannot match in the sentence

For many patterns tested on one text, `WordFinder` finds in one scan which of their words it holds:

    finder = WordFinder(w for scan in scans for w in scan.all_words)
    present = finder.present(fold(sentence))
    scan.narrowed(present)  # the pattern less the top-level alternatives that cannot match there
    scan.finditer_narrowed(present, text, start, end)  # its matches, with no pattern compiled at run time

A narrowed pattern finds the same matches in that text: at each place, an alternative dropped would
have failed anyway. It is much faster for long alternations (trigger patterns of 20 alternatives).
`finditer_narrowed` runs the kept alternatives, each compiled once, and merges their matches as the
alternation would (the leftmost; at one place, the first alternative), so a text whose words make a new
combination costs no compilation.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from itertools import product, takewhile
try:  # the parse tree of a pattern: internal modules of re (Python 3.11+); without them nothing is filtered
    from re import _constants as sre
    from re import _parser
except ImportError:  # pragma: no cover
    sre = _parser = None

_MAX_STRINGS = 64  # how many exact strings a piece of a pattern may stand for before we stop spelling them out


def fold(text: str) -> str:
    """`text` in lower case, with the letters IGNORECASE also takes for 'i' and 's' ('İ', 'ı', 'ſ') made ASCII."""
    return text.replace("İ", "i").replace("ı", "i").replace("ſ", "s").lower()


@lru_cache(maxsize=32)
def _folded(text: str, start: int, end: int) -> str:
    """fold(text[start:end]), remembered: a paragraph or sentence is tested for several patterns in a row."""
    return fold(text[max(start, 0):max(end, 0)])


class Prefiltered:
    """`pattern` and the words one of which every match of it contains (lower case; None: no condition)."""

    def __init__(self, pattern: re.Pattern):
        self.pattern = pattern
        self.words = required_words(pattern)
        self._any_word = re.compile(_trie(self.words)) if self.words else None
        # (source, needed words) of each top-level alternative; None: the pattern is not split
        parts = _alternatives(pattern)
        self._alternatives = None if parts is None else \
            [(part, required_words(re.compile(part, pattern.flags))) for part in parts]
        needs = [words for _, words in self._alternatives] if self._alternatives else [self.words]
        self.all_words = frozenset(w for words in needs for w in words or ())  # what `narrowed` asks about
        self._may_need_none = any(words is None for words in needs)  # an alternative that needs no word
        self._narrowed: dict[tuple[int, ...], re.Pattern] = {}
        self._compiled_alternatives = None if self._alternatives is None else \
            [re.compile(part, pattern.flags) for part, _ in self._alternatives]

    def admits(self, folded: str) -> bool:
        """False only if `pattern` cannot match anywhere in the text that `folded` is the fold of."""
        return self._any_word is None or self._any_word.search(folded) is not None

    def narrowed(self, present: set[str]) -> re.Pattern | None:
        """The pattern with only the top-level alternatives that may match in a text that holds the words
        `present` (of all_words) and no others (the same matches there, found faster); None if none may."""
        if not self._may_need_none and present.isdisjoint(self.all_words):
            return None
        if self._alternatives is None:
            return self.pattern
        kept = self._kept(present)
        if not kept:
            return None
        if kept not in self._narrowed:
            self._narrowed[kept] = re.compile("|".join(self._alternatives[i][0] for i in kept), self.pattern.flags)
        return self._narrowed[kept]

    def _kept(self, present: set[str]) -> tuple[int, ...]:
        return tuple(i for i, (_, words) in enumerate(self._alternatives) if words is None or not present.isdisjoint(words))

    def finditer_narrowed(self, present: set[str], text: str, pos: int, endpos: int):
        """The matches of `narrowed(present)` in text[pos:endpos], from the kept alternatives' own patterns."""
        if not self._may_need_none and present.isdisjoint(self.all_words):
            return
        if self._alternatives is None:
            yield from self.pattern.finditer(text, pos, endpos)
            return
        kept = [self._compiled_alternatives[i] for i in self._kept(present)]
        nexts = [p.search(text, pos, endpos) for p in kept]
        while True:
            live = [(m.start(), i) for i, m in enumerate(nexts) if m is not None]
            if not live:
                return
            _, first = min(live)
            m = nexts[first]
            yield m
            pos = m.end() if m.end() > m.start() else m.end() + 1
            nexts = [n if n is None or n.start() >= pos else kept[i].search(text, pos, endpos)
                     for i, n in enumerate(nexts)]

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize):
        """`pattern.finditer(text, pos, endpos)`, with no scan when text[pos:endpos] lacks the words."""
        if self.words is not None and not self.admits(_folded(text, pos, endpos)):
            return iter(())
        return self.pattern.finditer(text, pos, endpos)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match | None:
        """`pattern.search(text, pos, endpos)`, with no scan when text[pos:endpos] lacks the words."""
        if self.words is not None and not self.admits(_folded(text, pos, endpos)):
            return None
        return self.pattern.search(text, pos, endpos)


class WordFinder:
    """Which of many words a folded text holds, found in one scan: a trie of the words tried at every
    place finds the shortest word starting there, and the longer words that start with it are checked
    one by one (much cheaper than testing each pattern's words apart)."""

    def __init__(self, words):
        self.words = sorted(set(words))
        self._shortest = re.compile(f"(?=({_trie(self.words)}))") if self.words else None
        self._longer: dict[str, list[str]] = {}
        for i, word in enumerate(self.words):  # in sorted order the words that extend a word follow it
            self._longer[word] = list(takewhile(lambda w: w.startswith(word), self.words[i + 1:]))

    def present(self, folded: str) -> set[str]:
        """The words that occur in `folded`."""
        found: set[str] = set()
        for m in self._shortest.finditer(folded) if self._shortest else ():
            shortest = m.group(1)
            found.add(shortest)
            found.update(w for w in self._longer[shortest] if folded.startswith(w, m.start()))
        return found


def required_words(pattern: re.Pattern) -> tuple[str, ...] | None:
    """Lower-case strings one of which every match of `pattern` contains; None if no such set is known."""
    try:
        _, needed = _sequence(list(_parser.parse(pattern.pattern, pattern.flags)))
    except Exception:  # an internal API: if it ever changes, filter nothing rather than wrongly
        return None
    return tuple(sorted(needed)) if needed else None


def _alternatives(pattern: re.Pattern) -> list[str] | None:
    """The source of each top-level alternative of `pattern` ('a|b(c|d)' -> ['a', 'b(c|d)']); None when
    it has one, has groups (numbers would shift), or the split disagrees with the parse tree."""
    source, parts, depth, start, i, in_class = pattern.pattern, [], 0, 0, 0, False
    if pattern.groups or pattern.flags & re.VERBOSE or not isinstance(source, str):
        return None
    while i < len(source):
        char = source[i]
        if char == "\\":
            i += 1  # the escaped character is no operator
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            i += source.startswith("^", i + 1)
            i += source.startswith("]", i + 1)  # a ']' first in a class is a character
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            parts.append(source[start:i])
            start = i + 1
        i += 1
    parts.append(source[start:])
    try:
        for part in parts:
            re.compile(part, pattern.flags)
        tree = list(_parser.parse(source, pattern.flags))
        # the parser keeps the alternatives as one branch (after a prefix common to all, such as '\\b')
        if len(parts) < 2 or tree[-1][0] is not sre.BRANCH or len(tree[-1][1][1]) != len(parts):
            return None
    except Exception:  # a part that is no pattern; or the internal API changed: no split
        return None
    return parts


def _node(op, av) -> tuple[set[str] | None, set[str] | None]:
    """(exact, needed) of one node of the parse tree: `exact`, a set holding every string the node can
    match (None: too many to list); `needed`, strings one of which each of its matches contains."""
    if op is sre.LITERAL:
        char = chr(av)
        return ({char.lower()}, None) if char.isascii() else (None, None)
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return {""}, None  # matches no text of its own
    if op is sre.SUBPATTERN:
        return _sequence(list(av[-1]))
    if op is sre.BRANCH:
        parts = [_sequence(list(alt)) for alt in av[1]]
        exact = set().union(*(e for e, _ in parts)) if all(e is not None for e, _ in parts) else None
        needed = set().union(*(_best(e, n) for e, n in parts)) if all(_best(e, n) for e, n in parts) else None
        return _bounded(exact), needed
    if op is sre.IN:
        if all(o is sre.LITERAL and chr(c).isascii() for o, c in av):
            return {chr(c).lower() for _, c in av}, None
        return None, None
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, high, item = av
        exact, needed = _sequence(list(item))
        if low == high == 1:
            return exact, needed
        if low == 0 and high == 1 and exact is not None:
            return _bounded(exact | {""}), None
        return None, (_best(exact, needed) if low >= 1 else None)
    return None, None  # any character, a class such as \w, a back-reference: no text known


def _sequence(nodes) -> tuple[set[str] | None, set[str] | None]:
    """(exact, needed) of nodes matched one after the other: runs of exactly known pieces are spelled out
    together ('sen' + 'd|t' -> 'send', 'sent'); the needed set is the most selective found."""
    run: set[str] | None = {""}
    candidates: list[set[str]] = []
    exact_all = True
    for op, av in nodes:
        exact, needed = _node(op, av)
        joined = _bounded({a + b for a, b in product(run, exact)}) if run is not None and exact is not None else None
        if joined is not None:
            run = joined
            continue
        exact_all = False
        if run is not None:
            candidates.append(run)
        if needed:
            candidates.append(needed)
        run = exact if exact is not None else {""}
    candidates.append(run)
    best = max((_simplest(c) for c in candidates if c and min(map(len, c)) > 0), key=_selectivity, default=None)
    return (run if exact_all else None), best


def _best(exact, needed) -> set[str] | None:
    """The needed set of a piece, from its exact strings when they are all non-empty."""
    if exact is not None and exact and min(map(len, exact)) > 0:
        return _simplest(exact)
    return needed


def _simplest(strings: set[str]) -> set[str]:
    """The same condition with fewer strings: one that contains another is implied by it."""
    return {s for s in strings if not any(o != s and o in s for o in strings)}


def _selectivity(strings: set[str]) -> tuple[int, int]:
    return min(map(len, strings)), -len(strings)


def _bounded(strings: set[str] | None) -> set[str] | None:
    return strings if strings is not None and len(strings) <= _MAX_STRINGS else None


def _trie(words) -> str:
    """A pattern that finds any of `words`, as a character trie (branches share prefixes): about twice
    as fast as testing the words one by one."""
    root: dict = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here: what follows it does not matter

    def pattern(node: dict) -> str:
        if "" in node:
            return ""
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items())]
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return pattern(root)
