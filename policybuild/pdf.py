"""The whole policy as one tagged PDF per microsite and language, made with WeasyPrint (PDF/UA-1).

What the PDF holds is policysite.document's, laid out by overrides/policy/pdf.html
and policybuild/pdf.css. WeasyPrint fetches nothing by itself: its url_fetcher
gives it the font files named below (Debian's fonts-lato and fonts-dejavu-core)
and files inside the municipality's own folder, and refuses everything else, so
no PDF can make the build contact another host or read other files. One font
configuration is made per process and reused for every PDF it writes.

The build driver (policybuild/build.py) makes a microsite's PDFs in the worker
that builds the microsite, before MkDocs builds its pages, so every page can say
how large the PDF is (hooks/policy_pdf.py reads that from ``config.extra``);
they are written into the microsite's folder once its pages are built.
"""
from __future__ import annotations

import base64
import datetime as dt
import functools
import hashlib
import multiprocessing.util
import time
from collections.abc import MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import jinja2
from markupsafe import Markup

from policysite import clock, sealed
from policysite.catalog import Catalog, load_catalog
from policysite.errors import ContentErrors
from policysite.layout import LATEST_ALIAS, MUNICIPALITIES_DIR, OVERRIDES_DIR
from policysite.document import (
    EXTRA_KEY,
    UnsafeDocument,
    pdf_site_path,
    policy_document,
)
from policysite.labels import LABELS, format_date, quote_parts
from policysite.model import LANGUAGES, Block
from policysite.urls import SiteUrls
from policysite.views import block_view

PDF_VARIANT = "pdf/ua-1"
STYLESHEET = Path(__file__).with_name("pdf.css")
FONT_DIR = Path("/usr/share/fonts/truetype")
# (family, weight, style, file under FONT_DIR): Lato for the text, DejaVu Sans for characters Lato lacks.
FONT_FACES = (
    ("Lato", 400, "normal", "lato/Lato-Regular.ttf"),
    ("Lato", 400, "italic", "lato/Lato-Italic.ttf"),
    ("Lato", 700, "normal", "lato/Lato-Bold.ttf"),
    ("Lato", 700, "italic", "lato/Lato-BoldItalic.ttf"),
    ("DejaVu Sans", 400, "normal", "dejavu/DejaVuSans.ttf"),
    ("DejaVu Sans", 700, "normal", "dejavu/DejaVuSans-Bold.ttf"),
)
FONT_PACKAGES = "fonts-lato fonts-dejavu-core"
# Made PDFs are kept in the sealed cache (policysite/sealed.py), one entry per microsite and language,
# under the hash of everything WeasyPrint is given: the document's HTML and base address, the
# stylesheet, the fonts, WeasyPrint's version; and, checked again on every use, each file of the
# municipality's folder it read. Laying out a PDF is most of a microsite's build; an unchanged
# policy (a rebuild after a change of code, or of another site) takes its PDF from there.
PDF_CACHE = ".cache/pdf"  # <slug>/<lang>.json, next to the build's other caches (policybuild/build.py)
PDF_CACHE_PURPOSE = "whole-policy pdf"
RENDERER_PACKAGES = ("weasyprint", "pydyf", "fonttools", "tinycss2", "cssselect2", "tinyhtml5", "Pillow")


class PdfFailed(Exception):
    """A PDF could not be made; the message says why and what to do, in Danish and English."""


@dataclass(frozen=True)
class RenderedPdf:
    lang: str
    path: str  # within the microsite's folder, e.g. "en/citizenship-policy-naestved.pdf"
    data: bytes
    seconds: float


def font_files() -> tuple[Path, ...]:
    return tuple(FONT_DIR / name for *_, name in FONT_FACES)


def _local_files(files: tuple[Path, ...], site_root: str | None = None, folder: Path | None = None):
    """WeasyPrint's url_fetcher: the listed files, and addresses under ``site_root`` read from ``folder``.

    The document's base address is the microsite's (so that a relative address
    in the text becomes the site's address, never a path on the build machine);
    what it names under the microsite is read from the municipality's folder,
    the files MkDocs copies there. Nothing else is fetched: a refused address is
    recorded (and WeasyPrint carries on without it), so render_pdf can name
    every one of them when it stops the build.
    """
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    allowed = frozenset(path.resolve() for path in files)
    inside = folder.resolve() if folder is not None else None

    class LocalFiles(URLFetcher):
        def __init__(self) -> None:
            super().__init__()
            self.refused: list[str] = []
            self.read: dict[str, str] = {}  # the municipality's files given to WeasyPrint: path -> sha256

        def fetch(self, url: str, headers=None) -> URLFetcherResponse:
            font = _font_path(url, allowed)
            path = font or _site_path(url, site_root, inside)
            if path is None:
                self.refused.append(url)
                raise ValueError(f"refused: {url}")
            data = path.read_bytes()
            if font is None and inside is not None:
                self.read[path.relative_to(inside).as_posix()] = hashlib.sha256(data).hexdigest()
            return URLFetcherResponse(url, data)

    return LocalFiles()


