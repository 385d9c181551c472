"""The final gate (policysite/gate.py): every rule refuses a crafted output file and lets a near miss pass.

The unit tests change one file of a built microsite (hard-linked copies of the
fixture site) and ask the gate about it; the built site itself passes, which is
the near miss of every case. The integration tests let hostile markup reach the
output past the source checks (a test-only template or hook change, or an edited
shard) and check that the build or the deploy is refused, naming the output file
and the source, and that site/ and the published branch stay as they were.
"""
from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, copy_project, git, git_project, isolate_git
from hostile import assert_nowhere_raw, assert_refused, fresh_copy, run_both, snapshot

from policybuild import cli
from policybuild.build import build_sites
from policysite import gate, nationalindex, sanitize
from policysite.csp import CSP, SEARCH_CSP
from policysite.errors import ContentErrors

PAGE = "vaerdier/index.html"
ARTICLE = '<article class="md-content__inner md-typeset">'


@pytest.fixture(scope="module")
def context(fixture_site: Path) -> gate.GateContext:
    return gate.GateContext.for_project(fixture_site.parent, "/", {"alfa": "alfa.dk", "beta": "beta.dk"})


@pytest.fixture()
def alfa(fixture_site: Path, tmp_path: Path) -> Path:
    """A copy of the built microsite alfa (hard links: a changed file is written anew)."""
    copy = tmp_path / "site" / "alfa"
    shutil.copytree(fixture_site / "alfa", copy, copy_function=os.link)
    shutil.copytree(fixture_site / "alfa", tmp_path / "original" / "alfa", copy_function=os.link)
    return copy


def write(folder: Path, relative: str, data: str | bytes) -> None:
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        path.unlink()  # a hard link to the shared fixture site
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)


def check(context: gate.GateContext, alfa: Path, relative: str, data: str | bytes | None = None) -> list:
    if data is not None:
        write(alfa, relative, data)
    return gate.check_file(context, alfa, relative, within="alfa", shown_prefix="site/alfa/")


def page(alfa: Path, relative: str = PAGE) -> str:
    """A file of alfa as built (whatever a test has written since)."""
    return (alfa.parent.parent / "original" / "alfa" / relative).read_text(encoding="utf-8")


def codes(errors: list) -> set[str]:
    return {error.code for error in errors}


def changed(alfa: Path, old: str, new: str, relative: str = PAGE) -> str:
    html = page(alfa, relative)
    assert old in html, old
    return html.replace(old, new, 1)


def in_content(alfa: Path, markup: str) -> str:
    return changed(alfa, ARTICLE, ARTICLE + markup)


def in_header(alfa: Path, markup: str) -> str:
    return changed(alfa, "</header>", markup + "</header>")


# ---- the built site is the near miss of every rule

def test_the_built_sites_pass_the_gate(fixture_site: Path, context: gate.GateContext) -> None:
    assert gate.check_tree(context, fixture_site, jobs=1) == []


def test_the_seed_site_passes_the_gate_in_a_few_milliseconds_per_page(seed_site: Path) -> None:
    context = gate.GateContext.for_project(REPO, "/")
    pages = len(list(seed_site.rglob("*.html")))
    started = time.perf_counter()
    assert gate.check_tree(context, seed_site, jobs=1) == []
    seconds = time.perf_counter() - started
    print(f"gate: {pages} pages, {len(gate.output_files(seed_site))} files, {seconds:.2f} s, "
          f"{1000 * seconds / pages:.1f} ms per page with everything else")
    assert seconds / pages < 0.05  # on a busy 2-core machine; about 3 ms when quiet


# ---- scripts

def test_an_inline_script_is_refused_anywhere(context, alfa: Path) -> None:
    for markup in ("<script>alert(1)</script>", "<script type=module>import('x')</script>",
                   '<script type="text/javascript">alert(1)</script>', "<script></script>"):
        errors = check(context, alfa, PAGE, in_header(alfa, markup))
        assert "output-unsafe" in codes(errors), markup
        assert any("script" in error.problem for error in errors)
        assert all(str(error).startswith("site/alfa/vaerdier/index.html ← municipalities/alfa/vaerdier.md")
                   for error in errors), errors


def test_json_data_blocks_of_the_theme_pass_and_others_are_refused(context, alfa: Path) -> None:
    assert check(context, alfa, PAGE, in_header(alfa, '<script type="application/ld+json">{"a": 1}</script>')) == []
    for markup in ('<script type="application/json" id="__other">{}</script>',
                   '<script type="application/json">{}</script>',
                   '<script type="text/template">x</script>',
                   '<script type="application/ld+json">{"a": </script>'):
        errors = check(context, alfa, PAGE, in_header(alfa, markup))
        assert codes(errors) & {"output-unsafe", "output-malformed"}, markup


