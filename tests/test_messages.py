"""Messages: Danish by default, English when asked for, every word from the one registry.

policysite/messages.py holds every message an editor reads: each code's general explanation
(the editors' guide renders it) and the particular wordings ("details") the checks fill in with
what they found. These tests fail if a message is English by default, if a call site holds its
own text, or if a template cannot be filled in the same way in both languages.
"""
from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from policysite import messages
from policysite.errors import ContentError, ContentErrors
from policysite.messages import DETAILS, MESSAGES, PHRASES, fields_of, language_of

from conftest import FIXTURES, REPO, copy_project

# The modules whose call sites take their words from the registry. policysite/model.py
# and gate.py still write some texts themselves (their ContentError calls keep working:
# the older form is shown as written).
CONVERTED = [
    "policysite/schema.py", "policysite/scaffold.py", "policysite/catalog.py",
    "policysite/frontmatter.py", "policysite/pagecheck.py", "policysite/contentfiles.py", "policysite/review.py",
    "policysite/sourcelines.py", "policysite/textbounds.py", "policysite/sanitize.py", "policysite/layout.py",
    "policysite/translation.py", "policysite/errors.py", "policysite/crosslinks.py", "policysite/lix.py",
    "policybuild/linkcheck.py", "hooks/policy_bounds.py", "hooks/policy_files.py", "hooks/policy_crosslinks.py",
]


# Strings that are not messages: the comment written after `translated_from:` into English files.
ALLOWED = {"policysite/translation.py": ("the Danish text this translates",)}


@pytest.mark.parametrize(("environ", "expected"), [
    ({}, "da"),
    ({"LANG": "C.UTF-8"}, "da"),
    ({"LANG": "da_DK.UTF-8"}, "da"),
    ({"LANG": "en_GB.UTF-8"}, "en"),
    ({"LANG": "en"}, "en"),
    ({"LANGUAGE": "en_US:da", "LANG": "da_DK.UTF-8"}, "en"),
    ({"LANGUAGE": "da:en", "LANG": "en_US.UTF-8"}, "da"),
    ({"LC_ALL": "en_US.UTF-8", "LANG": "da_DK.UTF-8"}, "en"),
    ({"POLICYSITE_LANG": "da", "LANG": "en_US.UTF-8"}, "da"),
    ({"POLICYSITE_LANG": "en", "LANG": "da_DK.UTF-8"}, "en"),
])
def test_the_language_is_danish_unless_english_is_asked_for(environ: dict, expected: str) -> None:
    assert language_of(environ) == expected


def test_a_message_is_danish_by_default_and_english_on_request() -> None:
    error = ContentError("yaml-tab", "municipalities/alfa/index.md", 4, "title", detail="tab")
    assert messages.language() == "da"  # conftest runs the tests with the default locale
    assert str(error) == error.render("da")
    assert str(error).startswith("municipalities/alfa/index.md, linje 4, nøgle 'title': Linjen er rykket ind")
    assert "Sådan retter du det:" in str(error) and str(error).endswith("[yaml-tab]")
    english = error.render("en")
    assert english.startswith("municipalities/alfa/index.md, line 4, key 'title': This line is indented")
    assert "How to fix:" in english
    previous = messages.set_language("en")
    try:
        assert str(error) == english and "1 problem in the content" in ContentErrors([error]).report()
    finally:
        messages.set_language(previous)
    assert "1 problem i indholdet" in ContentErrors([error]).report()


def _filled(template: str) -> dict[str, object]:
    return {name: 1234 for name in fields_of(template)}


@pytest.mark.parametrize("detail", [d for by_code in DETAILS.values() for d in by_code.values()],
                         ids=lambda d: f"{d.code}/{d.name}")
def test_every_detail_is_written_in_both_languages_with_the_same_parameters(detail) -> None:
    assert detail.da.strip() and detail.en.strip()
    assert detail.da != detail.en or not re.sub(r"\{\w+\}", "", detail.da).strip()
    assert fields_of(detail.da) == fields_of(detail.en), (detail.code, detail.name)
    assert (detail.fix_da is None) == (detail.fix_en is None)
    if detail.fix_da is not None:
        assert fields_of(detail.fix_da) == fields_of(detail.fix_en), (detail.code, detail.name)
    for lang in messages.LANGUAGES:
        params = {**_filled(detail.text(lang)), **_filled(detail.fix_text(lang) or "")}
        code = detail.code if detail.code != messages.ANY_CODE else "unsafe-tag"
        problem, fix = messages.render(code, detail.name, params, lang)
        for name in params:
            assert "{" + name not in problem + fix, (detail.code, detail.name, lang, problem, fix)


@pytest.mark.parametrize("name", sorted(PHRASES))
def test_every_phrase_is_written_in_both_languages(name: str) -> None:
    texts = PHRASES[name]
    assert set(texts) == set(messages.LANGUAGES)
    assert fields_of(texts["da"]) == fields_of(texts["en"])


def test_danish_numbers_are_written_the_danish_way() -> None:
    error = ContentError("text-too-complex", "a.md", 1, None, detail="lines", params={"limit": 5000})
    assert "5.000" in error.problem_in("da") and "5,000" in error.problem_in("en")


