"""A municipality's optional identity (``brand:``): a colour that must keep contrast, a PNG logo with its text."""
from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest

from conftest import FIXTURES, build, copy_project, soup
from policysite import brand, gate
from policysite.catalog import load_catalog
from policysite.errors import ContentErrors
from policysite.layout import BRAND_STYLESHEET


def png(width: int = 8, height: int = 4) -> bytes:
    """A tiny real PNG (one grey colour)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


ENGLISH_ALT = "Alfa Municipality's logo"


def with_brand(root: Path, lines: str) -> None:
    """The brand in the Danish file; the English file translates only the logo's text (issue 12)."""
    english = "\n".join(f"  logo_alt: {ENGLISH_ALT}" for line in lines.splitlines() if "logo_alt:" in line)
    for name, written in (("index.md", lines), ("index.en.md", english)):
        if not written:
            continue
        page = root / "municipalities" / "alfa" / name
        text = page.read_text(encoding="utf-8")
        page.write_text(text.replace("\n---\n", f"\nbrand:\n{written}\n---\n", 1), encoding="utf-8")


def test_contrast_is_wcag_s() -> None:
    assert round(brand.contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(brand.contrast("#767676", "#ffffff"), 2) == 4.54
    assert brand.colour_problem("#767676") is None
    assert "4.5:1" in brand.colour_problem("#777777") and "1.5:1" in brand.colour_problem("#ffcc00")


def test_the_gate_accepts_only_the_stylesheet_brand_writes() -> None:
    good = brand.stylesheet("#005A8C")
    assert brand.is_brand_stylesheet(good)
    assert not brand.is_brand_stylesheet(good.replace("#005a8c", "#ffcc00"))  # fails contrast
    assert not brand.is_brand_stylesheet(good + "body{background:url(https://x.example/)}")
    assert not brand.is_brand_stylesheet(good.replace("#005a8c", "#005a8c;x", 1))


@pytest.mark.parametrize(("lines", "code", "words"), [
    ('  colour: "#ffcc00"', "brand-contrast", "too light for the header's white text"),
    ("  logo: logo.svg\n  logo_alt: Alfas logo", "brand-logo", "not a PNG image"),
    ("  logo: mangler.png\n  logo_alt: Alfas logo", "brand-logo", "is not in the municipality's folder"),
    ("  logo: logo.png", "brand-logo-alt", "no alternative text"),
    ('  colour: "gul"', "value-invalid", "colour"),
])
def test_a_bad_brand_is_refused_with_a_message(tmp_path: Path, lines: str, code: str, words: str) -> None:
    root = copy_project(tmp_path / "project", FIXTURES / "municipalities")
    (root / "municipalities" / "alfa" / "logo.png").write_bytes(png())
    with_brand(root, lines)
    with pytest.raises(ContentErrors) as caught:
        load_catalog(root)
    found = [error for error in caught.value.errors if error.path.startswith("municipalities/alfa/index")]
    assert found, caught.value.report()
    if code != "value-invalid":
        assert code in {error.code for error in found}, caught.value.report()
    assert words in caught.value.report()


def test_a_brand_colour_and_logo_reach_every_page_through_the_gate(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project", FIXTURES / "municipalities")
    (root / "municipalities" / "alfa" / "logo.png").write_bytes(png(40, 20))
    with_brand(root, '  colour: "#005a8c"\n  logo: logo.png\n  logo_alt: Alfa Kommunes logo')
    site = build(root)
    assert (site / "alfa" / BRAND_STYLESHEET).read_text(encoding="utf-8") == brand.stylesheet("#005a8c")
    for page in (site / "alfa" / "index.html", site / "alfa" / "en" / "vaerdier" / "index.html"):
        document = soup(page)
        link = document.select_one(f'head link[rel=stylesheet][href$="{BRAND_STYLESHEET}"]')
        assert link is not None and (page.parent / link["href"]).resolve() == (site / "alfa" / BRAND_STYLESHEET).resolve()
        logo = document.select_one(".policy-header__logo")
        alt = ENGLISH_ALT if "/en/" in page.as_posix() else "Alfa Kommunes logo"
        assert logo["alt"] == alt and (logo["width"], logo["height"]) == ("40", "20")
        assert (page.parent / logo["src"]).resolve() == (site / "alfa" / "logo.png").resolve()
    # Beta has no brand: no stylesheet, no logo.
    assert not (site / "beta" / BRAND_STYLESHEET).exists()
    assert soup(site / "beta" / "index.html").select(".policy-header__logo") == []
    # The final gate passes the whole site, the brand's stylesheet included, and refuses any other.
    context = gate.GateContext.for_project(root, "/", gate.domains_of(load_catalog(root)))
    assert gate.check_tree(context, site, shown="site/") == []
    (site / "alfa" / BRAND_STYLESHEET).write_text(brand.stylesheet("#005a8c") + "a{}", encoding="utf-8")
    assert {error.code for error in gate.check_tree(context, site, shown="site/")} == {"output-asset"}
