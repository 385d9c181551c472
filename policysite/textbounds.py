"""Bounds on Markdown text, checked in one linear pass before the text is rendered.

Python-Markdown, with the extensions this project uses (policysite.markup),
does far more than linear work on some shapes of text. Measured on this
machine, in processor time (tests/test_bounds.py keeps them in check):

- every '[' makes the link patterns scan forward, character by character in
  Python, for its ']' (and a link's '(' for its ')'), to the end of the
  paragraph if there is none: 5,000 '[' in a row took 4 s, 10,000 took 19 s;
- html.parser, which reads raw HTML out of the text, scans from every '<' that
  starts a tag to the next '>': '<a' 10,000 times took 0.6 s, 20,000 times 1.9 s;
- every inline match (a code span, emphasis, an escape, a link) rebuilds the
  text of its paragraph: '`a' 20,000 times in one paragraph took 0.3 s, 40,000
  times 1 s, 160,000 times a minute;
- every heading, rule or setext underline inside a paragraph splits it, and
  the rest is tested again by every block rule: 2,000 headings without blank
  lines between them took 1 s, 4,000 took 3.4 s;
- the table of contents makes equal headings' ids unique by trying 'id_1',
  'id_2', ...; each code block costs a highlighter (about 0.5 ms); definitions
  without blank lines and HTML with a markdown attribute recurse (1,000
  definitions in a row: RecursionError), and so do nested quotes and lists;
- dense but linear markup costs up to about 10 µs per character (render,
  sanitize and analyse together), so the length of a text is bounded too.

Each bound below is explicit, and the pass that checks them reads every
character a bounded number of times (3 ms for 100,000 characters of real text).
A text beyond a bound is refused with its line and what to change; it is never
rendered. Within the bounds, the slowest shape found (a 5,000-row table) takes
0.7 s for render, sanitize and analyse. The bounds are far above what real
pages need: the longest page body here (the editors' guide) has 5,200
characters, 82 lines, 30 paragraphs, 184 formatting marks and no unclosed '['.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

MAX_CHARS = 100_000  # characters in one Markdown text (a page body or a front-matter text)
MAX_LINES = 5_000
MAX_PARAGRAPHS = 2_000  # parts separated by blank lines
MAX_MARKS = 5_000  # formatting marks: * _ ` [ < & \ ! and line breaks (two spaces at a line's end)
MAX_OPEN = 4  # '[' (or a link's '(') open at once in a paragraph: brackets in brackets, or never closed
MAX_OPEN_TAGS = 4  # '<' that start a tag between two '>'
MAX_HTML_TAGS = 1_000  # '<' that start a tag (HTML elements, comments) in one text
MAX_MARKDOWN_IN_HTML = 20  # HTML tags with a markdown attribute (md_in_html nests a renderer in each)
MAX_NESTING = 8  # quote marks ('>') and list markers at the start of a line
MAX_INDENT = 40  # columns of spaces (a tab counts 4) at the start of a line
MAX_HEADINGS = 1_000
MAX_FENCES = 200  # lines starting with ``` or ~~~ (a code block has two)
MAX_DEFINITIONS = 100  # definition lines (': ...') in one paragraph
MAX_BACKTICKS = 32  # backticks in a row: an unclosed run is searched for its end once per tail
INLINE_WORK = 20_000_000  # sum over paragraphs of (markup characters x characters): inline rebuilding
BLOCK_WORK = 4_000_000  # sum over paragraphs of (splitting lines x characters): block re-testing



@dataclass(frozen=True)
class Limit:
    """One bound as the editors' guide lists it (docs/redaktoerer/, rendered from here)."""

    da: str
    en: str
    value: int


