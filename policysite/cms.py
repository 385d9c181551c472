"""The browser editor's configuration (Decap CMS), generated from the schema.

Nothing here is written by hand per field: every collection, field, widget,
label, help text, pattern and choice is derived from ``policysite.schema``
(``Field``, ``Kind``, ``BlockKind``), the themes from ``themes.yml`` and the
words around the preview from ``policysite.labels``, so the editor cannot drift
from what ``make check`` accepts (tests/test_editor_config.py checks it).

Two documents are generated, both served by ``make edit`` (policybuild/editor.py):

- ``config(...)``: Decap CMS's own configuration (collections and fields);
- ``settings(...)``: what our own scripts in ``editor/static/`` need: where the
  files really are (``municipalities/<slug>/<page>.md`` and ``.en.md``), which
  fields are language-neutral, the field order the files are written in, and
  the preview's words and theme labels.

Decap's i18n wants a locale in every file name (``x.da.md``) and one field set
per collection, so the editor sees the content through a small path mapping
(editor/static/policy-backend.js): the collection ``kommuner`` holds each
municipality's overview (``kommuner/<slug>.da.md`` is ``municipalities/<slug>/index.md``)
and ``sider`` its other pages (``sider/<slug>/<page>.en.md`` is
``municipalities/<slug>/<page>.en.md``). The repository's files never change name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from . import schema
from .catalog import MUNICIPALITIES_DIR, OVERVIEW, load_themes
from .labels import LABELS
from .messages import message
from .model import DEFAULT_LANGUAGE, LANGUAGES
from .schema import BLOCK_KIND_BY_KEY, BLOCK_KINDS, OVERVIEW_FIELDS, PAGE_FIELDS, POLICY_FIELDS, THEMES_FIELD_NAME, Field, Kind
from .translation import STAMP_KEY

OVERVIEWS = "kommuner"  # the collection of overviews (one entry per municipality)
PAGES = "sider"  # the collection of every other page (nested by municipality)
# Our own front-matter formats (editor/static/admin.js registers them): one per field set,
# so the canonical text can follow the schema's key order.
FORMATS = {"overview": "policysite-overview", "page": "policysite-page"}
BACKEND = "policysite"  # our backend, a path mapping around Decap's proxy or GitHub backend
BODY = "body"  # the Markdown after the front-matter, as Decap names it

# Issue 12 moved the content: the English twin holds only translated text, and the catalog
# takes every language-neutral fact from the Danish file. So the editor leaves neutral facts
# out of the English file (editor/static/policy-sync.js) and Decap hides them in the English
# form. True would copy them into it instead, the shape before issue 12 (`make check` now
# refuses that shape: translation-neutral-key).
NEUTRAL_IN_ENGLISH = False

# How each kind of value is edited. A kind missing here is edited as plain text, and
# tests/test_editor_config.py fails until it is added: a new kind must be given a widget.
TEXT_WIDGET = "string"
LONG_TEXT_WIDGET = "text"  # a text area: the kinds of Markdown text
WIDGETS = {
    "plain": TEXT_WIDGET,
    "inline": LONG_TEXT_WIDGET,
    "markdown": LONG_TEXT_WIDGET,
    "id": "string",
    "edition": "string",
    "year": "number",
    "date": "datetime",
    "email": "string",
    "phone": "string",
    "domain": "string",
    "url": "string",
    "lix": "number",
    "stamp": "string",
    "page": "string",
    "choice": "select",
    "flag": "boolean",
    "colour": "string",  # "#rrggbb"; policysite/brand.py checks its contrast when `make check` runs
    "logo": "string",  # a PNG file's name in the municipality's folder
}
# The regular expression behind each kind's check, as JavaScript sees it (Decap tests
# `new RegExp(pattern)` on what the editor types). Derived from the schema's own
# expressions; tests/test_editor_config.py runs both on the same samples.
_REGEXES = {
    "id": schema.SLUG,
    "edition": schema.SLUG,
    "email": schema.EMAIL,
    "phone": schema.PHONE,
    "domain": schema.DOMAIN,
    "url": schema.URL,
    "page": schema.PAGE_FILE,
    "stamp": re.compile(r"^[0-9a-f]{12}$"),
    "colour": re.compile("^" + schema.COLOUR_PATTERN.pattern + "$"),
    "logo": re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$"),
}


@dataclass(frozen=True)
class Backend:
    """Where the editor reads and writes.

    ``local``: ``make edit``'s decap-server on 127.0.0.1, writing to the working copy
    (simple publishing: files are saved, committing is the editor's next step).
    ``github``: the published setup; every save is a branch and a pull request
    (Decap's editorial workflow), so CI checks it before anyone merges.
    """

    name: str = "local"
    repo: str = ""  # owner/name, for github
    branch: str = "main"
    base_url: str = ""  # the OAuth proxy that hands out GitHub tokens (see the editors' guide)
    auth_endpoint: str = ""
    # What the GitHub token may do: public_repo (public repositories only; the policies are public)
    # unless the repository is private, which needs repo (every repository the editor can reach).
    auth_scope: str = "public_repo"

    def __post_init__(self) -> None:
        if self.name not in ("local", "github"):
            raise ValueError(f"unknown editor backend {self.name!r}")
        if self.name == "github" and not re.fullmatch(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+", self.repo):
            raise ValueError("the github backend needs repo as owner/name")
        if self.name == "github" and not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_./-]*", self.branch):
            raise ValueError("the branch name has characters git does not allow")
        if self.base_url and schema.UrlRule().problem(self.base_url, None) is not None:
            raise ValueError("base_url must be an https:// address")
        if self.auth_scope not in ("public_repo", "repo"):
            raise ValueError("auth_scope is public_repo or repo")


# ---------------------------------------------------------------- fields

def short_label(text: str) -> str:
    """A form label from a field's Danish help text: its first clause ('Sidens titel (vises i menuen).' -> 'Sidens titel')."""
    text = text.strip()
    cut = len(text)
    for mark in (". ", ";", ": ", ", "):
        index = text.find(mark)
        if 0 < index < cut and (mark != ", " or " " in text[:index]):
            cut = index
    head = text[:cut].rstrip(".")
    bracket = head.find(" (")
    if bracket > 0:
        head = head[:bracket]
    return head[:1].upper() + head[1:]


def field_label(f: Field) -> str:
    """The field's label: its Danish help text's first clause, or for a choice the site's own word for it."""
    label = short_label(f.da)
    if f.kind is not None and f.kind.name == "choice" and label.lower() in choice_options(f.kind):
        word = LABELS[DEFAULT_LANGUAGE].get(f.name.rsplit("_", 1)[-1])
        if word:
            return word
    return label


def option_label(f: Field, option: str) -> str:
    """A choice's label: the Danish word the help text gives it ('adopted (vedtaget)' -> 'vedtaget (adopted)')."""
    match = re.search(re.escape(option) + r" \(([^)]+)\)", f.da)
    return f"{match.group(1)} ({option})" if match else option


def int_bounds(kind: Kind) -> tuple[int, int] | None:
    """The smallest and largest whole number a kind accepts, found by asking its check."""
    accepted = [value for value in range(0, 3001) if kind.check(value)]
    return (accepted[0], accepted[-1]) if accepted else None


def choice_options(kind: Kind) -> list[str]:
    """The values a choice kind accepts ('one of: adopted, consultation')."""
    options = getattr(kind, "options", None)
    if options:
        return list(options)
    _, _, listed = kind.en.partition("one of: ")
    return [option.strip() for option in listed.split(",") if option.strip()]


def js_pattern(kind: Kind) -> str | None:
    """The kind's regular expression for the browser, or None for kinds without one.

    A web address gets its rule's shape and schemes; its hosts (the municipality's own
    domain among them) are left to `make check`, which knows the domain.
    """
    regex = _REGEXES.get(kind.name)
    if regex is None:
        return None
    pattern = regex.pattern.replace("(?P<", "(?<")  # named groups as JavaScript writes them
    if kind.url is not None:
        schemes = "|".join(re.escape(scheme) for scheme in kind.url.schemes)
        pattern = pattern.replace("(?<scheme>[a-z]+)", f"(?<scheme>{schemes})")
    if regex.flags & re.IGNORECASE:
        # JavaScript's RegExp gets no flags from Decap: spell out both cases of a-z.
        pattern = pattern.replace("a-z", "a-zA-Z")
    return pattern


def pattern_message(kind: Kind) -> str:
    """What the form says when a value does not fit: the same registry text as `make check`'s wrong-type."""
    wrong = message("wrong-type")
    return f"Forventet: {kind.da}. {wrong.fix_da}"


def field_i18n(f: Field) -> bool:
    """Decap's i18n flag: translated text is edited in both languages, neutral facts in Danish only.

    A neutral fact is not shown in the English form at all; saving copies it into the English
    file (or, once the content is moved, leaves it out: ``NEUTRAL_IN_ENGLISH``). A group or
    list is shown in English if anything in it is translated.
    """
    if f.neutral:
        return False
    if f.fields:
        return any(field_i18n(sub) for sub in f.fields)
    return True


def hint(f: Field) -> str:
    """The help text under a field: the schema's Danish text and the key as `make check` names it."""
    text = f.da.strip()
    if f.neutral:
        text += " Skrives kun på dansk; den engelske side får det samme."
    return f"{text} (Nøgle i filen: {f.name})"


def field_config(f: Field, themes: dict[str, dict[str, str]], optional_group: bool = False) -> dict[str, Any]:
    """One schema field as a Decap field.

    ``optional_group``: the field is inside an optional group (``consultation``). Decap checks
    a group's required fields even when the group is left out, so there they are optional in
    the form; `make check` still names a missing one when the group is filled in.
    """
    entry: dict[str, Any] = {
        "name": f.name,
        "label": field_label(f),
        "hint": hint(f),
        "required": f.required and not optional_group,
        "i18n": field_i18n(f),
    }
    if f.fields:
        inner_optional = optional_group or (not f.many and not f.required)
        sub = [field_config(item, themes, inner_optional) for item in f.fields]
        if f.many:
            entry.update(widget="list", fields=sub, collapsed=True, minimize_collapsed=False,
                         summary="{{fields." + _summary_field(f) + "}}")
            _list_bounds(entry, f)
        else:
            entry.update(widget="object", fields=sub, collapsed=False)
        return entry
    assert f.kind is not None
    if f.name == THEMES_FIELD_NAME:
        entry.update(
            widget="select",
            multiple=True,
            options=[{"label": labels.get(DEFAULT_LANGUAGE, theme_id), "value": theme_id}
                     for theme_id, labels in themes.items()],
        )
        if f.min_items:
            entry["min"] = f.min_items
        if f.max_items is not None:
            entry["max"] = f.max_items
        return entry
    item = scalar_config(f)
    if f.many:
        entry.update(widget="list", field={"name": f.name, "label": entry["label"], "i18n": entry["i18n"], **item},
                     collapsed=False)
        _list_bounds(entry, f)
        if not f.required or f.min_items == 0:
            entry["allow_add"] = True
        return entry
    entry.update(item)
    return entry


def _summary_field(f: Field) -> str:
    """Which subfield names a list item when it is folded: the first required text."""
    for sub in f.fields:
        if sub.required and sub.kind is not None and sub.kind.text == schema.PLAIN:
            return sub.name
    return f.fields[0].name


def _list_bounds(entry: dict[str, Any], f: Field) -> None:
    if f.min_items:
        entry["min"] = f.min_items
    if f.max_items is not None:
        entry["max"] = f.max_items


def scalar_config(f: Field) -> dict[str, Any]:
    """The widget settings for one value of a field's kind."""
    kind = f.kind
    assert kind is not None
    widget = WIDGETS.get(kind.name, TEXT_WIDGET)
    item: dict[str, Any] = {"widget": widget}
    if widget == "datetime":
        item.update(format="YYYY-MM-DD", date_format="YYYY-MM-DD", time_format=False, picker_utc=True)
    elif widget == "number":
        item["value_type"] = "int"
        bounds = int_bounds(kind)
        if bounds:
            item.update(min=bounds[0], max=bounds[1])
    elif widget == "select":
        item["options"] = [{"label": option_label(f, option), "value": option} for option in choice_options(kind)]
    pattern = js_pattern(kind)
    if pattern is not None:
        item["pattern"] = [pattern, pattern_message(kind)]
    return item


def body_field() -> dict[str, Any]:
    return {
        "name": BODY,
        "label": "Sidens tekst",
        "hint": "Teksten under front-matter, skrevet i Markdown: ## for en overskrift, - for et punkt. "
                "Byggestenene vises, hvor der står <!-- blocks -->.",
        "widget": LONG_TEXT_WIDGET,
        "required": False,
        "i18n": True,
    }


# ---------------------------------------------------------------- collections

def _themes(root: Path) -> dict[str, dict[str, str]]:
    themes, _errors = load_themes(root)
    return {theme_id: dict(theme.labels) for theme_id, theme in themes.items()}


def identifier_field() -> Field:
    """The overview's field that names an entry in the list: the municipality's name (the first policy field)."""
    first = POLICY_FIELDS[0]
    assert first.required and first.kind is not None and first.kind.text == schema.PLAIN, first
    return first


def form_order(fields: Iterable[Field]) -> list[Field]:
    """The order fields are shown in: the page's own facts, then its building blocks, then the
    English-only translation code. (Files are written in the schema's order, not this one.)"""
    fields = list(fields)
    blocks = [f for f in fields if f.name in BLOCK_KIND_BY_KEY]
    stamp = [f for f in fields if f.name == STAMP_KEY]
    rest = [f for f in fields if f not in blocks and f not in stamp]
    return rest + blocks + stamp


def collections(root: Path) -> list[dict[str, Any]]:
    themes = _themes(root)
    common = {"extension": "md", "create": False, "delete": False, "i18n": True, "editor": {"preview": True}}
    name = identifier_field().name
    kinds = ", ".join(kind.plural_da.lower() for kind in BLOCK_KINDS)
    return [
        {
            "name": OVERVIEWS,
            "label": "Kommuner",
            "label_singular": "Kommune",
            "description": "Hver kommunes forside: politikkens fakta, kontakt, kilde og ændringshistorik. "
                           "En ny kommune oprettes med `make new`.",
            "folder": OVERVIEWS,
            "format": FORMATS["overview"],
            "identifier_field": name,
            "summary": "{{" + name + "}}",
            "sortable_fields": [name],
            "fields": [field_config(f, themes) for f in form_order(OVERVIEW_FIELDS)] + [body_field()],
            **common,
        },
        {
            "name": PAGES,
            "label": "Sider",
            "label_singular": "Side",
            "description": f"Kommunernes sider med byggestenene ({kinds}). Vælg kommunen til venstre.",
            "folder": PAGES,
            "format": FORMATS["page"],
            "nested": {"depth": 2},
            "identifier_field": "title",
            "summary": "{{title}} ({{dirname}})",
            "fields": [field_config(f, themes) for f in form_order(PAGE_FIELDS)] + [body_field()],
            **common,
        },
    ]


def config(root: Path, backend: Backend = Backend()) -> dict[str, Any]:
    """Decap CMS's configuration for the project at ``root``."""
    if backend.name == "local":
        decap_backend: dict[str, Any] = {"name": BACKEND}
        publish_mode = "simple"
    else:
        decap_backend = {"name": BACKEND, "repo": backend.repo, "branch": backend.branch,
                         "squash_merges": True, "open_authoring": False, "auth_scope": backend.auth_scope,
                         "cms_label_prefix": "redaktion/",
                         "commit_messages": {
                             "create": "Redaktion: ny {{collection}} {{slug}}",
                             "update": "Redaktion: {{collection}} {{slug}} rettet",
                             "delete": "Redaktion: {{collection}} {{slug}} slettet",
                             "uploadMedia": "Redaktion: fil {{path}}",
                             "deleteMedia": "Redaktion: fil {{path}} slettet",
                         }}
        if backend.base_url:
            decap_backend["base_url"] = backend.base_url
        if backend.auth_endpoint:
            decap_backend["auth_endpoint"] = backend.auth_endpoint
        publish_mode = "editorial_workflow"
    return {
        "load_config_file": False,
        "locale": DEFAULT_LANGUAGE,
        "backend": decap_backend,
        "publish_mode": publish_mode,
        # Decap requires a media folder; the backend refuses uploads (policy-backend.js).
        "media_folder": "editor/uploads-refused",
        "i18n": {"structure": "multiple_files", "locales": list(LANGUAGES), "default_locale": DEFAULT_LANGUAGE},
        "slug": {"encoding": "ascii", "clean_accents": True},
        "show_preview_links": False,
        "search": False,
        "collections": collections(root),
    }


# ---------------------------------------------------------------- our scripts' settings

def is_flow(f: Field) -> bool:
    """Lists of ids and file names are written on one line, [a, b], as the guide shows them."""
    return f.many and not f.fields and f.kind is not None and f.kind.name in ("id", "page")


def field_tree(fields: Iterable[Field]) -> list[dict[str, Any]]:
    """The schema as editor/static/policy-yaml.js and policy-sync.js read it."""
    return [
        {
            "name": f.name,
            "kind": f.kind.name if f.kind is not None else None,
            "many": f.many,
            "neutral": f.neutral,
            "required": f.required,
            "flow": is_flow(f),
            "fields": field_tree(f.fields),
        }
        for f in fields
    ]


def settings(root: Path, backend: Backend = Backend()) -> dict[str, Any]:
    """What editor/static/*.js needs besides Decap's configuration."""
    return {
        "backend": {"local": "proxy", "github": "github"}[backend.name],
        "proxyPath": "/api/v1",
        "contentDir": MUNICIPALITIES_DIR,
        "overview": OVERVIEW,
        "locales": list(LANGUAGES),
        "defaultLocale": DEFAULT_LANGUAGE,
        "collections": {OVERVIEWS: "overview", PAGES: "page"},
        "formats": FORMATS,
        "neutralInEnglish": NEUTRAL_IN_ENGLISH,
        "body": BODY,
        "trees": {"overview": field_tree(OVERVIEW_FIELDS), "page": field_tree(PAGE_FIELDS)},
        "blockKinds": [
            {"key": kind.key, "da": kind.plural_da, "en": kind.plural_en}
            for kind in BLOCK_KINDS
        ],
        "themes": _themes(root),
        "labels": {lang: dict(LABELS[lang]) for lang in LANGUAGES},
    }
