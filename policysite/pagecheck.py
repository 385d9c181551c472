"""Checks of what a page says and shows, beyond its front-matter fields.

Each page is rendered with the build's Markdown extensions (policysite.markup):
its body, and every front-matter text that could hold markup (block texts and
items are Markdown too). On that HTML:

- unsafe content (policysite.sanitize): refused, never stripped;
- headings that skip a level, and images without alternative text;
- relative links to pages and files that do not exist, and anchors that are not there;
- link texts that say nothing on their own, and placeholder text left from the
  template (warnings).

Every problem names the file and the line, found by looking for the offending
text in the source (policysite.sourcelines: an index built once per file, and
at most a few findings of each kind listed per file, so reporting stays linear).
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping
from urllib.parse import unquote, urlsplit

from markdown.extensions.toc import slugify

from . import sanitize, sourcelines, textbounds
from .errors import ContentError
from .frontmatter import Located
from .layout import OVERVIEW
from .markup import (BLOCKS_MARKER, BLOCKS_PLACEHOLDER, Analysis, RenderFailed, TextTooComplex, analyse,
                     may_hold_markup, render)

MAX_FILE_CHARS = 1_000_000
PLACEHOLDERS = ("UDFYLD", "FILL IN")
VAGUE_LINK_TEXTS = frozenset({
    # Danish
    "klik her", "klik", "her", "tryk her", "læs mere", "læs mere her", "læs her", "læs videre", "mere",
    "se mere", "se her", "link", "linket", "dette link", "mere info", "mere information", "denne side",
    # English
    "click here", "click", "here", "read more", "more", "learn more", "see more", "see here", "this link",
    "more info", "more information", "this page", "details", "go",
})
_EXTERNAL_SCHEMES = ("http", "https", "mailto", "tel", "kommune", "tema")


@dataclass(frozen=True)
class Fragment:
    """A piece of Markdown from one file, rendered."""

    source: str
    first_line: int  # line in the file where the piece starts
    key: str | None  # front-matter key, or None for the body
    html: str
    analysis: Analysis


def _too_complex(found: textbounds.TooComplex, path: str, first_line: int, key: str | None) -> ContentError:
    return ContentError("text-too-complex", path, first_line + found.line - 1, key, found.problem, found.fix)


def _rendered(source: str, first_line: int, key: str | None, path: str,
              problems: list[ContentError]) -> Fragment | None:
    try:
        html = render(source)
    except TextTooComplex as refused:  # text that was not checked first (field_fragments and body_fragment do)
        problems.append(ContentError("text-too-complex", path, first_line, key, refused.found.problem,
                                     refused.found.fix))
        return None
    except RenderFailed:
        problems.append(ContentError(
            "unsafe-markup", path, first_line, key,
            "The text is nested so deeply (quotes or lists inside each other) that it cannot be rendered safely.",
            "Remove the extra '>' or indentation; no page needs more than a few levels.",
        ))
        return None
    return Fragment(source, first_line, key, html, analyse(html))


def body_fragment(path: str, body: str, body_line: int, problems: list[ContentError]) -> Fragment | None:
    """The page body rendered, with the building blocks' place marked."""
    found = textbounds.check(body)  # on the text as written, so the line is the editor's
    if found is not None:
        problems.append(_too_complex(found, path, body_line, None))
        return None
    source = body.replace(BLOCKS_MARKER, f"\n\n{BLOCKS_PLACEHOLDER}\n\n")
    return _rendered(source, body_line, None, path, problems)


def field_fragments(path: str, data: Located | None, problems: list[ContentError]) -> list[Fragment]:
    """Every front-matter text that could become markup, rendered."""
    fragments: list[Fragment] = []
    for key, located in _strings(data, ""):
        found = textbounds.check(located.value)  # every text, also those rendered only as reading text
        if found is not None:
            # The field's own line: YAML folds and indents a field's lines, so lines inside it do not map back.
            problems.append(ContentError("text-too-complex", path, located.line, key, found.problem, found.fix))
            continue
        if may_hold_markup(located.value):
            fragment = _rendered(located.value, located.line, key, path, problems)
            if fragment is not None:
                fragments.append(fragment)
    return fragments


def _strings(located: Located | None, key: str) -> Iterable[tuple[str, Located]]:
    if located is None:
        return
    value = located.value
    if isinstance(value, str):
        yield key, located
    elif isinstance(value, dict):
        for name, child in value.items():
            yield from _strings(child, f"{key}.{name}" if key else name)
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _strings(child, f"{key}[{index}]")


