"""The browser editor without a browser: its configuration against the schema, its
writer and English sync under Node (the same modules the page loads), and make edit's server.

- Every schema field is in the generated Decap configuration with the widget its kind
  calls for, the schema's Danish text as label and help, and the same required flag; a
  kind without a widget fails here, so a schema change cannot leave the editor behind.
- The patterns the form checks agree with the schema's own checks, in JavaScript.
- Saving unchanged content is byte-identical for every content and template file; one
  changed title is a one-line diff; the canonical text reads back as the same values in
  Python (the reader `make check` uses).
- The English twin follows the Danish structure (blocks added, removed, moved), with
  neutral facts copied today and left out after issue 12.
- The server answers only to its own address and origin and serves only its own files.
"""
from __future__ import annotations

import json
import re
import subprocess
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from policybuild import editor as editor_server
from policysite import cms, frontmatter, schema
from policysite.catalog import load_themes
from policysite.messages import message
from policysite.schema import OVERVIEW_FIELDS, PAGE_FIELDS, THEMES_FIELD_NAME, Field

from conftest import FIXTURES, REPO, copy_project

STATIC = REPO / "editor" / "static"
MODULES = REPO / "editor" / "node_modules"


@pytest.fixture(scope="module")
def editor_tools() -> None:
    """editor/node_modules as `make edit` installs it (npm ci of editor/package-lock.json)."""
    if not (editor_server.DECAP_SERVER.is_file() and (editor_server.YAML_DIST / "index.js").is_file()):
        subprocess.run(["make", "-C", str(REPO), "editor-tools"], check=True, timeout=900)


