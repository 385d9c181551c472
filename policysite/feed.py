"""Each microsite's Atom feed (RFC 4287) in each language: one entry per change note.

Everything in a feed comes from content, so rebuilding the same content gives
the same file. Ids are ``urn:uuid:`` names derived from the municipality's
folder, the language, the change's date and its place among that day's changes:
they stay the same when the site moves to another address, when a change
note's wording is corrected, and when later changes are added.
"""
from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from dataclasses import dataclass
from typing import Mapping

from .layout import FEED_FILE, OVERVIEW
from .model import Policy
from .urls import SiteUrls
from .views import CHANGES_ANCHOR

_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:policysite:atom")
TITLE_LIMIT = 80


@dataclass(frozen=True)
class FeedEntry:
    id: str
    title: str
    updated: str  # RFC 3339
    text: str
    link: str


@dataclass(frozen=True)
class Feed:
    id: str
    lang: str
    title: str
    subtitle: str
    updated: str
    self_link: str
    alternate_link: str
    author: str
    author_uri: str
    entries: tuple[FeedEntry, ...]


def atom_time(date: dt.date) -> str:
    """A date as an Atom timestamp (the start of the day, UTC): the content gives no time of day."""
    return f"{date.isoformat()}T00:00:00Z"


def stable_id(*parts: str) -> str:
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, '/'.join(parts))}"


def entry_id(slug: str, lang: str, date: dt.date, ordinal: int) -> str:
    """The id of the ``ordinal``-th change (from 1, in file order) dated ``date``."""
    return stable_id(slug, lang, "change", date.isoformat(), str(ordinal))


def feed_id(slug: str, lang: str) -> str:
    return stable_id(slug, lang, "feed")


def change_title(text: str, limit: int = TITLE_LIMIT) -> str:
    """A short title for a change note: its lead-in before the first colon, else its first words."""
    lead, colon, _ = text.partition(": ")
    if colon and len(lead) <= limit:
        return lead.strip()
    if len(text) <= limit:
        return text.strip()
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:.")
    return f"{cut} …"


def feed_url(urls: SiteUrls, slug: str, lang: str) -> str:
    return urls.microsite_page(slug, lang) + FEED_FILE


def policy_feed(policy: Policy, urls: SiteUrls, labels: Mapping[str, str]) -> Feed | None:
    """The feed of a policy's change notes in its language; None if nothing in it is dated."""
    updated = policy.last_updated
    if updated is None:
        return None
    overview = urls.microsite_page(policy.slug, policy.lang, OVERVIEW)
    seen: Counter[dt.date] = Counter()
    entries = []
    for change in policy.changes:
        seen[change.date] += 1
        entries.append(FeedEntry(
            id=entry_id(policy.slug, policy.lang, change.date, seen[change.date]),
            title=change_title(change.text),
            updated=atom_time(change.date),
            text=change.text,
            link=f"{overview}#{CHANGES_ANCHOR}",
        ))
    # Newest first; changes of one day keep their order in the file.
    order = {entry.id: position for position, entry in enumerate(entries)}
    entries.sort(key=lambda entry: (entry.updated, -order[entry.id]), reverse=True)
    return Feed(
        id=feed_id(policy.slug, policy.lang),
        lang=policy.lang,
        title=f"{policy.municipality}: {policy.policy_title}",
        subtitle=labels["changes"],
        updated=atom_time(updated),
        self_link=feed_url(urls, policy.slug, policy.lang),
        alternate_link=overview,
        author=policy.publisher,
        author_uri=f"https://{policy.domain}/",
        entries=tuple(entries),
    )
