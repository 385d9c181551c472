"""Every kind of broken front-matter stops with a message naming file, line and key."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from policysite.catalog import load_catalog
from policysite.errors import ContentErrors

from conftest import FIXTURES, REPO

VALUES_PAGE = (FIXTURES / "municipalities" / "alfa" / "vaerdier.md").read_text(encoding="utf-8")


def make_root(tmp_path: Path) -> Path:
    shutil.copy2(REPO / "themes.yml", tmp_path / "themes.yml")
    shutil.copytree(FIXTURES / "municipalities", tmp_path / "municipalities")
    return tmp_path


def errors_for(tmp_path: Path, text: str, name: str = "vaerdier.md"):
    root = make_root(tmp_path)
    (root / "municipalities" / "alfa" / name).write_text(text, encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        load_catalog(root)
    return caught.value.errors


def line_of(text: str, needle: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


def single(errors, code: str):
    matching = [error for error in errors if error.code == code]
    assert matching, [str(error) for error in errors]
    return matching[0]


def test_fixture_content_is_valid(tmp_path: Path) -> None:
    catalog = load_catalog(make_root(tmp_path))
    assert [m.slug for m in catalog.municipalities] == ["alfa", "beta"]


def test_yaml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    text = VALUES_PAGE.replace("    title: Nærhed\n", "    title: [Nærhed\n")
    error = single(errors_for(tmp_path, text), "yaml-syntax")
    assert error.path == "municipalities/alfa/vaerdier.md"
    assert error.line == line_of(text, "title: [Nærhed")
    assert "linje" in str(error) and "Sådan retter du det" in str(error) and "']'" in str(error)
    assert "How to fix" in error.render("en")


# What PyYAML (libyaml, or the pure-Python parser) says, which an editor cannot act on.
PARSER_JARGON = ("mapping values", "indicator", "scalar", "token", "stream", "block end", "block mapping",
                 "block collection", "node content", "simple key", "not allowed here", "in this context",
                 "did not find", "could not find", "<", "hexdecimal", "flow sequence", "flow mapping")


def assert_no_jargon(error) -> None:
    for lang in ("da", "en"):
        shown = error.render(lang).lower()
        leaked = [word for word in PARSER_JARGON if word in shown]
        assert not leaked, (leaked, shown)


# (what the editor wrote instead of a line of the fixture, the detail, the line it is reported on,
#  and words the Danish message must hold)
YAML_MISTAKES = [
    ("    summary: Vi er tæt på hinanden.\n", "    summary: Vi er: tæt på hinanden.\n", "colon",
     "summary: Vi er:", "Teksten indeholder et kolon; sæt anførselstegn om den"),
    ("      - Tryghed\n", "     - Tryghed\n", "list-indentation", "     - Tryghed", "Ryk linjen ind"),
    ("    title: Fællesskab\n", "   title: Fællesskab\n", "list-indentation", "   title: Fællesskab",
     "flugter"),
    ("    text: Alle hører til.\n", "     text: Alle hører til.\n", "indentation", "     text: Alle",
     "rykket forkert ind"),
    ("    title: Nærhed\n", '    title: "Nærhed\n', "unclosed-quote", 'title: "Nærhed', "lukkes aldrig"),
    ("    title: Nærhed\n", '    title: "Nær" og hed\n', "after-quote", 'title: "Nær"',
     "efter det afsluttende anførselstegn"),
    ("    title: Nærhed\n", "    title Nærhed\n    kind: x\n", "missing-colon", "title Nærhed", "intet kolon"),
    ("    themes: [faellesskab]\n", "    themes: - faellesskab\n", "item-on-key-line", "themes: - faellesskab",
     "egen linje"),
    ("    title: Nærhed\n", "    title: @Nærhed\n", "reserved-start", "title: @", "anførselstegn"),
    ("    title: Nærhed\n", "    title: `Nærhed`\n", "reserved-start", "title: `", "anførselstegn"),
    ("    title: Nærhed\n", '    title: "C:\\x Nærhed"\n', "backslash", "C:\\x", "omvendt skråstreg"),
]


@pytest.mark.parametrize(("line", "mistake", "detail", "needle", "danish"), YAML_MISTAKES,
                         ids=[f"{m[2]}-{i}" for i, m in enumerate(YAML_MISTAKES)])
def test_yaml_mistakes_are_told_in_editors_words(tmp_path: Path, line: str, mistake: str, detail: str,
                                                 needle: str, danish: str) -> None:
    """Each parser error becomes the mistake that causes it, in Danish, at its own line, once."""
    assert line in VALUES_PAGE
    text = VALUES_PAGE.replace(line, mistake, 1)
    errors = errors_for(tmp_path, text)
    assert len(errors) == 1, [str(e) for e in errors]
    error = errors[0]
    assert (error.code, error.detail) == ("yaml-syntax", detail), str(error)
    assert error.path == "municipalities/alfa/vaerdier.md" and error.line == line_of(text, needle), str(error)
    assert danish in str(error) and "Sådan retter du det" in str(error), str(error)
    assert_no_jargon(error)


def test_a_tab_inside_the_front_matter_is_named_as_a_tab(tmp_path: Path) -> None:
    text = VALUES_PAGE.replace("      - Tryghed\n", "      -\tTryghed\n      - \tmere\n\t- x\n")
    error = single(errors_for(tmp_path, text), "yaml-tab")
    assert error.line == line_of(text, "\t- x") and "tabulator" in str(error)
    assert_no_jargon(error)


def test_duplicate_key(tmp_path: Path) -> None:
    text = VALUES_PAGE.replace("    summary: Vi er tæt på hinanden.\n",
                               "    summary: Vi er tæt på hinanden.\n    summary: Igen.\n")
    error = single(errors_for(tmp_path, text), "yaml-duplicate-key")
    assert error.line == line_of(text, "summary: Igen.")
    assert error.key == "values[0].summary"
    assert f"første gang på linje {line_of(text, 'summary: Vi er')}" in error.problem
    assert f"first on line {line_of(text, 'summary: Vi er')}" in error.problem_in("en")


@pytest.mark.parametrize(
    ("value", "code", "found"),
    [
        ("yes", "yaml-ambiguous-bool", "'yes'"),
        ("no", "yaml-ambiguous-bool", "'no'"),
        ("on", "yaml-ambiguous-bool", "'on'"),
        ("010", "yaml-ambiguous-number", "'010'"),
        ("12:30", "yaml-ambiguous-number", "750"),
    ],
)
def test_yaml_11_coercions_are_refused(tmp_path: Path, value: str, code: str, found: str) -> None:
    text = VALUES_PAGE.replace("title: Værdier", f"title: {value}")
    error = single(errors_for(tmp_path, text), code)
    assert error.line == line_of(text, f"title: {value}")
    assert error.key == "title"
    assert found in error.problem and "ville blive læst" in error.problem
    assert f'"{value}"' in error.fix


def test_wrong_type(tmp_path: Path) -> None:
    text = VALUES_PAGE.replace("    themes: [faellesskab]", "    themes: faellesskab")
    error = single(errors_for(tmp_path, text), "wrong-type")
    assert error.key == "values[1].themes"
    assert error.line == line_of(text, "themes: faellesskab")
    assert "Her skulle der stå en liste" in error.problem and "der står teksten 'faellesskab'" in error.problem
    english = error.problem_in("en")
    assert "Expected a list" in english and "found the text 'faellesskab'" in english


def test_unknown_key_suggests_the_right_one(tmp_path: Path) -> None:
    text = VALUES_PAGE.replace("    summary: Vi er", "    sumary: Vi er")
    error = single(errors_for(tmp_path, text), "unknown-key")
    assert error.key == "values[0].sumary"
    assert error.line == line_of(text, "sumary:")
    assert "'sumary' er ikke en nøgle, denne side kan have. Mente du 'summary'?" in error.problem
    assert error.fix.startswith("Omdøb den til 'summary'.") and "summary" in error.fix.split("her, er:")[1]
    assert "Did you mean 'summary'?" in error.problem_in("en") and "Rename it to 'summary'." in error.fix_in("en")


def test_missing_required_field(tmp_path: Path) -> None:
    text = VALUES_PAGE.replace("    title: Fællesskab\n", "")
    error = single(errors_for(tmp_path, text), "missing-key")
    assert error.key == "values[1].title"
    assert error.line == line_of(text, "- id: faellesskab")


def test_unknown_theme_suggests_a_known_one(tmp_path: Path) -> None:
    text = VALUES_PAGE.replace("themes: [naboskab, tillid]", "themes: [naboskap, tillid]")
    error = single(errors_for(tmp_path, text), "unknown-theme")
    assert error.path == "municipalities/alfa/vaerdier.md"
    assert error.key == "values[0].themes[0]"
    assert error.line == line_of(text, "naboskap")
    assert "Mente du 'naboskab'?" in error.problem and "Did you mean 'naboskab'?" in error.problem_in("en")


def test_tab_indentation(tmp_path: Path) -> None:
    text = VALUES_PAGE.replace("    summary: Vi er", "\tsummary: Vi er")
    error = single(errors_for(tmp_path, text), "yaml-tab")
    assert error.line == line_of(text, "\tsummary")
    assert error.key == "values[0].summary" and "tabulatortegn" in error.problem


def test_missing_closing_fence(tmp_path: Path) -> None:
    text = VALUES_PAGE.replace("\n---\n\nAlfas", "\n\nAlfas")
    error = single(errors_for(tmp_path, text), "frontmatter-unclosed")
    assert error.line == 1 and "slutter aldrig" in error.problem and "never closed" in error.problem_in("en")


def test_python_tags_are_refused(tmp_path: Path) -> None:
    text = VALUES_PAGE.replace("title: Værdier", "title: !!python/object/apply:os.system [echo hi]")
    error = single(errors_for(tmp_path, text), "yaml-tag")
    assert error.line == 2 and "!!python/object/apply:os.system" in error.problem


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    bomb = "\n".join(
        ["a: &a [x, x, x, x, x, x, x, x, x]"]
        + [f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]"
           for i in range(9)]
    )
    text = f"---\ntitle: Bombe\n{bomb}\n---\n"
    error = single(errors_for(tmp_path, text), "yaml-alias")
    assert error.line == line_of(text, "*a")


def test_every_problem_is_reported_not_just_the_first(tmp_path: Path) -> None:
    text = VALUES_PAGE.replace("    summary: Vi er", "    sumary: Vi er").replace(
        "themes: [faellesskab]", "themes: [fællesskab]")
    codes = {error.code for error in errors_for(tmp_path, text)}
    assert {"unknown-key", "wrong-type"} <= codes or {"unknown-key", "unknown-theme"} <= codes


def test_a_translation_that_repeats_neutral_facts_is_told_at_each_key_s_own_line(tmp_path: Path) -> None:
    """The English twin holds only translated text: each repeated fact is named once, at its own line."""
    root = make_root(tmp_path)
    english = root / "municipalities" / "alfa" / "index.en.md"
    text = english.read_text(encoding="utf-8").replace(
        "publisher: Alfa Municipality, City Council\n",
        'publisher: Alfa Municipality, City Council\ndomain: alfa.dk\nedition: "2020"\n').replace(
        "  unit: Centre for Community\n", '  unit: Centre for Community\n  phone: "11 22 33 44"\n')
    english.write_text(text, encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        load_catalog(root)
    found = {(error.key, error.line) for error in caught.value.errors if error.code == "translation-neutral-key"}
    assert found == {("domain", line_of(text, "domain:")), ("edition", line_of(text, "edition:")),
                     ("contact.phone", line_of(text, "phone:"))}
    assert all(error.path == "municipalities/alfa/index.en.md" for error in caught.value.errors), \
        [str(error) for error in caught.value.errors]


def test_the_english_view_takes_neutral_facts_from_the_danish_file(tmp_path: Path) -> None:
    catalog = load_catalog(make_root(tmp_path))
    danish, english = (catalog.municipality("alfa").policy(lang) for lang in ("da", "en"))
    assert english.contact.phone == danish.contact.phone and english.contact.unit != danish.contact.unit
    assert (english.edition, english.adopted, english.domain) == (danish.edition, danish.adopted, danish.domain)
    assert [(b.id, b.themes) for b in english.blocks] == [(b.id, b.themes) for b in danish.blocks]
    assert [b.title for b in english.blocks] != [b.title for b in danish.blocks]
    # one list of change notes: the same dates and "last updated" in both languages, each in its language
    assert [c.date for c in english.changes] == [c.date for c in danish.changes] and danish.changes
    assert english.last_updated == danish.last_updated
    assert english.changes[0].text != danish.changes[0].text


def test_a_translation_with_another_number_of_blocks_is_named_at_its_list(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    english = root / "municipalities" / "alfa" / "vaerdier.en.md"
    text = english.read_text(encoding="utf-8")
    cut = text.index("  - title: Community")
    text = text[:cut] + text[text.index("---", cut):]
    english.write_text(text, encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        load_catalog(root)
    error = single(caught.value.errors, "translation-shape")
    assert (error.path, error.key, error.line) == ("municipalities/alfa/vaerdier.en.md", "values", line_of(text, "values:"))
    assert "har 1 punkter her, men 2 i municipalities/alfa/vaerdier.md" in error.problem
    assert "1 entries here but 2" in error.problem_in("en")


def test_a_translated_text_missing_in_english_is_named(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    english = root / "municipalities" / "alfa" / "vaerdier.en.md"
    english.write_text(english.read_text(encoding="utf-8").replace("    summary: We are close to each other.\n", ""),
                       encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        load_catalog(root)
    error = single(caught.value.errors, "translation-shape")
    assert error.key == "values[0].summary" and "vaerdier.md" in error.problem


def test_a_misspelt_key_is_reported_once_with_the_key_it_resembles(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    danish = root / "municipalities" / "alfa" / "index.md"
    text = danish.read_text(encoding="utf-8").replace("policy_title:", "policy_titel:")
    danish.write_text(text, encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        load_catalog(root)
    assert [error.code for error in caught.value.errors] == ["unknown-key"], [str(e) for e in caught.value.errors]
    error = caught.value.errors[0]
    assert error.line == line_of(text, "policy_titel:") and "'policy_title'" in error.problem


def test_a_theme_missing_only_its_english_label_is_reported_once_in_themes_yml(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    themes = root / "themes.yml"
    text = themes.read_text(encoding="utf-8").replace("  en: Community\n", "", 1)
    themes.write_text(text, encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        load_catalog(root)
    assert [(e.code, e.path, e.key) for e in caught.value.errors] == [
        ("theme-label-missing", "themes.yml", "faellesskab.en")], [str(e) for e in caught.value.errors]
    assert "intet navn på engelsk ('en:')" in caught.value.errors[0].problem
    assert "English" in caught.value.errors[0].problem_in("en")


def test_missing_english_twin(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    (root / "municipalities" / "alfa" / "vaerdier.en.md").unlink()
    with pytest.raises(ContentErrors) as caught:
        load_catalog(root)
    error = single(caught.value.errors, "translation-missing")
    assert error.path == "municipalities/alfa/vaerdier.en.md"


def test_unlisted_page(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    (root / "municipalities" / "alfa" / "ekstra.md").write_text("---\ntitle: Ekstra\n---\n", encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        load_catalog(root)
    error = single(caught.value.errors, "page-unlisted")
    assert error.path == "municipalities/alfa/ekstra.md" and "pages" in error.fix


def test_a_yaml_mistake_names_the_key_with_its_list_item(tmp_path: Path) -> None:
    """The key of a syntax error is the full path (values[1].text), as the schema's messages name it."""
    text = VALUES_PAGE.replace("    text: Alle hører til.\n", "    text: Alle: hører til.\n")
    error = single(errors_for(tmp_path, text), "yaml-syntax")
    assert (error.detail, error.key, error.line) == ("colon", "values[1].text", line_of(text, "text: Alle:"))
    text = VALUES_PAGE.replace("      - Tryghed\n", '      - "Tryghed\n')
    (tmp_path / "second").mkdir()
    error = single(errors_for(tmp_path / "second", text), "yaml-syntax")
    assert (error.detail, error.key) == ("unclosed-quote", "values[0].items[1]")
