"""Splitting a multilingual search index into one index per language."""
from __future__ import annotations

from typing import Any, Iterable


def language_of_location(location: str, languages: Iterable[str], default: str) -> str:
    """The language of a page from its site-relative location (``en/...`` is English)."""
    first = location.split("/", 1)[0].split("#", 1)[0]
    return first if first in set(languages) - {default} else default


def split_search_index(index: dict[str, Any], languages: Iterable[str], default: str) -> dict[str, dict[str, Any]]:
    """One index per language, each with its own entries and stemmer, the rest of the config kept."""
    languages = tuple(languages)
    result: dict[str, dict[str, Any]] = {}
    for lang in languages:
        config = dict(index.get("config", {}))
        config["lang"] = [lang]
        docs = [doc for doc in index.get("docs", []) if language_of_location(doc["location"], languages, default) == lang]
        result[lang] = {**index, "config": config, "docs": docs}
    return result