def test_a_script_file_must_be_the_sites_own(context, alfa: Path) -> None:
    assert check(context, alfa, PAGE, in_header(alfa, '<script src="../assets/policy.js" defer></script>')) == []
    assert codes(check(context, alfa, PAGE, in_header(alfa, '<script src="https://cdn.example/x.js"></script>'))) \
        == {"output-elsewhere"}
    assert codes(check(context, alfa, PAGE, in_header(alfa, '<script src="//cdn.example/x.js"></script>'))) \
        == {"output-elsewhere"}
    assert codes(check(context, alfa, PAGE, in_header(alfa, '<script src="../nowhere.js"></script>'))) \
        == {"output-unsafe"}
    assert "output-unsafe" in codes(check(context, alfa, PAGE, in_header(
        alfa, '<script src="../assets/policy.js">alert(1)</script>')))


def test_event_attributes_are_refused_in_the_chrome_and_in_the_content(context, alfa: Path) -> None:
    for html in (in_header(alfa, '<span onclick="alert(1)">x</span>'),
                 changed(alfa, '<body dir="ltr"', '<body onload="alert(1)" dir="ltr"'),
                 in_content(alfa, '<p ONMOUSEOVER="alert(1)">x</p>'),
                 in_header(alfa, '<svg viewBox="0 0 1 1" onload="alert(1)"><path d="M0"></path></svg>')):
        errors = check(context, alfa, PAGE, html)
        assert "output-unsafe" in codes(errors)
    # Near misses: words that begin with "on" in values and data attributes are not event handlers.
    assert check(context, alfa, PAGE, in_header(alfa, '<span class="online" data-once="1">x</span>')) == []


@pytest.mark.parametrize("address", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)",
                                     " javascript:alert(1)", "vbscript:msgbox(1)", "data:text/html,<b>x"])
def test_code_addresses_are_refused_in_every_address_attribute(context, alfa: Path, address: str) -> None:
    for markup in (f'<a href="{address}">x</a>', f'<img src="{address}" alt="x">',
                   f'<button formaction="{address}">x</button>', f'<span data-url="{address}">x</span>',
                   f'<link rel="canonical" href="{address}">'):
        errors = check(context, alfa, PAGE, in_header(alfa, markup))
        assert codes(errors) & {"output-unsafe", "output-elsewhere"}, markup


def test_links_may_go_anywhere_on_the_web(context, alfa: Path) -> None:
    assert check(context, alfa, PAGE, in_header(
        alfa, '<a href="https://www.example.dk/">x</a> <a href="mailto:a@b.dk">m</a> <a href="tel:+4511">t</a>'
        ' <a href="//example.dk/">p</a>')) == []


# ---- elements, forms, meta, link

@pytest.mark.parametrize("markup", ['<iframe src="../index.html"></iframe>', '<object data="x"></object>',
                                    '<embed src="x">', '<base href="https://evil.example/">',
                                    '<portal src="x"></portal>', '<applet code="x"></applet>', '<style>body{}</style>', '<template><b>x</b></template>',
                                    '<noscript><img src="x.png" alt=""></noscript>', '<math><mi>x</mi></math>',
                                    '<svg><foreignObject><p>x</p></foreignObject></svg>', '<textarea>x</textarea>'])
def test_elements_no_page_has_are_refused(context, alfa: Path, markup: str) -> None:
    assert "output-unsafe" in codes(check(context, alfa, PAGE, in_header(alfa, markup)))


def test_forms_and_inputs_only_as_the_themes_controls(context, alfa: Path) -> None:
    for markup in ('<form action="https://evil.example/"><input name="q"></form>', '<form name="search"></form>',
                   '<input type="text" name="q">', '<input type="password" class="md-search__input">',
                   '<input class="md-toggle" type="checkbox" id="steal">'):
        assert "output-unsafe" in codes(check(context, alfa, PAGE, in_header(alfa, markup))), markup
    # A near miss: one more of the menu's own toggles.
    assert check(context, alfa, PAGE, in_header(
        alfa, '<input class="md-nav__toggle md-toggle" type="checkbox" id="__nav_9">')) == []


def test_meta_refresh_only_on_redirect_pages_and_to_the_statement(context, alfa: Path) -> None:
    errors = check(context, alfa, PAGE, changed(alfa, "<title>", '<meta http-equiv="refresh" content="0; url=../"><title>'))
    assert "output-unsafe" in codes(errors)
    was = "was/index.html"
    assert check(context, alfa, was) == []  # to https://www.was.digst.dk/alfa.dk
    original = page(alfa, was)
    statement = re.search(r'url=([^"]+)"', original).group(1)
    for target, allowed in (("https://www.alfa.dk/tilgaengelighed", True), ("../", True),
                            ("https://evil.example/", False), ("http://www.was.digst.dk/alfa.dk", False),
                            ("https://www.was.digst.dk.evil.example/", False), ("javascript:alert(1)", False),
                            ("//evil.example/", False)):
        errors = check(context, alfa, was, original.replace(f"url={statement}", f"url={target}"))
        assert (errors == []) is allowed, (target, errors)
    # Elsewhere only the site itself: an edition's home may send readers to latest/, not to the statement.
    assert check(context, alfa, "index.html", original.replace(f"url={statement}", "url=latest/")) == []
    assert "output-unsafe" in codes(check(context, alfa, "index.html", original))
    # Other http-equiv values set headers: never.
    assert "output-unsafe" in codes(check(context, alfa, PAGE, in_header(
        alfa, '<meta http-equiv="set-cookie" content="a=b">')))


