"""The whole policy as one PDF per microsite and language: tagged, titled, in its language, holding every block.

Danish law counts a site's PDFs as part of the site, so they are checked the way a
reader's tools see them: poppler's pdfinfo, pdftotext, pdffonts and pdfimages, and
pypdf for what those do not print (/Lang, /MarkInfo, the structure tree, the
outlines, the link annotations). Every expectation comes from the catalog, so the
tests hold for whichever municipalities exist.
"""
from __future__ import annotations

import datetime as dt
import io
import itertools
import posixpath
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from policybuild import pdf
from policybuild.build import build_sites
from policysite import clock
from policysite.catalog import load_catalog
from policysite.document import format_size, pdf_file_name, pdf_site_path, pdf_url, policy_document, status_line
from policysite.editions import block_units, markdown_units
from policysite.labels import LABELS, format_date
from policysite.markup import BLOCKS_MARKER
from policysite.model import LANGUAGES, Policy
from policysite.urls import SiteUrls

from conftest import FIXTURES, built_pages, copy_project, soup

TOOLS = ("pdfinfo", "pdftotext", "pdffonts", "pdfimages", "pdftoppm")
PORTAL_URL = "https://medborgerskab.example.dk/"


@pytest.fixture(scope="module", autouse=True)
def poppler() -> None:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        pytest.fail(f"{', '.join(missing)} missing: run `make test`, which installs Debian's poppler-utils.")


def run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def pdf_info(path: Path) -> dict[str, str]:
    info = {}
    for line in run("pdfinfo", "-enc", "UTF-8", str(path)).splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info


def flat(text: str) -> str:
    return " ".join(text.split())


def pdf_text(path: Path, first: int | None = None, last: int | None = None) -> str:
    pages = [*(("-f", str(first)) if first else ()), *(("-l", str(last)) if last else ())]
    return flat(run("pdftotext", "-enc", "UTF-8", *pages, str(path), "-"))


def policies(site: Path) -> list[Policy]:
    catalog = load_catalog(site.parent)
    return [municipality.policy(lang) for municipality in catalog.municipalities for lang in LANGUAGES]


def pdf_of(site: Path, policy: Policy) -> Path:
    return site / policy.slug / pdf_site_path(policy.slug, policy.lang)


def expected_text(policy: Policy) -> list[str]:
    """Every passage of the policy's pages as the site shows them, blocks included, plain text."""
    units = []
    for page in policy.pages:
        before, _, after = page.body.partition(BLOCKS_MARKER)
        units += [page.title, *markdown_units(before), *(u for b in page.blocks for u in block_units(b)),
                  *markdown_units(after)]
    units += [change.text for change in policy.changes]
    units += [policy.publisher, policy.source.title]
    units += [value for value in (policy.contact.email, policy.contact.phone, policy.contact.address) if value]
    return [flat(unit) for unit in units if flat(unit)]


def structure(reader: PdfReader) -> list[str]:
    """The structure types of the tagged PDF, in document order ('/H1', '/P', '/Link', ...)."""
    found: list[str] = []

    def walk(element) -> None:
        element = element.get_object()
        if "/S" in element:
            found.append(str(element["/S"]))
        kids = element.get("/K")
        if kids is None:
            return
        for kid in kids if isinstance(kids, list) else [kids]:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if hasattr(kid, "get") and "/S" in kid:
                walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


def outline_titles(items) -> list:
    """The bookmarks as nested lists of titles."""
    result: list = []
    for item in items:
        if isinstance(item, list):
            result.append(outline_titles(item))
        else:
            result.append(item.title)
    return result


# ---- Every microsite and language has its PDF, tagged and described ----

