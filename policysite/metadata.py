"""Structured data about a policy (schema.org JSON-LD) for the head of its microsite's pages.

Publisher, language, edition, status and dates come from front-matter; the
policy in each language names the other as its translation, so search engines
see one policy in two languages rather than two policies.
"""
from __future__ import annotations

from typing import Any, Mapping

from .model import DEFAULT_LANGUAGE, LANGUAGES, Municipality, Theme
from .urls import SiteUrls

SCHEMA_ORG = "https://schema.org"
STATUS = {"consultation": "Draft", "adopted": "Published"}  # schema.org creativeWorkStatus


def policy_id(urls: SiteUrls, slug: str, lang: str) -> str:
    return f"{urls.microsite_page(slug, lang)}#policy"


def policy_jsonld(municipality: Municipality, lang: str, urls: SiteUrls,
                  themes: Mapping[str, Theme]) -> dict[str, Any]:
    """The policy in ``lang`` as a schema.org CreativeWork."""
    policy = municipality.policy(lang)
    data: dict[str, Any] = {
        "@context": SCHEMA_ORG,
        "@type": "CreativeWork",
        "@id": policy_id(urls, policy.slug, lang),
        "url": urls.microsite_page(policy.slug, lang),
        "name": policy.policy_title,
        "inLanguage": lang,
        "version": policy.edition,
        "creativeWorkStatus": STATUS[policy.status],
        "publisher": {
            "@type": "GovernmentOrganization",
            "name": policy.publisher,
            "url": f"https://{policy.domain}/",
        },
        "keywords": sorted(themes[theme].label(lang) for theme in policy.themes),
    }
    overview = policy.pages[0]
    if overview.description:
        data["description"] = overview.description
    if policy.adopted is not None:
        data["datePublished"] = policy.adopted.isoformat()
    if policy.last_updated is not None:
        data["dateModified"] = policy.last_updated.isoformat()
    if policy.source.url:
        data["isBasedOn"] = policy.source.url
    if lang == DEFAULT_LANGUAGE:
        data["workTranslation"] = [{"@id": policy_id(urls, policy.slug, other)}
                                   for other in LANGUAGES if other != DEFAULT_LANGUAGE]
    else:
        data["translationOfWork"] = {"@id": policy_id(urls, policy.slug, DEFAULT_LANGUAGE)}
    return data
