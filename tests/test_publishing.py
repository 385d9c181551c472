"""Caches are data, the manifest covers the published files, publishing always leaves a
complete site, and a single-municipality build checks its links (issue 11: families 6, 11, 9).

A pull request can commit anything under ``.cache/`` and next to ``site/``. So every test
here plants what an attacker would: pickles that run code when loaded, Jinja bytecode
with the real template's checksum, and entries in today's format with the right content
key but sealed with another key. None of it may be used.
"""
from __future__ import annotations

import dataclasses
import fcntl
import os
import pickle
import shutil
import subprocess
import sys
import time
from pathlib import Path

import jinja2
import pytest

from policybuild import build as driver
from policybuild import linkcheck, manifest, publish
from policybuild.build import BuildFailed, build_sites, catalog_addresses
from policysite import catalog, sealed
from policysite.model import Municipality

from policysite import layout
from policysite.layout import NATIONAL_INDEX_DIR
from conftest import FIXTURES, REPO, copy_project
from hostile import assert_nowhere_raw, assert_refused, fresh_copy, run_both, snapshot

QUIET = {"log": lambda message: None}


@pytest.fixture(scope="module")
def machine(tmp_path_factory: pytest.TempPathFactory):
    """This machine's cache folder (XDG_CACHE_HOME), private to the module; subprocesses inherit it."""
    with pytest.MonkeyPatch.context() as patch:
        home = tmp_path_factory.mktemp("machine-cache")
        patch.setenv("XDG_CACHE_HOME", str(home))
        sealed._machine_key.cache_clear()
        yield home
    sealed._machine_key.cache_clear()


