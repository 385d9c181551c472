"""The browser editor driven in Chromium, started with `make edit`'s own command
(`policysite edit`, as `make edit` runs it) on a copy of the project committed to git in tmp_path.

- It lists every municipality and every page the catalog has.
- Changing a value's title and saving changes exactly that line of the Danish file.
- Adding a focus area with a theme writes it to Danish and, to translate, to English;
  `policysite check` (what `make check` runs) passes. Removing one removes it from both.
- No request leaves the editor's own origin on 127.0.0.1, and the page's Content Security
  Policy is never violated.
- axe-core on the editor's main screens: our own parts (the preview of a page and of an
  overview, the page shown when the editor cannot start) have no violations; what Decap
  CMS's own interface fails is recorded and printed in the run's summary, not hidden.
- Ctrl-C (SIGINT) stops the editor and its decap-server.
"""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import pytest
import yaml

from policybuild import editor as editor_server
from policysite.catalog import load_catalog, load_themes
from policysite.cms import field_label
from policysite.schema import BLOCK_FIELDS
from policysite.model import DEFAULT_LANGUAGE
from policysite.schema import BLOCK_KINDS

from conftest import AXE, FIGURES, REPO, copy_project

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
TIMEOUT = 20_000
GIT_ENV = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "Test",
           "GIT_AUTHOR_EMAIL": "test@example.invalid", "GIT_COMMITTER_NAME": "Test",
           "GIT_COMMITTER_EMAIL": "test@example.invalid"}


def git(root: Path, *args: str) -> str:
    env = {**os.environ, **GIT_ENV}
    return subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True, check=True).stdout


def check(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "policybuild.cli", "--root", str(root), "check"],
                          cwd=REPO, capture_output=True, text=True, timeout=300)


class Editor:
    """`policysite edit` on a copy of the project, as `make edit` starts it."""

    def __init__(self, root: Path):
        self.root = root
        self.process = subprocess.Popen(
            [sys.executable, "-m", "policybuild.cli", "--root", str(root), "edit", "--port", "0"],
            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.output: list[str] = []
        deadline = time.monotonic() + 60
        self.address = ""
        while time.monotonic() < deadline and not self.address:
            line = self.process.stdout.readline()
            if not line:
                break
            self.output.append(line)
            found = re.search(r"http://127\.0\.0\.1:\d+/admin/", line)
            if found:
                self.address = found.group(0)
        assert self.address, "".join(self.output)
        self.origin = self.address.removesuffix("/admin/")

    def stop(self) -> str:
        self.process.send_signal(signal.SIGINT)
        self.process.wait(timeout=30)
        return "".join(self.output) + self.process.stdout.read()


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (editor_server.DECAP_SERVER.is_file() and (editor_server.DECAP_DIST / "decap-cms.js").is_file()):
        subprocess.run(["make", "-C", str(REPO), "editor-tools"], check=True, timeout=900)
    root = copy_project(tmp_path_factory.mktemp("editor") / "project")
    git(root, "init", "--quiet")
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "--message", "The project")
    return root


@pytest.fixture(scope="module")
def editor(project: Path) -> Iterator[Editor]:
    running = Editor(project)
    yield running
    output = running.stop()
    assert running.process.returncode == 0, output
    assert "Redigeringen er stoppet" in output and "The editor has stopped" in output
    lines = [line for line in output.splitlines() if "127.0.0.1" in line]
    assert len(lines) >= 2, output
    assert lines[0].startswith("Redigeringen kører") and lines[1].startswith("The editor is running"), lines


@pytest.fixture(scope="module")
def session(browser, editor: Editor) -> Iterator[dict]:
    """One browser context for the walk: every request and every CSP report is recorded."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="da-DK")
    record = {"requests": [], "csp": [], "errors": [], "context": context}
    context.on("request", lambda request: record["requests"].append(request.url))
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    page.on("console", lambda m: record["csp"].append(m.text) if "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda error: record["errors"].append(str(error)))
    record["page"] = page
    page.goto(editor.address)
    page.get_by_role("button", name="Log ind").click()
    page.get_by_role("link", name="Kommuner").first.wait_for()
    yield record
    context.close()


def reset(project: Path) -> None:
    git(project, "checkout", "--quiet", "--", ".")


def open_entry(session: dict, editor: Editor, collection: str, slug: str) -> None:
    page = session["page"]
    page.goto(f"{editor.address}#/collections/{collection}/entries/{slug}")
    page.reload()  # Decap keeps entries in memory: read the files as they are now
    page.get_by_text("Skriver på DA").first.wait_for()


def publish(page) -> None:
    page.get_by_text("Publicer", exact=True).click()
    page.get_by_text("Publicer nu").click()
    page.get_by_text("Ændringer gemt", exact=False).first.wait_for()


def list_item(page, title: str):
    """A list item of the Danish form (left), by the title shown on it while folded."""
    label = page.locator("[class*=NestedObjectLabel]", has_text=re.compile(f"^{re.escape(title)}$")).first
    return label.locator("xpath=..")


def block_field(name: str):
    """A building block's field, whose label the editor shows (policysite.cms.field_label)."""
    return next(f for f in BLOCK_FIELDS if f.name == name)