line_of = sourcelines.line_of


_SAFETY_TEXT = {
    "unsafe-tag": (
        "The text contains {what}, which is not allowed in the content: it could run code or load "
        "outside content in readers' browsers.",
        "Remove the element. To show a video, a map or a form, link to it instead, "
        "for example [Se videoen om politikken](https://...).",
    ),
    "unsafe-attribute": (
        "The text contains {what}, which is not allowed in the content{why}.",
        "Remove '{name}=...' from the HTML tag or from the {{ }} after the paragraph or heading.",
    ),
    "unsafe-url": (
        "The text contains {what}; an address like that runs code or hides content instead of opening a page.",
        "Use an address starting with https://, mailto: or tel:, a page file such as vaerdier.md, "
        "or a kommune:/tema: link.",
    ),
    "unsafe-markup": (
        "The text contains {what}, which cannot be checked safely.",
        "Remove it. Comments (<!-- ... -->) may only contain plain words.",
    ),
}


def safety_errors(path: str, file_text: str, fragments: Iterable[Fragment]) -> list[ContentError]:
    """Unsafe HTML in any fragment: the sanitised HTML would differ from what was written."""
    found = sourcelines.Capped(path)
    for fragment in fragments:
        for finding in sanitize.findings(fragment.html):
            found.add(finding.code, lambda fragment=fragment, finding=finding: safety_error(
                path, line_of(file_text, fragment.first_line, finding.token), fragment.key, finding))
    return found.result()


def built_page_errors(path: str, file_text: str, html: str) -> list[ContentError]:
    """Unsafe HTML in a page as built: sanitising it must change nothing.

    The build's last line of defence (hooks/policy_safety.py): the catalog has
    already checked every source, so this only fires for HTML that reached the
    page some other way, such as a portal page or a template.
    """
    if sanitize.sanitise(html) == sanitize.canonical(html) and not sanitize.findings(html):
        return []
    found = sanitize.findings(html) or [sanitize.Finding("unsafe-markup", "HTML the sanitiser would change", "<")]
    capped = sourcelines.Capped(path)
    for finding in found:
        capped.add(finding.code, lambda finding=finding: safety_error(
            path, sourcelines.index_of(file_text).locate(1, finding.token) if file_text else None, None, finding))
    return capped.result()


def safety_error(path: str, line: int | None, key: str | None, finding: sanitize.Finding) -> ContentError:
    problem, fix = _SAFETY_TEXT[finding.code]
    name = finding.token
    if finding.code == "unsafe-tag" and name.lstrip("</") not in sanitize.DANGEROUS_TAGS:
        tag = name.lstrip("</")
        problem = ("The text contains the element {what}, which the site does not allow "
                   "(only simple text structure, links and images are allowed).")
        fix = (f"Remove it. If you meant the text '<{tag}>' itself, put it in backticks: `<{tag}>`.")
        return ContentError(finding.code, path, line, key, problem.format(what=finding.what.removeprefix("the element ")), fix)
    why = ""
    if finding.code == "unsafe-attribute":
        why = (": attributes starting with 'on' run code when the reader clicks or the page loads"
               if name.startswith("on") else "; the site's templates decide how things look and behave")
    return ContentError(finding.code, path, line, key,
                        problem.format(what=finding.what, why=why, name=name), fix.format(name=name))


# Front-matter keys whose text the theme writes into HTML attributes without escaping
# (meta description, the logo's aria-label), so a straight double quote would end the attribute.
ATTRIBUTE_KEYS = ("municipality", "policy_title", "description")


def attribute_text_errors(path: str, data: Located | None) -> list[ContentError]:
    errors: list[ContentError] = []
    if data is None or not isinstance(data.value, dict):
        return errors
    for key in ATTRIBUTE_KEYS:
        located = data.value.get(key)
        if located is not None and isinstance(located.value, str) and '"' in located.value:
            errors.append(ContentError(
                "unsafe-quote", path, located.line, key,
                f"The text of '{key}' contains a straight double quote (\"), which would end the HTML "
                "attribute the site puts this text in.",
                "Use typographic quotes instead: »…« or “…”.",
            ))
    return errors