def test_links_in_the_head_load_only_the_sites_own_files(context, alfa: Path) -> None:
    stylesheet = '<link rel="stylesheet" href="../assets/policy.css">'
    assert check(context, alfa, PAGE, changed(alfa, "</head>", stylesheet + "</head>")) == []
    for markup, code in (('<link rel="stylesheet" href="https://cdn.example/x.css">', "output-elsewhere"),
                         ('<link rel="icon" href="//cdn.example/x.png">', "output-elsewhere"),
                         ('<link rel="preload" href="../assets/policy.css">', "output-unsafe"),
                         ('<link rel="import" href="x.html">', "output-unsafe"),
                         ('<link rel="stylesheet" href="../feed.xml">', "output-unsafe")):
        assert code in codes(check(context, alfa, PAGE, changed(alfa, "</head>", markup + "</head>"))), markup
    assert check(context, alfa, PAGE, changed(
        alfa, "</head>", '<link rel="alternate" hreflang="de" href="https://alfa.dk/de/"></head>')) == []


def test_nothing_is_loaded_from_another_host(context, alfa: Path) -> None:
    assert check(context, alfa, PAGE, in_header(alfa, '<img src="../assets/images/favicon.png" alt="">')) == []
    for markup in ('<img src="https://tracker.example/p.png" alt="">', '<img src="//tracker.example/p.png" alt="">',
                   '<img src="\\\\tracker.example\\p.png" alt="">',
                   '<img src="x.png" srcset="https://tracker.example/p.png 2x" alt="">'):
        assert "output-elsewhere" in codes(check(context, alfa, PAGE, in_header(alfa, markup))), markup


def test_style_attributes_only_for_table_alignment(context, alfa: Path) -> None:
    assert check(context, alfa, PAGE, in_content(
        alfa, '<table><tr><td style="text-align: right;">1</td></tr></table>')) == []
    for style in ("text-align:right", "background: url(https://tracker.example/p.png)", "color: red"):
        html = in_content(alfa, f'<table><tr><td style="{style}">1</td></tr></table>')
        assert "output-unsafe" in codes(check(context, alfa, PAGE, html)), style


def test_a_processing_instruction_is_refused(context, alfa: Path) -> None:
    assert "output-unsafe" in codes(check(context, alfa, PAGE, in_header(alfa, "<?php echo 1 ?>")))


# ---- ids, the theme's configuration and the article region

def test_the_config_hijack_in_a_page_body_is_refused(context, alfa: Path) -> None:
    hijack = '<div id="__config">{"base": "https://evil.example/", "version": {"provider": "mike"}}</div>'
    errors = check(context, alfa, PAGE, in_content(alfa, hijack))
    assert {"output-duplicate-id", "output-unsafe"} <= codes(errors)
    assert any("__config" in error.problem and "id-reserved" in error.problem for error in errors), errors


def test_ids_are_unique_in_a_page(context, alfa: Path) -> None:
    assert check(context, alfa, PAGE, in_content(alfa, '<p id="policy-test-a">a</p><p id="policy-test-b">b</p>')) == []
    errors = check(context, alfa, PAGE, in_content(alfa, '<p id="policy-test">a</p><p id="policy-test">b</p>'))
    assert codes(errors) == {"output-duplicate-id"}
    errors = check(context, alfa, PAGE, in_header(alfa, '<span id="policy-main">x</span>'))
    assert codes(errors) == {"output-duplicate-id"}


def test_the_article_holds_only_what_the_content_rules_allow(context, alfa: Path) -> None:
    # In the chrome the theme's classes, ids and data-md attributes are the theme's own; in the article, never.
    chrome = '<div class="md-banner" data-md-component="announce">x</div>'
    assert check(context, alfa, PAGE, in_header(alfa, chrome)) == []
    errors = check(context, alfa, PAGE, in_content(alfa, chrome))
    assert codes(errors) == {"output-unsafe"} and "id-reserved" in errors[0].problem
    errors = check(context, alfa, PAGE, in_content(alfa, '<label for="__drawer">x</label>'))
    assert "unsafe-tag" in errors[0].problem


def test_a_config_pointing_elsewhere_is_refused(context, alfa: Path) -> None:
    html = page(alfa)
    config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.DOTALL).group(1)
    data = json.loads(config)
    for key, value in (("base", "https://evil.example/"), ("search", "https://evil.example/w.js"),
                       ("version", {"provider": "mike", "default": "latest", "url": "https://evil.example/"}),
                       ("extra", 1)):
        hijacked = dict(data, **{key: value})
        errors = check(context, alfa, PAGE, html.replace(config, json.dumps(hijacked)))
        assert "output-unsafe" in codes(errors), key