def test_every_policy_has_a_tagged_pdf_with_its_title_language_and_bookmarks(fixture_site: Path) -> None:
    for policy in policies(fixture_site):
        path = pdf_of(fixture_site, policy)
        assert path.is_file(), path
        info = pdf_info(path)
        assert info["Tagged"] == "yes", path
        assert info["Title"] == policy.policy_title
        assert info["Author"] == policy.publisher
        assert info["JavaScript"] == "no" and info["Encrypted"] == "no"
        meta = run("pdfinfo", "-meta", str(path))
        assert 'pdfuaid:part="1"' in meta  # PDF/UA-1
        assert f">{policy.policy_title}</rdf:li>" in meta  # the title in the XMP metadata (dc:title)

        reader = PdfReader(path)
        catalog = reader.trailer["/Root"]
        assert catalog["/Lang"] == policy.lang
        assert catalog["/MarkInfo"]["/Marked"].value is True
        assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True  # the title, not the file name, in the window
        assert "/StructTreeRoot" in catalog

        # One H1 (the policy's title), an H2 for every page, and no heading skips a level.
        tags = structure(reader)
        headings = [int(tag[2]) for tag in tags if re.fullmatch(r"/H[1-6]", tag)]
        assert headings.count(1) == 1 and headings[0] == 1
        assert all(later <= earlier + 1 for earlier, later in itertools.pairwise(headings)), headings
        assert headings.count(2) >= len(policy.pages)
        assert "/Link" in tags and "/P" in tags and "/L" in tags

        # Bookmarks: the title, and under it every page in reading order (and the blocks under their pages).
        outline = outline_titles(reader.outline)
        assert outline[0] == policy.policy_title and isinstance(outline[1], list)
        top = [title for title in outline[1] if isinstance(title, str)]
        assert [title for title in top if title in {page.title for page in policy.pages}] == \
            [page.title for page in policy.pages]
        nested = str(outline[1])
        assert all(block.title in nested for block in policy.blocks)


def test_the_text_is_real_text_in_embedded_fonts(fixture_site: Path) -> None:
    for policy in policies(fixture_site):
        path = pdf_of(fixture_site, policy)
        fonts = run("pdffonts", str(path)).splitlines()[2:]
        assert fonts, path
        assert all(" yes " in line for line in fonts), fonts  # every font embedded
        assert any("Lato" in line for line in fonts)
        assert run("pdfimages", "-list", str(path)).splitlines()[2:] == []  # no text as pictures


def test_the_pdf_holds_every_page_block_item_and_part_of_the_policy(fixture_site: Path) -> None:
    for policy in policies(fixture_site):
        text = pdf_text(pdf_of(fixture_site, policy))
        missing = [unit for unit in expected_text(policy) if unit not in text]
        assert not missing, (policy.slug, policy.lang, missing)


def test_page_1_names_the_municipality_title_status_and_date(fixture_site: Path) -> None:
    today = clock.today()
    for policy in policies(fixture_site):
        first = pdf_text(pdf_of(fixture_site, policy), 1, 1)
        status, _ = status_line(policy, today)
        assert policy.municipality in first and policy.policy_title in first
        assert status in first
        if policy.last_updated:
            assert f"{LABELS[policy.lang]['last_updated']}: {format_date(policy.last_updated, policy.lang)}" in first
        if policy.adopted:
            assert format_date(policy.adopted, policy.lang) in first
        if policy.consultation:
            assert format_date(policy.consultation.deadline, policy.lang) in first


def test_links_in_the_pdf_are_annotations_to_the_site_and_inside_the_document(fixture_site: Path) -> None:
    catalog = load_catalog(fixture_site.parent)
    urls = SiteUrls(PORTAL_URL, catalog, building=None)
    for policy in policies(fixture_site):
        reader = PdfReader(pdf_of(fixture_site, policy))
        uris, internal = set(), 0
        for page in reader.pages:
            for annotation in page.get("/Annots") or []:
                annotation = annotation.get_object()
                assert annotation["/Subtype"] == "/Link" and "/StructParent" in annotation
                action = annotation.get("/A")
                if action is not None and "/URI" in action:
                    uris.add(str(action["/URI"]))
                else:
                    internal += 1
        assert urls.microsite_page(policy.slug, policy.lang) in uris  # page 1 says where the policy is online
        assert internal >= len(policy.pages)  # the contents lead to every page
        assert not any(uri.endswith(".md") or not re.match(r"(https|mailto|tel):", uri) for uri in uris), uris


# ---- Every microsite page links to its PDF ----

