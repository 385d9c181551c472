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
        "building_blocks": "Hvad politikken handler om",
        "blocks_count": "emner",
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
        "no_other": "Ingen andre kommuner skriver om dette tema endnu.",
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
        "diff_changes_note": "Små rettelser af teksten, som stavefejl, står længere nede på denne side:",
        "deleted_start": "start på slettet tekst:",
        "deleted_end": "slut på slettet tekst",
        "inserted_start": "start på indsat tekst:",
        "inserted_end": "slut på indsat tekst",
        # The whole policy as one PDF (policysite/document.py, overrides/policy/pdf.html, header.html).
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
        # The policy header, related content, contact, status and furniture (issue 15).
        "related_title": "Andre kommuner om de samme temaer",
        "related_intro": "Temaets navn fører til alle kommuner om temaet; tallet er, hvor mange andre kommuner der skriver om det.",
        "status_adopted_on": "Vedtaget {date}",
        "status_adopted_year": "Vedtaget {year}",
        "status_open_until": "Høringsudgave · høringen er åben til {date}",
        "status_closed_on": "Høringsudgave · høringen sluttede {date}",
        "status_box_open": "Politikken er i høring",
        "status_box_closed": "Høringen er slut",
        "status_box_closed_next": "Kommunen behandler nu høringssvarene. Derefter vedtager kommunen den endelige politik, som bliver offentliggjort her.",
        "edition_number": "{edition}. udgave",
        "edition_year": "Udgaven fra {edition}",
        "edition_consultation": "Høringsudgave",
        "corrections": "Rettelser",
        "corrections_intro": "Små rettelser af teksten, fx stavefejl, som ikke ændrer politikkens indhold.",
        "contact_intro": "Har du spørgsmål til politikken, kan du kontakte:",
        "contact_consultation": "Spørgsmål og svar i høringen",
        "contact_page_title": "Kontakt",
        "language": "Sprog",
        "not_found_title": "Siden findes ikke",
        "not_found_text": "Adressen er måske skrevet forkert, eller siden er flyttet eller slettet.",
        "not_found_search": "Du kan søge efter det, du leder efter, i søgefeltet øverst på siden.",
        "not_found_home": "Gå til forsiden",
        "editors_guide": "Vejledning for redaktører",
        "about_portal": "Om portalen",
        "comparison_by_theme": "Ét tema ad gangen",
        "comparison_by_theme_intro": "Vælg et tema og se, hvad hver kommune skriver om det:",
        "comparison_table": "Alle kommuner og temaer",
        "comparison_table_intro": "Et flueben betyder, at kommunens politik handler om temaet; tallet er, hvor mange dele af politikken der gør det. Tabellen kan rulles sidelæns.",
        "comparison_parts": "dele af politikken",
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
        "building_blocks": "What the policy is about",
        "blocks_count": "topics",
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
        "no_other": "No other municipality writes about this theme yet.",
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
        "diff_changes_note": "Small corrections of the text, such as spelling mistakes, are listed further down this page:",
        "deleted_start": "deletion start:",
        "deleted_end": "deletion end",
        "inserted_start": "insertion start:",
        "inserted_end": "insertion end",
        # The whole policy as one PDF (policysite/document.py, overrides/policy/pdf.html, header.html).
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
        # The policy header, related content, contact, status and furniture (issue 15).
        "related_title": "Other municipalities on the same themes",
        "related_intro": "A theme's name leads to every municipality on it; the number is how many other municipalities write about it.",
        "status_adopted_on": "Adopted {date}",
        "status_adopted_year": "Adopted {year}",
        "status_open_until": "Consultation draft · the consultation is open until {date}",
        "status_closed_on": "Consultation draft · the consultation closed on {date}",
        "status_box_open": "The policy is out for consultation",
        "status_box_closed": "The consultation has closed",
        "status_box_closed_next": "The municipality is now considering the responses. It will then adopt the final policy, which will be published here.",
        "edition_number": "Edition {edition}",
        "edition_year": "The {edition} edition",
        "edition_consultation": "Consultation draft",
        "corrections": "Corrections",
        "corrections_intro": "Small corrections of the text, such as spelling mistakes, which do not change what the policy says.",
        "contact_intro": "If you have questions about the policy, you can contact:",
        "contact_consultation": "Questions and responses during the consultation",
        "contact_page_title": "Contact",
        "language": "Language",
        "not_found_title": "Page not found",
        "not_found_text": "The address may be mistyped, or the page has been moved or deleted.",
        "not_found_search": "You can search for what you are looking for in the search field at the top of the page.",
        "not_found_home": "Go to the front page",
        "editors_guide": "Guide for editors",
        "about_portal": "About the portal",
        "comparison_by_theme": "One theme at a time",
        "comparison_by_theme_intro": "Choose a theme and see what each municipality writes about it:",
        "comparison_table": "All municipalities and themes",
        "comparison_table_intro": "A tick means that the municipality's policy is about the theme; the number is how many parts of the policy are. The table scrolls sideways.",
        "comparison_parts": "parts of the policy",
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


# The Danish alphabet ends with æ, ø, å (and 'aa' sorts as å in names, which is left alone here).
_DANISH_ORDER = str.maketrans({"æ": "{", "ä": "{", "ø": "|", "ö": "|", "å": "}"})  # the three after z


def sort_key(text: str, lang: str) -> tuple[str, str]:
    """Sort labels as readers of the language expect: Danish puts æ, ø and å after z."""
    folded = text.casefold()
    return (folded.translate(_DANISH_ORDER) if lang == "da" else folded, text)


def edition_name(edition: str, status: str, lang: str) -> str:
    """An edition as readers say it: '1. udgave', 'Udgaven fra 2019', 'Høringsudgave' (never an id like 'hoering')."""
    labels = LABELS[lang]
    if edition.isdigit():
        return labels["edition_year" if len(edition) == 4 else "edition_number"].format(edition=edition)
    if status == "consultation":
        return labels["edition_consultation"]
    return edition.replace("-", " ").replace("_", " ").capitalize()


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
