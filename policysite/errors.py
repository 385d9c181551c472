"""Content errors that editors read: file, line, key, what was found, how to fix it.

A ``ContentError`` carries a registered code, where the problem is, and the name of one of the
code's details with its parameters; the words come from the message registry
(policysite/messages.py), in the language messages are shown in (Danish unless English is asked
for). Call sites hold no text:

    ContentError("yaml-tab", path, line, None, detail="tab")
    ContentError("yaml-bad-date", path, line, key, detail="not-a-date", params={"value": value})

The older form with the text written at the call site, ``ContentError(code, path, line, key,
problem, fix)``, still works for modules not yet moved to details; its text is shown as given.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from . import messages
from .messages import MESSAGES, WARNING


def _to_json(value: Any) -> Any:
    if isinstance(value, messages.Phrase):
        return {"phrase": value.name, "params": {k: _to_json(v) for k, v in value.params}}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_to_json(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _to_json(v) for k, v in value.items()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _from_json(value: Any) -> Any:
    if isinstance(value, dict) and set(value) == {"phrase", "params"}:
        return messages.Phrase(value["phrase"], tuple((k, _from_json(v)) for k, v in value["params"].items()))
    return value


def encode_params(params: Mapping[str, Any] | str) -> str:
    """A detail's parameters as canonical JSON: hashable, comparable, and cached with the catalog."""
    if isinstance(params, str):
        return params
    items = params.items() if isinstance(params, Mapping) else params
    encoded = {str(k): _to_json(v) for k, v in items}
    return json.dumps(encoded, ensure_ascii=False, sort_keys=True) if encoded else ""


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
    given_problem: str = ""  # text written at an older call site (shown as given); prefer detail
    given_fix: str = ""
    detail: str | None = None  # the name of one of the code's details in the registry
    params: str = ""  # the detail's parameters: pass a mapping, kept as canonical JSON (encode_params)

    def __post_init__(self) -> None:
        if self.code not in MESSAGES:
            raise ValueError(f"message code {self.code!r} is not in policysite/messages.py")
        if self.detail is not None and self.detail not in MESSAGES[self.code].details:
            raise ValueError(f"message code {self.code!r} has no detail {self.detail!r} in policysite/messages.py")
        object.__setattr__(self, "params", encode_params(self.params))

    @property
    def severity(self) -> str:
        return MESSAGES[self.code].severity

    @property
    def is_warning(self) -> bool:
        return self.severity == WARNING

    @property
    def parameters(self) -> dict[str, Any]:
        return {k: _from_json(v) for k, v in json.loads(self.params).items()} if self.params else {}

    def texts(self, lang: str | None = None, plain: bool = False) -> tuple[str, str]:
        """(what was found and what is expected, how to fix it) in a language: Markdown, or with
        ``plain`` as a terminal shows it."""
        if self.given_problem and self.detail is None:
            return self.given_problem, self.given_fix  # an older call site's own text, as it was shown
        params = {"line": self.line, "key": self.key, "path": self.path, **self.parameters}
        return messages.render(self.code, self.detail, params, lang, plain=plain)

    def problem_in(self, lang: str | None = None) -> str:
        return self.texts(lang, plain=True)[0]

    def fix_in(self, lang: str | None = None) -> str:
        return self.texts(lang, plain=True)[1]

    @property
    def problem(self) -> str:
        """What was found, in the current language (see messages.language)."""
        return self.problem_in()

    @property
    def fix(self) -> str:
        return self.fix_in()

    def render(self, lang: str | None = None) -> str:
        lang = lang or messages.language()
        where = self.path if self.line is None else f"{self.path}, {messages.word('line', lang)} {self.line}"
        key = f", {messages.word('key', lang)} '{self.key}'" if self.key else ""
        label = f"{messages.word('warning', lang)}: " if self.is_warning else ""
        return (f"{where}{key}: {label}{self.problem_in(lang)} {messages.word('how-to-fix', lang)}: "
                f"{self.fix_in(lang)} [{self.code}]")

    def __str__(self) -> str:
        return self.render()


class ContentErrors(Exception):
    """Raised when content is invalid; carries every error found, not just the first."""

    def __init__(self, errors: list[ContentError]):
        self.errors = list(errors)
        super().__init__(self.report())

    def report(self, lang: str | None = None) -> str:
        lang = lang or messages.language()
        count = len(self.errors)
        head = messages.word("problems-head-one" if count == 1 else "problems-head", lang).format(count=count)
        return "\n".join([head, *(f"  - {error.render(lang)}" for error in self.errors)])

    def __str__(self) -> str:
        return self.report()


def display_path(path: Path, root: Path | None) -> str:
    """A path as an editor sees it in the repository (relative, forward slashes)."""
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()
