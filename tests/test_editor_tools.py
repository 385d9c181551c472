"""Editors' tools: `new`, `check` with its warnings and LIX, the message registry and the guide made from it."""
from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from policysite import lix, markup, sanitize
from policysite.catalog import inspect, load_catalog
from policysite.errors import ContentError
from policysite.messages import ERROR, MESSAGES, WARNING
from policysite.review import format_report, review
from policysite.schema import (CONSULTATION_HISTORY_FIELDS, MORE_CONTACT_FIELDS, SIGNATORY_FIELDS,
                              BLOCK_FIELDS, CHANGE_FIELDS, CONSULTATION_FIELDS, CONTACT_FIELDS, PAGE_FIELDS,
                               PART_FIELDS, POLICY_FIELDS, SOURCE_FIELDS)
from policysite.scaffold import TEMPLATES
from policysite.translation import stamp

from conftest import FIXTURES, REPO, copy_project, soup

SLUGS = tuple(m.slug for m in load_catalog(REPO).municipalities)  # whichever there are


def cli(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "policybuild.cli", "--root", str(root), *args],
                          cwd=REPO, capture_output=True, text=True, timeout=300)


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project", FIXTURES / "municipalities")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# The message registry and the guide --------------------------------------------------

def codes_in_source() -> set[str]:
    """Every code the core passes to ContentError, a validator or a sanitiser finding."""
    codes = set()
    for path in (REPO / "policysite").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                if name in ("ContentError", "_error", "error", "Finding") and isinstance(node.args[0].value, str):
                    codes.add(node.args[0].value)
    return codes


def test_every_code_the_checks_use_is_explained_in_both_languages() -> None:
    assert codes_in_source() - set(MESSAGES) == set()
    source = "\n".join(path.read_text(encoding="utf-8") for path in (REPO / "policysite").glob("*.py")
                       if path.name != "messages.py")
    unused = {code for code in MESSAGES if f'"{code}"' not in source}
    assert unused == set(), "registry entries nobody reports"
    for message in MESSAGES.values():
        assert message.severity in (ERROR, WARNING)
        for text in (message.da, message.en, message.fix_da, message.fix_en):
            assert text.strip() and "|" not in text and "\n" not in text, message.code
            assert not re.search(r"<[a-z!/]", re.sub(r"`[^`]*`", "", text)), (message.code, text)  # HTML only in code spans


def test_an_unregistered_code_cannot_be_reported() -> None:
    with pytest.raises(ValueError, match="not in policysite/messages.py"):
        ContentError("no-such-code", "x.md", 1, None, "problem", "fix")


def test_the_guide_explains_every_code_from_the_registry(seed_site: Path) -> None:
    for prefix, lang in (("", "da"), ("en", "en")):
        article = soup(seed_site / prefix / "redaktoerer" / "index.html").select_one("article.md-content__inner")
        tables = [table for table in article.select("table")
                  if table.select_one("thead th").get_text(strip=True) in ("Kode", "Code")]  # not the limits
        rows = {row.select_one("td code").get_text(): row for table in tables for row in table.select("tbody tr")}
        assert set(rows) == set(MESSAGES), lang
        for code, message in MESSAGES.items():
            cells = [cell.get_text(" ", strip=True) for cell in rows[code].find_all("td")]
            explanation = message.da if lang == "da" else message.en
            assert "".join(cells[1].split()) == "".join(explanation.replace("`", "").split()), (code, cells[1])
            assert cells[3].startswith(("ja", "yes") if message.severity == ERROR else ("nej", "no"))
        headings = [h.get_text(" ", strip=True) for h in article.find_all("h2")]
        assert len(headings) >= 6  # change a sentence, add a card, theme, municipality, preview, check, messages


def test_the_check_uses_the_build_s_markdown_extensions() -> None:
    from policybuild.engine import load_config

    config = load_config(str(REPO / "mkdocs.yml"))
    assert tuple(config["markdown_extensions"]) == markup.EXTENSIONS
    assert config["mdx_configs"].get("toc") == markup.EXTENSION_CONFIGS["toc"]


