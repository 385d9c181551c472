"""What changed between two editions of a policy: every page's text compared word by word.

A page's reading text is what a reader reads on it, passage by passage (a
heading, a paragraph, a list item, a table cell): its title, then its Markdown
body with the building blocks where the page places them. Passages are aligned
first, so a changed paragraph is compared with the paragraph it replaced; then
the words of each changed passage are compared. Whitespace and line breaks in
the source do not count as changes; punctuation does, as part of its word.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Sequence

from .layout import OVERVIEW
from .markup import BLOCKS_MARKER, RichText, analyse, may_hold_markup, render
from .model import Block, Policy, PolicyPage

EQUAL = "equal"
INSERTED = "inserted"
DELETED = "deleted"

# Passages this different are shown as one removed and one added, not as a jumble of word changes.
MIN_SIMILARITY = 0.4


@dataclass(frozen=True)
class Segment:
    """A run of words that is the same in both editions, only in the new one, or only in the old one."""

    kind: str  # EQUAL, INSERTED or DELETED
    text: str


@dataclass(frozen=True)
class PassageChange:
    """One passage that differs: reworded (CHANGED), new (INSERTED) or gone (DELETED)."""

    kind: str
    segments: tuple[Segment, ...]


CHANGED = "changed"


@dataclass(frozen=True)
class PageComparison:
    name: str  # the page's Danish file name, its identity in every edition
    title: str  # in the current edition, or the previous one's for a page that is gone
    status: str  # "unchanged", "changed", "added" or "removed"
    changes: tuple[PassageChange, ...]


@dataclass(frozen=True)
class EditionComparison:
    previous: Policy
    current: Policy
    pages: tuple[PageComparison, ...]

    @property
    def changed_pages(self) -> tuple[PageComparison, ...]:
        return tuple(page for page in self.pages if page.status != "unchanged")


# ---- Reading text ----

def markdown_units(text: str | None) -> list[str]:
    """A Markdown text's passages as plain text."""
    if not text:
        return []
    if may_hold_markup(text) or "\n" in text.strip():
        return analyse(render(text)).units
    return [text]


def rich_units(value: RichText | None) -> list[str]:
    """A Markdown field's passages as plain text, from the HTML the page shows."""
    return analyse(value.html).units if value is not None else []


def block_units(block: Block) -> list[str]:
    """The text a building block shows on its page, passage by passage."""
    units = [block.title]
    for value in (block.lead, block.text, block.items_intro):
        units.extend(rich_units(value))
    for item in block.items:
        units.extend(rich_units(item))
    for part in block.parts:
        units.append(part.heading)
        units.extend(rich_units(part.text))
        for item in part.items:
            units.extend(rich_units(item))
    return units


def reading_text(policy: Policy, page: PolicyPage) -> tuple[str, ...]:
    """A page's passages in reading order: title, body, the blocks where the body places them,
    and on the overview the cards (each block's title and short text)."""
    before, marker, after = page.body.partition(BLOCKS_MARKER)
    blocks = [unit for block in page.blocks for unit in block_units(block)]
    units = [page.title, *markdown_units(before)]
    if marker:
        units += [*blocks, *markdown_units(after)]
    else:  # hooks/policy_blocks.py puts them after the text
        units += blocks
    if page.name == OVERVIEW:
        for block in policy.blocks:
            units += [block.title, *rich_units(block.card_text)]
    cleaned = (_clean(unit) for unit in units)
    return tuple(unit for unit in cleaned if unit)


def _clean(unit: str) -> str:
    return " ".join(re.sub(r"\s*¶$", "", unit).split())


# ---- Comparing ----

def word_diff(old: str, new: str) -> tuple[Segment, ...]:
    """The words of two passages: equal runs, and what was deleted and inserted in between."""
    a, b = old.split(), new.split()
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            _add(segments, EQUAL, a[i1:i2])
            continue
        _add(segments, DELETED, a[i1:i2])
        _add(segments, INSERTED, b[j1:j2])
    return tuple(segments)


def _add(segments: list[Segment], kind: str, words: Sequence[str]) -> None:
    if not words:
        return
    text = " ".join(words)
    if segments and segments[-1].kind == kind:
        segments[-1] = Segment(kind, f"{segments[-1].text} {text}")
    else:
        segments.append(Segment(kind, text))


def similarity(old: str, new: str) -> float:
    """How alike two passages are (0 to 1), letter by letter, so a corrected one-word item still pairs."""
    return difflib.SequenceMatcher(None, old, new, autojunk=False).ratio()


def compare_passages(old: Sequence[str], new: Sequence[str]) -> tuple[PassageChange, ...]:
    """Every passage that differs between two pages' reading texts, in reading order."""
    changes: list[PassageChange] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, list(old), list(new), autojunk=False).get_opcodes():
        if tag != "equal":
            changes.extend(_pair(old[i1:i2], new[j1:j2]))
    return tuple(changes)


def _pair(removed: Sequence[str], added: Sequence[str]) -> list[PassageChange]:
    """Match each removed passage with the most alike added one after the last match, in order.

    A match is shown word by word; what is left over was deleted or inserted as a whole.
    """
    changes: list[PassageChange] = []
    start = 0
    for passage in removed:
        scores = [(similarity(passage, candidate), index) for index, candidate in enumerate(added) if index >= start]
        best = max(scores, key=lambda score: (score[0], -score[1]), default=None)
        if best is None or best[0] < MIN_SIMILARITY:
            changes.append(PassageChange(DELETED, (Segment(DELETED, passage),)))
            continue
        index = best[1]
        changes.extend(PassageChange(INSERTED, (Segment(INSERTED, text),)) for text in added[start:index])
        changes.append(PassageChange(CHANGED, word_diff(passage, added[index])))
        start = index + 1
    changes.extend(PassageChange(INSERTED, (Segment(INSERTED, text),)) for text in added[start:])
    return changes


def compare_editions(previous: Policy, current: Policy) -> EditionComparison:
    """Each page of the current edition against the page of the same name in the previous one."""
    earlier = {page.name: page for page in previous.pages}
    now = {page.name for page in current.pages}
    pages = []
    for page in current.pages:
        old = earlier.get(page.name)
        if old is None:
            changes = compare_passages((), reading_text(current, page))
            pages.append(PageComparison(page.name, page.title, "added", changes))
            continue
        changes = compare_passages(reading_text(previous, old), reading_text(current, page))
        pages.append(PageComparison(page.name, page.title, "changed" if changes else "unchanged", changes))
    for old in previous.pages:
        if old.name not in now:
            changes = compare_passages(reading_text(previous, old), ())
            pages.append(PageComparison(old.name, old.title, "removed", changes))
    return EditionComparison(previous, current, tuple(pages))
