"""Strict front-matter reading: YAML without surprises, every value tagged with its line.

MkDocs silently drops front-matter it cannot parse; here every problem becomes a
ContentError. YAML 1.1 quirks (``yes`` becoming true, ``010`` becoming 8, ``12:30``
becoming 750) are refused rather than guessed, anchors and aliases are refused
(an alias bomb cannot expand), and only plain YAML tags are accepted.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Mapping

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
    # For a mapping: the line of each key (a list or group under a key starts on a later line).
    key_lines: Mapping[str, int] | None = field(default=None, compare=False)


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
    raise _error("frontmatter-unclosed", path, 1, None, "unclosed")


def parse(text: str, path: str) -> FrontMatter:
    """Read a Markdown file's front-matter strictly; raise ContentErrorException on a problem."""
    raw, first_line, body, body_line = split(text, path)
    if raw is None:
        return FrontMatter(None, body, body_line)
    if len(raw) > MAX_FRONT_MATTER_CHARS:
        raise _error("frontmatter-too-large", path, first_line, None, "size",
                     size=len(raw), limit=MAX_FRONT_MATTER_CHARS)
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
            expanded = [text.expandtabs(4) for text in raw.splitlines()]  # the key as if the tab were spaces
            raise _error("yaml-tab", path, number, key_at(expanded, number - offset), "tab")
    if not raw.strip():
        return None
    try:
        _check_nesting(raw, path, offset)
        node = yaml.compose(raw, Loader=_FAST_LOADER or _NoAliasLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or exc.context or "").strip()
        lines = raw.split("\n")
        escape = _surrogate_escape(raw, mark.line if mark is not None else None) if "escape" in problem else None
        if escape is not None:
            raise _error("control-character", path, mark.line + 1 + offset, key_at(lines, mark.line + 1),
                         "surrogate", escape=escape) from None
        if "alias" in problem and exc.context is None:  # our own refusal of an alias (_check_nesting)
            line = (mark.line + 1 + offset) if mark is not None else first_line
            raise _error("yaml-alias", path, line, None, "alias") from None
        code, detail, index, params = _syntax_mistake(exc, lines)
        raise _error(code, path, index + 1 + offset, key_at(lines, index + 1), detail, **params) from None
    except yaml.YAMLError:  # pragma: no cover - defensive: reader errors without marks
        raise _error("yaml-syntax", path, first_line, None, "unreadable") from None
    if node is None:
        return None
    data = _convert(node, path, offset, key=None, depth=0)
    if not isinstance(data.value, dict):
        raise _error("frontmatter-not-mapping", path, data.line, None, "not-mapping")
    return data


_KEY_LINE = re.compile(r"^\s*(?:-\s+)?([^\s:#'\"\-][^:#]*?)\s*:(\s|$)")
_SURROGATE_ESCAPE = re.compile(r"\\(u[dD][89a-fA-F][0-9a-fA-F]{2}|U0000[dD][89a-fA-F][0-9a-fA-F]{2})")


_ITEM_LINE = re.compile(r"^( *)-(?:[ \t]|$)")


def key_at(lines: list[str], number: int) -> str | None:
    """The dotted key a line of YAML belongs to (``values[1].title``), read from the keys and list items
    above it and their indentation."""
    path: list[str] = []
    limit: int | None = None
    index: int | None = None  # the list item the keys so far are in, for the list's own key above
    for above in range(min(number, len(lines)), 0, -1):
        line = lines[above - 1]
        match = _KEY_LINE.match(line)
        if match is not None:
            indent = match.start(1)
            # A list's own key is above its items, further out or (YAML's compact style, `key:` then
            # `- item` at the same indentation) level with their dashes.
            if limit is None or indent < limit or (index is not None and indent == limit):
                name = match.group(1) if index is None else f"{match.group(1)}[{index}]"
                path.append(name)
                index = None
                limit = indent
                if indent == 0:
                    break
        item = _ITEM_LINE.match(line)
        if item is not None and (limit is None or len(item.group(1)) < limit):
            dash = len(item.group(1))
            index = _item_index(lines, above, dash)
            limit = dash
    return ".".join(reversed(path)) or None


def _item_index(lines: list[str], number: int, dash: int) -> int:
    """Which item (from 0) of its list the item starting on line ``number`` is."""
    count = 0
    for above in range(number - 1, 0, -1):
        line = lines[above - 1]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indent = len(line) - len(line.lstrip(" "))
        if indent < dash:
            break
        if indent == dash and _ITEM_LINE.match(line):
            count += 1
    return count


def _surrogate_escape(raw: str, line: int | None) -> str | None:
    """The escape for half a surrogate pair on a line (0-based) of YAML, which libyaml refuses."""
    if line is None:
        return None
    lines = raw.split("\n")
    match = _SURROGATE_ESCAPE.search(lines[line]) if line < len(lines) else None
    return match.group(0) if match else None


_KEY_VALUE = re.compile(r"^(\s*)(?:-\s+)?([^\s:#'\"\-][^:#]*?)\s*:\s+(.*)$")


