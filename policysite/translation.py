"""Is an English page a translation of the Danish page as it is now?

Each English page may record, under ``translated_from:``, a short code for the
Danish text it was translated from: the first 12 hex digits of the SHA-256 of
the Danish file (line endings and trailing spaces normalised). When the Danish
file changes, the code no longer matches, and ``make check`` warns and prints
the new code to write once the English text is updated. ``make new`` writes the
codes for a new municipality.

The code is chosen over git history because it works without git (in a
downloaded zip, in CI's shallow clones, in tests) and it records the editor's
statement "this English text matches that Danish text", not just dates. Pages
without a code fall back to git: a Danish file committed (or edited) after its
English twin is reported.
"""
from __future__ import annotations

import hashlib
import re
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .messages import Phrase, phrase

STAMP_KEY = "translated_from"
STAMP = re.compile(r"^[0-9a-f]{12}$")
_STAMP_LINE = re.compile(r"^translated_from:.*$", re.MULTILINE)


def stamp(danish_text: str) -> str:
    """The code of a Danish page's text, as written in ``translated_from:``."""
    text = unicodedata.normalize("NFC", danish_text.replace("\r\n", "\n").replace("\r", "\n"))
    text = "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def stamp_line(text: str) -> int | None:
    """The line of ``translated_from:`` in a file's front-matter, if any."""
    match = _STAMP_LINE.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def write_stamp(english_text: str, code: str) -> str:
    """The English file's text with ``translated_from:`` set to ``code`` (added after the title)."""
    line = f'{STAMP_KEY}: "{code}"  # the Danish text this translates; `make check` says when to update it'
    if _STAMP_LINE.search(english_text):
        return _STAMP_LINE.sub(line, english_text, count=1)
    head, sep, rest = english_text.partition("\n")
    if head.strip() != "---":
        return english_text
    return f"{head}{sep}{line}\n{rest}"


@dataclass(frozen=True)
class History:
    """When each file last changed in git (seconds), and which files have uncommitted edits."""

    committed: dict[str, int]
    edited: frozenset[str]

    def newer(self, danish: str, english: str) -> tuple[str | Phrase, str | Phrase] | None:
        """(Danish date, English date) when the Danish file changed after the English one."""
        if danish in self.edited and english not in self.edited:
            return phrase("uncommitted"), _date(self.committed.get(english))
        if danish in self.edited or english in self.edited:
            return None
        da, en = self.committed.get(danish), self.committed.get(english)
        if da is not None and en is not None and da > en:
            return _date(da), _date(en)
        return None


def _date(seconds: int | None) -> str | Phrase:
    import datetime as dt

    if seconds is None:
        return phrase("never-committed")
    return dt.datetime.fromtimestamp(seconds, dt.timezone.utc).date().isoformat()


def git_history(root: Path, folder: str) -> History | None:
    """The git history of ``folder`` under ``root``, or None without git or a repository."""
    def run(*args: str) -> str | None:
        try:
            result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=20)
        except (OSError, subprocess.SubprocessError):
            return None
        return result.stdout if result.returncode == 0 else None

    inside = run("rev-parse", "--is-inside-work-tree")
    if inside is None or inside.strip() != "true":
        return None
    log = run("log", "--format=%x00%ct", "--name-only", "--relative", "--", folder)
    status = run("status", "--porcelain", "--untracked-files=no", "--", folder)
    if log is None or status is None:
        return None
    committed: dict[str, int] = {}
    when = 0
    for line in log.splitlines():
        if line.startswith("\x00"):
            when = int(line[1:] or 0)
        elif line.strip():
            committed.setdefault(line.strip(), when)
    edited = frozenset(line[3:].strip() for line in status.splitlines() if len(line) > 3)
    # git status paths are relative to the repository's top, log --relative to root.
    top = run("rev-parse", "--show-prefix")
    prefix = (top or "").strip()
    edited = frozenset(path[len(prefix):] if prefix and path.startswith(prefix) else path for path in edited)
    return History(committed, edited)