def test_every_page_has_exactly_the_sites_policy_first(context, alfa: Path) -> None:
    meta = f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
    html = page(alfa)
    assert meta in html
    for broken in (html.replace(meta, ""),
                   html.replace(meta, meta.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")),
                   html.replace(meta, "").replace("</head>", meta + "</head>"),
                   html.replace(meta, meta + meta)):
        assert codes(check(context, alfa, PAGE, broken)) == {"output-csp"}
    was = page(alfa, "was/index.html")  # written with autoescape: the quotes in the policy are entities
    without = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", was)
    assert without != was
    assert codes(check(context, alfa, "was/index.html", without)) == {"output-csp"}


def test_only_the_national_search_page_allows_webassembly(context, fixture_site: Path, tmp_path: Path,
                                                         alfa: Path) -> None:
    """The search page's policy adds 'wasm-unsafe-eval'; it is refused on every other page, and the
    search page must have it (policysite.csp.policy_for)."""
    site_meta = f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
    search_meta = f'<meta http-equiv="Content-Security-Policy" content="{SEARCH_CSP}">'
    assert codes(check(context, alfa, PAGE, changed(alfa, site_meta, search_meta))) == {"output-csp"}
    portal = tmp_path / "portal"
    for name in ("soeg/index.html", "en/soeg/index.html"):
        shutil.copytree(fixture_site / name.rsplit("/", 1)[0], portal / name.rsplit("/", 1)[0], dirs_exist_ok=True)
        html = (portal / name).read_text(encoding="utf-8")
        assert search_meta in html
        assert [e.code for e in gate.check_file(context, portal, name, within="")
                if e.code == "output-csp"] == []
        (portal / name).unlink()
        (portal / name).write_text(html.replace(search_meta, site_meta), encoding="utf-8")
        assert "output-csp" in codes(gate.check_file(context, portal, name, within=""))


def test_the_national_search_attributes_only_as_the_templates_write_them(context, alfa: Path) -> None:
    html = page(alfa)
    assert 'data-pagefind-body' in html and 'data-pagefind-meta="municipality[content]"' in html
    for old, new in (
            # content naming a result's address or municipality, or adding to the index
            (ARTICLE, ARTICLE + '<p data-pagefind-meta="url:https://evil.example/">x</p>'),
            (ARTICLE, ARTICLE + '<div data-pagefind-body>x</div>'),
            # the templates' attributes elsewhere or with other values
            ('data-pagefind-meta="municipality[content]"', 'data-pagefind-meta="url[content]"'),
            ('<meta name="author"', '<meta name="description"'),
            (' data-pagefind-body>', ' data-pagefind-body="x">')):
        assert codes(check(context, alfa, PAGE, changed(alfa, old, new))) == {"output-unsafe"}, new
    assert check(context, alfa, PAGE, changed(alfa, ARTICLE, ARTICLE + '<p data-pagefind-ignore>x</p>')) == []


@pytest.fixture()
def index(fixture_site: Path, tmp_path: Path) -> Path:
    """A copy of the fixture site's national search index and the pages it indexes (hard links)."""
    site = tmp_path / "whole"
    for name in ("pagefind", "alfa", "beta"):
        shutil.copytree(fixture_site / name, site / name, copy_function=os.link)
    return site


def index_check(context, site: Path, relative: str, data: bytes | None = None) -> list:
    if data is not None:
        write(site, relative, data)
    return gate.check_file(context, site, relative, within="", shown_prefix="site/")


def fragment_with(site: Path, **changes) -> tuple[str, bytes]:
    name = sorted((site / "pagefind" / "fragment").iterdir())[0]
    inner = json.loads(gzip.decompress(name.read_bytes())[len(nationalindex.SIGNATURE):])
    inner.update(changes)
    data = nationalindex.SIGNATURE + json.dumps(inner).encode()
    return name.relative_to(site).as_posix(), gzip.compress(data)


def test_the_national_index_passes_only_as_the_pinned_pagefind_writes_it(context, index: Path) -> None:
    files = sorted(path.relative_to(index).as_posix() for path in (index / "pagefind").rglob("*") if path.is_file())
    assert files and all(index_check(context, index, name) == [] for name in files)
    script = (index / "pagefind" / "pagefind.js").read_bytes()
    wasm = (index / "pagefind" / "wasm.da.pagefind").read_bytes()
    for relative, data in (
            ("pagefind/pagefind.js", script + b"\n;fetch('https://evil.example/')"),
            ("pagefind/wasm.da.pagefind", wasm[:-1] + bytes([wasm[-1] ^ 1])),
            ("pagefind/pagefind-ui.js", b"/* Pagefind's own interface, which the site does not publish */"),
            ("pagefind/wasm.xx.pagefind", wasm),
            ("pagefind/noter.txt", b"x"),
            ("pagefind/fragment/da_0123456.pf_fragment", b"<script>alert(1)</script>"),
            ("pagefind/fragment/da_0123456.pf_index", gzip.compress(nationalindex.SIGNATURE)),
            ("pagefind/index/xx_0123456.pf_index", gzip.compress(nationalindex.SIGNATURE)),
            ("pagefind/pagefind-entry.json", b'{"version": "0.0.1", "languages": {}}'),
            ("pagefind/pagefind-entry.json", b'{"version": "%s", "languages": {"xx": {"hash": "xx_0123456", '
                                             b'"wasm": "xx"}}}' % nationalindex.version().encode()),
            fragment_with(index, url="https://evil.example/"),
            fragment_with(index, url="//evil.example/alfa/"),
            fragment_with(index, url="/alfa/findes-ikke/"),
            fragment_with(index, url="/../../etc/"),
            fragment_with(index, meta={"title": "Værdier", "url": "https://evil.example/"}),
            fragment_with(index, meta={"title": "Værdier", "municipality": "A\u202eB"}),
            fragment_with(index, meta={"title": "Værdier", "image": "https://tracker.example/p.png"}),
            fragment_with(index, filters={"kommune": ["Alfa"]})):
        assert codes(index_check(context, index, relative, data)) == {"output-search-index"}, (relative, data[:80])
    # In a microsite, Pagefind's script is a script that is not the theme's.
    assert codes(check(context, index / "alfa", "pagefind/pagefind.js", script)) == {"output-asset"}


def test_an_html_file_the_templates_did_not_make_is_refused(context, alfa: Path) -> None:
    handmade = (f'<!doctype html><html lang="da"><head><meta charset="utf-8">'
                f'<meta http-equiv="Content-Security-Policy" content="{CSP}"><title>x</title></head>'
                '<body><p>Hello</p></body></html>')
    assert "output-unsafe" in codes(check(context, alfa, "side.html", handmade))


# ---- JSON

def test_search_index_strings_pass_the_content_rules(context, alfa: Path) -> None:
    index = json.loads(page(alfa, "search/search_index.json"))
    assert check(context, alfa, "search/search_index.json") == []
    for key, value in (("title", '<img src=x onerror="alert(1)">'), ("text", "<p>x</p><script>alert(1)</script>"),
                       ("location", "javascript:alert(1)"), ("location", "https://evil.example/"),
                       ("text", '<a href="javascript:alert(1)">x</a>')):
        broken = json.loads(json.dumps(index))
        broken["docs"][0][key] = value
        errors = check(context, alfa, "search/search_index.json", json.dumps(broken))
        assert codes(errors) == {"output-unsafe"}, (key, value)
    near = json.loads(json.dumps(index))
    near["docs"][0]["text"] = "<p>Tekst med <code>&lt;script&gt;</code> som tekst.</p>"
    assert check(context, alfa, "search/search_index.json", json.dumps(near)) == []
    assert codes(check(context, alfa, "search/search_index.json", '{"docs": [')) == {"output-malformed"}
    assert codes(check(context, alfa, "search/search_index.json",
                       json.dumps({"config": {}, "docs": [{"location": "", "title": "a\u202eb", "text": ""}]}))) \
        == {"output-malformed"}


def test_versions_json_holds_plain_edition_names(context, alfa: Path) -> None:
    good = [{"version": "2020", "title": "2020", "aliases": ["latest"]},
            {"version": "2012-hoering", "title": "2012-hoering", "aliases": []}]
    assert check(context, alfa, "versions.json", json.dumps(good)) == []
    for entry in ({"version": "2020", "title": "<img src=x onerror=alert(1)>", "aliases": []},
                  {"version": "//evil.example", "title": "x", "aliases": []},
                  {"version": "2020", "title": "2020", "aliases": [".."]},
                  {"version": "2020", "title": "2020", "aliases": [], "url": "https://evil.example/"}):
        assert check(context, alfa, "versions.json", json.dumps([entry])), entry


# ---- XML

FEED = "feed.xml"


def test_feeds_are_well_formed_without_doctype_entities_or_control_characters(context, alfa: Path) -> None:
    feed = page(alfa, FEED)
    assert check(context, alfa, FEED) == []
    for broken in (feed.replace("<feed", '<!DOCTYPE feed [<!ENTITY x "y">]><feed', 1),
                   feed.replace("<feed", '<?xml-stylesheet href="x.xsl"?><feed', 1),
                   feed.replace("</feed>", ""),
                   feed.replace("<title>", "<title>&nbsp;", 1),
                   feed.replace("<title>", "<title>\u0085", 1),
                   feed.replace("<title>", "<title>\u202e", 1)):
        assert codes(check(context, alfa, FEED, broken)) == {"output-malformed"}


def test_feed_html_text_passes_the_content_rules(context, alfa: Path) -> None:
    feed = page(alfa, FEED)
    entry = feed.index("<content")
    end = feed.index("</content>", entry)
    safe = feed[:entry] + '<content type="html">&lt;p&gt;Rettet.&lt;/p&gt;' + feed[end:]
    assert check(context, alfa, FEED, safe) == []
    unsafe = feed[:entry] + '<content type="html">&lt;img src=x onerror=alert(1)&gt;' + feed[end:]
    assert codes(check(context, alfa, FEED, unsafe)) == {"output-unsafe"}
    link = feed.replace('href="https://', 'href="javascript:alert(1)//', 1)
    assert codes(check(context, alfa, FEED, link)) == {"output-unsafe"}


def test_sitemaps_plain_and_gzipped(context, alfa: Path) -> None:
    sitemap = page(alfa, "sitemap.xml")
    assert check(context, alfa, "sitemap.xml.gz") == []
    assert check(context, alfa, "sitemap.xml.gz", gzip.compress(sitemap.encode())) == []
    assert codes(check(context, alfa, "sitemap.xml.gz", gzip.compress(b"<urlset"))) == {"output-malformed"}
    assert codes(check(context, alfa, "sitemap.xml.gz", b"not gzip")) == {"output-malformed"}
    assert codes(check(context, alfa, "sitemap.xml", sitemap.replace("<loc>https://", "<loc>javascript:", 1))) \
        == {"output-unsafe"}
    assert codes(check(context, alfa, "sitemap.xml", '<?xml version="1.0"?><feed/>')) == {"output-malformed"}


# ---- the theme's files, and files of unknown types

def test_scripts_and_stylesheets_are_the_themes_own_byte_for_byte(context, alfa: Path) -> None:
    bundle = next((alfa / "assets" / "javascripts").glob("bundle.*.min.js")).relative_to(alfa).as_posix()
    assert check(context, alfa, bundle) == []
    assert codes(check(context, alfa, bundle, (alfa / bundle).read_bytes() + b";alert(1)")) == {"output-asset"}
    assert codes(check(context, alfa, "assets/policy.js", page(alfa, "assets/policy.js") + "\n")) == {"output-asset"}
    assert codes(check(context, alfa, "assets/policy.css", "body{}")) == {"output-asset"}
    for name in ("extra.js", "assets/extra.js", "vaerdier/style.css", "assets/images/logo.svg"):
        assert codes(check(context, alfa, name, "alert(1)")) == {"output-asset"}, name


def test_files_of_unknown_types_or_false_names_are_refused(context, alfa: Path) -> None:
    png = (alfa / "assets" / "images" / "favicon.png").read_bytes()
    assert check(context, alfa, "billeder/foto.png", png) == []
    assert check(context, alfa, "dokumenter/politik.pdf", b"%PDF-1.7\n...") == []
    for name, data in (("billeder/foto.png", b"<script>alert(1)</script>"), ("politik.pdf", b"<html>"),
                       ("noter.txt", b"x"), ("program.exe", b"MZ"), ("billede.svg", b"<svg onload=alert(1)>"),
                       ("data.json", b"{}"), ("x.xml", b"<x/>"), ("CNAME", b"evil.example\n")):
        assert codes(check(context, alfa, name, data)) & {"output-file-type", "output-asset"}, name


def test_pages_files_only_at_the_top_of_the_site(context, fixture_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / ".nojekyll").write_text("")
    (site / "CNAME").write_text("medborgerskab.example.dk\n")
    assert gate.check_tree(context, site) == []
    (site / "CNAME").write_text("<script>\n")
    assert codes(gate.check_tree(context, site)) == {"output-file-type"}


def test_a_symbolic_link_in_the_output_is_refused(context, alfa: Path, tmp_path: Path) -> None:
    (tmp_path / "secret").write_text("token")
    (alfa / "hemmelig.png").symlink_to(tmp_path / "secret")
    (alfa / "mappe").symlink_to(tmp_path)
    errors = gate.check_tree(context, alfa, within="alfa", shown="site/alfa/")
    assert {error.path for error in errors} == {"site/alfa/hemmelig.png ← municipalities/alfa",
                                                "site/alfa/mappe ← municipalities/alfa"}
    assert codes(errors) == {"output-file-type"}


def test_a_large_hostile_page_is_checked_in_seconds(context, alfa: Path) -> None:
    bomb = "<div>" * 50_000 + '<span onclick="x">' * 20_000 + "x" * 1_000_000
    started = time.perf_counter()
    errors = check(context, alfa, PAGE, in_content(alfa, bomb))
    assert time.perf_counter() - started < 10
    assert "output-unsafe" in codes(errors)


# ---- the content rules at the source (policysite/sanitize.py)

@pytest.mark.parametrize(("html", "code"), [
    ('<div id="__config">{"base": "https://evil.example/"}</div>', "id-reserved"),
    ('<p id="md-header">x</p>', "id-reserved"),
    ('<p id="policy-main">x</p>', "id-reserved"),
    ('<a name="__search">x</a>', "id-reserved"),
    ('<p class="md-typeset md-header">x</p>', "id-reserved"),
    ('<div data-md-component="search-result">x</div>', "id-reserved"),
    # What the national search reads is the templates' to say (a result's address, title, municipality).
    ('<p data-pagefind-meta="url:https://evil.example/">x</p>', "id-reserved"),
    ('<p data-pagefind-meta="municipality">Anden Kommune</p>', "id-reserved"),
    ('<div data-pagefind-body>x</div>', "id-reserved"),
    ('<p data-pagefind-filter="kommune">x</p>', "id-reserved"),
    ('<p id="policy-search-query">x</p>', "id-reserved"),
    ('<img src="https://tracker.example/p.png" alt="x">', "image-external"),
    ('<img src="//tracker.example/p.png" alt="x">', "image-external"),
    ('<img src="\\\\tracker.example\\p.png" alt="x">', "image-external"),
    ('<img src="HTTP://tracker.example/p.png" alt="x">', "image-external"),
    ('<body onload="alert(1)">x', "unsafe-tag"),
])
def test_the_theme_and_other_hosts_are_refused_in_content(html: str, code: str) -> None:
    assert code in {finding.code for finding in sanitize.findings(html)}
    assert sanitize.sanitise(html) != sanitize.canonical(html)


@pytest.mark.parametrize("html", [
    '<p id="vores-vaerdier" class="policy-block admonition">x</p>',
    '<div data-kind="values">x</div>',
    '<img src="billeder/foto.jpg" alt="x"> <img src="../alfa/foto.png" alt="y">',
    '<a href="https://www.example.dk/billede.png">Billedet hos kommunen</a>',
    '<h2 id="mdr">Måneder</h2>',
    '<p data-pagefind-ignore>Ikke i søgningen</p>',  # content may leave its own text out of the search
])
def test_near_misses_pass_the_content_rules(html: str) -> None:
    assert sanitize.findings(html) == []
    assert sanitize.sanitise(html) == sanitize.canonical(html)


# ---- integration: the build and the deploy refuse, nothing is published

@pytest.fixture(scope="module")
def good_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("gate-good") / "project", FIXTURES / "municipalities")
    build_sites(root, root / "site", jobs=2, log=lambda message: None)
    return root


