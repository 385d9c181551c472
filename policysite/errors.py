"""Content errors that editors read: file, line, key, what was found, how to fix it."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .messages import MESSAGES, WARNING


@dataclass(frozen=True)
class ContentError:
    """One problem in one content file, phrased for an editor.

    Whether it stops the build (an error) or is only listed (a warning) is the
    code's severity in the message registry, policysite/messages.py.
    """

    code: str
    path: str
    line: int | None
    key: str | None
    problem: str
    fix: str

    def __post_init__(self) -> None:
        if self.code not in MESSAGES:
            raise ValueError(f"message code {self.code!r} is not in policysite/messages.py")

    @property
    def severity(self) -> str:
        return MESSAGES[self.code].severity

    @property
    def is_warning(self) -> bool:
        return self.severity == WARNING

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}, line {self.line}"
        key = f", key '{self.key}'" if self.key else ""
        label = "Warning: " if self.is_warning else ""
        return f"{where}{key}: {label}{self.problem} How to fix: {self.fix} [{self.code}]"


class ContentErrors(Exception):
    """Raised when content is invalid; carries every error found, not just the first."""

    def __init__(self, errors: list[ContentError]):
        self.errors = list(errors)
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.errors)
        head = f"{count} problem{'s' if count != 1 else ''} in the content; nothing was published:"
        return "\n".join([head, *(f"  - {error}" for error in self.errors)])


def display_path(path: Path, root: Path | None) -> str:
    """A path as an editor sees it in the repository (relative, forward slashes)."""
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()
