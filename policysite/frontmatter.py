"""Strict front-matter reading: YAML without surprises, every value tagged with its line.

MkDocs silently drops front-matter it cannot parse; here every problem becomes a
ContentError. YAML 1.1 quirks (``yes`` becoming true, ``010`` becoming 8, ``12:30``
becoming 750) are refused rather than guessed, anchors and aliases are refused
(an alias bomb cannot expand), and only plain YAML tags are accepted.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.events import AliasEvent, MappingEndEvent, MappingStartEvent, SequenceEndEvent, SequenceStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import ContentError

FENCE = re.compile(r"^---[ \t]*$")
CLOSING = re.compile(r"^(---|\.\.\.)[ \t]*$")
MAX_FRONT_MATTER_CHARS = 200_000
MAX_DEPTH = 12

_TAG = "tag:yaml.org,2002:"
_BOOL_WORDS = {"true", "false"}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PLAIN_INT = re.compile(r"^-?(0|[1-9][0-9]*)$")
_PLAIN_FLOAT = re.compile(r"^-?(0|[1-9][0-9]*)\.[0-9]+$")


@dataclass(frozen=True)
class Located:
    """A value read from YAML with the line it starts on (1-based, in the file)."""

    value: Any
    line: int


@dataclass(frozen=True)
class FrontMatter:
    """The parsed front-matter of one file and the Markdown body after it."""

    data: Located | None  # a Located mapping (dict[str, Located]) or None when absent
    body: str
    body_line: int  # line number in the file where the body starts


# libyaml's parser (in C) when PyYAML has it: about ten times faster than the pure-Python one.
# Aliases are refused from its event stream before composing (_check_nesting), so the
# composer never sees one; the pure-Python loader below re-checks while composing.
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


class _NoAliasLoader(yaml.SafeLoader):
    """SafeLoader that refuses aliases while composing, before anything can expand."""

    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise yaml.MarkedYAMLError(
                None, None, "an alias (*name) was found", event.start_mark
            )
        return super().compose_node(parent, index)


def split(text: str, path: str) -> tuple[str | None, int, str, int]:
    """Split a file into (front-matter text, its first line, body, body's first line)."""
    lines = text.splitlines(keepends=True)
    if not lines or not FENCE.fullmatch(lines[0].rstrip("\r\n")):
        return None, 0, text, 1
    for index in range(1, len(lines)):
        if CLOSING.fullmatch(lines[index].rstrip("\r\n")):
            return "".join(lines[1:index]), 2, "".join(lines[index + 1 :]), index + 2
    raise _error(
        "frontmatter-unclosed",
        path,
        1,
        None,
        "The front-matter starts with '---' on line 1 but is never closed.",
        "Add a line with just '---' after the last front-matter line, before the text.",
    )


def parse(text: str, path: str) -> FrontMatter:
    """Read a Markdown file's front-matter strictly; raise ContentErrorException on a problem."""
    raw, first_line, body, body_line = split(text, path)
    if raw is None:
        return FrontMatter(None, body, body_line)
    if len(raw) > MAX_FRONT_MATTER_CHARS:
        raise _error(
            "frontmatter-too-large",
            path,
            first_line,
            None,
            f"The front-matter is {len(raw):,} characters long, more than the {MAX_FRONT_MATTER_CHARS:,} allowed.",
            "Move long text into the page body below the closing '---'.",
        )
    data = load_yaml(raw, path, first_line)
    if data is None:
        return FrontMatter(Located({}, first_line), body, body_line)
    return FrontMatter(data, body, body_line)


def load_yaml(raw: str, path: str, first_line: int) -> Located | None:
    """Compose and convert YAML text whose first line is ``first_line`` of the file."""
    offset = first_line - 1
    for number, line in enumerate(raw.splitlines(), start=first_line):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            raise _error(
                "yaml-tab",
                path,
                number,
                None,
                "This line is indented with a tab character; YAML only allows spaces.",
                "Replace the tab at the start of the line with spaces (two per level).",
            )
    if not raw.strip():
        return None
    try:
        _check_nesting(raw, path, offset)
        node = yaml.compose(raw, Loader=_FAST_LOADER or _NoAliasLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 + offset) if mark is not None else first_line
        problem = (exc.problem or exc.context or "the YAML could not be read").strip()
        escape = _surrogate_escape(raw, mark.line if mark is not None else None) if "escape" in problem else None
        if escape is not None:
            raise _error(
                "control-character", path, line, key_at(raw.split("\n"), mark.line + 1),
                f"The text writes '{escape}', the number of half of a surrogate pair (U+D800 to U+DFFF), "
                "which is not a character and cannot be published.",
                f"Remove '{escape}'; write the character itself (an emoji, say) instead of its code.",
            ) from None
        if "alias" in problem:
            raise _error(
                "yaml-alias",
                path,
                line,
                None,
                "The front-matter uses a YAML anchor or alias (&name / *name).",
                "Write the value out in full where it is needed; anchors and aliases are not allowed.",
            ) from None
        raise _error(
            "yaml-syntax",
            path,
            line,
            None,
            f"The front-matter is not valid YAML ({problem}).",
            "Check the line and the one above it: a missing ':' after a key, an unclosed quote, "
            "or a list item ('- ') at the wrong indentation are the usual causes. "
            "Put text containing ':' or '#' in double quotes.",
        ) from None
    except yaml.YAMLError as exc:  # pragma: no cover - defensive: reader errors without marks
        raise _error(
            "yaml-syntax", path, first_line, None, f"The front-matter is not valid YAML ({exc}).",
            "Check the front-matter for unusual characters.",
        ) from None
    if node is None:
        return None
    data = _convert(node, path, offset, key=None, depth=0)
    if not isinstance(data.value, dict):
        raise _error(
            "frontmatter-not-mapping",
            path,
            data.line,
            None,
            "The front-matter must be a list of 'key: value' lines.",
            "Start each line with a key name followed by ':' (for example 'title: Værdier').",
        )
    return data


_KEY_LINE = re.compile(r"^\s*(?:-\s+)?([^\s:#'\"\-][^:#]*?)\s*:(\s|$)")
_SURROGATE_ESCAPE = re.compile(r"\\(u[dD][89a-fA-F][0-9a-fA-F]{2}|U0000[dD][89a-fA-F][0-9a-fA-F]{2})")


def key_at(lines: list[str], number: int) -> str | None:
    """The dotted key a line of YAML belongs to, read from the keys above it and their indentation."""
    path: list[str] = []
    limit: int | None = None
    for above in range(min(number, len(lines)), 0, -1):
        match = _KEY_LINE.match(lines[above - 1])
        if match is None:
            continue
        indent = match.start(1)
        if limit is None or indent < limit:
            path.append(match.group(1))
            limit = indent
            if indent == 0:
                break
    return ".".join(reversed(path)) or None


def _surrogate_escape(raw: str, line: int | None) -> str | None:
    """The escape for half a surrogate pair on a line (0-based) of YAML, which libyaml refuses."""
    if line is None:
        return None
    lines = raw.split("\n")
    match = _SURROGATE_ESCAPE.search(lines[line]) if line < len(lines) else None
    return match.group(0) if match else None


def _check_nesting(raw: str, path: str, offset: int) -> None:
    """Refuse aliases and deep nesting from the event stream, before anything recursive runs.

    PyYAML's parser is a state machine, but composing is recursive: ``[[[[...`` a few
    thousand deep would end in a RecursionError instead of a message.
    """
    depth = 0
    for event in yaml.parse(raw, Loader=_FAST_LOADER or yaml.SafeLoader):
        if isinstance(event, (MappingStartEvent, SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise _error(
                    "yaml-too-deep", path, event.start_mark.line + 1 + offset, None,
                    f"The front-matter is nested more than {MAX_DEPTH} levels deep.",
                    "Flatten the structure; no field of the schema is nested this deeply.",
                )
        elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
            depth -= 1
        elif isinstance(event, AliasEvent):
            raise yaml.MarkedYAMLError(None, None, "an alias (*name) was found", event.start_mark)


def parse_document(text: str, path: str) -> Located:
    """Read a whole YAML data file (such as themes.yml) with the same strict rules."""
    data = load_yaml(text, path, 1)
    return data if data is not None else Located({}, 1)


def _convert(node: Node, path: str, offset: int, key: str | None, depth: int) -> Located:
    line = node.start_mark.line + 1 + offset
    if depth > MAX_DEPTH:
        raise _error(
            "yaml-too-deep", path, line, key,
            f"The front-matter is nested more than {MAX_DEPTH} levels deep.",
            "Flatten the structure; no field of the schema is nested this deeply.",
        )
    if isinstance(node, MappingNode):
        _check_tag(node, _TAG + "map", path, line, key)
        result: dict[str, Located] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise _error(
                    "yaml-complex-key", path, key_node.start_mark.line + 1 + offset, key,
                    "A key is a list or a mapping instead of a name.",
                    "Use a plain name followed by ':' as the key.",
                )
            name = key_node.value
            if name in result:
                raise _error(
                    "yaml-duplicate-key", path, key_node.start_mark.line + 1 + offset, name,
                    f"The key '{name}' appears twice (first on line {_key_line(node, name, offset)}); "
                    "YAML would silently keep only the last one.",
                    f"Delete one of the two '{name}:' lines or merge them.",
                )
            child_key = name if key is None else f"{key}.{name}"
            result[name] = _convert(value_node, path, offset, child_key, depth + 1)
        return Located(result, line)
    if isinstance(node, SequenceNode):
        _check_tag(node, _TAG + "seq", path, line, key)
        return Located(
            [
                _convert(item, path, offset, f"{key}[{index}]", depth + 1)
                for index, item in enumerate(node.value)
            ],
            line,
        )
    assert isinstance(node, ScalarNode)
    return Located(_scalar(node, path, line, key), line)


def _key_line(node: MappingNode, name: str, offset: int) -> int:
    for key_node, _ in node.value:
        if isinstance(key_node, ScalarNode) and key_node.value == name:
            return key_node.start_mark.line + 1 + offset
    return 0  # pragma: no cover


def _check_tag(node: Node, expected: str, path: str, line: int, key: str | None) -> None:
    if node.tag != expected:
        raise _unsafe_tag(node.tag, path, line, key)


def _unsafe_tag(tag: str, path: str, line: int, key: str | None) -> ContentErrorException:
    shown = tag.replace(_TAG, "!!")
    return _error(
        "yaml-tag", path, line, key,
        f"The value is marked with the YAML tag '{shown}', which is not allowed here.",
        "Remove the tag (the part starting with '!') and write the value as plain text.",
    )


def _scalar(node: ScalarNode, path: str, line: int, key: str | None) -> Any:
    """Turn a scalar into str, int, float, bool, date or None, refusing YAML 1.1 guesses."""
    value: str = node.value
    tag = node.tag
    quoted = node.style in ("'", '"', "|", ">")
    if tag == _TAG + "str":
        return value
    if not tag.startswith(_TAG) or tag.startswith(_TAG + "python"):
        raise _unsafe_tag(tag, path, line, key)
    if quoted:
        # An explicit !!int or !!bool on a quoted value: refuse rather than convert.
        raise _unsafe_tag(tag, path, line, key)
    if tag == _TAG + "null":
        return None
    if tag == _TAG + "bool":
        if value.lower() in _BOOL_WORDS and value in ("true", "false"):
            return value == "true"
        raise _error(
            "yaml-ambiguous-bool", path, line, key,
            f"'{value}' would be read as yes/no (true/false) by YAML, not as the text '{value}'.",
            f"Write true or false for a yes/no field, or put the text in quotes: \"{value}\".",
        )
    if tag == _TAG + "int":
        if _PLAIN_INT.fullmatch(value):
            return int(value)
        if ":" in value:
            problem = f"'{value}' looks like a time, but YAML would read it as the number {_sexagesimal(value)}."
        else:
            problem = f"'{value}' would be read by YAML as a number in another base or format, not as written."
        raise _error(
            "yaml-ambiguous-number", path, line, key, problem,
            f"Put it in quotes: \"{value}\".",
        )
    if tag == _TAG + "float":
        if _PLAIN_FLOAT.fullmatch(value):
            return float(value)
        raise _error(
            "yaml-ambiguous-number", path, line, key,
            f"'{value}' would be read by YAML as a special number, not as written.",
            f"Put it in quotes: \"{value}\".",
        )
    if tag == _TAG + "timestamp":
        if _DATE.fullmatch(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                raise _error(
                    "yaml-bad-date", path, line, key,
                    f"'{value}' is not a real calendar date.",
                    "Write the date as YYYY-MM-DD with a real month and day, for example 2019-06-24.",
                ) from None
        raise _error(
            "yaml-ambiguous-date", path, line, key,
            f"'{value}' is a date with a time; only plain dates are used here.",
            "Write the date as YYYY-MM-DD, for example 2019-06-24.",
        )
    raise _unsafe_tag(tag, path, line, key)


def _sexagesimal(value: str) -> int:
    total = 0
    for part in value.lstrip("+-").split(":"):
        total = total * 60 + int(part.replace("_", "") or 0)
    return -total if value.startswith("-") else total


class ContentErrorException(Exception):
    """Wraps one ContentError so it can be raised from deep inside parsing."""

    def __init__(self, error: ContentError):
        self.error = error
        super().__init__(str(error))


def _error(code: str, path: str, line: int | None, key: str | None, problem: str, fix: str) -> ContentErrorException:
    return ContentErrorException(ContentError(code, path, line, key, problem, fix))


def plain(located: Located | None) -> Any:
    """Strip line information: the value as ordinary Python data."""
    if located is None:
        return None
    value = located.value
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value