def test_every_microsite_page_links_to_the_pdf_in_its_language_with_its_size(fixture_site: Path) -> None:
    catalog = load_catalog(fixture_site.parent)
    for municipality in catalog.municipalities:
        for page in built_pages(fixture_site / municipality.slug):
            document = soup(page)
            lang = document.html["lang"]
            link = document.select_one(".policy-pdf a")
            assert link is not None, page
            target = Path(posixpath.normpath(posixpath.join(page.parent.as_posix(), link["href"])))
            assert target == fixture_site / municipality.slug / pdf_site_path(municipality.slug, lang), page
            assert target.is_file()
            assert link.get_text() == f"{LABELS[lang]['pdf_link']} ({format_size(target.stat().st_size, lang)})"
            assert "PDF" in link.get_text() and "kB" in link.get_text()
            info = pdf_info(target)
            assert info["Title"] == municipality.policy(lang).policy_title


def test_the_portal_has_no_pdf_link(fixture_site: Path) -> None:
    assert soup(fixture_site / "index.html").select(".policy-pdf") == []


# ---- A consultation draft's PDF gives the deadline, open or closed ----

def consultation_drafts(root: Path) -> list[Policy]:
    catalog = load_catalog(root)
    return [m.policy(lang) for m in catalog.municipalities for lang in LANGUAGES if m.policy(lang).consultation]


@pytest.mark.parametrize("open_", [True, False], ids=["open", "closed"])
def test_a_consultation_drafts_pdf_shows_the_deadline_and_how_to_respond(tmp_path: Path, open_: bool) -> None:
    root = copy_project(tmp_path / "project", FIXTURES / "municipalities")
    catalog = load_catalog(root)
    drafts = consultation_drafts(root)
    assert drafts, "the fixtures have a consultation draft"
    for policy in drafts:
        consultation = policy.consultation
        assert consultation is not None
        today = consultation.deadline if open_ else consultation.deadline + dt.timedelta(days=1)
        (made,) = [made for made in pdf.render_microsite(root, catalog, PORTAL_URL, policy.slug, False, today)
                   if made.lang == policy.lang]
        path = tmp_path / made.path.replace("/", "-")
        path.write_bytes(made.data)
        t = LABELS[policy.lang]
        deadline = format_date(consultation.deadline, policy.lang)
        first, whole = pdf_text(path, 1, 1), pdf_text(path)
        said = t["pdf_consultation_open"] if open_ else t["pdf_consultation_closed"]
        assert f"{t['status_consultation']} · {said} {deadline}" in first
        if open_:
            assert f"{t['consultation_is_open']} {deadline}" in whole and consultation.email in whole
            if consultation.address:
                assert consultation.address in whole
        else:
            assert f"{t['consultation_is_closed']} {deadline}" in whole
            assert t["how_to_respond"] not in whole


# ---- What the document holds, without a PDF ----

def test_document_links_lead_inside_the_document_or_to_absolute_addresses(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project", FIXTURES / "municipalities")
    folder = root / "municipalities" / "alfa"
    page = folder / "vaerdier.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n\nSe [forsiden](index.md), [kort fortalt](index.md#kort-fortalt), "
                    "[Beta](kommune:beta), [temaet](tema:faellesskab) og [et andet sted](https://example.org/).\n",
                    encoding="utf-8")
    catalog = load_catalog(root)
    urls = SiteUrls(PORTAL_URL, catalog, building="alfa")
    document = policy_document(catalog, urls, "alfa", "da", dt.date(2026, 1, 1), lambda blocks: "")
    html = "".join(page.html for page in document.pages)
    assert 'href="#page-index"' in html and 'href="#page-index--kort-fortalt"' in html
    assert 'id="page-index--kort-fortalt"' in html
    assert f'href="{urls.microsite_page("beta", "da")}"' in html
    assert f'href="{PORTAL_URL}temaer/faellesskab/"' in html
    assert 'href="https://example.org/"' in html
    assert not re.search(r'href="[^"]*\.md', html)
    assert "<h1" not in html and "headerlink" not in html  # the title is the document's one h1; no '¶'