@pytest.fixture(scope="module")
def good(machine: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture municipalities and the portal, built once (with caches and manifest)."""
    root = copy_project(tmp_path_factory.mktemp("good") / "project", FIXTURES / "municipalities").resolve()
    build_sites(root, root / "site", jobs=2, **QUIET)
    return root


def rewrite(path: Path, text: str) -> None:
    """Write a file without touching other hard links to it (fresh_copy links the site's files)."""
    path.unlink(missing_ok=True)
    path.write_text(text, encoding="utf-8")


def edit_text(root: Path) -> None:
    """A change to one page's text: alfa alone is rebuilt and swapped in."""
    page = root / "municipalities" / "alfa" / "vaerdier.md"
    rewrite(page, page.read_text(encoding="utf-8").replace("Det var værdierne.", "Det var alle værdierne."))


def reference(good: Path, destination: Path, edit) -> dict[str, bytes]:
    """The files a clean build of the edited content gives."""
    root = fresh_copy(good, destination)
    edit(root)
    build_sites(root, destination / "clean-site", jobs=2, clean=True, **QUIET)
    return snapshot(destination / "clean-site")


@pytest.fixture(scope="module")
def after_text_edit(good: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return reference(good, tmp_path_factory.mktemp("text") / "project", edit_text)


def leftovers(root: Path) -> list[str]:
    names = [p.name for p in root.glob(".site.staging-*")] + [p.name for p in root.glob(".site.old")]
    if (root / "site").is_dir():
        names += [p.name for p in (root / "site").glob(".*.old")]
    return names


def foreign_key() -> bytes:
    """Another machine's (an attacker's) cache key."""
    return os.urandom(sealed.KEY_BYTES)


class Planted:
    """A pickle that creates ``marker`` when it is unpickled."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


# ---------------------------------------------------------------- 6: caches are data, not code

def test_the_cache_key_is_private_and_outside_the_project(good: Path, machine: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    key = sealed.key_path()
    assert key == machine / "policysite" / "cache-key"
    assert key.stat().st_mode & 0o777 == 0o600
    assert good.resolve() not in key.resolve().parents
    sealed._machine_key.cache_clear()
    os.chmod(key, 0o644)  # others could read it, so they could forge entries: not used
    try:
        assert sealed.machine_key(good) is None
    finally:
        os.chmod(key, 0o600)
        sealed._machine_key.cache_clear()
    assert sealed.machine_key(good) is not None
    # A cache folder inside the checkout (a home that is the checkout) is where a pull request can commit.
    monkeypatch.setenv("XDG_CACHE_HOME", str(good / ".cache"))
    assert sealed.machine_key(good) is None
    assert not (good / ".cache" / "policysite").exists()


def test_planted_pickles_and_bytecode_run_nothing_and_change_nothing(good: Path, tmp_path: Path) -> None:
    root = fresh_copy(good, tmp_path / "project")
    marker = tmp_path / "pwned"
    payload = pickle.dumps(Planted(marker))
    for name in ("catalog/alfa.pickle", "catalog/beta.pickle", "catalog/alfa.json", "catalog/beta.json",
                 "links.pickle", "links.json", "pdf/alfa/da.json", "pdf/beta/en.json"):
        (root / ".cache" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / ".cache" / name).write_bytes(payload)
    rewrite(driver.manifest_path(root / "site"), payload.decode("latin-1"))
    planted = plant_bytecode(root, '<script>alert("planted-bytecode")</script>')
    assert planted

    # A fresh process, as a pull request's build is: nothing compiled is in memory yet.
    result = subprocess.run([sys.executable, "-m", "policybuild.cli", "--root", str(root), "build"],
                            cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not marker.exists()
    for name in ("the portal", "municipalities/alfa", "municipalities/beta"):  # the manifest was not ours
        assert f"built {name} in" in result.stdout
    assert_nowhere_raw(root / "site", "planted-bytecode")
    assert snapshot(root / "site") == snapshot(good / "site")
    assert run_both(root)["check"].returncode == 0 and not marker.exists()


def plant_bytecode(root: Path, script: str) -> list[Path]:
    """Jinja bytecode for the footer and main template: the real source's checksum, the code of the
    source plus ``script``, where a FileSystemBytecodeCache in .cache/templates would find it.
    Returns the files written, after proving that such a cache would run them. (The build this
    project had before put that script in every microsite page's footer.)"""
    from policybuild.engine import load_config

    root = root.resolve()
    config = load_config(str(root / "mkdocs.yml"), docs_dir=str(root / "docs"), site_dir=str(root / "x"))
    folder = root / ".cache" / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    disk = jinja2.FileSystemBytecodeCache(str(folder))
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(list(config.theme.dirs)))
    written = []
    for template in [root / "overrides" / "policy" / "footer.html", root / "overrides" / "main.html"]:
        name = template.relative_to(root / "overrides").as_posix()
        source, filename, _ = env.loader.get_source(env, name)
        bucket = jinja2.bccache.Bucket(env, disk.get_cache_key(name, filename), disk.get_source_checksum(source))
        bucket.code = env.compile(source + script, name, filename)
        path = folder / f"__jinja2_{bucket.key}.cache"
        path.write_bytes(bucket.bytecode_to_string())
        written.append(path)
    # The planted files are good forgeries: a cache on disk runs them for the real templates.
    trusting = jinja2.Environment(loader=jinja2.FileSystemLoader(list(config.theme.dirs)), bytecode_cache=disk)
    assert script in trusting.get_template("policy/footer.html").render(t={}, name="x", policy=None)
    return written


def test_templates_are_never_compiled_from_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    sys.path.insert(0, str(REPO / "hooks"))
    try:
        import policy_context
    finally:
        sys.path.remove(str(REPO / "hooks"))
    monkeypatch.setenv("POLICY_CACHE_DIR", "/tmp")  # the variable that used to turn on the disk cache
    assert not isinstance(policy_context.bytecode_cache(), jinja2.FileSystemBytecodeCache)


def smuggling_entry(root: Path, good: Path, secret: bytes) -> Path:
    """What an attacker can commit: alfa's cache entry for its content as it now is, in the current
    format and under the right content key (anyone can compute it), saying that alfa validated
    without errors and holding a page body with a script, sealed with ``secret``."""
    root = root.resolve()
    themes, _ = catalog.load_themes(root)
    folder = root / "municipalities" / "alfa"
    valid = catalog.load_municipality(folder, root, themes)
    assert valid[0] is None and any(e.code == "unsafe-tag" for e in valid[1])  # the real verdict
    original = catalog.load_municipality(good / "municipalities" / "alfa", good, themes)[0]
    policies = {lang: dataclasses.replace(policy, pages=tuple(
        dataclasses.replace(page, body=page.body + '\n<script>alert("smuggled")</script>\n')
        for page in policy.pages)) for lang, policy in original.policies.items()}
    forged = dataclasses.replace(original, policies=policies)
    entry = root / ".cache" / "catalog" / "alfa.json"
    sealed.write(entry, secret, catalog.CATALOG_CACHE_PURPOSE, catalog.municipality_cache_key(folder, root, themes),
                 {"municipality": sealed.encode(forged, Municipality), "errors": []})
    return entry


def add_script(root: Path) -> None:
    page = root / "municipalities" / "alfa" / "vaerdier.md"
    rewrite(page, page.read_text(encoding="utf-8").replace(
        "Det var værdierne.", 'Det var værdierne.\n\n<script>alert("smuggled")</script>'))


def test_a_forged_catalog_entry_cannot_smuggle_unvalidated_content(good: Path, tmp_path: Path) -> None:
    root = fresh_copy(good, tmp_path / "project")
    before = snapshot(root / "site")
    add_script(root)
    themes, _ = catalog.load_themes(root.resolve())
    folder = root.resolve() / "municipalities" / "alfa"
    # Sealed with this machine's key, such an entry would be believed (so the forgery is aimed right) ...
    trusted = smuggling_entry(root, good, sealed.machine_key(root))
    believed, errors = catalog._load_municipality_cached(folder, root.resolve(), themes, trusted.parent)
    assert believed is not None and not errors and "smuggled" in believed.policy("da").pages[1].body
    # ... but sealed with any other key, it is not: the folder is validated again.
    smuggling_entry(root, good, foreign_key())
    found, errors = catalog._load_municipality_cached(folder, root.resolve(), themes, trusted.parent)
    assert found is None and any(e.code == "unsafe-tag" for e in errors)

    smuggling_entry(root, good, foreign_key())
    results = run_both(root)
    assert_refused(results, path="municipalities/alfa/vaerdier.md", line=23, code="unsafe-tag")
    assert snapshot(root / "site") == before
    assert_nowhere_raw(root / "site", 'alert("smuggled")')
    assert not leftovers(root)


def test_a_sealed_entry_is_bound_to_its_purpose_key_and_bytes() -> None:
    secret, other = b"k" * 32, b"o" * 32
    data = sealed.seal(secret, "catalog", "abc", {"x": 1})
    assert sealed.unseal(secret, "catalog", "abc", data) == {"x": 1}
    assert sealed.unseal(other, "catalog", "abc", data) is None  # another machine's
    assert sealed.unseal(secret, "links", "abc", data) is None  # another cache's
    assert sealed.unseal(secret, "catalog", "abd", data) is None  # another content's
    assert sealed.unseal(secret, "catalog", "abc", data.replace(b'"x":1', b'"x":2')) is None  # edited
    assert sealed.unseal(secret, "catalog", "abc", pickle.dumps({"x": 1})) is None


def test_the_catalog_codec_round_trips_every_municipality_exactly(good: Path) -> None:
    municipalities = catalog.inspect(REPO).municipalities + catalog.inspect(good).municipalities
    assert municipalities
    for municipality in municipalities:
        decoded = sealed.decode(sealed.encode(municipality, Municipality), Municipality)
        assert decoded == municipality and repr(decoded) == repr(municipality)
    with pytest.raises(sealed.CodecError):
        sealed.decode({"slug": "x"}, Municipality)  # only whole, well-typed values are made


def test_a_forged_link_cache_cannot_hide_a_broken_link(tmp_path: Path) -> None:
    site, cache = tmp_path / "site", tmp_path / ".cache" / "links.json"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text('<a href="a/">a</a><a href="gone/">gone</a>', encoding="utf-8")
    (site / "a" / "index.html").write_text('<p id="x">a</p>', encoding="utf-8")
    mine, attackers = b"m" * 32, b"a" * 32
    status = (site / "index.html").stat()
    hiding = {"index.html": [status.st_ino, status.st_size, status.st_mtime_ns, [], []]}
    for data in (sealed.seal(attackers, linkcheck.LINK_CACHE_PURPOSE, linkcheck.LINK_CACHE_KEY, hiding),
                 pickle.dumps(Planted(tmp_path / "pwned"))):
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_bytes(data)
        broken = linkcheck.check_site(site, "/", cache=cache, secret=mine)
        assert [(link.page, link.href) for link in broken] == [("index.html", "gone/")]
        assert not (tmp_path / "pwned").exists()
    # This machine's own entry is used: the page is not read again while its file is the same.
    cache.write_bytes(sealed.seal(mine, linkcheck.LINK_CACHE_PURPOSE, linkcheck.LINK_CACHE_KEY, hiding))
    assert linkcheck.check_site(site, "/", cache=cache, secret=mine) == []


# ---------------------------------------------------------------- 6: the manifest covers the published files

def test_a_hand_edited_site_is_rebuilt_site_by_site(good: Path, tmp_path: Path) -> None:
    root = fresh_copy(good, tmp_path / "project")
    site = root / "site"
    assert build_sites(root, site, jobs=2, **QUIET) == []  # a copied site: same files, so nothing to do
    rewrite(site / "alfa" / "index.html", "<p>edited by hand</p>")  # changed
    (site / "beta" / "extra.html").write_text("<p>added</p>", encoding="utf-8")  # added
    assert sorted(r.slug for r in build_sites(root, site, jobs=2, **QUIET)) == ["alfa", "beta"]
    assert snapshot(site) == snapshot(good / "site")
    (site / "en" / "index.html").unlink()  # removed, in the portal
    assert [r.slug for r in build_sites(root, site, jobs=2, **QUIET)] == [""]
    assert snapshot(site) == snapshot(good / "site")
    assert build_sites(root, site, jobs=2, **QUIET) == []


def test_a_manifest_this_machine_did_not_write_is_not_believed(good: Path, tmp_path: Path) -> None:
    """A pull request that commits site/ and a manifest matching it gets a full rebuild."""
    root = fresh_copy(good, tmp_path / "project")
    site = root / "site"
    rewrite(site / "alfa" / "index.html", '<script>alert("committed")</script>')
    forged = manifest.Manifest({}, {})
    stored = manifest.read(site, sealed.machine_key(root))
    for slug in stored.inputs:
        forged.inputs[slug] = stored.inputs[slug]
        forged.files[slug] = manifest.record(manifest.site_folder(site, slug),
                                             skip={"alfa", "beta"} if slug == "" else ())
    assert manifest.verified(site / "alfa", forged.files["alfa"]) is not None  # it matches the committed files
    manifest.write(site, foreign_key(), forged)
    assert sorted(r.slug for r in build_sites(root, site, jobs=2, **QUIET)) == ["", "alfa", "beta"]
    assert snapshot(site) == snapshot(good / "site")


# ---------------------------------------------------------------- 11: publishing always leaves a complete site

def tree(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


OLD = {"index.html": "old portal", "en/index.html": "old en", "alfa/index.html": "old alfa", "beta/index.html": "old beta"}
NEW = {"index.html": "new portal", "en/index.html": "new en", "alfa/index.html": "new alfa", "beta/index.html": "new beta"}
NEW_ALFA = {**OLD, "alfa/index.html": "new alfa"}


def texts(site: Path) -> dict[str, str]:
    return {name: data.decode() for name, data in snapshot(site).items()} if site.is_dir() else {}


class Crash(BaseException):
    """A crash (not an error the code could handle) at a chosen step."""


def crash_on(calls: list[str], step: str):
    def crash(*args, **kwargs):
        calls.append(step)
        raise Crash(step)
    return crash


@pytest.mark.parametrize("exchange_works", [True, False], ids=["exchange", "fallback"])
@pytest.mark.parametrize("only", [None, ["alfa"]], ids=["whole", "one-microsite"])
def test_every_step_of_the_swap_leaves_a_complete_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       exchange_works: bool, only) -> None:
    """Fail each rename/exchange in turn: site/ is the old build or the new one, never missing or mixed."""
    new_site = NEW if only is None else NEW_ALFA
    real_rename, real_exchange = os.rename, publish.exchange
    steps = 0
    for fail_at in range(1, 10):
        case = tmp_path / str(fail_at)
        site = tree(case / "site", OLD)
        staging = tree(case / ".site.staging-x", NEW if only is None else {"alfa/index.html": "new alfa"})
        count = 0

        def counted(function):
            def step(*args):
                nonlocal count
                count += 1
                if count == fail_at:
                    raise Crash(f"step {count}")
                return function(*args)
            return step

        monkeypatch.setattr(os, "rename", counted(real_rename))
        monkeypatch.setattr(publish, "exchange", counted(real_exchange if exchange_works else lambda a, b: False))
        try:
            driver._publish(staging, site, only=only)
            crashed = False
        except Crash:
            crashed = True
        monkeypatch.setattr(os, "rename", real_rename)
        monkeypatch.setattr(publish, "exchange", real_exchange)
        if not crashed:
            assert texts(site) == new_site
            steps = fail_at - 1
            break
        assert texts(site) in (OLD, new_site), fail_at  # a crash that the code sees: rolled back or done
        publish.recover(site)  # what the next build does first
        assert texts(site) in (OLD, new_site)
        assert not list(case.glob(".site.staging-*")) and not list(site.glob(".*.old")) and not (case / ".site.old").exists()
    assert steps == (1 if exchange_works else 3)  # one exchange; or a refused one and two renames


@pytest.mark.parametrize("only", [None, ["alfa"]], ids=["whole", "one-microsite"])
def test_a_kill_between_the_fallback_renames_is_recovered(tmp_path: Path, only) -> None:
    """Where no exchange exists, a build killed between its renames leaves the old site parked; the next build puts it back."""
    site = tree(tmp_path / "site", OLD)
    staging = tree(tmp_path / ".site.staging-x", NEW if only is None else {"alfa/index.html": "new alfa"})
    script = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from policybuild import build, publish\n"
        "publish.exchange = lambda a, b: False\n"
        "real = os.rename\n"
        "def rename(a, b):\n"
        "    real(a, b)\n"
        "    if str(b).endswith('.old'): os.kill(os.getpid(), signal.SIGKILL)\n"
        "os.rename = rename\n"
        "build._publish(Path(sys.argv[1]), Path(sys.argv[2]), only=None if sys.argv[3] == '-' else [sys.argv[3]])\n"
    )
    result = subprocess.run([sys.executable, "-c", script, str(staging), str(site), (only or ["-"])[0]],
                            cwd=REPO, capture_output=True, text=True)
    assert result.returncode == -9, result.stderr
    parked = publish.parked(site) if only is None else publish.parked(site, "alfa")
    assert parked.is_dir()
    publish.recover(site)
    assert texts(site) == OLD
    assert not parked.exists() and not staging.exists()


def test_a_build_killed_after_the_swap_leaves_the_new_site_and_its_staging_is_removed(
        good: Path, tmp_path: Path, after_text_edit: dict[str, bytes]) -> None:
    root = fresh_copy(good, tmp_path / "project")
    edit_text(root)
    killed = run_killed(root, "after-exchange")
    assert killed.returncode == -9, killed.stderr
    # The new alfa, swapped in in one step; the national search's index is swapped after it, so the
    # kill leaves the last index, which the next build replaces.
    index = f"{NATIONAL_INDEX_DIR}/"
    assert {k: v for k, v in snapshot(root / "site").items() if not k.startswith(index)} == \
        {k: v for k, v in after_text_edit.items() if not k.startswith(index)}
    assert list(root.glob(".site.staging-*"))  # what the killed build could not clear (the old alfa)
    build_sites(root, root / "site", jobs=1, **QUIET)  # the manifest was not written: alfa is built again
    assert not leftovers(root)
    assert snapshot(root / "site") == after_text_edit


KILLER = """
import os, signal, sys
from pathlib import Path
from policybuild import build, publish
assert sys.argv[2] == "after-exchange"
real = publish.exchange
def exchange(a, b):
    real(a, b)
    os.kill(os.getpid(), signal.SIGKILL)
publish.exchange = exchange
root = Path(sys.argv[1])
build.build_sites(root, root / "site", jobs=1, log=lambda message: None)
"""


def run_killed(root: Path, point: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", KILLER, str(root), point], cwd=REPO, capture_output=True,
                          text=True, timeout=300)


def test_stale_staging_and_parked_folders_are_removed_by_the_next_build(good: Path, tmp_path: Path) -> None:
    root = fresh_copy(good, tmp_path / "project")
    tree(root / ".site.staging-k1ll3d", {"index.html": "half a build"})
    tree(root / ".site.old", {"index.html": "an old site"})
    tree(root / "site" / ".alfa.old", {"index.html": "an old alfa"})
    before = snapshot(root / "site")
    assert build_sites(root, root / "site", jobs=1, **QUIET) == []
    assert not leftovers(root)
    assert {k: v for k, v in snapshot(root / "site").items() if not k.startswith(".alfa.old/")} == \
        {k: v for k, v in before.items() if not k.startswith(".alfa.old/")}


def cli_build(root: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "policybuild.cli", "--root", str(root), "build", "-j", "1"],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})


