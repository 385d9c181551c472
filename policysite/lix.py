"""LIX, the Scandinavian readability index: words per sentence plus the share of long words.

    LIX = words / sentences + 100 * long words / words

A long word has more than six letters. Text is counted block by block (a
paragraph, a list item, a heading, a table cell): each block ends a sentence,
and inside a block a sentence ends at '.', '!', '?' or ':' followed by a capital
letter or a digit (so "den 2. august" and "bl.a. kommunen" stay one sentence).
Below 30 is very easy, 30-40 easy (most fiction, popular newspapers), 40-50
medium (ordinary newspapers), 50-60 hard (official documents), above 60 very
hard. Digitaliseringsstyrelsen advises public websites to keep it down; the
default target here is 45.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

DEFAULT_TARGET = 45
LONG_WORD = 6  # letters; a word with more is long
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
# A sentence ends at . ! ? or : before a capital letter (or the end of the block), so
# "den 2. august" and "bl.a. kommunen" do not end sentences. Linear in the text: a match
# starts only where a run of marks starts (the look-behind), and the run is taken whole
# and never given back (possessive ++), so each character is read a bounded number of
# times; `[.!?:]+` alone tried every suffix of a run, and a paragraph of 60,000 dots took a minute.
_SENTENCE_END = re.compile(r"(?<![.!?:])[.!?:]++(?=\s+[\"'»«“”(]?[A-ZÆØÅÄÖÜ0-9])")


@dataclass(frozen=True)
class Lix:
    words: int
    sentences: int
    long_words: int

    @property
    def value(self) -> float | None:
        if not self.words or not self.sentences:
            return None
        return self.words / self.sentences + 100 * self.long_words / self.words

    @property
    def rounded(self) -> int | None:
        value = self.value
        return None if value is None else int(value + 0.5)

    def __add__(self, other: "Lix") -> "Lix":
        return Lix(self.words + other.words, self.sentences + other.sentences, self.long_words + other.long_words)


EMPTY = Lix(0, 0, 0)


def _letters(word: str) -> int:
    return sum(1 for char in word if char.isalpha())


def count(units: Iterable[str]) -> Lix:
    """Count words, sentences and long words in blocks of plain text."""
    words = sentences = long_words = 0
    for unit in units:
        unit_words = [word for word in _WORD.findall(unit) if _letters(word)]
        if not unit_words:
            continue
        words += len(unit_words)
        long_words += sum(1 for word in unit_words if _letters(word) > LONG_WORD)
        # Sentence ends inside the block, plus the block's own end (with or without a full stop).
        sentences += len(_SENTENCE_END.findall(unit.strip())) + 1
    return Lix(words, sentences, long_words)


def lix(text: str) -> float | None:
    """LIX of plain text whose paragraphs are separated by blank lines."""
    return count(part for part in re.split(r"\n\s*\n", text)).value


BANDS = ((30, "lix-very-easy"), (40, "lix-easy"), (50, "lix-medium"), (60, "lix-hard"), (10_000, "lix-very-hard"))


def band_phrase(value: float | None):
    """How hard a LIX value is, as a phrase of the message registry (policysite/messages.py)."""
    from .messages import phrase

    if value is None:
        return None
    return phrase(next(name for limit, name in BANDS if value < limit))


def band(value: float | None, lang: str = "da") -> str:
    """How hard a LIX value is, in words."""
    found = band_phrase(value)
    return found.text(lang) if found is not None else ""