def test_snippets_stay_disabled_or_locked_down() -> None:
    """pymdownx.snippets could include any file or URL into a page; if it is ever enabled, it must be confined."""
    from policybuild.engine import load_config

    config = load_config(str(REPO / "mkdocs.yml"))
    if "pymdownx.snippets" not in config["markdown_extensions"]:
        return
    options = config["mdx_configs"].get("pymdownx.snippets", {})
    assert options.get("check_paths") is True
    assert options.get("restrict_base_path", True) is True
    assert not options.get("url_download", False)
    for base in options.get("base_path", ["."]) if isinstance(options.get("base_path", ["."]), list) else [options["base_path"]]:
        assert not Path(base).is_absolute() and ".." not in Path(base).parts


# The sanitiser -------------------------------------------------------------------------

@pytest.mark.parametrize("html", [
    '<p>Tekst med <span lang="da">dansk</span> og <abbr title="Forenede Nationer">FN</abbr>.</p>',
    '<h2 id="naerhed" class="policy-block" data-kind="values">Nærhed<a class="headerlink" href="#naerhed" title="Permanent link">¶</a></h2>',
    '<nav class="policy-related" aria-label="Samme tema"><ul><li><a href="../beta/#x">Beta</a></li></ul></nav>',
    '<div class="policy-table-region" role="region" aria-labelledby="c" tabindex="0"><table><caption id="c">T</caption>'
    '<thead><tr><th scope="col">A</th></tr></thead><tbody><tr><td style="text-align: left;">1</td></tr></tbody></table></div>',
    '<p><a href="mailto:post@alfa.dk">post</a> <a href="tel:+4511223344">tlf</a> <a href="kommune:beta#y">b</a> '
    '<a href="tema:tillid">t</a> <a href="https://x.dk/">x</a> <a href="vaerdier.md#a">v</a></p>',
    '<dl><dt>Vedtaget</dt><dd><time datetime="2019-06-24">24. juni 2019</time></dd></dl><address>Torvet 1</address>',
    '<div class="admonition note"><p class="admonition-title">Note</p><p>x</p></div><details open><summary>S</summary></details>',
    '<img src="billede.png" alt="Et billede"><!-- en kommentar -->',
])
def test_html_the_site_needs_is_kept_as_it_is(html: str) -> None:
    assert sanitize.findings(html) == []
    assert sanitize.sanitise(html) == sanitize.canonical(html)


@pytest.mark.parametrize(("html", "code"), [
    ("<script>alert(1)</script>", "unsafe-tag"),
    ("<ScRiPt>alert(1)</sCrIpT>", "unsafe-tag"),
    ('<iframe src="https://x"></iframe>', "unsafe-tag"),
    ('<object data="x"></object>', "unsafe-tag"),
    ('<embed src="x">', "unsafe-tag"),
    ("<style>body{}</style>", "unsafe-tag"),
    ('<svg onload="alert(1)"></svg>', "unsafe-tag"),
    ('<p onclick="alert(1)">x</p>', "unsafe-attribute"),
    ('<p ONMOUSEOVER="alert(1)">x</p>', "unsafe-attribute"),
    ('<a/onclick=alert(1)>x</a>', "unsafe-attribute"),
    ('<p style="background:url(x)">x</p>', "unsafe-attribute"),
    ('<a href="x" target="_blank">x</a>', "unsafe-attribute"),
    ('<a href="javascript:alert(1)">x</a>', "unsafe-url"),
    ('<a href="JAVASCRIPT:alert(1)">x</a>', "unsafe-url"),
    ('<a href="&#106;avascript:alert(1)">x</a>', "unsafe-url"),
    ('<a href="&#x6A;&#x61;vascript&colon;alert(1)">x</a>', "unsafe-url"),
    ('<a href="java\tscript:alert(1)">x</a>', "unsafe-url"),
    ('<a href=" javascript:alert(1)">x</a>', "unsafe-url"),
    ('<a href="vbscript:msgbox(1)">x</a>', "unsafe-url"),
    ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', "unsafe-url"),
    ('<img src="data:image/png;base64,AAAA" alt="x">', "unsafe-url"),
    ('<img src="mailto:x@y.dk" alt="x">', "unsafe-url"),
    ('<span data-url="javascript:alert(1)">x</span>', "unsafe-url"),
    ("<!--> <script>alert(1)</script> -->", "unsafe-tag"),
    ("<!-- a --!> b -->", "unsafe-markup"),
    ("<!--[if IE]>x<![endif]-->", "unsafe-markup"),
    ("<![CDATA[x]]>", "unsafe-markup"),
    ("<!DOCTYPE html>", "unsafe-markup"),
    ("<?xml x?>", "unsafe-markup"),
    ("x\x00y", "unsafe-markup"),
])
def test_unsafe_html_is_found_and_sanitising_would_change_it(html: str, code: str) -> None:
    assert code in {finding.code for finding in sanitize.findings(html)}
    assert sanitize.sanitise(html) != sanitize.canonical(html)


