"""Words the templates show around the policy text, in Danish and English."""
from __future__ import annotations

import datetime as dt
import re
from typing import Mapping

from .schema import BlockKind

LABELS: Mapping[str, Mapping[str, str]] = {
    "da": {
        "themes": "Temaer",
        "theme": "Tema",
        "same_theme_elsewhere": "Samme tema i andre kommuner",
        "all_on_theme": "Alle kommuner med temaet",
        "read_more": "Læs hele teksten",
        "in_brief": "Kort fortalt",
        "building_blocks": "Politikkens byggesten",
        "blocks_count": "byggesten",
        "contact": "Kontakt",
        "phone": "Telefon",
        "email": "E-mail",
        "website": "Websted",
        "address": "Adresse",
        "accessibility_statement": "Tilgængelighedserklæring",
        "statement_is_here": "Tilgængelighedserklæringen for {name} findes her:",
        "redirecting": "Du sendes videre automatisk.",
        "status_consultation": "Høringsudgave",
        "status_adopted": "Vedtaget",
        "status": "Status",
        "publisher": "Udgivet af",
        "year": "År",
        "adopted": "Vedtaget",
        "edition": "Udgave",
        "replaces": "Erstatter",
        "references": "Henviser til",
        "source": "Kilde",
        "facts": "Fakta om politikken",
        "changes": "Ændringshistorik",
        "consultation": "Høring",
        "deadline": "Høringsfrist",
        "respond_by_email": "Send dit høringssvar til",
        "respond_by_post": "eller med post til",
        "contact_person": "Kontaktperson",
        "no_other": "Ingen andre kommuner har byggesten med dette tema endnu.",
        "portal": "Alle kommuner",
        "municipalities": "Kommuner",
        "of_municipality": "fra",
        "none": "ingen",
        "older_edition": "Du læser en ældre udgave af politikken.",
        "go_to_latest": "Gå til den nyeste udgave",
        "to_latest_title": "Den nyeste udgave",
        "to_latest_text": "Den nyeste udgave af politikken findes her:",
    },
    "en": {
        "themes": "Themes",
        "theme": "Theme",
        "same_theme_elsewhere": "Same theme in other municipalities",
        "all_on_theme": "All municipalities with the theme",
        "read_more": "Read the full text",
        "in_brief": "In brief",
        "building_blocks": "The policy's building blocks",
        "blocks_count": "building blocks",
        "contact": "Contact",
        "phone": "Phone",
        "email": "E-mail",
        "website": "Website",
        "address": "Address",
        "accessibility_statement": "Accessibility statement",
        "statement_is_here": "The accessibility statement of {name} is here:",
        "redirecting": "You are taken there automatically.",
        "status_consultation": "Consultation draft",
        "status_adopted": "Adopted",
        "status": "Status",
        "publisher": "Published by",
        "year": "Year",
        "adopted": "Adopted",
        "edition": "Edition",
        "replaces": "Replaces",
        "references": "Refers to",
        "source": "Source",
        "facts": "Facts about the policy",
        "changes": "Change history",
        "consultation": "Consultation",
        "deadline": "Consultation deadline",
        "respond_by_email": "Send your response to",
        "respond_by_post": "or by post to",
        "contact_person": "Contact person",
        "no_other": "No other municipality has building blocks with this theme yet.",
        "portal": "All municipalities",
        "municipalities": "Municipalities",
        "of_municipality": "from",
        "none": "none",
        "older_edition": "You are reading an older edition of this policy.",
        "go_to_latest": "Go to the newest edition",
        "to_latest_title": "The newest edition",
        "to_latest_text": "The newest edition of the policy is here:",
    },
}


def kind_label(kind: BlockKind, lang: str, plural: bool = False) -> str:
    if lang == "da":
        return kind.plural_da if plural else kind.singular_da
    return kind.plural_en if plural else kind.singular_en


MONTHS = {
    "da": ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
           "oktober", "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
}


def format_date(date: dt.date, lang: str) -> str:
    """A date as readers write it: '2. august 2012' in Danish, '2 August 2012' in English."""
    month = MONTHS[lang][date.month - 1]
    if lang == "da":
        return f"{date.day}. {month} {date.year}"
    return f"{date.day} {month} {date.year}"


_DANISH_QUOTE = re.compile(r"»[^»«]*«")


def quote_parts(text: str) -> list[tuple[str, bool]]:
    """Split text at Danish quotations (»…«): [(part, is_danish_quote), ...].

    Editors quote the Danish original in »guillemets« inside English text (change
    notes, for instance); templates mark those parts lang="da" so screen readers
    pronounce them as Danish (WCAG 3.1.2).
    """
    parts: list[tuple[str, bool]] = []
    position = 0
    for match in _DANISH_QUOTE.finditer(text):
        if match.start() > position:
            parts.append((text[position:match.start()], False))
        parts.append((match.group(0), True))
        position = match.end()
    if position < len(text):
        parts.append((text[position:], False))
    return parts
