"""Content folders publish only what they should, and folder names cannot take over the site's own addresses.

Issue 11, families 3 (files published unchecked) and 7 (folders named like
portal pages). Every hostile file or folder is refused by both `build` and
`check` with its file, code and reason, site/ stays byte-identical and the
payload is in no published file; the hook policy_files refuses the same files
when the portal or a microsite is built directly, without the catalog.

The phrases asserted here are the English messages (`policysite --lang en`); that the same messages
are Danish by default is tested in tests/test_fail_closed.py and tests/test_messages.py.
"""
from __future__ import annotations

import ast
import os
import re
import shutil
import struct
import zlib
from pathlib import Path

import pytest

from policybuild.build import build_one, build_sites
from policysite import contentfiles, layout, messages
from policysite.catalog import inspect
from policysite.errors import ContentErrors
from policysite import scaffold

from conftest import FIXTURES, REPO, copy_project
from hostile import assert_nowhere_raw, assert_refused, fresh_copy, run_both, snapshot

ALFA = "municipalities/alfa"


@pytest.fixture(autouse=True)
def english_messages():
    previous = messages.set_language("en")
    yield
    messages.set_language(previous)


def png(width: int = 2, height: int = 2, *, animated: bool = False) -> bytes:
    """A real PNG image (grey pixels), optionally with the animation chunk of APNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(min(height, 4)))
    body = chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
    if animated:
        body += chunk(b"acTL", struct.pack(">II", 2, 0))
    body += chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + body


@pytest.fixture(scope="module")
def good_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("files") / "project", FIXTURES / "municipalities")
    build_sites(root, root / "site", jobs=2, log=lambda message: None)
    return root


def refused_everywhere(root: Path, *, path: str, code: str, says: tuple[str, ...], payload: str | None) -> None:
    before = snapshot(root / "site")
    assert_refused(run_both(root, lang="en"), path=path, line=None, code=code, says=says)
    assert snapshot(root / "site") == before
    if payload is not None:
        assert_nowhere_raw(root / "site", payload)
    assert not list(root.glob(".site.staging-*"))


# ----------------------------------------------------------------- files in a municipality's folder

def _write(root: Path, relative: str, data: bytes | str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)


FILE_CASES = {
    # name: (file, contents, code, phrases in the message)
    "html page": ("page.html", "<p>Hej</p><script>alert('html-payload')</script>", "file-not-allowed",
                  ("an HTML page", "may only hold Markdown pages ('.md') and images")),
    "script": ("tools.js", "alert('js-payload')", "file-not-allowed", ("a script",)),
    "stylesheet": ("look.css", "body{background:url(//evil.example/css-payload)}", "file-not-allowed",
                   ("a stylesheet",)),
    "svg with script": ("logo.svg", '<svg xmlns="http://www.w3.org/2000/svg"><script>alert("svg-payload")</script>'
                                    "</svg>", "file-not-allowed", ("an SVG drawing", "Save the drawing as a PNG")),
    "the site's script": ("assets/policy.js", "alert('asset-payload')", "file-shadows-site",
                          ("'assets/policy.js' would take the place of", "the site's own file assets/policy.js")),
    "the search index": ("search/search_index.json", '{"docs": [{"text": "index-payload"}]}', "file-shadows-site",
                         ("the search index",)),
    "the sitemap": ("sitemap.xml", "<urlset>sitemap-payload</urlset>", "file-shadows-site",
                    ("sitemap.xml",)),
    "a png that is html": ("torv.png", "<!doctype html><script>alert('png-payload')</script>", "image-invalid",
                           ("says it is a PNG image, but it is an HTML file",)),
}


@pytest.mark.parametrize("case", sorted(FILE_CASES))
def test_a_file_that_may_not_be_published_is_refused(case: str, good_project: Path, tmp_path: Path) -> None:
    name, contents, code, says = FILE_CASES[case]
    root = fresh_copy(good_project, tmp_path / "project")
    _write(root, f"{ALFA}/{name}", contents)
    payload = re.search(r"[a-z]+-payload", contents).group(0)
    refused_everywhere(root, path=f"{ALFA}/{name}", code=code, says=says, payload=payload)


def test_a_link_to_a_file_outside_is_refused(good_project: Path, tmp_path: Path) -> None:
    root = fresh_copy(good_project, tmp_path / "project")
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("outside-secret-payload", encoding="utf-8")
    (root / ALFA / "leak.png").symlink_to(secret)
    refused_everywhere(root, path=f"{ALFA}/leak.png", code="file-symlink",
                       says=("The file is a link (symlink)", str(secret), "never published"),
                       payload="outside-secret-payload")


def test_a_link_to_a_folder_such_as_git_is_refused(good_project: Path, tmp_path: Path) -> None:
    root = fresh_copy(good_project, tmp_path / "project")
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text("[http]\n\textraheader = AUTHORIZATION: basic token-payload\n")
    (root / ALFA / "repo").symlink_to("../../.git", target_is_directory=True)
    refused_everywhere(root, path=f"{ALFA}/repo", code="file-symlink",
                       says=("The folder is a link (symlink) to '../../.git'",), payload="token-payload")


def test_a_link_inside_the_folder_is_refused_too(good_project: Path, tmp_path: Path) -> None:
    root = fresh_copy(good_project, tmp_path / "project")
    (root / ALFA / "kopi.md").symlink_to("vaerdier.md")
    refused_everywhere(root, path=f"{ALFA}/kopi.md", code="file-symlink",
                       says=("link (symlink) to 'vaerdier.md'", "wherever they point"), payload=None)


def test_a_link_in_place_of_a_page_is_refused_and_never_read(good_project: Path, tmp_path: Path) -> None:
    root = fresh_copy(good_project, tmp_path / "project")
    outside = tmp_path / "vaerdier.md"
    shutil.copyfile(root / ALFA / "vaerdier.md", outside)
    (root / ALFA / "vaerdier.md").unlink()
    (root / ALFA / "vaerdier.md").symlink_to(outside)
    refused_everywhere(root, path=f"{ALFA}/vaerdier.md", code="file-symlink", says=("The file is a link",),
                       payload=None)


# The other rules, checked in the catalog directly (each is the same code path as above).
MORE_CASES = {
    "animated png": ("billeder/anim.png", png(animated=True), "image-animated", "animated"),
    "huge png": ("billeder/kaempe.png", png(20_000, 20_000), "image-too-large", "20000 × 20000 pixels"),
    "too many bytes": ("billeder/tung.png", png() + b"\0" * contentfiles.MAX_IMAGE_BYTES, "image-too-large",
                       "bytes, more than"),
    "jpeg named png": ("billeder/foto.png", b"\xff\xd8\xff\xe0" + b"\0" * 64, "image-invalid", "a JPEG file"),
    "truncated jpeg": ("billeder/foto.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF", "image-invalid", "damaged JPEG"),
    "hidden file": (".DS_Store", b"\0\0\0\1Bud1", "file-not-allowed", "hidden file"),
    "name with a space": ("billede 1.png", png(), "file-name", "cannot be used in a web address"),
    "pdf": ("politik.pdf", b"%PDF-1.7\n", "file-not-allowed", "a PDF document"),
    "a page in a subfolder": ("sider/ekstra.md", "---\ntitle: Ekstra\n---\n", "page-unlisted", "in a subfolder"),
    "the language folder": ("en/billede.png", png(), "file-shadows-site", "the site in another language (en/)"),
    "a page at /was": ("was.md", "---\ntitle: Was\n---\n", "file-shadows-site", "accessibility statement"),
    "the generated page": ("aendringer/billede.png", png(), "file-shadows-site", "the page the site makes itself"),
    "a stray file in editions/": ("editions/noter.txt", "noter", "file-not-allowed", "one folder per earlier edition"),
    "html in an edition": ("editions/2016/side.html", "<script>x</script>", "file-not-allowed", "an HTML page"),
    "folders too deep": ("a/b/c/d/e/f/g/billede.png", png(), "folder-too-deep", "more than 6 levels"),
}


@pytest.mark.parametrize("case", sorted(MORE_CASES))
def test_every_file_rule_has_its_message(case: str, tmp_path: Path) -> None:
    name, contents, code, phrase = MORE_CASES[case]
    root = copy_project(tmp_path / "project", FIXTURES / "municipalities")
    _write(root, f"{ALFA}/{name}", contents)
    errors = [e for e in inspect(root).errors if e.code == code]
    assert errors, [str(e) for e in inspect(root).errors]
    assert errors[0].path.startswith(ALFA + "/"), errors[0]
    assert phrase in str(errors[0]), str(errors[0])
    assert "How to fix:" in str(errors[0])


def test_a_pipe_is_refused_without_being_opened(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project", FIXTURES / "municipalities")
    os.mkfifo(root / ALFA / "ekstra.md")  # reading it would wait for ever
    errors = [e for e in inspect(root).errors if e.path == f"{ALFA}/ekstra.md"]
    assert [e.code for e in errors] == ["file-not-allowed"] and "not an ordinary file" in errors[0].problem


def test_good_images_are_published_as_they_are(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project", FIXTURES / "municipalities")
    picture = png(40, 30)
    _write(root, f"{ALFA}/billeder/torv.png", picture)
    _write(root, f"{ALFA}/billeder/foto.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
                                              b"\xff\xc0\x00\x11\x08\x00\x1e\x00\x28\x03\x01\x22\x00\x02\x11\x01\x03"
                                              b"\x11\x01\xff\xd9")
    page = root / ALFA / "vaerdier.md"  # (an English page's link to an image does not resolve yet: static-i18n)
    page.write_text(page.read_text(encoding="utf-8") + "\n![Torvet en sommerdag](billeder/torv.png)\n",
                    encoding="utf-8")
    assert not inspect(root).errors
    build_sites(root, root / "site", jobs=2, log=lambda message: None)
    assert (root / "site" / "alfa" / "billeder" / "torv.png").read_bytes() == picture
    assert (root / "site" / "alfa" / "billeder" / "foto.jpg").is_file()


# ----------------------------------------------------------------- the portal's docs/

def test_the_portal_folder_follows_the_same_rules(good_project: Path, tmp_path: Path) -> None:
    root = fresh_copy(good_project, tmp_path / "project")
    _write(root, "docs/assets/policy.js", "alert('portal-asset-payload')")
    before = snapshot(root / "site")
    results = run_both(root, lang="en")
    assert_refused(results, path="docs/assets/policy.js", line=None, code="file-shadows-site",
                   says=("the site's own file assets/policy.js",))
    assert snapshot(root / "site") == before
    assert_nowhere_raw(root / "site", "portal-asset-payload")


@pytest.mark.parametrize(("name", "contents", "code"), [
    ("extra.html", "<script>x</script>", "file-not-allowed"),
    ("was/index.md", "---\ntitle: Was\n---\n", "file-shadows-site"),
    ("temaer/index.md", "---\ntitle: Temaer\n---\n", "file-shadows-site"),
    ("en/side.md", "---\ntitle: Side\n---\n", "file-shadows-site"),
])
def test_the_portal_may_not_shadow_what_it_generates(name: str, contents: str, code: str, tmp_path: Path) -> None:
    from policysite.review import check_portal_pages

    root = copy_project(tmp_path / "project", FIXTURES / "municipalities")
    _write(root, f"docs/{name}", contents)
    errors, _ = check_portal_pages(root)
    assert [(e.code, e.path) for e in errors] == [(code, f"docs/{name}")], [str(e) for e in errors]


def test_the_hook_refuses_what_the_catalog_would_have(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """hooks/policy_files.py: the portal and a microsite built directly, so no catalog check ran on their files."""
    root = copy_project(tmp_path / "project", FIXTURES / "municipalities")
    secret = tmp_path / "secret.txt"
    secret.write_text("hook-secret-payload", encoding="utf-8")
    _write(root, "docs/extra.html", "<script>alert('hook-html-payload')</script>")
    _write(root, "docs/assets/policy.js", "alert('hook-js-payload')")
    (root / "docs" / "leak.png").symlink_to(secret)
    (root / "docs" / "guide").symlink_to(root / "docs" / "redaktoerer", target_is_directory=True)
    with caplog.at_level("ERROR", logger="mkdocs"):
        result = build_one(root, "", tmp_path / "portal")
    assert result.error is not None
    for expected in ("docs/extra.html: The file is an HTML page", "[file-not-allowed]",
                     "docs/assets/policy.js: 'assets/policy.js' would take the place", "[file-shadows-site]",
                     "docs/leak.png: The file is a link (symlink)", "docs/guide: The folder is a link (symlink)"):
        assert expected in caplog.text, expected
    assert caplog.text.count("docs/guide: The folder is a link") == 1  # once, not once per file in it
    for payload in ("hook-secret-payload", "hook-html-payload", "hook-js-payload"):
        assert_nowhere_raw(tmp_path / "portal", payload) if (tmp_path / "portal").exists() else None

    caplog.clear()
    (root / ALFA / "kopi.md").symlink_to("vaerdier.md")
    with caplog.at_level("ERROR", logger="mkdocs"):
        result = build_one(root, "alfa", tmp_path / "alfa")
    assert result.error is not None
    assert f"{ALFA}/kopi.md: The file is a link (symlink)" in caplog.text


# ----------------------------------------------------------------- folder names (family 7)

PORTAL_NAMES = ["was", "tilgaengelighed", "sammenligning", "temaer", "redaktoerer", "assets", "search", "en", "da",
                "404", "latest", "sitemap", "index"]


@pytest.mark.parametrize("slug", PORTAL_NAMES)
def test_a_folder_named_like_a_portal_page_is_refused(slug: str, tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project", FIXTURES / "municipalities")
    shutil.copytree(root / "municipalities" / "beta", root / "municipalities" / slug)
    errors = [e for e in inspect(root).errors if e.path == f"municipalities/{slug}"]
    assert [e.code for e in errors] == ["bad-slug"], [str(e) for e in inspect(root).errors]
    assert f"/{slug}/ is taken by" in errors[0].problem, errors[0].problem
    assert f"/{slug}/ bruges allerede til" in errors[0].problem_in("da"), errors[0].problem_in("da")
    assert slug in layout.reserved_slugs(root)


@pytest.mark.parametrize(("slug", "why"), [
    ("was", "the address of the accessibility statement (/was)"),
    ("tilgaengelighed", "the portal's page docs/tilgaengelighed.md"),
])
def test_build_and_check_refuse_a_folder_that_would_replace_a_portal_page(
        slug: str, why: str, good_project: Path, tmp_path: Path) -> None:
    root = fresh_copy(good_project, tmp_path / "project")
    shutil.copytree(root / "municipalities" / "beta", root / "municipalities" / slug)
    refused_everywhere(root, path=f"municipalities/{slug}", code="bad-slug",
                       says=(f"The folder name '{slug}' cannot be a microsite's web address", why), payload=None)


def test_a_new_portal_page_reserves_its_name(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project", FIXTURES / "municipalities")
    shutil.copytree(root / "municipalities" / "beta", root / "municipalities" / "nyheder")
    assert "nyheder" not in layout.reserved_slugs(root)
    assert not [e for e in inspect(root).errors if e.code == "bad-slug"]

    (root / "docs" / "nyheder.md").write_text("---\ntitle: Nyheder\n---\n\nNyt fra portalen.\n", encoding="utf-8")
    (root / "docs" / "nyheder.en.md").write_text("---\ntitle: News\n---\n\nNews from the portal.\n", encoding="utf-8")
    errors = [e for e in inspect(root).errors if e.code == "bad-slug"]
    assert [(e.path, "docs/nyheder.md" in e.problem) for e in errors] == [("municipalities/nyheder", True)]
    with pytest.raises(ContentErrors) as caught:
        scaffold.create(root, "nyheder", "Nyheder Kommune")
    assert "docs/nyheder.md" in str(caught.value)

    # A folder in docs/ reserves its name the same way.
    (root / "docs" / "nyheder.md").unlink()
    (root / "docs" / "nyheder.en.md").unlink()
    (root / "docs" / "nyheder").mkdir()
    (root / "docs" / "nyheder" / "index.md").write_text("---\ntitle: Nyheder\n---\n", encoding="utf-8")
    assert "docs/nyheder/" in str(layout.reserved_slugs(root)["nyheder"])


def test_a_link_among_the_municipality_folders_is_refused(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project", FIXTURES / "municipalities")
    (root / "municipalities" / "gamma").symlink_to(root / "municipalities" / "beta", target_is_directory=True)
    inspection = inspect(root)
    assert [(e.code, e.path) for e in inspection.errors] == [("file-symlink", "municipalities/gamma")]
    assert "gamma" not in {m.slug for m in inspection.municipalities}


# ----------------------------------------------------------------- one owner of the layout

# Names layout.py owns; no other module may spell them out (docstrings, dictionary keys and
# subscripts aside, where the same words mean labels or JSON fields).
OWNED = {name: getattr(layout, name) for name in (
    "CONFIG_FILE", "THEMES_FILE", "MUNICIPALITIES_DIR", "OVERRIDES_DIR", "EDITIONS_DIR", "SITE_DIR", "OVERVIEW",
    "CHANGES_PAGE", "THEMES_PATH", "COMPARISON_PAGE", "PORTAL_STATEMENT", "EDITORS_GUIDE", "WAS_FOLDER", "WAS_PATH",
    "FEED_FILE", "SITEMAP_FILE", "SEARCH_INDEX", "NOT_FOUND_PAGE", "INDEX_FILE", "LATEST_ALIAS", "VERSIONS_FILE",
    "NATIONAL_SEARCH_PAGE", "NATIONAL_INDEX_DIR")}


def _spelled_out(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body \
                and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant):
            skip.add(id(node.body[0].value))
        elif isinstance(node, ast.Dict):
            skip.update(id(key) for key in node.keys if key is not None)
        elif isinstance(node, ast.Subscript):
            skip.add(id(node.slice))
    values = set(OWNED.values()) | {value + "/" for value in OWNED.values()}
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
            and node.value in values]


def test_only_layout_py_spells_out_the_site_s_folder_and_page_names() -> None:
    found = {}
    for folder in ("policysite", "policybuild", "hooks"):
        for path in sorted((REPO / folder).rglob("*.py")):
            if path.name != "layout.py" and _spelled_out(path):
                found[path.relative_to(REPO).as_posix()] = _spelled_out(path)
    assert found == {}, found


def test_the_fingerprints_and_the_link_check_take_their_names_from_layout() -> None:
    from policybuild import fingerprint, linkcheck, project

    assert fingerprint.CODE_PATHS is layout.CODE_PATHS
    assert project.PROJECT_FILES is layout.PROJECT_FILES
    assert linkcheck.NOT_FOUND_PAGE is layout.NOT_FOUND_PAGE
    # Every reserved name the theme brings is one it publishes (not a hand-kept list).
    theme = layout.theme_files(REPO)
    assert {"assets/policy.js", "assets/policy.css", layout.NOT_FOUND_PAGE, layout.SITEMAP_FILE} <= theme
    assert any(name.startswith("assets/javascripts/bundle.") for name in theme)
    assert layout.ASSETS_DIR in layout.microsite_reserved(REPO) and layout.ASSETS_DIR in layout.reserved_slugs(REPO)


def test_a_real_build_publishes_nothing_at_the_top_that_layout_does_not_reserve(tmp_path: Path) -> None:
    """The derivation is complete: whatever the portal writes at the top of site/ is a reserved slug."""
    root = copy_project(tmp_path / "project", FIXTURES / "municipalities")
    build_sites(root, root / "site", jobs=2, log=lambda message: None)
    slugs = {path.name for path in (root / "municipalities").iterdir()}
    published = {path.name for path in (root / "site").iterdir()} - slugs
    reserved = layout.reserved_slugs(root)
    assert published and not {name for name in published if name not in reserved and layout.page_stem(name) not in reserved}