def test_the_seed_content_passes_the_sanitiser_unchanged() -> None:
    catalog = load_catalog(REPO)
    for municipality in catalog.municipalities:
        for policy in municipality.policies.values():
            for page in policy.pages:
                html = markup.render(page.body)
                assert sanitize.findings(html) == [], page.path


# LIX ------------------------------------------------------------------------------------

def test_lix_formula() -> None:
    counted = lix.count(["Hunden løb hjem. Katten sov længe.", "Kommunalbestyrelsen vedtog medborgerskabspolitikken"])
    # 9 words; sentences: two in the first block, one in the second; long words: Kommunalbestyrelsen,
    # medborgerskabspolitikken (more than six letters; "vedtog" has six).
    assert (counted.words, counted.sentences, counted.long_words) == (9, 3, 2)
    assert counted.value == pytest.approx(9 / 3 + 100 * 2 / 9)


def test_lix_does_not_end_sentences_at_ordinals_or_abbreviations() -> None:
    assert lix.count(["Den 2. august blev den bl.a. vedtaget. Det var godt."]).sentences == 2


def test_every_seed_page_has_a_lix_in_both_languages() -> None:
    result = review(REPO)
    assert result.errors == []
    for section in result.sections:
        if section.slug is None:
            continue
        assert section.slug in SLUGS and section.target == lix.DEFAULT_TARGET
        policy = load_catalog(REPO).municipality(section.slug).policy("da")
        for page in policy.pages:
            for lang in ("da", "en"):
                value = section.lix_of(page.name, lang).value
                assert value is not None and 10 < value < 80, (section.slug, page.name, lang, value)


# `check` ---------------------------------------------------------------------------------

def test_check_reports_lix_per_page_against_the_municipality_s_target(project: Path) -> None:
    result = cli(project, "check")
    assert result.returncode == 0, result.stderr
    assert "== municipalities/alfa: Alfa Kommune ==" in result.stdout
    assert re.search(r"Læsbarhed af redaktionens egen tekst .*mål 45;.*\n\s+side\s+da\s+en\n\s+index\.md\s+", result.stdout)
    assert re.search(r"Læsbarhed af politikkens officielle ordlyd .*\n\s+side\s+da\s+en\n\s+index\.md\s+\d+",
                     result.stdout)
    assert "lix-above-target" not in result.stdout
    edit(project / "municipalities" / "alfa" / "index.md", "year: 2020\n", "year: 2020\nlix_target: 20\n")  # Danish only
    result = cli(project, "check")
    assert result.returncode == 0  # warnings do not fail
    # The editors' own text on the page (its card summary) is held to the target, not the official wording.
    assert "municipalities/alfa/vaerdier.md, linje 1: Advarsel: Redaktionens egen tekst på siden" in result.stdout
    assert "over målet 20" in result.stdout and "[lix-above-target]" in result.stdout
    assert "mål 20;" in result.stdout


def test_a_lix_target_must_be_a_sensible_number(project: Path) -> None:
    edit(project / "municipalities" / "alfa" / "index.md", "year: 2020\n", "year: 2020\nlix_target: høj\n")
    result = cli(project, "check")
    assert result.returncode == 1
    assert ("municipalities/alfa/index.md, linje 8, nøgle 'lix_target': Her skulle der stå heltal mellem 20 og 70, "
            "men der står teksten 'høj'.") in result.stdout
    assert "Skriv et helt tal uden anførselstegn, fx 45." in result.stdout
    english = cli(project, "check", "--lang", "en")
    assert english.returncode == 1
    assert ("municipalities/alfa/index.md, line 8, key 'lix_target': Expected whole number between 20 and 70, "
            "found the text 'høj'.") in english.stdout