def test_the_pdf_file_names_are_readable_and_in_one_place(tmp_path: Path) -> None:
    catalog = load_catalog(copy_project(tmp_path / "project", FIXTURES / "municipalities"))
    slug = catalog.municipalities[0].slug
    assert pdf_url(SiteUrls(PORTAL_URL, catalog), slug, "en") == f"{PORTAL_URL}{slug}/en/{pdf_file_name(slug, 'en')}"
    assert pdf_file_name("naestved", "da") == "medborgerskabspolitik-naestved.pdf"
    assert pdf_file_name("naestved", "en") == "citizenship-policy-naestved.pdf"
    assert pdf_site_path("naestved", "en") == "en/citizenship-policy-naestved.pdf"
    assert format_size(57_344, "da") == "57 kB" and format_size(400, "en") == "1 kB"
    assert format_size(1_450_000, "da") == "1,4 MB" and format_size(1_450_000, "en") == "1.4 MB"


# ---- Nothing is fetched from elsewhere ----

SITE_ROOT = f"{PORTAL_URL}alfa/"


@pytest.mark.parametrize("source", [
    "https://example.org/logo.png", "http://127.0.0.1:9/x.png", f"{PORTAL_URL}beta/billede.png",
    "file:///etc/hostname", "../../../etc/hostname", "../outside.png", "billede-findes-ikke.png",
    "data:image/png;base64,iVBORw0KGgo=",
])
def test_the_pdf_engine_fetches_only_the_fonts_and_files_of_the_municipality(tmp_path: Path, source: str) -> None:
    from PIL import Image

    folder = tmp_path / "municipality"
    folder.mkdir()
    Image.new("RGB", (4, 4)).save(tmp_path / "outside.png")
    html = f'<!doctype html><html lang="da"><head><title>T</title></head><body><h1>T</h1><img src="{source}" alt="x"></body></html>'
    with pytest.raises(pdf.PdfFailed, match="kun bruge filer fra kommunens egen mappe"):
        pdf.render_pdf(html, SITE_ROOT, folder)


def test_a_picture_in_the_municipalitys_folder_is_used(tmp_path: Path) -> None:
    from PIL import Image

    folder = tmp_path / "municipality"
    folder.mkdir()
    Image.new("RGB", (40, 20), "#1d3f8a").save(folder / "billede.png")
    html = '<!doctype html><html lang="da"><head><title>T</title></head><body><h1>T</h1><img src="billede.png" alt="Et billede"></body></html>'
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf.render_pdf(html, SITE_ROOT, folder))
    assert len(run("pdfimages", "-list", str(path)).splitlines()[2:]) == 1


def test_relative_addresses_in_the_text_become_the_sites_never_the_build_machines(tmp_path: Path) -> None:
    folder = tmp_path / "municipality"
    folder.mkdir()
    html = ('<!doctype html><html lang="da"><head><title>T</title></head><body><h1>T</h1>'
            '<p><a href="bilag.pdf">Bilag</a></p></body></html>')
    reader = PdfReader(io.BytesIO(pdf.render_pdf(html, SITE_ROOT, folder)))
    (annotation,) = reader.pages[0]["/Annots"]
    assert annotation.get_object()["/A"]["/URI"] == f"{SITE_ROOT}bilag.pdf"


# ---- Built as `make build M=<slug> VERSIONED=1` builds it ----