LIMITS: tuple[Limit, ...] = (
    Limit("tegn i én tekst", "characters in one text", MAX_CHARS),
    Limit("linjer i én tekst", "lines in one text", MAX_LINES),
    Limit("afsnit i én tekst", "paragraphs in one text", MAX_PARAGRAPHS),
    Limit("formateringstegn i én tekst (`*` `_` `` ` `` `[` `<` `&` `\\` `!` og linjeskift)",
          "formatting marks in one text (`*` `_` `` ` `` `[` `<` `&` `\\` `!` and line breaks)", MAX_MARKS),
    Limit("`[` (eller linkadresser `(`) åbne på én gang i et afsnit",
          "`[` (or link addresses `(`) open at once in a paragraph", MAX_OPEN),
    Limit("`<`, der begynder et HTML-mærke før næste `>`", "`<` starting an HTML tag before the next `>`",
          MAX_OPEN_TAGS),
    Limit("HTML-mærker i én tekst", "HTML tags in one text", MAX_HTML_TAGS),
    Limit("HTML-mærker med `markdown`-egenskab", "HTML tags with a `markdown` attribute", MAX_MARKDOWN_IN_HTML),
    Limit("citattegn (`>`) og listetegn i starten af en linje", "quote marks (`>`) and list markers at the start of a line",
          MAX_NESTING),
    Limit("mellemrum i starten af en linje", "spaces at the start of a line", MAX_INDENT),
    Limit("overskrifter i én tekst", "headings in one text", MAX_HEADINGS),
    Limit("kodeblokke (` ``` ` eller `~~~`) i én tekst", "code blocks (` ``` ` or `~~~`) in one text", MAX_FENCES // 2),
    Limit("definitioner (`: ...`) i ét afsnit", "definitions (`: ...`) in one paragraph", MAX_DEFINITIONS),
    Limit("backticks (`` ` ``) i træk", "backticks (`` ` ``) in a row", MAX_BACKTICKS),
    Limit("formateringstegn × tegn i et afsnit, lagt sammen", "formatting marks × characters of a paragraph, summed",
          INLINE_WORK),
    Limit("overskrifter, streger og understregninger uden tom linje × tegn i afsnittet, lagt sammen",
          "headings, rules and underlines without a blank line × characters of the paragraph, summed", BLOCK_WORK),
)

_MARKUP = frozenset("`*_\\[<&!")
_BRACKETS = re.compile(r"[\\\[\]()'\"]")
_MARKDOWN_ATTRIBUTE = re.compile(r"\smarkdown\b", re.IGNORECASE)
_BACKTICK_RUN = re.compile(r"`{%d,}" % (MAX_BACKTICKS + 1))
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_FENCE = re.compile(r"^[ \t]*(?:`{3,}|~{3,})")
_DEFINITION = re.compile(r"^ {0,3}:[ \t]")
_ITEM = re.compile(r"^ {0,3}(?:[*+-]|\d{1,9}\.)[ \t]+")
_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_FIX_BRACKET = ("Close each '[' with ']' in the same paragraph, and each link address '(' with ')'; "
                "write '\\[' for a bracket that is just a character.")


@dataclass(frozen=True)
class TooComplex:
    """Why a text is refused before rendering: where (a line of the text, from 1) and what to change."""

    line: int
    problem: str
    fix: str


class _Refused(Exception):
    def __init__(self, found: TooComplex) -> None:
        self.found = found


def check(text: str) -> TooComplex | None:
    """The first bound ``text`` exceeds, or None; linear in the length of the text."""
    if len(text) > MAX_CHARS:
        return TooComplex(1, f"The text is {len(text):,} characters long, more than the {MAX_CHARS:,} "
                             "one page's text may have.",
                          "Split it into several pages and list them under 'pages' in index.md.")
    try:
        _check(text)
    except _Refused as refused:
        return refused.found
    return None


def _refuse(line: int, problem: str, fix: str) -> None:
    raise _Refused(TooComplex(line, problem, fix))


def _nesting(line: str) -> int:
    """Quote marks and list markers before the text of a line ('> > - text' -> 3)."""
    count = position = 0
    length = len(line)
    while position < length:
        while position < length and line[position] in " \t":
            position += 1
        if position >= length:
            break
        char = line[position]
        if char == ">":
            count += 1
            position += 1
        elif char in "*+-" and line[position + 1:position + 2] in (" ", "\t"):
            count += 1
            position += 1
        elif char.isdigit():
            end = position
            while end < length and end - position < 10 and line[end].isdigit():
                end += 1
            if line[end:end + 1] in (".", ")") and line[end + 1:end + 2] in (" ", "\t"):
                count += 1
                position = end + 1
            else:
                break
        else:
            break
    return count


def _indent(line: str) -> int:
    columns = 0
    for char in line:
        if char == " ":
            columns += 1
        elif char == "\t":
            columns += 4
        else:
            break
    return columns


def _check(text: str) -> None:
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    _check_tags(text, starts)
    run = _BACKTICK_RUN.search(text)
    if run is not None:
        _refuse(bisect_right(starts, run.start()), f"More than {MAX_BACKTICKS} backticks (`) in a row.",
                "Remove the extra backticks; code needs one (`code`) or three (```) of them.")
    if len(lines) > MAX_LINES:
        _refuse(MAX_LINES + 1, f"The text has more than {MAX_LINES:,} lines.",
                "Split it into several pages and list them under 'pages' in index.md.")
    headings = fences = paragraphs = all_marks = 0
    inline_work = block_work = 0
    number = 0
    while number < len(lines):
        # Python-Markdown splits paragraphs at lines that are empty once spaces (and tabs) are removed.
        if not lines[number].strip(" \t"):
            number += 1
            continue
        first = number  # a paragraph: lines up to the next blank one
        while number < len(lines) and lines[number].strip(" \t"):
            number += 1
        block = lines[first:number]
        length = sum(len(line) + 1 for line in block)
        paragraphs += 1
        if paragraphs > MAX_PARAGRAPHS:
            _refuse(first + 1, f"The text has more than {MAX_PARAGRAPHS:,} paragraphs.",
                    "Split it into several pages and list them under 'pages' in index.md.")
        steps = definitions = 0
        for offset, line in enumerate(block, start=first + 1):
            if _indent(line) > MAX_INDENT:
                _refuse(offset, f"The line is indented by more than {MAX_INDENT} spaces.",
                        "Remove the extra spaces at the start of the line; lists and quotes need only a few levels.")
            if not _RULE.fullmatch(line) and _nesting(line) > MAX_NESTING:
                _refuse(offset, f"The line starts with more than {MAX_NESTING} quote marks ('>') or list markers, "
                                "nested inside each other.",
                        "Remove the extra '>' or list markers; no page needs more than a few levels.")
            if line.startswith("#"):
                headings += 1
                steps += 1
            elif _RULE.fullmatch(line) or _SETEXT.fullmatch(line):
                steps += 1
            if _FENCE.match(line):
                fences += 1
            if _DEFINITION.match(line):
                definitions += 1
                steps += 1
        if headings > MAX_HEADINGS:
            _refuse(first + 1, f"The text has more than {MAX_HEADINGS:,} headings.",
                    "Split it into several pages and list them under 'pages' in index.md.")
        if fences > MAX_FENCES:
            _refuse(first + 1, f"The text has more than {MAX_FENCES // 2} code blocks (``` or ~~~).",
                    "Split it into several pages, or show fewer pieces of code.")
        if definitions > MAX_DEFINITIONS:
            _refuse(first + 1, f"The paragraph starting here has more than {MAX_DEFINITIONS} definitions "
                               "(lines starting with ':') without a blank line between them.",
                    "Put a blank line between the terms and their definitions.")
        block_work += steps * length
        if block_work > BLOCK_WORK:
            _refuse(first + 1, "The paragraph starting here runs many headings, rules or underlines together "
                               "without blank lines, in a long text.",
                    "Put a blank line before and after each heading and each rule (---).")
        for unit_first, unit in _units(block, first):
            unit_text = "\n".join(unit)
            _check_brackets(unit_text, unit_first)
            marks = sum(unit_text.count(char) for char in _MARKUP) + sum(1 for row in unit if row.endswith("  "))
            all_marks += marks
            if all_marks > MAX_MARKS:
                _refuse(unit_first + 1, f"The text has more than {MAX_MARKS:,} formatting marks "
                                        "(* _ ` [ < & \\ ! and line breaks); this is where the limit is passed.",
                        "Split it into several pages, or remove formatting that is not needed.")
            inline_work += marks * len(unit_text)
            if inline_work > INLINE_WORK:
                _refuse(unit_first + 1, f"The paragraph starting here is long ({len(unit_text):,} characters) and "
                                        f"has formatting marks all through it ({marks:,} of * _ ` [ < & \\ !).",
                        "Split it into shorter paragraphs with blank lines, or remove formatting that is not needed.")


def _units(block: list[str], first: int) -> list[tuple[int, list[str]]]:
    """The parts of a paragraph that Python-Markdown formats one at a time, or larger parts.

    Only cuts that Python-Markdown makes too are made, so the work is never
    underestimated: a line starting with '#' (a heading) or a rule or underline
    ends what is above it and stands alone; what follows starts afresh, and is a
    table (every row apart), a list (every item apart: only where the part starts
    with an item, since an item cannot interrupt a paragraph) or a paragraph (one part).
    """
    units: list[tuple[int, list[str]]] = []
    index = 0
    while index < len(block):
        line = block[index]
        if line.startswith("#") or _RULE.fullmatch(line) or _SETEXT.fullmatch(line):
            units.append((first + index, [line]))
            index += 1
            continue
        end = index
        while end < len(block) and not (block[end].startswith("#") or _RULE.fullmatch(block[end])
                                        or _SETEXT.fullmatch(block[end])):
            end += 1
        part = block[index:end]
        if len(part) >= 2 and "|" in part[0] and _TABLE_RULE.fullmatch(part[1]):
            units.extend((first + index + offset, [row]) for offset, row in enumerate(part))
        elif _ITEM.match(part[0]):
            for offset, row in enumerate(part):
                if offset == 0 or _ITEM.match(row):
                    units.append((first + index + offset, [row]))
                else:
                    units[-1][1].append(row)
        else:
            units.append((first + index, part))
        index = end
    return units


def _line_in(unit: str, position: int, unit_first: int, newlines: list[int]) -> int:
    return unit_first + 1 + bisect_right(newlines, position)


def _check_brackets(unit: str, unit_first: int) -> None:
    """Refuse brackets that would make the link patterns scan far.

    A '[' is scanned until its ']' (or the end of the paragraph), a link address
    '(' after '](' until its ')', or, once a quote starts a title in it, until a
    ')' right after a closing quote. With at most MAX_OPEN of each open at any
    point, each character is scanned at most MAX_OPEN times per pattern.
    """
    if "[" not in unit:
        return  # a link address is only scanned after '](', so no '[' means nothing to scan
    newlines = [match.start() for match in re.finditer("\n", unit)]
    brackets: list[int] = []
    targets: list[list[int]] = []  # [where the address starts, '(' open inside it, "'" seen, '"' seen]
    skip_to = 0
    for match in _BRACKETS.finditer(unit):  # only the characters that matter, in order
        position = match.start()
        if position < skip_to:
            continue
        char = match.group(0)
        if char == "\\":
            skip_to = position + 2  # an escaped character is not markup (Python-Markdown escapes before links)
            continue
        if targets:
            target = targets[-1]
            quoted = target[2] or target[3]
            if char == "'":
                target[2] += 1
            elif char == '"':
                target[3] += 1
            elif char == ")" and quoted:
                before = unit[position - 1]
                if (before == "'" and target[2] >= 2) or (before == '"' and target[3] >= 2):
                    targets.pop()
            elif char == "(" and not quoted:
                target[1] += 1
            elif char == ")":
                if target[1]:
                    target[1] -= 1
                else:
                    targets.pop()
        if char == "[":
            brackets.append(position)
            if len(brackets) > MAX_OPEN:
                _refuse(_line_in(unit, brackets[0], unit_first, newlines),
                        f"More than {MAX_OPEN} '[' are open at once here: brackets inside brackets, or '[' that "
                        "are never closed by ']' in the paragraph.", _FIX_BRACKET)
        elif char == "]" and brackets:
            brackets.pop()
            if unit[position + 1:position + 2] == "(":
                targets.append([position + 1, 0, 0, 0])
                if len(targets) > MAX_OPEN:
                    _refuse(_line_in(unit, targets[0][0], unit_first, newlines),
                            f"More than {MAX_OPEN} link addresses '](' are open at once here, never closed by ')'.",
                            _FIX_BRACKET)
                skip_to = position + 2  # the '(' opens the address, it is not inside it


def _check_tags(text: str, starts: list[int]) -> None:
    """'<' that start a tag: html.parser scans from each to the next '>'."""
    tags = markdown = 0
    pending: list[int] = []  # tag starts since the last '>'
    for match in re.finditer(r"<[A-Za-z/!?]|>", text):
        if match.group(0) == ">":
            for start in pending:  # at most MAX_OPEN_TAGS, each read to this '>'
                if _MARKDOWN_ATTRIBUTE.search(text, start, match.start()):
                    markdown += 1
                    if markdown > MAX_MARKDOWN_IN_HTML:
                        _refuse(bisect_right(starts, start),
                                f"More than {MAX_MARKDOWN_IN_HTML} HTML tags here have a 'markdown' attribute.",
                                "Write the text in Markdown without HTML around it.")
            pending.clear()
            continue
        tags += 1
        pending.append(match.start())
        if tags > MAX_HTML_TAGS:
            _refuse(bisect_right(starts, match.start()), f"The text has more than {MAX_HTML_TAGS:,} HTML tags.",
                    "Write the text in Markdown instead of HTML, or split it into several pages.")
        if len(pending) > MAX_OPEN_TAGS:
            _refuse(bisect_right(starts, pending[0]),
                    f"More than {MAX_OPEN_TAGS} '<' here start an HTML tag without a '>' to end it.",
                    "Write '&lt;' for a '<' that is just a character, or put the text in backticks: `<`.")