def test_vague_link_text_is_a_warning_with_the_line(project: Path) -> None:
    page = project / "municipalities" / "alfa" / "vaerdier.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOm politikken: [klik her](index.md).\n", encoding="utf-8")
    result = cli(project, "check")
    assert result.returncode == 0
    line = len(page.read_text(encoding="utf-8").splitlines())
    assert (f"municipalities/alfa/vaerdier.md, linje {line}: Advarsel: Linkteksten »klik her« siger ikke, hvor "
            "linket fører hen") in result.stdout
    assert "[link-text-vague]" in result.stdout
    assert cli(project, "build").returncode == 0


def test_stale_translation_by_recorded_code(project: Path) -> None:
    danish = project / "municipalities" / "alfa" / "vaerdier.md"
    english = project / "municipalities" / "alfa" / "vaerdier.en.md"
    code = stamp(danish.read_text(encoding="utf-8"))
    edit(english, "title: Values\n", f'title: Values\ntranslated_from: "{code}"\n')
    assert "translation-stale" not in cli(project, "check").stdout
    edit(danish, "Det var værdierne.", "Det var alle værdierne.")
    new_code = stamp(danish.read_text(encoding="utf-8"))
    result = cli(project, "check")
    assert result.returncode == 0
    assert ("municipalities/alfa/vaerdier.en.md, linje 3, nøgle 'translated_from': Advarsel: Den danske side "
            "municipalities/alfa/vaerdier.md er ændret, siden denne oversættelse blev lavet") in result.stdout
    assert f'translated_from: \\"{new_code}\\"' in result.stdout or f'translated_from: "{new_code}"' in result.stdout


def test_stale_translation_from_git_history(project: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(project), "-c", "user.name=t", "-c", "user.email=t@example.dk", *args],
                       check=True, capture_output=True)

    git("init", "-q")
    git("add", "-A")
    git("commit", "-q", "-m", "start")
    assert "translation-stale" not in cli(project, "check").stdout
    edit(project / "municipalities" / "alfa" / "vaerdier.md", "Det var værdierne.", "Det var alle værdierne.")
    result = cli(project, "check")
    assert ("municipalities/alfa/vaerdier.en.md, linje 1: Advarsel: Den danske side municipalities/alfa/vaerdier.md "
            "blev ændret (ændringer, der ikke er committet) efter denne oversættelse") in result.stdout


def test_translated_from_belongs_on_english_pages_only(project: Path) -> None:
    edit(project / "municipalities" / "alfa" / "vaerdier.md", "title: Værdier\n",
         'title: Værdier\ntranslated_from: "0123456789ab"\n')
    result = cli(project, "check")
    assert result.returncode == 1
    assert "municipalities/alfa/vaerdier.md, linje 3, nøgle 'translated_from'" in result.stdout
    assert "[translated-from-misplaced]" in result.stdout


def test_check_groups_problems_per_municipality(project: Path) -> None:
    page = project / "municipalities" / "beta" / "indsatsomraader.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n<script>x</script>\n", encoding="utf-8")
    result = review(project)
    sections = {section.slug: section for section in result.sections}
    assert sections["alfa"].errors == [] and sections["alfa"].pages
    assert [error.code for error in sections["beta"].errors] == ["unsafe-tag"]
    report = format_report(result)
    assert ": 1 fejl og" in report.splitlines()[0] and "[unsafe-tag] " in report


# `new` --------------------------------------------------------------------------------------

def test_new_creates_a_municipality_that_validates_and_builds_at_once(project: Path) -> None:
    assert cli(project, "build").returncode == 0
    portal_before = (project / "site" / "index.html").read_bytes()
    result = cli(project, "new", "roskilde", "--name", "Roskilde Kommune")
    assert result.returncode == 0, result.stdout + result.stderr
    folder = project / "municipalities" / "roskilde"
    danish = sorted(p.name for p in folder.glob("*.md") if p.name.count(".") == 1)
    assert danish == sorted(p.name for p in TEMPLATES.glob("*.md") if p.name.count(".") == 1)
    for name in danish:
        english = folder / name.replace(".md", ".en.md")
        assert english.is_file()
        code = stamp((folder / name).read_text(encoding="utf-8"))
        assert f'translated_from: "{code}"' in english.read_text(encoding="utf-8")
    assert (project / "site" / "roskilde" / "index.html").is_file()
    assert (project / "site" / "roskilde" / "en" / "vaerdier" / "index.html").is_file()
    assert soup(project / "site" / "roskilde" / "index.html").html["lang"] == "da"
    assert "Roskilde Municipality" in (project / "site" / "roskilde" / "en" / "index.html").read_text(encoding="utf-8")
    assert (project / "site" / "index.html").read_bytes() == portal_before  # only the new microsite was built
    assert inspect(project).errors == ()
    check = cli(project, "check")
    assert check.returncode == 0
    assert "municipalities/roskilde/index.md, linje " in check.stdout and "[placeholder-left]" in check.stdout


