"""Turn the shared mkdocs.yml into one municipality's microsite: address, name and menu."""
from __future__ import annotations

from mkdocs import plugins
from mkdocs.config.defaults import MkDocsConfig

from policy_context import load_site
from policysite.model import DEFAULT_LANGUAGE


# Before static-i18n (-100): it derives the language switcher from site_url and
# applies the per-language site_name set here.
@plugins.event_priority(10)
def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    site = load_site(config)
    if site.municipality is None:
        return config
    municipality = site.municipality
    default = municipality.policy(DEFAULT_LANGUAGE)
    config["site_url"] = site.urls.microsite_root(municipality.slug)
    config["site_name"] = default.municipality
    config["site_description"] = default.policy_title
    config["nav"] = [page.name for page in default.pages]  # then "Kontakt" (hooks/policy_contact.py)
    i18n = config.plugins.get("i18n")
    if i18n is not None:
        for language in i18n.config.languages:
            if language.locale in municipality.policies:
                policy = municipality.policy(language.locale)
                language["site_name"] = policy.municipality
                language["site_description"] = policy.policy_title
    return config