def build_refused(root: Path) -> str:
    result = subprocess.run([sys.executable, "-m", "policybuild.cli", "--root", str(root), "build"],
                            cwd=REPO, capture_output=True, text=True, timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output, output
    return output


def test_the_config_hijack_is_refused_at_the_source_with_file_and_line(good_project: Path, tmp_path: Path) -> None:
    root = fresh_copy(good_project, tmp_path / "project")
    before = snapshot(root / "site")
    page_file = root / "municipalities" / "alfa" / "vaerdier.md"
    text = page_file.read_text(encoding="utf-8").rstrip("\n")
    line = text.count("\n") + 3
    payload = '<div id="__config">{"base": "https://evil.example/", "version": {"provider": "mike"}}</div>'
    page_file.write_text(text + "\n\n" + payload + "\n", encoding="utf-8")
    assert_refused(run_both(root), path="municipalities/alfa/vaerdier.md", line=line, code="id-reserved",
                   says=("__config",))
    assert snapshot(root / "site") == before
    assert_nowhere_raw(root / "site", "evil.example")


def test_an_image_from_another_host_is_refused_at_the_source(good_project: Path, tmp_path: Path) -> None:
    root = fresh_copy(good_project, tmp_path / "project")
    before = snapshot(root / "site")
    page_file = root / "municipalities" / "alfa" / "vaerdier.md"
    text = page_file.read_text(encoding="utf-8").rstrip("\n")
    line = text.count("\n") + 3
    page_file.write_text(text + "\n\n![Et foto](https://tracker.example/foto.png)\n", encoding="utf-8")
    assert_refused(run_both(root), path="municipalities/alfa/vaerdier.md", line=line, code="image-external",
                   says=("tracker.example",))
    assert snapshot(root / "site") == before


def test_a_script_a_template_adds_is_refused_by_the_gate_and_nothing_is_published(good_project: Path,
                                                                                   tmp_path: Path) -> None:
    """A footer template that prints a script (standing in for any field printed raw): the checks of the
    content see nothing, the gate refuses every page, and site/ stays byte-identical."""
    root = fresh_copy(good_project, tmp_path / "project")
    before = snapshot(root / "site")
    footer = root / "overrides" / "policy" / "footer.html"
    payload = "<script>window.policyPwned=1</script>"
    footer.write_text(footer.read_text(encoding="utf-8") + payload, encoding="utf-8")
    output = build_refused(root)
    assert "site/alfa/vaerdier/index.html ← municipalities/alfa/vaerdier.md: The page contains an inline script" \
        in output, output
    assert "[output-unsafe]" in output and "How to fix:" in output
    assert snapshot(root / "site") == before
    assert not list(root.glob(".site.staging-*"))
    assert_nowhere_raw(root / "site", payload)


HOSTILE_HOOK = '''"""Test only: hostile markup written into the output after every check, as a broken hook might."""
from pathlib import Path

from mkdocs import plugins


@plugins.event_priority(-300)  # after hooks/policy_search.py has written the indexes
def on_post_build(*, config) -> None:
    site = Path(config.site_dir)
    index = site / "search" / "search_index.json"
    if index.exists():
        index.write_text(index.read_text(encoding="utf-8").replace(
            '"title":"', '"title":"<img src=x onerror=alert(1)>', 1), encoding="utf-8")
'''


def test_hostile_output_a_hook_writes_is_refused_naming_the_file(good_project: Path, tmp_path: Path) -> None:
    root = fresh_copy(good_project, tmp_path / "project")
    before = snapshot(root / "site")
    (root / "hooks" / "test_hostile.py").write_text(HOSTILE_HOOK, encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - hooks/policy_search.py", "  - hooks/policy_search.py\n  - hooks/test_hostile.py"), encoding="utf-8")
    output = build_refused(root)
    assert re.search(r"site/(alfa/|beta/)?search/search_index.json.*onerror.*\[output-unsafe\]", output), output
    assert snapshot(root / "site") == before
    assert_nowhere_raw(root / "site", "onerror=alert(1)")


def test_a_portal_page_that_skipped_the_checks_is_refused_with_its_source_and_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The final gate is the last line: here the portal's source checks are skipped altogether."""
    import policybuild.build as driver

    root = copy_project(tmp_path / "project", FIXTURES / "municipalities")
    (root / "docs" / "index.md").write_text(
        "---\ntitle: Forside\n---\n\nVelkommen.\n\n<p onclick=\"alert(1)\">Hej</p>\n", encoding="utf-8")
    monkeypatch.setattr(driver, "check_portal_pages", lambda root: ([], None))
    # hooks/policy_plain_text.py runs the same source checks while MkDocs builds the page; skip them too.
    import policysite.review as review
    monkeypatch.setattr(review, "portal_page_errors", lambda shown, text, catalog=None: ([], []))
    with pytest.raises(ContentErrors) as refused:
        build_sites(root, root / "site", jobs=1, log=lambda message: None)
    report = refused.value.report()
    assert ("site/index.html ← docs/index.md, line 7: The page's content contains the attribute 'onclick' on <p>"
            in report), report
    assert "[output-unsafe]" in report
    assert not (root / "site").exists()


def test_policysite_gate_passes_a_good_site_and_refuses_a_changed_one(good_project: Path, tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture) -> None:
    site = good_project / "site"
    assert cli.main(["--root", str(good_project), "gate", str(site)]) == 0
    assert "passed the final gate" in capsys.readouterr().out
    copy = tmp_path / "site"
    shutil.copytree(site, copy, copy_function=os.link)
    target = copy / "beta" / "index.html"
    html = target.read_text(encoding="utf-8")
    target.unlink()
    target.write_text(html.replace("</body>", "<script>alert(1)</script></body>"), encoding="utf-8")
    assert cli.main(["--root", str(good_project), "gate", str(copy), str(site)]) == 1
    err = capsys.readouterr().err
    assert f"{copy.as_posix()}/beta/index.html ← municipalities/beta/index.md: The page contains an inline script" \
        in err, err
    assert cli.main(["--root", str(good_project), "gate", str(tmp_path / "missing")]) == 1


def test_deploy_gates_the_shards_before_committing_anything(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate_git(monkeypatch)
    remote = tmp_path / "pages.git"
    project = git_project(tmp_path / "project", remote)
    shards = tmp_path / "shards"
    for slug in ("alfa", "beta"):
        assert cli.main(["--root", str(project), "build", "--versioned", "-m", slug, "--site", str(shards)]) == 0
    target = shards / "beta" / "2012-hoering" / "index.html"
    target.write_text(target.read_text(encoding="utf-8").replace("</body>", "<script>alert(1)</script></body>"),
                      encoding="utf-8")
    args = ["--root", str(project), "deploy", "--remote", str(remote), "--jobs", "1", "--shards", str(shards)]
    assert cli.main(args) == 1
    assert git(remote, "branch", "--list", "gh-pages") == ""  # nothing pushed
    assert git(project, "branch", "--list", "policysite-deploy/*") == ""  # nothing committed either


def test_materials_inline_scripts_are_served_unchanged_as_files() -> None:
    """overrides/assets/policy-*.js hold Material's inline code (a Material upgrade that changes it fails here)."""
    partials = gate.theme_dirs(REPO)[1] / "partials" / "javascripts"
    assets = REPO / "overrides" / "assets"
    for partial, asset in (("palette.html", "policy-palette.js"), ("content.html", "policy-content.js")):
        inline = re.findall(r"<script>(.*?)</script>", (partials / partial).read_text(encoding="utf-8"), re.DOTALL)
        assert inline[-1] in (assets / asset).read_text(encoding="utf-8"), partial
    helpers = re.findall(r"<script>(.*?)</script>", (partials / "base.html").read_text(encoding="utf-8"), re.DOTALL)[0]
    head = (assets / "policy-head.js").read_text(encoding="utf-8")
    assert set(re.findall(r"(__md_\w+)=", helpers)) == set(re.findall(r"window\.(__md_\w+) =", head)) \
        == {"__md_scope", "__md_hash", "__md_get", "__md_set"}
    # Each partial this site renders with an inline script is overridden by one that loads a file.
    for partial in ("base.html", "palette.html", "content.html"):
        ours = (REPO / "overrides" / "partials" / "javascripts" / partial).read_text(encoding="utf-8")
        assert "<script src=" in ours and "<script>" not in ours, partial