def test_the_template_shows_every_field_with_a_comment() -> None:
    text = "\n".join(path.read_text(encoding="utf-8") for path in TEMPLATES.glob("*.md") if path.name.count(".") == 1)
    english = "\n".join(path.read_text(encoding="utf-8") for path in TEMPLATES.glob("*.en.md"))
    for fields in (PAGE_FIELDS, POLICY_FIELDS, BLOCK_FIELDS, PART_FIELDS, CONTACT_FIELDS, SOURCE_FIELDS,
                   CONSULTATION_FIELDS, CHANGE_FIELDS, MORE_CONTACT_FIELDS, CONSULTATION_HISTORY_FIELDS,
                   SIGNATORY_FIELDS):
        for field in fields:
            if field.name == "translated_from":
                continue  # written by `new` itself on the English pages
            assert re.search(rf"(^|[\s#\-\"]){field.name}:", text + english, re.MULTILINE), field.name
    index = (TEMPLATES / "index.md").read_text(encoding="utf-8")
    front = index.split("\n---\n", 1)[0]
    for line in front.splitlines()[1:]:
        if re.match(r"^\s*#?\s*[a-z_]+:", line) and not line.strip().startswith("- "):
            assert "#" in line or "[UDFYLD:" in line, line  # each field line says what to write


@pytest.mark.parametrize(("args", "code", "danish", "english"), [
    (("new", "Roskilde", "--name", "Roskilde Kommune"), "bad-slug", "kan ikke bruges som mappenavn",
     "cannot be a folder name"),
    (("new", "temaer", "--name", "Temaer Kommune"), "bad-slug", "/temaer/ bruges allerede til portalens temasider",
     "/temaer/ is taken by the portal's theme pages"),
    (("new", "alfa", "--name", "Alfa Kommune"), "municipality-exists", "findes allerede", "already exists"),
    (("new", "gamma", "--name", "Gamma: <b>Kommune</b>"), "name-invalid", "som ville ødelægge siderne",
     "would break the pages"),
])
def test_new_refuses_bad_names_and_creates_nothing(project: Path, args: tuple[str, ...], code: str, danish: str,
                                                   english: str) -> None:
    before = sorted(p.name for p in (project / "municipalities").iterdir())
    result = cli(project, *args)
    assert result.returncode == 1
    assert f"[{code}]" in result.stderr and danish in result.stderr and "Sådan retter du det:" in result.stderr
    result = cli(project, *args, "--lang", "en")
    assert result.returncode == 1
    assert f"[{code}]" in result.stderr and english in result.stderr
    assert sorted(p.name for p in (project / "municipalities").iterdir()) == before
    assert not (project / "site").exists()


def test_theme_labels_are_checked_for_unsafe_content(project: Path) -> None:
    """A theme label is plain text (the theme page's title, the menu, the cards): markup is refused."""
    edit(project / "themes.yml", "  da: Fællesskab\n", "  da: \"Fællesskab<img src=x onerror=alert(1)>\"\n")
    for command in ("check", "build"):
        result = cli(project, command)
        assert result.returncode == 1, command
        output = result.stdout + result.stderr
        lines = [line for line in output.splitlines() if "themes.yml, linje 6, nøgle 'faellesskab.da'" in line]
        assert lines and "[plain-text-markup]" in lines[0] and "'<img src=x o'" in lines[0], output


def test_the_new_core_modules_do_not_import_mkdocs() -> None:
    code = (
        "import sys, policysite.review, policysite.pagecheck, policysite.sanitize, policysite.markup, "
        "policysite.scaffold, policysite.lix, policysite.translation, policysite.messages, policysite.text, "
        "policysite.crosslinks, policysite.schema; "
        "print(any(m.split('.')[0] in ('mkdocs', 'properdocs') for m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