def heading_errors(path: str, file_text: str, body: Fragment | None, block_levels: tuple[int, ...]) -> list[ContentError]:
    """Headings must go down one level at a time; the page title is level 1.

    ``block_levels`` are the headings the building blocks add where the body has
    ``<!-- blocks -->`` (or at its end): 2 for each block, 3 for its parts.
    """
    if body is None:
        return []
    found = sourcelines.Capped(path)
    index = sourcelines.index_of(file_text)
    headings = list(body.analysis.headings)
    if block_levels and None not in headings:
        headings.append(None)
    previous = 1
    cursor = body.first_line
    for heading in headings:
        if heading is None:
            if block_levels:
                previous = block_levels[-1]
            continue
        # The heading's line: the next line from the cursor that starts a heading of its level
        # (a binary search in the index), else where its text is (looked up only if reported).
        line = index.heading_line(heading.level, cursor)
        if line is not None:
            cursor = line + 1
        if heading.level > previous + 1:
            found.add("heading-skip", lambda heading=heading, line=line, previous=previous, after=cursor: _heading_skip(
                path, line if line is not None else (
                    line_of(file_text, after, heading.text[:30]) if heading.text else body.first_line),
                heading, previous))
        previous = heading.level
    return found.result()


def _heading_skip(path: str, line: int, heading: Any, previous: int) -> ContentError:
    hashes = "#" * heading.level
    return ContentError(
        "heading-skip", path, line, None,
        f"The heading '{heading.text}' is level {heading.level} ({hashes}) but the heading above it is "
        f"level {previous}, so level {previous + 1} is skipped; screen-reader users move through a page "
        "by these levels and will think something is missing.",
        f"Write {'#' * (previous + 1)} instead of {hashes}, or add a level-{previous + 1} heading above it.",
    )


def image_errors(path: str, file_text: str, fragments: Iterable[Fragment]) -> list[ContentError]:
    found = sourcelines.Capped(path)
    cursor = sourcelines.Cursor(file_text)
    for fragment in fragments:
        for image in fragment.analysis.images:
            if (image.alt or "").strip() or (image.role or "") in ("presentation", "none"):
                continue
            shown = image.src or "(no address)"
            found.add("image-alt-missing", lambda fragment=fragment, image=image, shown=shown: ContentError(
                "image-alt-missing", path, cursor.line(fragment.first_line, image.src or "!["), fragment.key,
                f"The image '{shown}' has no alternative text, so readers who cannot see it do not know what it shows.",
                f"Describe the image between the square brackets: ![What the picture shows]({shown}).",
            ))
    return found.result()


