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
        # Issue 12: titles and summaries written by the editors, consultation history, signatory.
        "title_added": "Titlen er tilføjet af redaktionen",
        "inferred": "udledt, står ikke i teksten",
        "year_inferred": "årstallet er udledt",
        "editorial_summary": "Redaktionens sammenfatning",
        "consultation_history": "Høring og vedtagelse",
        "consulted_until": "I høring til",
        "adopted_by": "Vedtaget af",
        "signatory": "Underskrevet af",
        "no_other": "Ingen andre kommuner har byggesten med dette tema endnu.",
        "portal": "Alle kommuner",
        "municipalities": "Kommuner",
        "of_municipality": "fra",
        "none": "ingen",
        "older_edition": "Du læser en ældre udgave af politikken.",
        "go_to_latest": "Gå til den nyeste udgave",
        "to_latest_title": "Den nyeste udgave",
        "to_latest_text": "Den nyeste udgave af politikken findes her:",
        "last_updated": "Senest opdateret",
        "dates": "Datoer",
        "consultation_is_open": "Politikken er i høring. Du kan sende dit høringssvar senest",
        "consultation_is_closed": "Høringen er afsluttet. Fristen for høringssvar var",
        "consultation_closed_on": "Høringen sluttede",
        "how_to_respond": "Sådan sender du et høringssvar",
        "about_consultation": "Om høringen",
        "by_post": "Med post",
        "questions_to": "Spørgsmål om høringen",
        "feed": "Ændringer (Atom-feed)",
        "what_changed": "Hvad er ændret",
        "what_changed_title": "Hvad er ændret",
        "diff_intro": "Her kan du se, hvad der er ændret i politikkens tekst fra den forrige udgave til denne, side for side og ord for ord.",
        "diff_legend": "Slettet tekst er streget over, og indsat tekst er understreget. Skærmlæsere siger, hvor slettet og indsat tekst begynder og slutter.",
        "diff_example": "Eksempel:",
        "diff_example_deleted": "gammel",
        "diff_example_inserted": "ny",
        "diff_previous": "Forrige udgave",
        "diff_current": "Denne udgave",
        "diff_none": "Der er ingen tidligere udgave af politikken på dette websted, så der er ikke noget at sammenligne med.",
        "diff_same": "Teksten er den samme i begge udgaver.",
        "diff_unchanged": "Ingen ændringer på denne side.",
        "diff_added": "Siden er ny i denne udgave.",
        "diff_removed": "Siden findes ikke i denne udgave.",
        "diff_changes_note": "Små rettelser af teksten, som stavefejl, står i ændringshistorikken på forsiden:",
        "deleted_start": "start på slettet tekst:",
        "deleted_end": "slut på slettet tekst",
        "inserted_start": "start på indsat tekst:",
        "inserted_end": "slut på indsat tekst",
        # The whole policy as one PDF (policysite/document.py, overrides/policy/pdf.html, pdf_link.html).
        "pdf_file_stem": "medborgerskabspolitik",
        "pdf_link": "Hele politikken som PDF",
        "pdf_contents": "Indhold",
        "pdf_online": "Politikken på nettet",
        "pdf_online_text": "Denne PDF indeholder hele politikken med samme tekst som webstedet:",
        "pdf_danish_title": "Dansk titel",
        "pdf_consultation_open": "høringen er åben til",
        "pdf_consultation_closed": "høringen sluttede",
        "pdf_translation": "",
        "decimal_separator": ",",
        "search_title": "Søg i alle kommuners politikker",
        "search_intro": "Søg i teksten i alle kommunernes medborgerskabspolitikker på dansk. Hvert resultat fører til kommunens egen side med teksten.",
        "search_label": "Søg efter ord i politikkerne",
        "search_hint": "Skriv et eller flere ord, for eksempel fællesskab eller frivillige.",
        "search_button": "Søg",
        "search_nojs": "Søgningen virker kun, når JavaScript er slået til i din browser. Du kan i stedet finde politikkerne efter tema:",
        "search_all_themes": "Alle temaer",
        "search_results": "Søgeresultater",
        "search_searching": "Søger …",
        "search_empty": "Skriv mindst ét ord.",
        "search_none": "Ingen resultater for »{query}«. Prøv et andet ord, eller find politikkerne efter tema.",
        "search_count_one": "1 resultat for »{query}«.",
        "search_count_many": "{count} resultater for »{query}«.",
        "search_shown": "Viser {shown} af {count}.",
        "search_more": "Vis flere resultater",
        "search_failed": "Søgningen kunne ikke indlæses. Prøv igen senere, eller find politikkerne efter tema.",
        "search_in_municipality": "Fra",
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
        # Issue 12: titles and summaries written by the editors, consultation history, signatory.
        "title_added": "Title added by the editors",
        "inferred": "inferred, not in the text",
        "year_inferred": "year inferred",
        "editorial_summary": "Summary by the editors",
        "consultation_history": "Consultation and adoption",
        "consulted_until": "Out for consultation until",
        "adopted_by": "Adopted by",
        "signatory": "Signed by",
        "no_other": "No other municipality has building blocks with this theme yet.",
        "portal": "All municipalities",
        "municipalities": "Municipalities",
        "of_municipality": "from",
        "none": "none",
        "older_edition": "You are reading an older edition of this policy.",
        "go_to_latest": "Go to the newest edition",
        "to_latest_title": "The newest edition",
        "to_latest_text": "The newest edition of the policy is here:",
        "last_updated": "Last updated",
        "dates": "Dates",
        "consultation_is_open": "The policy is out for consultation. You can send your response until",
        "consultation_is_closed": "The consultation has closed. The deadline for responses was",
        "consultation_closed_on": "The consultation closed on",
        "how_to_respond": "How to send a response",
        "about_consultation": "About the consultation",
        "by_post": "By post",
        "questions_to": "Questions about the consultation",
        "feed": "Changes (Atom feed)",
        "what_changed": "What has changed",
        "what_changed_title": "What has changed",
        "diff_intro": "Here you can see what has changed in the policy's text from the previous edition to this one, page by page and word by word.",
        "diff_legend": "Deleted text is struck through and inserted text is underlined. Screen readers say where deleted and inserted text begins and ends.",
        "diff_example": "Example:",
        "diff_example_deleted": "old",
        "diff_example_inserted": "new",
        "diff_previous": "Previous edition",
        "diff_current": "This edition",
        "diff_none": "There is no earlier edition of the policy on this website, so there is nothing to compare with.",
        "diff_same": "The text is the same in both editions.",
        "diff_unchanged": "No changes on this page.",
        "diff_added": "The page is new in this edition.",
        "diff_removed": "The page is not in this edition.",
        "diff_changes_note": "Small corrections of the text, such as spelling mistakes, are listed in the change history on the overview:",
        "deleted_start": "deletion start:",
        "deleted_end": "deletion end",
        "inserted_start": "insertion start:",
        "inserted_end": "insertion end",
        # The whole policy as one PDF (policysite/document.py, overrides/policy/pdf.html, pdf_link.html).
        "pdf_file_stem": "citizenship-policy",
        "pdf_link": "The whole policy as PDF",
        "pdf_contents": "Contents",
        "pdf_online": "The policy online",
        "pdf_online_text": "This PDF holds the whole policy, with the same text as the website:",
        "pdf_danish_title": "Danish title",
        "pdf_consultation_open": "the consultation is open until",
        "pdf_consultation_closed": "the consultation closed on",
        "pdf_translation": "English translation of the Danish policy.",
        "decimal_separator": ".",
        "search_title": "Search every municipality's policy",
        "search_intro": "Search the text of every municipality's citizenship policy in English. Each result leads to the municipality's own page with the text.",
        "search_label": "Search for words in the policies",
        "search_hint": "Type one or more words, for example community or volunteers.",
        "search_button": "Search",
        "search_nojs": "Search only works with JavaScript turned on in your browser. You can find the policies by theme instead:",
        "search_all_themes": "All themes",
        "search_results": "Search results",
        "search_searching": "Searching …",
        "search_empty": "Type at least one word.",
        "search_none": "No results for “{query}”. Try another word, or find the policies by theme.",
        "search_count_one": "1 result for “{query}”.",
        "search_count_many": "{count} results for “{query}”.",
        "search_shown": "Showing {shown} of {count}.",
        "search_more": "Show more results",
        "search_failed": "Search could not be loaded. Try again later, or find the policies by theme.",
        "search_in_municipality": "From",
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