def test_a_versioned_build_of_one_microsite_has_its_pdfs_in_the_editions_folder(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project", FIXTURES / "municipalities")
    catalog = load_catalog(root)
    slug = catalog.municipalities[0].slug
    build_sites(root, root / "site", only=[slug], jobs=1, versioned=True, log=lambda message: None)
    edition = catalog.municipality(slug).policy("da").edition
    for lang in LANGUAGES:
        path = root / "site" / slug / edition / pdf_site_path(slug, lang)
        assert pdf_info(path)["Tagged"] == "yes"
        overview = root / "site" / slug / edition / ("" if lang == "da" else lang) / "index.html"
        assert soup(overview).select_one(".policy-pdf a")["href"] == pdf_file_name(slug, lang)
        # Its links go to this edition's pages.
        uris = {str(a.get_object()["/A"]["/URI"]) for p in PdfReader(path).pages for a in p.get("/Annots") or []
                if "/URI" in a.get_object().get("/A", {})}
        assert f"{PORTAL_URL}{slug}/{edition}/{'' if lang == 'da' else lang + '/'}" in uris


# ---- Made once: the sealed cache of rendered PDFs ----

def test_a_cached_pdf_is_byte_identical_to_a_fresh_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_project(tmp_path / "project", FIXTURES / "municipalities")
    catalog = load_catalog(root)
    today = clock.today()
    first = pdf.render_microsite(root, catalog, PORTAL_URL, "alfa", False, today)
    assert sorted((root / pdf.PDF_CACHE / "alfa").iterdir()) == [
        root / pdf.PDF_CACHE / "alfa" / f"{lang}.json" for lang in sorted(LANGUAGES)]

    def no_render(*args, **kwargs):
        raise AssertionError("rendered again although nothing changed")

    with monkeypatch.context() as patch:
        patch.setattr(pdf, "_render", no_render)
        again = pdf.render_microsite(root, catalog, PORTAL_URL, "alfa", False, today)
    assert [made.data for made in again] == [made.data for made in first]
    urls = pdf.site_urls(catalog, PORTAL_URL, "alfa", False)
    fresh = [pdf.render_pdf(pdf.document_html(root, catalog, urls, "alfa", made.lang, today),
                            urls.microsite_root("alfa"), root / "municipalities" / "alfa") for made in first]
    assert fresh == [made.data for made in again]


def render_counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    rendered: list[str] = []
    real = pdf._render

    def counting(html, site_root, folder):
        rendered.append(site_root)
        return real(html, site_root, folder)

    monkeypatch.setattr(pdf, "_render", counting)
    return rendered


def test_a_tampered_or_foreign_cache_entry_is_made_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from policysite import sealed

    folder = tmp_path / "municipality"
    folder.mkdir()
    html = '<!doctype html><html lang="da"><head><title>T</title></head><body><h1>Tekst</h1></body></html>'
    cache = tmp_path / "cache" / "da.json"
    secret = sealed.machine_key(tmp_path)
    rendered = render_counting(monkeypatch)
    data, hit = pdf.cached_render_pdf(html, SITE_ROOT, folder, cache, secret)
    assert not hit and pdf.cached_render_pdf(html, SITE_ROOT, folder, cache, secret) == (data, True)
    entry = cache.read_bytes()
    cache.write_bytes(entry.replace(b'"pdf":"', b'"pdf":"AAAA', 1))  # the PDF changed, the seal not
    assert pdf.cached_render_pdf(html, SITE_ROOT, folder, cache, secret) == (data, False)
    assert pdf.cached_render_pdf(html, SITE_ROOT, folder, cache, b"another machine's key 0123456789") == (data, False)
    assert pdf.cached_render_pdf(html.replace("Tekst", "Anden tekst"), SITE_ROOT, folder, cache, secret)[1] is False
    assert len(rendered) == 4


def test_a_changed_picture_makes_the_pdf_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PIL import Image

    from policysite import sealed

    folder = tmp_path / "municipality"
    folder.mkdir()
    Image.new("RGB", (40, 20), "#1d3f8a").save(folder / "billede.png")
    html = '<!doctype html><html lang="da"><head><title>T</title></head><body><h1>T</h1><img src="billede.png" alt="Et billede"></body></html>'
    cache, secret = tmp_path / "cache" / "da.json", sealed.machine_key(tmp_path)
    rendered = render_counting(monkeypatch)
    blue, _ = pdf.cached_render_pdf(html, SITE_ROOT, folder, cache, secret)
    assert pdf.cached_render_pdf(html, SITE_ROOT, folder, cache, secret) == (blue, True)
    Image.new("RGB", (40, 20), "#8a1d1d").save(folder / "billede.png")
    red, hit = pdf.cached_render_pdf(html, SITE_ROOT, folder, cache, secret)
    assert not hit and red != blue and red == pdf.render_pdf(html, SITE_ROOT, folder)
    (folder / "billede.png").unlink()
    with pytest.raises(pdf.PdfFailed):  # gone: not taken from the cache, refused as before
        pdf.cached_render_pdf(html, SITE_ROOT, folder, cache, secret)
