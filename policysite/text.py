"""Text as editors type it: the characters no content may hold, and what makes a text plain.

Two rules, used by every check of front-matter values, page bodies and themes.yml:

- Some characters never belong in content: C0 and C1 control characters
  (tab, line feed and carriage return excepted where a kind of text allows
  them), DEL, the bidirectional controls that can make text read differently
  from how it is stored (the Unicode property Bidi_Control: U+061C, U+200E,
  U+200F, U+202A–U+202E, U+2066–U+2069), the line and paragraph separators
  U+2028/U+2029 (invisible line breaks that end strings in older JavaScript),
  U+FEFF inside text (a byte order mark belongs only at the very start of a
  file, where it is dropped), noncharacters and unpaired surrogates. They are
  refused whether typed raw, written as YAML escapes (``"\\0"``, ``"\\e"``,
  ``"\\u202e"``) or as HTML character references (``&#x202e;``).
- Plain text holds no markup: nothing HTML or Markdown would turn into an
  element, an entity, a code span, a link, an image or an attribute list.
  Plain text is printed escaped wherever it appears, so this rule is not what
  keeps pages safe; it makes sure an editor never sees their ``&lt;`` or
  ``*stars*`` shown differently from how they meant them, and that a mistake
  in one template cannot turn a title into markup.
"""
from __future__ import annotations

import html as htmllib
import re
import unicodedata
from dataclasses import dataclass

from .messages import Phrase, phrase

# Noncharacters beyond the Basic Multilingual Plane: U+1FFFE, U+1FFFF, ... U+10FFFF.
_ASTRAL_NONCHARACTERS = "".join(chr(plane * 0x10000 + low) for plane in range(1, 17) for low in (0xFFFE, 0xFFFF))
_FORBIDDEN_CLASS = (
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # C0 (but tab, line feed, carriage return), DEL, C1
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # Bidi_Control
    "\u2028\u2029"  # line and paragraph separator
    "\ufeff"  # byte order mark / zero width no-break space
    "\ufdd0-\ufdef\ufffe\uffff" + _ASTRAL_NONCHARACTERS  # noncharacters
    + "\ud800-\udfff"  # surrogates: only ever unpaired in a Python string
)
# In a file: tab, line feed and carriage return are how text is laid out.
FORBIDDEN_IN_FILE = re.compile(f"[{_FORBIDDEN_CLASS}]")
# In a value read from YAML (or decoded from HTML): a carriage return can only come from an escape.
FORBIDDEN_IN_VALUE = re.compile(f"[{_FORBIDDEN_CLASS}\r]")

_NAMES = {
    0x00: "NULL", 0x07: "BELL", 0x08: "BACKSPACE", 0x09: "TAB", 0x0B: "LINE TABULATION", 0x0C: "FORM FEED",
    0x0D: "CARRIAGE RETURN", 0x1B: "ESCAPE", 0x7F: "DELETE", 0x85: "NEXT LINE",
    0xFEFF: "ZERO WIDTH NO-BREAK SPACE (byte order mark)",
}


def describe_character(character: str) -> str:
    """A character as an editor can look it up: 'U+202E (RIGHT-TO-LEFT OVERRIDE)'."""
    code = ord(character)
    name = _NAMES.get(code) or unicodedata.name(character, "")
    if not name:
        if 0xD800 <= code <= 0xDFFF:
            name = "half of a surrogate pair, not a character"
        elif (code & 0xFFFE) == 0xFFFE or 0xFDD0 <= code <= 0xFDEF:
            name = "a noncharacter"
        else:
            name = "a control character"
    return f"U+{code:04X} ({name})"


@dataclass(frozen=True)
class BadCharacter:
    character: str
    offset: int  # in the text searched

    @property
    def shown(self) -> str:
        return describe_character(self.character)


def forbidden_characters(text: str, *, in_file: bool = False, allow_tab: bool = True) -> list[BadCharacter]:
    """Every character of ``text`` that content may not hold, in order."""
    pattern = FORBIDDEN_IN_FILE if in_file else FORBIDDEN_IN_VALUE
    found = [BadCharacter(match.group(0), match.start()) for match in pattern.finditer(text)]
    if not allow_tab:
        found += [BadCharacter("\t", match.start()) for match in re.finditer("\t", text)]
        found.sort(key=lambda bad: bad.offset)
    return found


def strip_byte_order_mark(text: str) -> str:
    """A file's text without the byte order mark some editors put at its start (MkDocs drops it too)."""
    return text[1:] if text.startswith("\ufeff") else text


# ---- Plain text ----------------------------------------------------------------

_TAG_START = re.compile(r"<[A-Za-z/!?]")
_REFERENCE = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9A-Fa-f]+;?|[A-Za-z][A-Za-z0-9]*;?)")
# What Python-Markdown's attr_list reads, written anywhere in the text: '{: .x }', '{#id}', '{ key=value }'.
_ATTRIBUTE_LIST = re.compile(r"\{[ \t]*(?::|[#.][\w-]|[^{}\n]*=)[^{}\n]*\}")
# Without one of these characters, neither HTML nor Markdown can make anything of a text.
_MARKUP_CHARACTERS = re.compile(r"[`<&{\\*_\[]")
_ELEMENT_WORDS = ("em", "strong", "a", "img", "code", "br")  # named in the registry as markup-<tag>


def plain_text_markup(text: str, render_paragraph) -> Phrase | None:
    """What in ``text`` HTML or Markdown would read as markup, in an editor's words (a phrase of the
    message registry, in the messages' language); None if it is plain.

    ``render_paragraph`` renders one line of Markdown the way the build does
    (policysite.markup.render); it is only called for texts that hold one of the
    few characters markup starts with.
    """
    if not _MARKUP_CHARACTERS.search(text):
        return None
    if "`" in text:
        return phrase("markup-backtick")
    tag = _TAG_START.search(text)
    if tag is not None:
        shown = text[tag.start():tag.start() + 12].split(">")[0]
        return phrase("markup-tag", shown=shown)
    for reference in _REFERENCE.finditer(text):
        if htmllib.unescape(reference.group(0)) != reference.group(0):
            return phrase("markup-reference", shown=reference.group(0))
    attributes = _ATTRIBUTE_LIST.search(text)
    if attributes is not None:
        return phrase("markup-attributes", shown=attributes.group(0))
    # Everything else Markdown could make of it shows in its rendering of the text as one line.
    # The leading word keeps the line from starting a list, heading or quote: only inline
    # markup is looked for, since plain text is never rendered as Markdown at all.
    line = " ".join(text.split())
    rendered = render_paragraph(f"x {line}").strip()
    inner = rendered.removeprefix("<p>x ").removesuffix("</p>")
    element = re.search(r"<([a-z0-9]+)", inner)
    if element is not None:
        tag = element.group(1)
        return phrase(f"markup-{tag}") if tag in _ELEMENT_WORDS else phrase("markup-element", tag=tag)
    if htmllib.unescape(inner) != line:
        return phrase("markup-backslash")
    return None