def _font_path(url: str, allowed: frozenset[Path]) -> Path | None:
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return None
    path = Path(unquote(parts.path)).resolve()
    return path if path in allowed and path.is_file() else None


def _site_path(url: str, site_root: str | None, folder: Path | None) -> Path | None:
    """The municipality's file that an address under its microsite names, if there is one."""
    if site_root is None or folder is None or not url.startswith(site_root):
        return None
    relative = unquote(urlsplit(url[len(site_root):]).path)
    path = (folder / relative).resolve()
    return path if folder in path.parents and path.is_file() else None


def _font_faces_css() -> str:
    """@font-face rules for FONT_FACES, each a file:// address the fetcher allows."""
    rules = []
    for family, weight, style, name in FONT_FACES:
        rules.append(f'@font-face {{ font-family: "{family}"; src: url("{(FONT_DIR / name).as_uri()}"); '
                     f"font-weight: {weight}; font-style: {style}; }}")
    return "\n".join(rules)


@functools.lru_cache(maxsize=1)
def _engine():
    """One font configuration and stylesheet for every PDF this process makes."""
    missing = [str(path) for path in font_files() if not path.is_file()]
    if missing:
        raise PdfFailed(
            f"PDF'en kan ikke laves: skrifttyperne mangler ({', '.join(missing)}). Kør `make setup`, som installerer "
            f"Debian-pakkerne {FONT_PACKAGES}. / The PDF cannot be made: the fonts are missing. Run `make setup`, "
            f"which installs the Debian packages {FONT_PACKAGES}.")
    try:
        import weasyprint
        from weasyprint.text.fonts import FontConfiguration
    except OSError as error:  # pango, harfbuzz or fontconfig missing
        raise PdfFailed(
            f"PDF'en kan ikke laves: WeasyPrint mangler et systembibliotek ({error}). Kør `make setup`. / "
            f"The PDF cannot be made: a system library WeasyPrint needs is missing. Run `make setup`.") from None
    font_config = FontConfiguration()
    # Its copies of the fonts live in a temporary folder until the font configuration is deleted;
    # build workers end without deleting module state, so delete it when the process exits.
    multiprocessing.util.Finalize(None, _forget_engine, exitpriority=10)
    fetcher = _local_files(font_files())
    stylesheet = weasyprint.CSS(string=_font_faces_css() + "\n" + STYLESHEET.read_text(encoding="utf-8"),
                                font_config=font_config, url_fetcher=fetcher)
    return weasyprint, font_config, stylesheet


def preload() -> None:
    """Import WeasyPrint in the build process, so that the workers it forks do not each import it."""
    try:
        import weasyprint  # noqa: F401
    except OSError:  # a system library is missing; each microsite's build says so, with the fix
        pass


def _forget_engine() -> None:
    if _engine.cache_info().currsize:
        _, font_config, _ = _engine()
        font_config.__del__()
    _engine.cache_clear()


def render_pdf(html: str, site_root: str, folder: Path) -> bytes:
    """A tagged PDF (PDF/UA-1) of an HTML document of the microsite at ``site_root`` (its files in ``folder``)."""
    return _render(html, site_root, folder)[0]


def _render(html: str, site_root: str, folder: Path) -> tuple[bytes, dict[str, str]]:
    """render_pdf's PDF, and the files of ``folder`` it was made from (relative path -> sha256)."""
    weasyprint, font_config, stylesheet = _engine()
    fetcher = _local_files(font_files(), site_root, folder)
    document = weasyprint.HTML(string=html, base_url=site_root, url_fetcher=fetcher)
    data = document.write_pdf(stylesheets=[stylesheet], font_config=font_config, pdf_variant=PDF_VARIANT)
    if fetcher.refused:
        raise PdfFailed(
            "PDF'en må kun bruge filer fra kommunens egen mappe, ikke " + ", ".join(sorted(set(fetcher.refused)))
            + ". Læg filen i mappen, og henvis til den med dens filnavn. / The PDF may only use files from the "
            "municipality's own folder. Put the file in the folder and refer to it by its file name.")
    return data, fetcher.read


@functools.lru_cache(maxsize=1)
def renderer_fingerprint() -> str:
    """What, besides the document, decides a PDF's bytes: the renderer's versions, stylesheet and fonts."""
    from importlib import metadata

    digest = hashlib.sha256(f"{PDF_VARIANT}\n{_font_faces_css()}\n".encode())
    digest.update(STYLESHEET.read_bytes())
    for name in RENDERER_PACKAGES:
        try:
            digest.update(f"{name}=={metadata.version(name)}\n".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name} missing\n".encode())
    for font in font_files():
        digest.update(hashlib.sha256(font.read_bytes()).digest() if font.is_file() else b"missing font\n")
    return digest.hexdigest()