def _syntax_mistake(exc: yaml.MarkedYAMLError, lines: list[str]) -> tuple[str, str, int, dict[str, object]]:
    """What an editor did, read from a parser error: (code, detail, 0-based line, parameters).

    The parser's own words ("mapping values are not allowed in this context") never reach the
    message; each error is read as the mistake that causes it, at the line where it was made.
    """
    problem = (exc.problem or "").lower()
    context = (exc.context or "").lower()
    mark = exc.problem_mark or exc.context_mark
    last = max(len(lines) - 1, 0)
    at = min(mark.line, last) if mark is not None else 0
    start = min(exc.context_mark.line, last) if exc.context_mark is not None else at

    def char_at(found) -> str:
        if found is not None and found.line < len(lines) and found.column < len(lines[found.line]):
            return lines[found.line][found.column]
        return "?"

    if "tab" in problem or "\\t" in problem:
        return "yaml-tab", "tab-inside", at, {}
    if "quoted scalar" in context and "end of stream" in problem:
        return "yaml-syntax", "unclosed-quote", start, {"quote": char_at(exc.context_mark)}
    if "escape" in problem or "hexdecimal" in problem or "hexadecimal" in problem:
        return "yaml-syntax", "backslash", at, {}
    if "mapping values are not allowed" in problem:
        return _colon_mistake(lines, at)
    if "could not find expected ':'" in problem:
        return "yaml-syntax", "missing-colon", start, {"text": lines[start].strip() if lines else ""}
    if "sequence entries are not allowed" in problem:
        match = _KEY_LINE.match(lines[at]) if lines else None
        return "yaml-syntax", "item-on-key-line", at, {"name": match.group(1) if match else "themes"}
    if "'-' indicator" in problem or "block collection" in context:
        return "yaml-syntax", "list-indentation", at, {}
    if "block mapping" in context:
        text = lines[at] if lines else ""
        if re.search(r":\s+(\"[^\"]*\"|'[^']*')\s*[^\s#]", text):
            return "yaml-syntax", "after-quote", at, {}
        if text.lstrip().startswith("- "):
            return "yaml-syntax", "list-indentation", at, {}
        return "yaml-syntax", "indentation", at, {}
    if "flow sequence" in context:
        return "yaml-syntax", "unclosed-bracket", start, {"bracket": "[", "closing": "]"}
    if "flow mapping" in context:
        return "yaml-syntax", "unclosed-bracket", start, {"bracket": "{", "closing": "}"}
    if "another document" in problem:
        return "yaml-syntax", "second-document", at, {}
    if "anchor" in context or "alias" in context:
        return "yaml-syntax", "reserved-start", start, {"char": char_at(exc.context_mark)}
    if ("cannot start any token" in problem or "block scalar" in context or "node content" in problem
            or "mapping keys are not allowed" in problem or "tag" in context):
        found = exc.context_mark if "block scalar" in context or "tag" in context else exc.problem_mark
        return "yaml-syntax", "reserved-start", at, {"char": char_at(found)}
    return "yaml-syntax", "unreadable", at, {}


def _colon_mistake(lines: list[str], at: int) -> tuple[str, str, int, dict[str, object]]:
    """YAML's "mapping values are not allowed": a colon in a text, a missing colon above, or an indent."""
    text = lines[at] if at < len(lines) else ""
    match = _KEY_VALUE.fullmatch(text)
    if match and re.search(r":(\s|$)", match.group(3)):
        return "yaml-syntax", "colon", at, {"name": match.group(2), "example": match.group(3).strip()}
    above = next((i for i in range(at - 1, -1, -1) if lines[i].strip() and not lines[i].lstrip().startswith("#")), None)
    if above is not None and ":" not in lines[above] and not lines[above].lstrip().startswith("- "):
        return "yaml-syntax", "missing-colon", above, {"text": lines[above].strip()}
    return "yaml-syntax", "indentation", at, {}


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
                raise _error("yaml-too-deep", path, event.start_mark.line + 1 + offset, None, "depth",
                             limit=MAX_DEPTH)
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
        raise _error("yaml-too-deep", path, line, key, "depth", limit=MAX_DEPTH)
    if isinstance(node, MappingNode):
        _check_tag(node, _TAG + "map", path, line, key)
        result: dict[str, Located] = {}
        key_lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise _error("yaml-complex-key", path, key_node.start_mark.line + 1 + offset, key, "complex-key")
            name = key_node.value
            if name in result:
                child = name if key is None else f"{key}.{name}"
                raise _error("yaml-duplicate-key", path, key_node.start_mark.line + 1 + offset, child, "duplicate",
                             name=name, first=_key_line(node, name, offset))
            child_key = name if key is None else f"{key}.{name}"
            key_lines[name] = key_node.start_mark.line + 1 + offset
            result[name] = _convert(value_node, path, offset, child_key, depth + 1)
        return Located(result, line, key_lines)
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
    return _error("yaml-tag", path, line, key, "tag", tag=shown)


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
        raise _error("yaml-ambiguous-bool", path, line, key, "bool", value=value)
    if tag == _TAG + "int":
        if _PLAIN_INT.fullmatch(value):
            return int(value)
        if ":" in value:
            raise _error("yaml-ambiguous-number", path, line, key, "time", value=value, number=_sexagesimal(value))
        raise _error("yaml-ambiguous-number", path, line, key, "base", value=value)
    if tag == _TAG + "float":
        if _PLAIN_FLOAT.fullmatch(value):
            return float(value)
        raise _error("yaml-ambiguous-number", path, line, key, "special", value=value)
    if tag == _TAG + "timestamp":
        if _DATE.fullmatch(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                raise _error("yaml-bad-date", path, line, key, "date", value=value) from None
        raise _error("yaml-ambiguous-date", path, line, key, "datetime", value=value)
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


def _error(code: str, path: str, line: int | None, key: str | None, detail: str,
           **params: object) -> ContentErrorException:
    """A registered message (policysite/messages.py) with its parameters, ready to raise."""
    return ContentErrorException(ContentError(code, path, line, key, detail=detail, params=params))


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
