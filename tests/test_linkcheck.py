"""The link check the build runs on the staged site before publishing it."""
from __future__ import annotations

from pathlib import Path

from policybuild.linkcheck import check_site, collect


def write(site: Path, name: str, html: str) -> None:
    path = site / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")


def test_collect_reads_ids_and_links_but_not_script_text_or_alternates() -> None:
    page = collect('<h2 id="a&amp;b">x</h2><a name="old"></a><a href="x/#y">x</a>'
                   '<link rel="alternate" hreflang="en" href="en/"><img src="i.png" alt="">'
                   '<script src="s.js"></script><script>var t = \'<a href="nowhere/">\';</script>')
    assert page.ids == {"a&b", "old"}
    assert page.links == ["x/#y", "i.png", "s.js"]


def test_every_kind_of_broken_link_is_found_and_good_ones_pass(tmp_path: Path) -> None:
    write(tmp_path, "index.html",
          '<h1 id="top">t</h1>'
          '<a href="#top">ok</a> <a href="a/">ok</a> <a href="a">ok dir</a> <a href="a/#here">ok</a>'
          '<a href="/site/a/">ok absolute</a> <a href="mailto:x@y.dk">mail</a> <a href="https://x.dk/">out</a>'
          '<a href="#missing">1</a> <a href="b/">2</a> <a href="a/#gone">3</a> <a href="/other/">4</a>'
          '<a href="../../etc/">5</a> <img src="pic.png" alt="">')
    write(tmp_path, "a/index.html", '<p id="here">a</p><a href="../">up</a><a href="../index.html#top">up</a>')
    write(tmp_path, "404.html", '<a href="/nowhere/">skipped</a>')
    broken = {(link.page, link.href) for link in check_site(tmp_path, "/site/")}
    assert broken == {("index.html", "#missing"), ("index.html", "b/"), ("index.html", "a/#gone"),
                      ("index.html", "/other/"), ("index.html", "../../etc/"), ("index.html", "pic.png")}


def test_overlays_check_the_site_as_it_will_be(tmp_path: Path) -> None:
    site, new = tmp_path / "site", tmp_path / "new-a"
    write(site, "index.html", '<a href="a/#here">a</a>')
    write(site, "a/index.html", '<p id="here">old</p>')
    write(new, "index.html", '<p id="elsewhere">new</p><a href="../">up</a>')
    assert check_site(site, "/") == []
    broken = check_site(site, "/", overlays={"a": new})
    assert [(link.page, link.href) for link in broken] == [("index.html", "a/#here")]


def test_only_checks_the_given_folders_and_the_links_into_them(tmp_path: Path) -> None:
    site, new = tmp_path / "site", tmp_path / "new-a"
    write(site, "index.html", '<a href="a/#here">into a</a> <a href="nowhere/">old and broken, not ours</a>')
    write(site, "b/index.html", '<a href="../%61/#here">into a, encoded</a> <a href="../a/x/">into a</a>')
    write(site, "a/index.html", '<p id="here">old</p>')
    write(new, "index.html", '<p id="elsewhere">new</p><a href="../b/">b</a><a href="../c/#blok">c</a>'
                             '<a href="../c/#ingen">c</a><a href="../d/">d</a><a href="#nope">self</a>')
    expected = {"c/index.html": frozenset({"blok"})}  # c is a microsite that is not built yet
    broken = check_site(site, "/", overlays={"a": new}, only={"a"}, microsites=frozenset({"a", "b", "c", "d"}),
                        expected=expected)
    assert sorted((link.page, link.href) for link in broken) == [
        ("a/index.html", "#nope"), ("a/index.html", "../c/#ingen"), ("a/index.html", "../d/"),
        ("b/index.html", "../%61/#here"), ("b/index.html", "../a/x/"), ("index.html", "a/#here")]