def node(script: str, payload: Any) -> Any:
    """Run `script` under Node with P (policy-yaml.js) and S (policy-sync.js); `input` is `payload`."""
    prelude = (
        f"import * as YAML from {json.dumps((editor_server.YAML_DIST / 'index.js').as_uri())};\n"
        f"import {{ createPolicyYaml }} from {json.dumps((STATIC / 'policy-yaml.js').as_uri())};\n"
        f"import {{ createPolicySync }} from {json.dumps((STATIC / 'policy-sync.js').as_uri())};\n"
        "const P = createPolicyYaml(YAML); const S = createPolicySync(P);\n"
        "let raw = ''; for await (const chunk of process.stdin) raw += chunk;\n"
        "const input = JSON.parse(raw);\n"
        "const print = value => process.stdout.write(JSON.stringify(value));\n"
    )
    result = subprocess.run(["node", "--input-type=module", "-e", prelude + script], input=json.dumps(payload),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def walk(fields: tuple[Field, ...] | list[Field], config: list[dict[str, Any]], path: str = "",
         optional_group: bool = False):
    """(schema field, its Decap field, path, inside an optional group) at every depth;
    fails on any field only one side has."""
    by_name = {entry["name"]: entry for entry in config}
    names = {f.name for f in fields}
    assert set(by_name) - {cms.BODY} == names, path
    for f in fields:
        entry = by_name[f.name]
        yield f, entry, f"{path}{f.name}", optional_group
        if f.fields:
            yield from walk(f.fields, entry["fields"], f"{path}{f.name}.",
                            optional_group or (not f.many and not f.required))


def collection(name: str) -> dict[str, Any]:
    return next(c for c in cms.config(REPO)["collections"] if c["name"] == name)


def schema_kinds(fields) -> dict[str, Any]:
    kinds: dict[str, Any] = {}
    for f in fields:
        if f.kind is not None:
            kinds[f.kind.name] = f.kind
        kinds.update(schema_kinds(f.fields))
    return kinds


# ---------------------------------------------------------------- the configuration

@pytest.mark.parametrize("name,fields", [(cms.OVERVIEWS, OVERVIEW_FIELDS), (cms.PAGES, PAGE_FIELDS)])
def test_every_schema_field_is_in_the_editor_with_its_widget(name: str, fields) -> None:
    themes, errors = load_themes(REPO)
    assert not errors
    config = collection(name)
    assert config["i18n"] is True and config["format"] == cms.FORMATS["overview" if name == cms.OVERVIEWS else "page"]
    seen = 0
    for f, entry, path, optional_group in walk(fields, config["fields"]):
        seen += 1
        assert entry["required"] == (f.required and not optional_group), path
        assert entry["label"] and entry["label"].lower() in f.da.lower() + f.name, path
        assert f.da.strip() in entry["hint"] and f.name in entry["hint"], path
        assert entry["i18n"] is (False if f.neutral else (True if not f.fields else any(
            not sub.neutral for sub in f.fields) or entry["i18n"])), path
        if f.neutral:
            assert entry["i18n"] is False, path
        if f.fields:
            assert entry["widget"] == ("list" if f.many else "object"), path
            continue
        if f.name == THEMES_FIELD_NAME:
            assert entry["widget"] == "select" and entry["multiple"] is True, path
            assert [option["value"] for option in entry["options"]] == list(themes), path
            assert [option["label"] for option in entry["options"]] == [t.labels["da"] for t in themes.values()]
            assert entry.get("min", 0) == f.min_items and entry.get("max") == f.max_items, path
            continue
        item = entry["field"] if f.many else entry
        if f.many:
            assert entry["widget"] == "list", path
            assert entry.get("min", 0) == f.min_items, path
        kind = f.kind
        expected = {"date": "datetime", "choice": "select", "year": "number", "lix": "number",
                    "flag": "boolean"}.get(kind.name)
        if expected is None:
            expected = "text" if kind.text in (schema.INLINE, schema.BLOCK) else "string"
        assert item["widget"] == expected, path
        if expected == "datetime":
            assert item["format"] == "YYYY-MM-DD" and item["time_format"] is False, path
        if expected == "number":
            assert item["value_type"] == "int" and kind.check(item["min"]) and kind.check(item["max"]), path
            assert not kind.check(item["min"] - 1) and not kind.check(item["max"] + 1), path
        if expected == "select":
            values = [option["value"] for option in item["options"]]
            assert values and all(kind.check(value) for value in values), path
        if kind.name in ("id", "edition", "email", "phone", "domain", "url", "stamp", "page"):
            pattern, text = item["pattern"]
            assert pattern.startswith("^") and pattern.endswith("$"), path
            assert kind.da in text and message("wrong-type").fix_da in text, path
    assert seen >= len(fields)
    body = next(entry for entry in config["fields"] if entry["name"] == cms.BODY)
    assert body["widget"] == "text" and body["i18n"] is True


def test_every_kind_the_schema_uses_has_a_widget() -> None:
    """A kind added to the schema must be given a widget here (policysite/cms.py WIDGETS)."""
    kinds = schema_kinds(OVERVIEW_FIELDS) | schema_kinds(PAGE_FIELDS)
    assert set(kinds) - set(cms.WIDGETS) == set()


def test_the_forms_patterns_agree_with_the_schemas_checks(editor_tools: None) -> None:
    kinds = schema_kinds(OVERVIEW_FIELDS) | schema_kinds(PAGE_FIELDS)
    samples = ["", " ", "a", "A", "naestved", "Næstved", "2019", "2012-hoering", "-x", "x-", "a--b", "1",
               "borgerservice@kommune.dk", "a@b", "x@y.DK", "a b@c.dk", "49 28 28 28", "+45 49 28 28 28", "12",
               "naestved.dk", "Naestved.dk", "https://www.naestved.dk/", "http://x.dk", "https://x y",
               "https://x.dk/\"><script>", "3fa29c01b7de", "3FA29C01B7DE", "3fa29c01b7d", "vaerdier.md",
               "Vaerdier.md", "a.md.md", "../x.md", "javascript:alert(1)", "latest"]
    for f in [*OVERVIEW_FIELDS, *PAGE_FIELDS]:
        if f.example:
            samples.append(f.example.strip('"'))
    checks = []
    for name, kind in kinds.items():
        pattern = cms.js_pattern(kind)
        if pattern is not None:
            if kind.url is not None:  # the rule without its hosts: the form does not know the domain
                rule = schema.UrlRule(kind.url.schemes)
                expected = [bool(kind.check(s)) and rule.problem(s, None) is None for s in samples]
            else:
                expected = [bool(kind.check(s)) for s in samples]
            checks.append({"kind": name, "pattern": pattern, "expected": expected})
    assert {check["kind"] for check in checks} >= {"id", "email", "phone", "domain", "url", "page"}
    results = node("print(input.checks.map(c => input.samples.map(s => new RegExp(c.pattern).test(s))));",
                   {"checks": checks, "samples": samples})
    for check, got in zip(checks, results):
        wrong = [s for s, want, have in zip(samples, check["expected"], got) if want != have]
        assert not wrong, (check["kind"], wrong)


def test_settings_carry_the_schema_for_the_writer_and_the_sync() -> None:
    settings = cms.settings(REPO)

    def same(fields, tree) -> None:
        assert [f.name for f in fields] == [node_["name"] for node_ in tree]
        for f, node_ in zip(fields, tree):
            assert (node_["neutral"], node_["required"], node_["many"]) == (f.neutral, f.required, f.many)
            assert node_["kind"] == (f.kind.name if f.kind else None)
            same(f.fields, node_["fields"])

    same(OVERVIEW_FIELDS, settings["trees"]["overview"])
    same(PAGE_FIELDS, settings["trees"]["page"])
    assert settings["neutralInEnglish"] is cms.NEUTRAL_IN_ENGLISH
    assert set(settings["themes"]) == set(load_themes(REPO)[0])


# ---------------------------------------------------------------- saving

def content_files() -> list[Path]:
    """Every front-matter file there is: the content, the tests' fixtures, `make new`'s templates."""
    roots = [REPO / "municipalities", FIXTURES / "municipalities", REPO / "policysite" / "scaffold"]
    return sorted(path for root in roots for path in root.rglob("*.md"))


def plain(value: Any) -> Any:
    value = value.value if isinstance(value, frontmatter.Located) else value
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def meaning(value: Any) -> Any:
    """Values as the site reads them: an empty optional value ([], '') is the same as none."""
    value = plain(value)
    if isinstance(value, dict):
        return {key: meaning(item) for key, item in value.items() if item not in ([], {}, "", None)}
    if isinstance(value, list):
        return [meaning(item) for item in value]
    return value


def test_saving_unchanged_content_is_byte_identical_and_one_change_is_one_line(editor_tools: None) -> None:
    settings = cms.settings(REPO)
    files = content_files()
    assert files
    payload = [{"path": str(path), "text": path.read_text(encoding="utf-8"),
                "tree": settings["trees"]["overview" if path.name.startswith("index.") else "page"]}
               for path in files]
    results = node("""
      const keys = ['visions', 'values', 'principles', 'purposes', 'focus_areas', 'commitments'];
      print(input.map(({ text, tree }) => {
        const values = P.parseFile(text);
        const same = P.patchFile(text, values, tree);
        const changed = structuredClone(values);
        changed.title = `${changed.title} (rettet)`;
        const key = keys.find(k => Array.isArray(changed[k]) && changed[k].length);
        if (key) changed[key][changed[key].length - 1].title += ' (rettet)';
        const patched = P.patchFile(text, changed, tree);
        const canonical = P.emitFile(values, tree);
        return { same, patched, changedBlocks: key ? 1 : 0, canonical,
                 canonicalAgain: P.emitFile(P.parseFile(canonical), tree),
                 patchedReadsBack: P.deepEqual(P.parseFile(patched), P.clean(changed, { fields: tree }, values)) };
      }));
    """, payload)
    for path, item, result in zip(files, payload, results):
        shown = path.relative_to(REPO)
        assert result["same"] == item["text"], shown
        old, new = item["text"].split("\n"), result["patched"].split("\n")
        assert len(old) == len(new), shown
        changed = [i for i, (a, b) in enumerate(zip(old, new)) if a != b]
        assert len(changed) == 1 + result["changedBlocks"], (shown, [(old[i], new[i]) for i in changed])
        assert result["patchedReadsBack"], shown
        assert result["canonicalAgain"] == result["canonical"], shown
        if "{{" in item["text"]:  # make new's templates are filled in before they are YAML
            continue
        original = frontmatter.parse(item["text"], str(shown))
        canonical = frontmatter.parse(result["canonical"], str(shown))
        assert meaning(canonical.data) == meaning(original.data) and canonical.body == original.body, shown


def test_canonical_text_quotes_what_yaml_would_misread(editor_tools: None) -> None:
    tree = cms.settings(REPO)["trees"]["page"]
    values = {"title": "yes", "description": "Mission: 2019 # ikke en kommentar", "body": "\nTekst\n",
              "values": [{"id": "a", "title": "010", "summary": "12:30", "text": "Linje 1\n\nLinje 2\n",
                          "items": ["- ikke et punkt", "null", "»citat«", "2019-06-24"], "themes": ["dialog", "ansvar"],
                          "lead": ""}]}
    text = node("print(P.emitFile(input.values, input.tree));", {"values": values, "tree": tree})
    assert text.startswith("---\ntitle: \"yes\"\ndescription: \"Mission: 2019 # ikke en kommentar\"\n")
    assert "themes: [dialog, ansvar]" in text and "text: |\n      Linje 1\n\n      Linje 2\n" in text
    assert "lead" not in text  # an empty optional value is left out
    parsed = frontmatter.parse(text, "test.md")
    block = plain(parsed.data)["values"][0]
    assert block["title"] == "010" and block["summary"] == "12:30"
    assert block["items"] == ["- ikke et punkt", "null", "»citat«", "2019-06-24"]
    assert parsed.body == "\nTekst\n"


# ---------------------------------------------------------------- English follows Danish

def sync(danish, english, original, neutral_in_english=True, kind="page"):
    settings = cms.settings(REPO)
    settings["neutralInEnglish"] = neutral_in_english
    return node("print(S.syncEnglish(input.danish, input.english, input.original, input.tree, input.settings));",
                {"danish": danish, "english": english, "original": original,
                 "tree": settings["trees"][kind], "settings": settings})


def block(block_id: str, title: str, themes: list[str], **extra) -> dict[str, Any]:
    return {"id": block_id, "title": title, "themes": themes, **extra}


def test_a_block_added_in_danish_gets_an_english_block_to_translate(editor_tools: None) -> None:
    original = {"title": "Værdier", "values": [block("a", "A", ["dialog"])], "body": "Tekst"}
    english = {"title": "Values", "values": [block("a", "A en", ["dialog"])], "body": "Text"}
    danish = {**original, "values": [block("a", "A", ["dialog"]),
                                     block("b", "Borgerbudget", ["demokrati"], summary="Kort.", items=["Et", "To"])]}
    result = sync(danish, english, original)
    assert result["values"][0] == block("a", "A en", ["dialog"])
    new = result["values"][1]
    assert new["id"] == "b" and new["themes"] == ["demokrati"]
    assert new["title"].startswith("[FILL IN:") and "Borgerbudget" in new["title"]
    assert all(item.startswith("[FILL IN:") for item in new["items"]) and new["summary"].startswith("[FILL IN:")
    assert result["body"] == "Text" and result["title"] == "Values"


def test_blocks_removed_or_moved_in_danish_follow_in_english_by_id(editor_tools: None) -> None:
    original = {"values": [block("a", "A", ["dialog"]), block("b", "B", ["ansvar"]), block("c", "C", ["tillid"])]}
    english = {"values": [block("a", "A en", ["dialog"]), block("b", "B en", ["ansvar"]), block("c", "C en", ["tillid"])]}
    danish = {"values": [block("c", "C", ["tillid", "dialog"]), block("a", "A", ["dialog"])]}
    result = sync(danish, english, original)
    assert [(b["id"], b["title"], b["themes"]) for b in result["values"]] == [
        ("c", "C en", ["tillid", "dialog"]), ("a", "A en", ["dialog"])]


def test_a_block_written_only_in_english_is_refused_not_lost(editor_tools: None) -> None:
    original = {"values": [block("a", "A", ["dialog"])]}
    english = {"values": [block("a", "A en", ["dialog"]), {"title": "Only in English"}]}
    settings = cms.settings(REPO)
    message_text = node("""
      try { S.syncEnglish(input.danish, input.english, input.original, input.tree, input.settings); print('saved'); }
      catch (error) { print(error.message); }
    """, {"danish": original, "english": english, "original": original,
          "tree": settings["trees"]["page"], "settings": settings})
    assert "danske kolonne" in message_text and "Danish column" in message_text


def test_after_issue_12_english_holds_only_translated_text_matched_by_place(editor_tools: None) -> None:
    original = {"values": [block("a", "A", ["dialog"]), block("b", "B", ["ansvar"])]}
    english = {"values": [{"title": "A en"}, {"title": "B en"}]}  # issue 12's English: no ids, no themes
    danish = {"values": [block("b", "B", ["ansvar"]), block("a", "A", ["dialog"]), block("n", "Ny", ["tillid"])]}
    result = sync(danish, english, original, neutral_in_english=False)
    assert result["values"][:2] == [{"title": "B en"}, {"title": "A en"}]
    assert set(result["values"][2]) == {"title"} and result["values"][2]["title"].startswith("[FILL IN:")


def test_neutral_facts_of_the_overview_follow_danish(editor_tools: None) -> None:
    danish = {"title": "Overblik", "edition": "2", "pages": ["index.md", "a.md"], "contact": {"unit": "Center", "phone": "12 34 56 78"},
              "changes": [{"date": "2026-01-02", "da": "Rettet.", "en": "Corrected."}]}
    english = {"title": "Overview", "edition": "1", "pages": ["index.md"], "contact": {"unit": "Centre", "phone": "00 00 00 00"},
               "changes": []}
    result = sync(danish, english, {**danish, "edition": "1", "changes": []}, kind="overview")
    assert result["edition"] == "2" and result["pages"] == ["index.md", "a.md"]
    assert result["contact"] == {"unit": "Centre", "phone": "12 34 56 78"}
    assert result["changes"] == danish["changes"]  # one list, written in Danish with both texts
    stripped = sync(danish, english, danish, neutral_in_english=False, kind="overview")
    assert "edition" not in stripped and "pages" not in stripped and stripped["contact"] == {"unit": "Centre"}
    assert "changes" not in stripped


# ---------------------------------------------------------------- make edit's server

def request(url: str, *, method: str = "GET", host: str | None = None, origin: str | None = None,
            body: bytes | None = None) -> tuple[int, dict[str, str], bytes]:
    headers = {"Content-Type": "application/json"} if body is not None else {}
    if host:
        headers["Host"] = host
    if origin:
        headers["Origin"] = origin
    req = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def listening_addresses(port: int) -> set[str]:
    """The local addresses a TCP port listens on, from /proc (Linux)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, port_hex = local.rsplit(":", 1)
            if int(port_hex, 16) == port and state == "0A":
                found.add(address)
    return found


def test_the_server_answers_only_its_own_address_and_origin(tmp_path: Path, editor_tools: None) -> None:
    root = copy_project(tmp_path / "project", FIXTURES / "municipalities")
    server = editor_server.Editor(root, 0)
    with server.running() as address:
        base = address.removesuffix("/admin/")
        origin = base
        status, headers, page = request(address)
        assert status == 200 and b'name="robots" content="noindex' in page
        assert headers["Content-Security-Policy"] == editor_server.EDITOR_CSP
        assert headers["X-Robots-Tag"] == "noindex, nofollow" and headers["X-Content-Type-Options"] == "nosniff"
        assert "default-src 'none'" in editor_server.EDITOR_CSP and "connect-src 'self'" in editor_server.EDITOR_CSP
        # DNS rebinding: another name for this address is refused
        assert request(address, host="evil.example")[0] == 421
        # only the editor page may save; other sites' pages cannot
        info = json.dumps({"action": "info"}).encode()
        assert request(f"{base}/api/v1", method="POST", origin="https://evil.example", body=info)[0] == 403
        status, _, answer = request(f"{base}/api/v1", method="POST", origin=origin, body=info)
        assert status == 200 and json.loads(answer)["type"] == "local_fs"
        # only our own files, Decap's bundle and the YAML library are served
        for path in ("../policysite/cms.py", "vendor/yaml/../../package.json", "vendor/yaml/%2e%2e/index.js",
                     "decap-cms.js.map", "policy-yaml.js/..", "../../themes.yml", ".installed"):
            assert request(f"{address}{path}")[0] == 404, path
        assert request(f"{base}/municipalities/alfa/index.md")[0] == 404
        for path in ("decap-cms.js", "admin.js", "policy-backend.js", "preview.css", "vendor/yaml/index.js"):
            assert request(f"{address}{path}")[0] == 200, path
        config = json.loads(request(f"{address}config.json")[2])
        assert config == json.loads(json.dumps(cms.config(root)))
        # decap-server listens on 127.0.0.1 only, and reads the copy, not the repository
        assert listening_addresses(server.api_port) <= {"0100007F"}
        entries = json.loads(request(f"{base}/api/v1", method="POST", origin=origin, body=json.dumps(
            {"action": "entriesByFolder", "params": {"branch": "main", "folder": "municipalities",
                                                     "extension": "md", "depth": 2}}).encode())[2])
        paths = {entry["file"]["path"] for entry in entries}
        assert paths == {path.relative_to(root).as_posix()
                         for path in (root / "municipalities").glob("*/*.md")}
    assert server.process.poll() is not None  # stopped with the server


def test_the_published_editor_saves_through_github_pull_requests(tmp_path: Path, editor_tools: None) -> None:
    backend = cms.Backend("github", repo="kommune/medborgerskab", base_url="https://auth.kommune.example")
    folder = editor_server.export(REPO, tmp_path / "editor", backend)
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    assert config["backend"]["name"] == cms.BACKEND and config["backend"]["repo"] == "kommune/medborgerskab"
    assert config["backend"]["base_url"] == "https://auth.kommune.example"
    assert config["publish_mode"] == "editorial_workflow" and config["backend"]["auth_scope"] == "public_repo"
    assert json.loads((folder / "settings.json").read_text(encoding="utf-8"))["backend"] == "github"
    page = (folder / "index.html").read_text(encoding="utf-8")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "connect-src 'self' https://api.github.com https://auth.kommune.example" in policy
    assert "script-src 'self' 'unsafe-eval'" in policy and "default-src 'none'" in policy
    assert page.index("Content-Security-Policy") < page.index("<script")
    for name in re.findall(r'(?:src|href)="([^"]+)"', page):
        assert (folder / name).is_file(), name  # everything the page loads is in the folder, on its origin
    files = [path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()]
    assert not [name for name in files if name.endswith(".map") or "node_modules" in name]
    assert (folder / "robots.txt").read_text() == "User-agent: *\nDisallow: /\n"
    with pytest.raises(ValueError):
        cms.Backend("github", repo="not a repository")
    with pytest.raises(ValueError):
        cms.Backend("github", repo="a/b", base_url="http://plain.example")


def test_canonical_rewrite_for_moving_content_keeps_every_value(tmp_path: Path, editor_tools: None) -> None:
    """`python -m policybuild.editor --canonical FILE...`: the shape the editor writes, same values."""
    root = copy_project(tmp_path / "project", FIXTURES / "municipalities")
    files = sorted((root / "municipalities").rglob("*.md"))
    before = {path: frontmatter.parse(path.read_text(encoding="utf-8"), path.name) for path in files}
    editor_server.canonical(root, files)
    texts = {path: path.read_text(encoding="utf-8") for path in files}
    assert editor_server.canonical(root, files) == []  # already canonical: nothing changes again
    for path in files:
        after = frontmatter.parse(texts[path], path.name)
        assert meaning(after.data) == meaning(before[path].data) and after.body == before[path].body, path
    from policysite.catalog import inspect

    assert not inspect(root).errors
