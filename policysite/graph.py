"""The theme graph: which building blocks of which municipalities share a theme.

Built once from the whole catalog (collect), then read by every page (render).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from .catalog import Catalog
from .model import Block, Policy


@dataclass(frozen=True)
class ThemeMember:
    """One municipality's blocks on one theme."""

    policy: Policy
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class ThemeIndex:
    """Theme id -> the municipalities (in catalog order) whose blocks carry it, in one language."""

    lang: str
    members: Mapping[str, tuple[ThemeMember, ...]]

    @classmethod
    def build(cls, catalog: Catalog, lang: str) -> "ThemeIndex":
        from .labels import sort_key

        # Themes in the order of their labels in this language (what every list of themes shows).
        ordered = sorted(catalog.themes, key=lambda theme: sort_key(catalog.themes[theme].label(lang), lang))
        members: dict[str, list[ThemeMember]] = {theme: [] for theme in ordered}
        for policy in catalog.policies(lang):
            for theme in ordered:
                blocks = tuple(block for block in policy.blocks if theme in block.themes)
                if blocks:
                    members[theme].append(ThemeMember(policy, blocks))
        return cls(lang, {theme: tuple(found) for theme, found in members.items()})

    def municipalities(self, theme: str) -> tuple[str, ...]:
        return tuple(member.policy.slug for member in self.members.get(theme, ()))

    def used_themes(self, minimum: int = 1) -> tuple[str, ...]:
        """Themes carried by at least ``minimum`` municipalities."""
        return tuple(theme for theme, found in self.members.items() if len(found) >= minimum)

    def related(self, slug: str, block: Block) -> tuple[tuple[str, tuple[ThemeMember, ...]], ...]:
        """For each of a block's themes, the other municipalities' blocks on that theme."""
        return tuple(
            (theme, tuple(member for member in self.members.get(theme, ()) if member.policy.slug != slug))
            for theme in block.themes
        )

    def cell(self, slug: str, theme: str) -> ThemeMember | None:
        for member in self.members.get(theme, ()):
            if member.policy.slug == slug:
                return member
        return None
