"""Line numbers for what the checks find: an index of a file's lines, built once per file.

Every message names the line where the problem is, found by looking for the
offending text in the file. Looking it up by rescanning the file for each
finding made reporting quadratic (5,000 images without alternative text took
97 s); the index normalises the file once (entities decoded, spaces dropped,
lower case, as policysite.sanitize.locate compares) and each lookup is one
substring search from the fragment's first line and a binary search for the
line. ``capped`` keeps the number of findings reported per file and code
bounded, so the lookups are too.
"""
from __future__ import annotations

import functools
import html as htmllib
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Callable

from .errors import ContentError
from .sanitize import normalise_for_search

MAX_PER_CODE = 20  # findings of one code listed per file; the rest are counted in one line
_IGNORED = re.compile(r"[\x00-\x20\x7f]+")  # what normalise_for_search drops
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_ATX = re.compile(r"^\s{0,3}(#{1,6})(?:\s|$)")


class LineIndex:
    """A file's lines, normalised for searching once, with where each line starts."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self._flat: str | None = None
        self._starts: list[int] = []
        self._unescaped: dict[int, str] = {}
        self._controls: list[int] | None = None
        self._headings: dict[int, list[int]] | None = None

    def _normalised(self) -> tuple[str, list[int]]:
        if self._flat is None:
            parts = [normalise_for_search(line) for line in self.lines]
            starts, offset = [], 0
            for part in parts:
                starts.append(offset)
                offset += len(part) + 1
            self._flat, self._starts = "\n".join(parts), starts
        return self._flat, self._starts

    def locate(self, first_line: int, token: str) -> int | None:
        """The first line at or after ``first_line`` (from 1) that holds ``token`` (as sanitize.locate finds it)."""
        if first_line < 1:
            first_line = 1
        if first_line > len(self.lines):
            return None
        wanted = _IGNORED.sub("", token).lower() or token
        if token == "\x00":
            if self._controls is None:
                self._controls = [number for number, line in enumerate(self.lines, start=1) if _CONTROL.search(line)]
            position = bisect_right(self._controls, first_line - 1)
            if position < len(self._controls):
                return self._controls[position]
        if not _IGNORED.search(wanted):  # the usual case: one search in the normalised text
            flat, starts = self._normalised()
            found = flat.find(wanted, starts[first_line - 1])
            if found >= 0:
                return bisect_right(starts, found)
        else:  # a token of spaces or control characters only: compare line by line, as sanitize.locate does
            for number in range(first_line, len(self.lines) + 1):
                if wanted in normalise_for_search(self.lines[number - 1]):
                    return number
        if ":" in wanted:  # an address broken over lines, or encoded twice
            if first_line not in self._unescaped:
                source = "\n".join(self.lines[first_line - 1:])
                self._unescaped[first_line] = normalise_for_search(htmllib.unescape(source))
            if wanted in self._unescaped[first_line]:
                return first_line
        return None

    def heading_line(self, level: int, after: int) -> int | None:
        """The first line at or after ``after`` that starts a heading of ``level`` ('##' or '<h2')."""
        if self._headings is None:
            self._headings = {n: [] for n in range(1, 7)}
            for number, line in enumerate(self.lines, start=1):
                match = _ATX.match(line)
                levels = {len(match.group(1))} if match else set()
                if "<h" in line or "<H" in line:
                    lowered = line.lower()
                    levels.update(n for n in range(1, 7) if f"<h{n}" in lowered)
                for n in sorted(levels):
                    self._headings[n].append(number)
        candidates = self._headings[level]
        position = bisect_right(candidates, after - 1)
        return candidates[position] if position < len(candidates) else None


@functools.lru_cache(maxsize=8)
def index_of(text: str) -> LineIndex:
    """The index of a file's text (the few files being checked at a time are remembered)."""
    return LineIndex(text)


def line_of(file_text: str, start_line: int, token: str) -> int:
    """The line of the file, at or after ``start_line``, that holds ``token`` (else ``start_line``)."""
    found = index_of(file_text).locate(start_line, token)
    return found if found is not None else start_line


class Cursor:
    """Lines of findings in order: the same text found again is looked for after its last line."""

    def __init__(self, file_text: str) -> None:
        self._index = index_of(file_text)
        self._last: dict[tuple[int, str], int] = {}

    def line(self, first_line: int, token: str) -> int:
        key = (first_line, token)
        start = self._last.get(key, first_line - 1) + 1
        found = self._index.locate(start, token)
        if found is None and start != first_line:
            found = self._index.locate(first_line, token)
        line = found if found is not None else first_line
        self._last[key] = line
        return line


@dataclass
class Capped:
    """The findings of one file: at most MAX_PER_CODE per code, then one line saying how many more.

    ``add`` takes a function that makes the error, so the line of a finding that
    is not listed is never looked up.
    """

    path: str
    limit: int = MAX_PER_CODE
    errors: list[ContentError] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, code: str, make: Callable[[], ContentError]) -> None:
        self.counts[code] = self.counts.get(code, 0) + 1
        if self.counts[code] <= self.limit:
            self.errors.append(make())

    def result(self) -> list[ContentError]:
        more = []
        for code, count in self.counts.items():
            if count > self.limit:
                more.append(ContentError(code, self.path, None, None, detail="more",
                                         params={"more": count - self.limit, "total": count}))
        return self.errors + more