def _unchanged(folder: Path, files: object) -> bool:
    """Whether every file a cached PDF was made from still holds what it held (and is inside ``folder``)."""
    if not isinstance(files, dict):
        return False
    inside = folder.resolve()
    for name, digest in files.items():
        path = (inside / str(name)).resolve()
        if inside not in path.parents or not path.is_file():
            return False
        if hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            return False
    return True


def cached_render_pdf(html: str, site_root: str, folder: Path, cache: Path | None,
                      secret: bytes | None) -> tuple[bytes, bool]:
    """render_pdf's PDF, from the sealed cache entry ``cache`` when it was made from the same inputs;
    (the PDF, whether it came from the cache). A fresh PDF is stored there."""
    key = hashlib.sha256("\0".join((renderer_fingerprint(), site_root, html)).encode()).hexdigest()
    stored = sealed.read(cache, secret, PDF_CACHE_PURPOSE, key) if cache is not None else None
    if isinstance(stored, dict) and isinstance(stored.get("pdf"), str) and _unchanged(folder, stored.get("files")):
        try:
            return base64.b64decode(stored["pdf"], validate=True), True
        except ValueError:
            pass
    data, files = _render(html, site_root, folder)
    if cache is not None:
        sealed.write(cache, secret, PDF_CACHE_PURPOSE, key,
                     {"pdf": base64.b64encode(data).decode("ascii"), "files": files})
    return data, False


@functools.lru_cache(maxsize=4)
def _templates(overrides: Path) -> jinja2.Environment:
    """The project's templates (overrides/), escaped like hooks/policy_context.templates."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(overrides)),
        autoescape=jinja2.select_autoescape(["html"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["quote_parts"] = quote_parts
    return env


def document_html(root: Path, catalog: Catalog, urls: SiteUrls, slug: str, lang: str, today: dt.date) -> str:
    """The HTML the PDF of ``slug``'s policy in ``lang`` is made from."""
    env = _templates((root / OVERRIDES_DIR).resolve())
    blocks_template = env.get_template("policy/blocks.html")

    def blocks_html(blocks: tuple[Block, ...]) -> str:
        # The site's HTML for the blocks, without what surrounds them there (themes, links elsewhere).
        return blocks_template.render(t=LABELS[lang], extras=False, blocks=[
            block_view(block, lambda value: Markup(value.html) if value is not None else None) for block in blocks])

    try:
        document = policy_document(catalog, urls, slug, lang, today, blocks_html)
    except UnsafeDocument as error:
        raise PdfFailed(f"PDF'en kan ikke laves, fordi teksten ville give usikker HTML: {error}. / "
                        f"The PDF cannot be made: the text would give unsafe HTML.") from None
    return env.get_template("policy/pdf.html").render(
        doc=document, t=LABELS[lang], dates=lambda value: format_date(value, lang))


def site_urls(catalog: Catalog, portal_url: str, slug: str, versioned: bool) -> SiteUrls:
    """Addresses as the microsite's own build sees them (hooks/policy_context.load_site)."""
    return SiteUrls(portal_url, catalog, latest_alias=LATEST_ALIAS if versioned else None, building=slug)


def render_microsite(root: Path, catalog: Catalog, portal_url: str, slug: str, versioned: bool,
                     today: dt.date) -> tuple[RenderedPdf, ...]:
    """The PDF of the microsite's policy in each of its languages."""
    urls = site_urls(catalog, portal_url, slug, versioned)
    folder = root / MUNICIPALITIES_DIR / slug
    secret = sealed.machine_key(root)
    results = []
    for lang in LANGUAGES:
        if lang not in catalog.municipality(slug).policies:
            continue
        started = time.perf_counter()
        cache = root / PDF_CACHE / slug / f"{lang}.json"
        data, _ = cached_render_pdf(document_html(root, catalog, urls, slug, lang, today), urls.microsite_root(slug),
                                    folder, cache, secret)
        results.append(RenderedPdf(lang, pdf_site_path(slug, lang), data, time.perf_counter() - started))
    return tuple(results)


def microsite_pdfs(root: Path, slug: str, extra: MutableMapping[str, Any], versioned: bool) -> tuple[RenderedPdf, ...]:
    """The build driver's call: the microsite's PDFs, and in ``extra`` (mkdocs.yml's, for hooks/policy_pdf.py)
    where they are and how large."""
    try:
        catalog = load_catalog(root)  # the build's own catalog (policysite.catalog.settled)
    except ContentErrors:
        return ()  # the MkDocs build that follows refuses the content, naming every problem
    pdfs = render_microsite(root, catalog, extra["portal_url"], slug, versioned, clock.today())
    extra[EXTRA_KEY] = {made.lang: {"path": made.path, "size": len(made.data)} for made in pdfs}
    return pdfs


def write(pdfs: tuple[RenderedPdf, ...], site_dir: Path) -> None:
    for pdf in pdfs:
        target = site_dir / pdf.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(pdf.data)
