"""A municipality's identity on its microsite: an optional primary colour and logo (``brand:`` in index.md).

    brand:
      colour: "#005a8c"          # the header's background; white text must read on it
      logo: logo.png             # a PNG file in the municipality's folder
      logo_alt: Næstved Kommunes logo

Without ``brand:`` the site keeps its calm neutral default. A colour is refused, with a message
that says why and what to do, when the header's white text on it falls below WCAG's 4.5:1 (the
header is the same in light and dark mode), or when, as the accent line and border on the light
page, it falls below 3:1 against white (WCAG 1.4.11). In dark mode the accents use the site's own
light colour, so a dark brand colour stays readable there. A logo must be a PNG that passes the
content folder's checks (policysite.contentfiles: a real PNG, not animated) and the final gate;
SVG is refused like any SVG in content (a drawing can hold scripts and references elsewhere),
with advice to save it as PNG. A logo needs its alternative text.

The field is declared in policysite/schema.py (``BRAND_FIELD``); everything it means is checked here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Mapping

from .errors import ContentError
from .schema import BRAND_FIELD, BRAND_FIELDS  # noqa: F401  (declared with the schema, re-exported here)

HEADER_TEXT = "#ffffff"  # the header's text and icons (Material's --md-primary-bg-color)
LIGHT_PAGE = "#ffffff"
MIN_TEXT = 4.5  # WCAG 1.4.3, normal text
MIN_NON_TEXT = 3.0  # WCAG 1.4.11, lines and borders
LOGO_SUFFIXES = (".png",)

@dataclass(frozen=True)
class Brand:
    colour: str | None
    logo: str | None
    logo_alt: str | None


def brand_of(data: Mapping[str, Any]) -> Brand | None:
    value = data.get("brand")
    if not value:
        return None
    return Brand(value.get("colour"), value.get("logo"), value.get("logo_alt"))


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(first: str, second: str) -> float:
    """WCAG's contrast ratio of two #rrggbb colours (1 to 21)."""
    a, b = sorted((luminance(first), luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def colour_problem(colour: str) -> str | None:
    """Why a brand colour cannot be used, or None."""
    header = contrast(colour, HEADER_TEXT)
    if header < MIN_TEXT:
        return (f"The colour {colour} is too light for the header's white text: the contrast is {header:.1f}:1, "
                f"and WCAG asks for at least {MIN_TEXT}:1 (in light and in dark mode).")
    page = contrast(colour, LIGHT_PAGE)
    if page < MIN_NON_TEXT:  # pragma: no cover  (white text passing 4.5:1 implies this)
        return (f"The colour {colour} stands out too little from the light page: {page:.1f}:1, "
                f"WCAG asks for at least {MIN_NON_TEXT}:1.")
    return None


def brand_errors(values: Mapping[str, Any], shown: str, folder: Path) -> list[ContentError]:
    """What is wrong with a validated overview's ``brand:`` (types are the schema's; this checks the rest)."""
    value = values.get("brand")
    if not value:
        return []
    errors = []
    line = value.get("__line__") if isinstance(value, Mapping) else None
    colour = value.get("colour")
    if colour:
        problem = colour_problem(colour)
        if problem:
            errors.append(ContentError("brand-contrast", shown, line, "brand.colour", problem,
                                       "Choose a darker shade of the colour, or remove 'colour:' to keep the "
                                       "site's own colours."))
    logo = value.get("logo")
    if logo:
        suffix = PurePosixPath(logo).suffix.lower()
        target = folder / logo
        if suffix not in LOGO_SUFFIXES:
            errors.append(ContentError("brand-logo", shown, line, "brand.logo",
                                       f"The logo '{logo}' is not a PNG image (an SVG drawing can hold scripts "
                                       "and load things from other sites).",
                                       "Save the logo as a PNG image in the folder and write its file name."))
        elif not target.is_file() or target.is_symlink():
            errors.append(ContentError("brand-logo", shown, line, "brand.logo",
                                       f"The logo file '{logo}' is not in the municipality's folder.",
                                       "Put the PNG file next to index.md, or correct the name."))
        if not value.get("logo_alt"):
            errors.append(ContentError("brand-logo-alt", shown, line, "brand.logo_alt",
                                       "The logo has no alternative text.",
                                       "Add 'logo_alt:' under 'brand:', for example \"Næstved Kommunes logo\"."))
    return errors


# ---- The stylesheet a microsite with a brand colour publishes (layout.BRAND_STYLESHEET) ----
# The site's Content-Security-Policy allows no inline style, so the colour comes as a file; the
# final gate (policysite.gate) accepts that file only when it is exactly this, for a colour that
# passes colour_problem.
_TEMPLATE = (
    "body[data-md-color-primary]{{--md-primary-fg-color:{c};--md-primary-fg-color--dark:{c}}}\n"
    "body[data-md-color-scheme=default]{{--policy-accent:{c};--md-typeset-a-color:{c}}}\n"
)
_STYLESHEET = re.compile(re.escape(_TEMPLATE.format(c="\0")).replace("\\\0", "(#[0-9a-f]{6})").replace("\0", "(#[0-9a-f]{6})"))


def stylesheet(colour: str) -> str:
    return _TEMPLATE.format(c=colour.lower())


def is_brand_stylesheet(text: str) -> bool:
    """Whether a published brand stylesheet is exactly what ``stylesheet`` writes for an acceptable colour."""
    match = _STYLESHEET.fullmatch(text)
    return bool(match) and len(set(match.groups())) == 1 and colour_problem(match.group(1)) is None


def png_size(path: Path) -> tuple[int, int] | None:
    """A PNG's width and height from its header, or None if it is not a PNG."""
    with path.open("rb") as handle:
        head = handle.read(24)
    if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        return None
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