def visible(page, label: str):
    """The visible fields with this label (Decap adds '(kan udelades)' to optional ones)."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}( \(kan udelades\))?$", re.IGNORECASE)).locator("visible=true")


def changed_lines(project: Path) -> dict[str, list[str]]:
    diff = git(project, "diff", "--unified=0")
    files: dict[str, list[str]] = {}
    current = None
    for line in diff.splitlines():
        if line.startswith("+++ "):
            current = line.removeprefix("+++ b/")
            files[current] = []
        elif current and line[:1] in "+-" and not line.startswith(("+++", "---")):
            files[current].append(line)
    return files


def block_pages(project: Path, key: str) -> list[tuple[str, str, list]]:
    """(slug, page stem, Danish blocks of that kind) for every page that has some."""
    found = []
    for municipality in load_catalog(project).municipalities:
        for page in municipality.policy(DEFAULT_LANGUAGE).pages:
            blocks = [b for b in page.blocks if b.kind.key == key]
            if blocks and page.name != "index.md":
                found.append((municipality.slug, page.name.removesuffix(".md"), blocks))
    return found


# ---------------------------------------------------------------- the walk

def test_it_lists_every_municipality_and_page(session: dict, editor: Editor, project: Path) -> None:
    page = session["page"]
    catalog = load_catalog(project)
    page.goto(f"{editor.address}#/collections/kommuner")
    names = [m.policy(DEFAULT_LANGUAGE).municipality for m in catalog.municipalities]
    page.get_by_text(names[0]).first.wait_for()
    listed = page.inner_text("main") if page.locator("main").count() else page.inner_text("body")
    assert all(name in listed for name in names), (names, listed[:500])
    page.goto(f"{editor.address}#/collections/sider")
    first = catalog.municipalities[0]
    page.get_by_text(f"({first.slug})").first.wait_for()
    listed = page.inner_text("body")
    for municipality in catalog.municipalities:
        for item in municipality.policy(DEFAULT_LANGUAGE).pages:
            if item.name != "index.md":
                assert f"{item.title} ({municipality.slug})" in listed, (municipality.slug, item.title)


def test_changing_a_values_title_changes_exactly_that_line(session: dict, editor: Editor, project: Path) -> None:
    reset(project)
    pages = block_pages(project, "values") or next(block_pages(project, kind.key) for kind in BLOCK_KINDS
                                                   if block_pages(project, kind.key))
    slug, stem, blocks = pages[0]
    block = blocks[0]
    page = session["page"]
    open_entry(session, editor, "sider", f"{slug}/{stem}")
    item = list_item(page, block.title)
    item.locator("button").first.click()  # unfold it
    field = item.get_by_label("Byggestenens titel", exact=True)
    assert field.input_value() == block.title
    field.fill(f"{block.title} (rettet)")
    publish(page)
    danish = f"municipalities/{slug}/{stem}.md"
    changes = changed_lines(project)
    assert set(changes) == {danish}, changes  # the English file is untouched
    assert len(changes[danish]) == 2, changes
    removed, added = changes[danish]
    assert yaml.safe_load(removed[1:]) == {"title": block.title}, removed
    assert yaml.safe_load(added[1:]) == {"title": f"{block.title} (rettet)"}, added
    assert len(removed) - len(removed.lstrip("- ")) == len(added) - len(added.lstrip("+ "))  # same indent


def test_adding_a_focus_area_with_a_theme_passes_make_check(session: dict, editor: Editor, project: Path) -> None:
    reset(project)
    pages = block_pages(project, "focus_areas")
    slug, stem, before = pages[0]
    themes, _ = load_themes(project)
    theme_id, theme = next(iter(themes.items()))
    page = session["page"]
    open_entry(session, editor, "sider", f"{slug}/{stem}")
    page.get_by_role("button", name="Tilføj indsatsområder").first.click()
    visible(page, "Kort id brugt i webadressen").last.fill("redaktionens-nye-omraade")
    visible(page, "Byggestenens titel").last.fill("Redaktionens nye område")
    visible(page, field_label(block_field("summary"))).last.fill("Et område, der er tilføjet i browseren.")
    visible(page, "1-3 temaer fra themes.yml").last.click()
    page.keyboard.type(theme.labels["da"])
    page.keyboard.press("Enter")
    publish(page)
    changes = changed_lines(project)
    danish, english = f"municipalities/{slug}/{stem}.md", f"municipalities/{slug}/{stem}.en.md"
    assert set(changes) == {danish, english}, changes
    assert all(line.startswith("+") for line in changes[danish] + changes[english]), changes
    assert "+  - id: redaktionens-nye-omraade" in changes[danish] and f"+    themes: [{theme_id}]" in changes[danish]
    # the English twin gets the block's texts to translate, in the same place; its id and themes are the Danish file's
    assert not any("id:" in line or "themes:" in line for line in changes[english]), changes
    assert any(line.startswith("+  - title:") and "[FILL IN:" in line and "Redaktionens nye område" in line
               for line in changes[english]), changes
    result = check(project)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert f"{english}" in result.stdout and "placeholder-left" in result.stdout
    catalog = load_catalog(project)
    blocks = [b for b in catalog.municipality(slug).policy(DEFAULT_LANGUAGE).blocks if b.id == "redaktionens-nye-omraade"]
    assert len(blocks) == 1 and blocks[0].themes == (theme_id,) and blocks[0].kind.key == "focus_areas"
    english_blocks = [b for b in catalog.municipality(slug).policy("en").blocks if b.id == "redaktionens-nye-omraade"]
    assert len(english_blocks) == 1 and english_blocks[0].themes == (theme_id,)


def linked_ids(project: Path, slug: str) -> set[str]:
    """Ids that some text of the municipality links to ('#naerhed')."""
    text = "\n".join(path.read_text(encoding="utf-8") for path in (project / "municipalities" / slug).rglob("*.md"))
    return set(re.findall(r"#([a-z0-9-]+)", text))


def remove_block(session: dict, editor: Editor, project: Path, slug: str, stem: str, title: str) -> dict:
    page = session["page"]
    open_entry(session, editor, "sider", f"{slug}/{stem}")
    item = list_item(page, title)
    item.locator("button").nth(1).click()  # the item's remove button (it has no name: see the audit)
    publish(page)
    return changed_lines(project)


def test_a_change_note_dated_with_the_date_field_goes_into_both_languages(session: dict, editor: Editor,
                                                                          project: Path) -> None:
    """An overview saves (its optional groups do not block it), and dates are written as dates.

    A change note is one entry in the Danish overview with both texts (issue 12): both languages show it."""
    reset(project)
    slug = load_catalog(project).municipalities[0].slug
    page = session["page"]
    open_entry(session, editor, "kommuner", slug)
    page.get_by_role("button", name=re.compile("^Tilføj ændringer")).first.click()
    page.locator('[aria-label="Set date to now"]').locator("visible=true").last.click()  # named in English: see the audit
    visible(page, "Hvad blev ændret og hvorfor").last.fill("Rettet i browseren.")
    visible(page, "Det samme på engelsk").last.fill("Corrected in the browser.")
    publish(page)
    changes = changed_lines(project)
    danish = f"municipalities/{slug}/index.md"
    assert set(changes) == {danish}, changes  # written once: the English file is untouched
    dated = [line for line in changes[danish] if re.fullmatch(r"\+  - date: \d{4}-\d{2}-\d{2}", line)]
    assert len(dated) == 1, changes
    assert "+    da: Rettet i browseren." in changes[danish] and "+    en: Corrected in the browser." in changes[danish]
    result = check(project)
    assert result.returncode == 0, result.stdout[-3000:]
    municipality = load_catalog(project).municipality(slug)
    assert any(note.text == "Rettet i browseren." for note in municipality.policy(DEFAULT_LANGUAGE).changes)
    assert any(note.text == "Corrected in the browser." for note in municipality.policy("en").changes)
    assert municipality.policy("en").last_updated == municipality.policy(DEFAULT_LANGUAGE).last_updated


def test_removing_a_focus_area_removes_it_in_both_languages(session: dict, editor: Editor, project: Path) -> None:
    reset(project)
    slug, stem, gone = next((slug, stem, block) for slug, stem, blocks in block_pages(project, "focus_areas")
                            for block in blocks if len(blocks) > 1 and block.id not in linked_ids(project, slug))
    english_title = next(b.title for b in load_catalog(project).municipality(slug).policy("en").blocks if b.id == gone.id)
    changes = remove_block(session, editor, project, slug, stem, gone.title)
    danish, english = f"municipalities/{slug}/{stem}.md", f"municipalities/{slug}/{stem}.en.md"
    assert set(changes) == {danish, english}, changes
    assert all(line.startswith("-") for line in changes[danish] + changes[english]), changes
    assert f"-  - id: {gone.id}" in changes[danish]
    # the English block, which has only its texts, goes with it: the one in the same place
    assert any(line.startswith("-  - title:") and english_title in line for line in changes[english]), changes
    assert not any("id:" in line for line in changes[english]), changes
    result = check(project)
    assert result.returncode == 0, result.stdout[-3000:]
    ids = [b.id for b in load_catalog(project).municipality(slug).policy("en").blocks]
    assert gone.id not in ids


def test_removing_a_block_that_text_links_to_is_stopped_by_make_check(session: dict, editor: Editor,
                                                                       project: Path) -> None:
    """The editor does not know the links; `make check` (and so CI) names the broken one."""
    reset(project)
    found = [(slug, stem, block) for kind in BLOCK_KINDS for slug, stem, blocks in block_pages(project, kind.key)
             for block in blocks if block.id in linked_ids(project, slug)]
    if not found:
        pytest.skip("no building block in this content is linked to from text")
    slug, stem, linked = found[0]
    remove_block(session, editor, project, slug, stem, linked.title)
    result = check(project)
    assert result.returncode == 1 and "[anchor-missing]" in result.stdout and f"#{linked.id}" in result.stdout


def test_hostile_text_in_a_file_is_shown_as_text_never_run(session: dict, editor: Editor, project: Path) -> None:
    """A title or body with markup (which `make check` refuses) is text in the form and in the preview."""
    reset(project)
    slug, stem, _ = next(block_pages(project, kind.key)[0] for kind in BLOCK_KINDS if block_pages(project, kind.key))
    path = project / "municipalities" / slug / f"{stem}.md"
    payload = '<img src=x onerror="window.__pwned = 1">'
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^title: .*$", "title: '" + payload + "'", text, count=1, flags=re.MULTILINE)
    path.write_text(text + "\n<script>window.__pwned = 2</script>\n", encoding="utf-8")
    page = session["page"]
    try:
        open_entry(session, editor, "sider", f"{slug}/{stem}")
        assert visible(page, "Sidens titel").first.input_value() == payload
        show_preview(page, ".pv-page h1")
        preview = next(f for f in page.frames if f != page.main_frame and f.query_selector(".pv-page"))
        assert preview.inner_text(".pv-page h1") == payload
        assert preview.query_selector(".pv-page img") is None and preview.query_selector(".pv-page script") is None
        assert page.evaluate("window.__pwned") is None and preview.evaluate("window.__pwned") is None
    finally:
        reset(project)


def test_no_request_left_the_editors_origin(session: dict, editor: Editor) -> None:
    requests = session["requests"]
    assert requests and all(url.startswith(editor.origin + "/") for url in requests), sorted(
        {url for url in requests if not url.startswith(editor.origin + "/")})
    assert not session["csp"], session["csp"][:5]
    assert not session["errors"], session["errors"][:5]
    FIGURES["editor: requests (all on its own origin)"] = len(requests)


# ---------------------------------------------------------------- accessibility

def run_axe(frame) -> dict:
    frame.add_script_tag(path=str(AXE))
    return frame.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", AXE_TAGS)


def show_preview(page, marker: str) -> None:
    """Open the preview pane (Decap remembers whether it was open, so the button may close it)."""
    shown = page.frame_locator("#preview-pane").locator(marker).first
    for _ in range(3):
        try:
            shown.wait_for(timeout=3000)
            return
        except Exception:  # noqa: BLE001 - not shown yet: press the button
            page.get_by_title("Toggle preview").click()
    shown.wait_for()


def summary(result: dict) -> list[str]:
    """One line per violated rule: how many elements, what the rule asks, and the first element's markup."""
    return [f"{v['id']} ({v['impact']}): {len(v['nodes'])} × {v['help']} — e.g. {v['nodes'][0]['html'][:90]}"
            for v in result["violations"]]