def test_a_build_waits_for_the_one_that_holds_the_lock(good: Path, tmp_path: Path,
                                                       after_text_edit: dict[str, bytes]) -> None:
    root = fresh_copy(good, tmp_path / "project")
    edit_text(root)
    before = snapshot(root / "site")
    with open(publish.lock_path(root / "site"), "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        process = cli_build(root)
        line = process.stdout.readline()
        assert "waiting for it to finish" in line, line + process.stderr.read()
        time.sleep(0.5)
        assert process.poll() is None
        assert snapshot(root / "site") == before and not list(root.glob(".site.staging-*"))
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, out + err
    assert snapshot(root / "site") == after_text_edit


def test_two_builds_at_once_do_not_corrupt_each_other(good: Path, tmp_path: Path,
                                                      after_text_edit: dict[str, bytes]) -> None:
    root = fresh_copy(good, tmp_path / "project")
    edit_text(root)
    processes = [cli_build(root), cli_build(root)]
    for process in processes:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, out + err
    assert snapshot(root / "site") == after_text_edit
    assert not leftovers(root)
    assert build_sites(root, root / "site", jobs=1, **QUIET) == []  # and the manifest says so


# ---------------------------------------------------------------- 9: a single-municipality build checks its links

BROKEN_FOOTER = ('{% if policy %}<p><a href="findes-ikke/">Findes ikke</a> '
                 '<a href="#intet-anker">Intet anker</a> '
                 '<a href="{{ portal_href }}gamma/">Gamma</a> '
                 '<a href="{{ portal_href }}beta/#ingen-blok">Beta</a></p>{% endif %}\n')


def break_footer(root: Path) -> None:
    footer = root / "overrides" / "policy" / "footer.html"
    rewrite(footer, footer.read_text(encoding="utf-8") + BROKEN_FOOTER)


@pytest.mark.parametrize("published", [True, False], ids=["with-site", "fresh-checkout"])
def test_a_single_municipality_build_refuses_broken_links(good: Path, tmp_path: Path, published: bool) -> None:
    root = fresh_copy(good, tmp_path / "project")
    if not published:
        shutil.rmtree(root / "site")
        driver.manifest_path(root / "site").unlink()
    before = snapshot(root / "site") if published else {}
    break_footer(root)
    with pytest.raises(BuildFailed) as caught:
        build_sites(root, root / "site", only=["alfa"], jobs=1, **QUIET)
    message = str(caught.value)
    assert "alfa/vaerdier/index.html: linket 'findes-ikke/' peger på en side eller fil, der ikke findes" in message
    assert "alfa/vaerdier/index.html: linket '#intet-anker' peger på et anker, der ikke er på siden" in message
    assert "linket '../../gamma/' peger på en side eller fil, der ikke findes" in message
    assert "linket '../../beta/#ingen-blok' peger på '#ingen-blok', som ikke er på den side" in message
    assert "Intet blev udgivet" in message
    assert (snapshot(root / "site") if published else {}) == before
    assert not (root / "site").exists() or published
    assert not leftovers(root)


def test_a_single_municipality_build_on_a_fresh_checkout_checks_against_the_catalog(good: Path,
                                                                                    tmp_path: Path) -> None:
    root = fresh_copy(good, tmp_path / "project")
    shutil.rmtree(root / "site")
    build_sites(root, root / "site", only=["alfa"], jobs=1, **QUIET)  # its links to the portal and beta are good
    assert sorted(p.name for p in (root / "site").iterdir()) == ["alfa"]
    assert snapshot(root / "site") == {k: v for k, v in snapshot(good / "site").items() if k.startswith("alfa/")}


def test_a_single_municipality_build_checks_links_into_what_it_replaces(good: Path, tmp_path: Path) -> None:
    """Removing a block that other sites link to would break their links: built alone, that is refused."""
    root = fresh_copy(good, tmp_path / "project")
    before = snapshot(root / "site")
    page = root / "municipalities" / "beta" / "indsatsomraader.md"
    twin = root / "municipalities" / "beta" / "indsatsomraader.en.md"
    for path in (page, twin):
        rewrite(path, path.read_text(encoding="utf-8").replace("id: naboskab", "id: naboskab-nyt"))
    with pytest.raises(BuildFailed) as caught:
        build_sites(root, root / "site", only=["beta"], jobs=1, **QUIET)
    assert "#naboskab" in str(caught.value) and "make build" in str(caught.value)
    assert snapshot(root / "site") == before


def test_the_catalog_knows_every_page_the_build_makes(good: Path) -> None:
    """The addresses a fresh checkout's single-municipality build checks against are the real ones."""
    site = good / "site"
    addresses = catalog_addresses(good, catalog.load_catalog(good))
    built = {p.relative_to(site).as_posix() for p in site.rglob("index.html")}
    assert set(addresses) <= built
    # linked only from their own site, which is built: /was and the pages a microsite makes itself
    generated = {layout.WAS_FOLDER} | {layout.page_stem(page) for page in layout.GENERATED_PAGES}
    pages = {name for name in built if not generated & set(name.split("/"))}
    assert pages - set(addresses) == set(), "pages the catalog does not know of"
    for name, anchors in addresses.items():
        ids = linkcheck.collect((site / name).read_text(encoding="utf-8")).ids
        assert anchors is None or anchors <= ids, name