def test_an_unknown_detail_is_refused_at_the_call_site() -> None:
    with pytest.raises(ValueError):
        ContentError("yaml-tab", "a.md", 1, None, detail="no-such-detail")


def test_the_older_form_with_text_still_works() -> None:
    """policysite/model.py and gate.py write ContentError(code, path, line, key,
    problem, fix) until they move to details; their text is shown as written."""
    error = ContentError("unknown-key", "a.md", 3, "sumary", "Written at the call site.", "Fix it.")
    assert error.problem == "Written at the call site." and error.fix == "Fix it."
    assert "a.md, linje 3, nøgle 'sumary': Written at the call site. Sådan retter du det: Fix it." in str(error)


def _calls(tree: ast.AST, name: str) -> list[ast.Call]:
    return [node for node in ast.walk(tree) if isinstance(node, ast.Call)
            and ((isinstance(node.func, ast.Name) and node.func.id == name)
                 or (isinstance(node.func, ast.Attribute) and node.func.attr == name))]


@pytest.mark.parametrize("module", CONVERTED)
def test_no_call_site_holds_message_text(module: str) -> None:
    """ContentError is made from a code, a place, a detail and parameters; never from a sentence."""
    tree = ast.parse((REPO / module).read_text(encoding="utf-8"))
    for call in _calls(tree, "ContentError"):
        assert len(call.args) <= 4, f"{module}:{call.lineno} passes text to ContentError"
        keywords = {keyword.arg for keyword in call.keywords}
        assert not keywords & {"given_problem", "given_fix"}, f"{module}:{call.lineno}"
        code = call.args[0] if call.args else None
        detail = next((k.value for k in call.keywords if k.arg == "detail"), None)
        if isinstance(code, ast.Constant) and isinstance(detail, ast.Constant):
            assert detail.value in MESSAGES[code.value].details, f"{module}:{call.lineno}"
    # The schema's Validator.error(code, line, key, detail, **params): the same rules.
    for call in _calls(tree, "error"):
        validator = isinstance(call.func, ast.Attribute) and isinstance(call.func.value, ast.Name) \
            and call.func.value.id in ("self", "validator")
        if validator and call.args and isinstance(call.args[0], ast.Constant) and call.args[0].value in MESSAGES:
            assert len(call.args) == 4, f"{module}:{call.lineno} passes text to error()"
            if isinstance(call.args[3], ast.Constant):
                assert call.args[3].value in MESSAGES[call.args[0].value].details, f"{module}:{call.lineno}"
    # No sentence for an editor among the module's strings: words belong in the registry. Not counted:
    # docstrings, words a parser's error is matched against (`"..." in problem`), the bilingual labels
    # of the guide's table of limits (Limit(da, en, value)), the bilingual field reference of the schema
    # (Field(...), Kind(...), BlockKind(...): names and descriptions written in both languages, which the
    # guide renders), and ALLOWED below.
    skip = {id(node.body[0].value) for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and node.body
            and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    skip |= {id(node.left) for node in ast.walk(tree) if isinstance(node, ast.Compare)
             and isinstance(node.ops[0], (ast.In, ast.NotIn))}
    skip |= {id(arg) for call in _calls(tree, "Limit") for arg in call.args}
    for reference in ("Field", "Kind", "BlockKind"):
        for call in _calls(tree, reference):  # a Kind's hint (its fifth argument) names a detail: not skipped
            args = [arg for index, arg in enumerate(call.args) if not (reference == "Kind" and index == 4)]
            values = [*args, *(keyword.value for keyword in call.keywords if keyword.arg != "hint")]
            skip |= {id(node) for value in values for node in ast.walk(value)}
    sentences = [(node.lineno, node.value) for node in ast.walk(tree)
                 if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
                 and re.search(r"[A-Za-zæøå]+ [a-zæøå]+ [a-zæøå]+ [a-zæøå]+ [a-zæøå]+", node.value)
                 and not any(allowed in node.value for allowed in ALLOWED.get(module, ()))]
    assert sentences == [], sentences


def test_every_code_a_converted_call_site_names_is_registered() -> None:
    for module in CONVERTED:
        tree = ast.parse((REPO / module).read_text(encoding="utf-8"))
        for call in _calls(tree, "ContentError"):
            if call.args and isinstance(call.args[0], ast.Constant):
                assert call.args[0].value in MESSAGES, (module, call.lineno)


# `make check` as an editor reads it ------------------------------------------------------

def cli(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "policybuild.cli", "--root", str(root), *args],
                          cwd=REPO, capture_output=True, text=True, timeout=300)


@pytest.fixture()
def broken(tmp_path: Path) -> Path:
    """The fixture corpus with an error and a warning in beta's page, and a warning in alfa's."""
    root = copy_project(tmp_path / "project", FIXTURES / "municipalities")
    beta = sorted((root / "municipalities" / "beta").glob("*.md"))
    page = next(p for p in beta if not p.name.startswith("index") and not p.name.endswith(".en.md"))
    page.write_text(page.read_text(encoding="utf-8") + "\n<script>alert(1)</script>\n"
                    + "\nLæs om politikken: [klik her](index.md).\n", encoding="utf-8")
    alfa = root / "municipalities" / "alfa" / "vaerdier.md"
    alfa.write_text(alfa.read_text(encoding="utf-8") + "\nSe [her](index.md).\n", encoding="utf-8")
    return root