def normalise_link_text(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def vague_link_warnings(path: str, file_text: str, fragments: Iterable[Fragment]) -> list[ContentError]:
    found = sourcelines.Capped(path)
    cursor = sourcelines.Cursor(file_text)
    for fragment in fragments:
        for link in fragment.analysis.links:
            text = normalise_link_text(link.text)
            if text not in VAGUE_LINK_TEXTS:
                continue
            if link.label and normalise_link_text(link.label) not in VAGUE_LINK_TEXTS:
                continue
            found.add("link-text-vague", lambda fragment=fragment, link=link: ContentError(
                "link-text-vague", path, cursor.line(fragment.first_line, f"[{link.text}]"), fragment.key,
                f"The link text '{link.text}' does not say where the link goes; screen readers can list a page's "
                "links without the sentence around them.",
                f"Put the destination in the link text, e.g. '[Læs om frivillighed]({link.href})' "
                f"instead of '[{link.text}]({link.href})'.",
            ))
    return found.result()


def placeholder_warnings(path: str, file_text: str) -> list[ContentError]:
    """One warning per file listing the lines that still hold the template's placeholders."""
    lines = []
    for number, line in enumerate(file_text.splitlines(), start=1):
        stripped = line.lstrip()
        if stripped.startswith("#") and not stripped.startswith("##"):
            continue  # a comment in the front-matter explaining a field
        if any(word in line for word in PLACEHOLDERS):
            lines.append(number)
    if not lines:
        return []
    shown = ", ".join(str(n) for n in lines[:12]) + (" ..." if len(lines) > 12 else "")
    return [ContentError(
        "placeholder-left", path, lines[0], None,
        f"{len(lines)} line(s) still have the template's placeholder text (lines {shown}).",
        "Replace each [UDFYLD: ...] or [FILL IN: ...], brackets included, with the real text.",
    )]


# Links and anchors --------------------------------------------------------

@dataclass(frozen=True)
class PageTargets:
    """What links inside one microsite can point to, in one language."""

    pages: Mapping[str, set[str]]  # Danish page name -> ids on that page
    files: Callable[[str], bool]  # does a non-page file exist at this folder-relative path?


def page_ids(analysis_ids: Iterable[str], blocks: Iterable[Any]) -> set[str]:
    """The anchors of a built page: ids in its Markdown, block ids and their parts' headings."""
    ids = set(analysis_ids)
    seen: set[str] = set()
    for block in blocks:
        ids.add(block.id)
        for part in block.parts:
            slug = slugify(part.heading, "-")
            candidate, counter = slug, 0
            while candidate in seen:
                counter += 1
                candidate = f"{slug}_{counter}"
            seen.add(candidate)
            ids.add(candidate)
    return ids


def link_errors(path: str, file_text: str, page_name: str, fragments: Iterable[Fragment],
                targets: PageTargets) -> list[ContentError]:
    found = sourcelines.Capped(path)
    cursor = sourcelines.Cursor(file_text)
    judged: dict[str, tuple[str, str, str] | None] = {}  # the same address is judged once
    for fragment in fragments:
        links = [(link.href, f"[{link.text}]") for link in fragment.analysis.links]
        links += [(image.src, image.src) for image in fragment.analysis.images]
        for href, shown in links:
            if href not in judged:
                judged[href] = _link_error(href, page_name, targets)
            error = judged[href]
            if error is None:
                continue
            code, problem, fix = error
            found.add(code, lambda fragment=fragment, href=href, shown=shown, problem=problem, fix=fix, code=code:
                      ContentError(code, path, cursor.line(fragment.first_line, href.split("#")[0] or href or shown),
                                   fragment.key, problem, fix))
    return found.result()


def _link_error(href: str, page_name: str, targets: PageTargets) -> tuple[str, str, str] | None:
    if not href or sanitize.url_scheme(href) is not None or href.startswith("//"):
        return None  # external addresses, cross-links, and unsafe ones (the safety check reports those)
    parts = urlsplit(href)
    path = unquote(parts.path)
    anchor = unquote(parts.fragment) if parts.fragment else None
    pages = ", ".join(sorted(targets.pages))
    if path.startswith("/"):
        return ("link-broken", f"The link '{href}' starts with '/', so it would depend on where the site is published.",
                f"Write the page's file name instead, e.g. '{path.rsplit('/', 1)[-1] or OVERVIEW}'.")
    if path:
        normal = posixpath.normpath(path)
        if normal == ".." or normal.startswith("../"):
            return ("link-broken", f"The link '{href}' points outside this microsite's folder.",
                    "To link to another municipality write [text](kommune:<folder>#<id>); "
                    "to link to a theme write [text](tema:<id>).")
        if normal.endswith(".md"):
            twin = re.fullmatch(r"(.+)\.(da|en)\.md", normal)
            name = f"{twin.group(1)}.md" if twin else normal
            if name not in targets.pages:
                return ("link-broken", f"The link '{href}' points to the page '{normal}', which this microsite does not have.",
                        f"Use one of its pages: {pages}.")
            target = name
        elif normal.endswith("/") or path.endswith("/") or "." not in normal.rsplit("/", 1)[-1]:
            return ("link-broken", f"The link '{href}' points to a web address inside the site, not to a page file.",
                    f"Link to the page's Markdown file, e.g. 'vaerdier.md'. Pages here: {pages}.")
        else:
            if not targets.files(normal):
                return ("link-broken", f"The link '{href}' points to the file '{normal}', which is not in the folder.",
                        "Put the file in the municipality's folder, or correct the name.")
            return None
    else:
        target = page_name
    if anchor is not None and anchor not in targets.pages.get(target, set()):
        known = sorted(i for i in targets.pages.get(target, set()) if i)
        listed = ", ".join(known[:20]) + (" ..." if len(known) > 20 else "")
        return ("anchor-missing", f"The link '{href}' points to '#{anchor}', which is not on {target}.",
                f"Use the id of a building block or heading on {target}: {listed or 'it has none'}.")
    return None


def file_problem(path: str, raw: bytes) -> ContentError | None:
    """A file too large or not UTF-8, before any parsing."""
    if len(raw) > MAX_FILE_CHARS:
        return ContentError("file-too-large", path, None, None,
                            f"The file is {len(raw):,} bytes, more than the {MAX_FILE_CHARS:,} a page may have.",
                            "Split the page into several pages and list them under 'pages' in index.md.")
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return ContentError("file-not-utf8", path, line, None,
                            "The file is not saved as UTF-8, so letters such as æ, ø and å cannot be read.",
                            "Open the file in your editor and save it again with the encoding UTF-8.")
    return None