def test_axe_on_the_editors_screens(browser, editor: Editor, project: Path) -> None:
    """Our parts must be clean; Decap CMS's own interface is audited and its failures reported."""
    reset(project)
    # axe is injected as a script, which the editor's own policy rightly forbids: bypass it here only
    context = browser.new_context(viewport={"width": 1400, "height": 900}, bypass_csp=True, locale="da-DK")
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    decap: dict[str, list[str]] = {}
    try:
        page.goto(editor.address)
        page.get_by_role("button", name="Log ind").wait_for()
        decap["login"] = summary(run_axe(page))
        page.get_by_role("button", name="Log ind").click()
        page.goto(f"{editor.address}#/collections/kommuner")
        page.get_by_role("link", name="Kommuner").first.wait_for()
        page.wait_for_timeout(500)
        decap["collection list"] = summary(run_axe(page))
        slug, stem, _ = block_pages(project, "focus_areas")[0]
        page.goto(f"{editor.address}#/collections/sider/entries/{slug}/{stem}")
        page.get_by_text("Skriver på DA").first.wait_for()
        decap["page editor, Danish and English side by side"] = summary(run_axe(page))
        ours = {}
        for collection, entry in (("sider", f"{slug}/{stem}"), ("kommuner", slug)):
            page.goto(f"{editor.address}#/collections/{collection}/entries/{entry}")
            # a fresh preview frame for each entry; what is awaited next says the editor is ready (the
            # "load" event also waits for every preview frame, which on a busy machine took over 20 s)
            page.reload(wait_until="domcontentloaded", timeout=60_000)
            page.get_by_text("Skriver på DA").first.wait_for()
            marker = ".pv-card" if collection == "sider" else ".pv-contact"
            show_preview(page, marker)
            # the overview's cards come from all its pages, loaded after the rest
            page.frame_locator("#preview-pane").locator(".pv-card").first.wait_for()
            preview = next(f for f in page.frames if f != page.main_frame and f.query_selector(marker))
            if collection == "kommuner":
                assert preview.query_selector(".pv-contact") and preview.query_selector(".pv-status")
            result = run_axe(preview)
            ours[f"preview of {collection}/{entry}"] = [
                f"{v['id']}: {[n['target'] for n in v['nodes']][:3]} {v['help']}" for v in result["violations"]]
            # Decap's preview frame has no name of its own; our preview gives it one (axe: frame-title)
            assert page.locator("#preview-pane").get_attribute("title")
        # our page when the editor cannot start
        page.route("**/admin/config.json", lambda route: route.fulfill(status=500, body="no"))
        page.goto(editor.address)
        page.locator("#policy-editor-error").wait_for()
        ours["the page shown when the editor cannot start"] = summary(run_axe(page))
    finally:
        context.close()
    FIGURES["editor: axe violations in Decap CMS's own interface (third-party, reported)"] = [
        f"{screen}: {line}" for screen, lines in decap.items() for line in (lines or ["none"])]
    report = Path(os.environ.get("EDITOR_AXE_REPORT", "")) if os.environ.get("EDITOR_AXE_REPORT") else None
    if report:
        report.write_text(json.dumps({"decap": decap, "ours": ours}, indent=1, ensure_ascii=False), encoding="utf-8")
    assert all(not violations for violations in ours.values()), ours


def test_the_published_editor_asks_for_github_and_loads_nothing_from_elsewhere(browser, tmp_path: Path) -> None:
    from conftest import serve

    backend = editor_server.cms.Backend("github", repo="kommune/medborgerskab", base_url="https://auth.kommune.example")
    folder = editor_server.export(REPO, tmp_path / "editor", backend)
    with serve(folder) as address:
        context = browser.new_context(locale="da-DK")
        requests: list[str] = []
        context.on("request", lambda request: requests.append(request.url))
        page = context.new_page()
        page.set_default_timeout(TIMEOUT)
        page.goto(address)
        page.get_by_role("button", name="Log ind med GitHub").wait_for()
        context.close()
    assert requests and all(url.startswith(address) for url in requests), requests