def test_check_is_danish_with_a_summary_line_first_and_warnings_beside_errors(broken: Path) -> None:
    result = cli(broken, "check")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert re.match(r"Kontrol af \d+ kommuner og portalen: 1 fejl og 2 advarsler\. Ret fejlene", lines[0]), lines[0]
    beta = result.stdout[result.stdout.index("== municipalities/beta"):]
    beta = beta[:beta.index("\n\n")]
    assert "Fejl (1):" in beta and "[unsafe-tag]" in beta
    assert "Advarsler (1):" in beta and "[link-text-vague]" in beta and "Advarsler: ingen" not in beta
    assert "Warning" not in result.stdout and "How to fix" not in result.stdout and "Errors" not in result.stdout


def test_check_with_lang_en_is_english(broken: Path) -> None:
    result = cli(broken, "check", "--lang", "en")
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith("Checked ")
    assert "Warnings (1):" in result.stdout and "How to fix:" in result.stdout and "Sådan retter" not in result.stdout


def test_check_of_one_municipality_leaves_the_others_out(broken: Path) -> None:
    result = cli(broken, "check", "--municipality", "alfa")
    assert result.returncode == 0, result.stdout  # beta's error is not alfa's
    assert result.stdout.splitlines()[0].startswith(
        "Kontrol af municipalities/alfa og de portalsider, den vises på: 0 fejl og 1 advarsler.")
    assert "municipalities/beta" not in result.stdout and "[link-text-vague]" in result.stdout
    result = cli(broken, "check", "--municipality", "beta")
    assert result.returncode == 1 and "municipalities/alfa" not in result.stdout
    assert "[unsafe-tag]" in result.stdout


def test_check_of_one_municipality_checks_the_portal_pages_it_appears_on(broken: Path) -> None:
    (broken / "docs" / "om-alfa.md").write_text(
        "---\ntitle: Om Alfa\n---\n\nLæs [Alfas værdier](kommune:alfa#naerhed) og [mere](index.md).\n",
        encoding="utf-8")
    alfa = cli(broken, "check", "--municipality", "alfa")
    assert "docs/om-alfa.md" in alfa.stdout and "[link-text-vague]" in alfa.stdout
    beta = cli(broken, "check", "--municipality", "beta")
    assert "docs/om-alfa.md" not in beta.stdout


def test_check_of_an_unknown_municipality_suggests_the_right_name(broken: Path) -> None:
    result = cli(broken, "check", "--municipality", "alfx")
    assert result.returncode == 1
    assert "Der er ingen kommunemappe 'alfx'. Mente du 'alfa'?" in result.stdout and "[municipality-unknown]" in result.stdout


def test_lix_advice_is_for_the_editors_own_text_only(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project", FIXTURES / "municipalities")
    page = root / "municipalities" / "alfa" / "vaerdier.md"
    official = ("Kommunalbestyrelsens medborgerskabspolitik understøtter fællesskabsorienterede "
                "civilsamfundsinitiativer, frivillighedsorganisationernes forankringsprocesser, "
                "lokalsamfundsudviklingens demokratiseringsbestræbelser og borgerinddragelsesstrategier "
                "på tværs af forvaltningsområderne og institutionstyperne i hele kommunen.")
    page.write_text(page.read_text(encoding="utf-8").replace("Det var værdierne.", official, 1), encoding="utf-8")
    result = cli(root, "check", "--municipality", "alfa")
    assert result.returncode == 0, result.stdout
    # The official wording is counted for information, with no advice to shorten it and no mark.
    head = "Læsbarhed af politikkens officielle ordlyd (LIX, kun til orientering"
    assert head in result.stdout and "Læsbarhed af redaktionens egen tekst" in result.stdout
    table = result.stdout[result.stdout.index(head):]
    row = next(line for line in table.splitlines() if line.strip().startswith("vaerdier.md"))
    assert int(row.split()[1]) > 45 and "!" not in row, row
    assert "[lix-above-target]" not in result.stdout and "kortere sætninger" not in result.stdout
    long_summary = ("Medborgerskabspolitikkens grundlæggende værdiforestillinger understøtter kommunikationen "
                    "mellem forvaltningsområderne og lokalsamfundenes civilsamfundsorganisationer.")
    page.write_text(page.read_text(encoding="utf-8").replace("summary: Vi er tæt på hinanden.",
                                                             f"summary: {long_summary}", 1), encoding="utf-8")
    result = cli(root, "check", "--municipality", "alfa")
    assert "municipalities/alfa/vaerdier.md, linje 1: Advarsel: Redaktionens egen tekst" in result.stdout
    assert "[lix-above-target]" in result.stdout and "Politikkens officielle ordlyd skal ikke ændres" in result.stdout
