"""Copy nothing from a content folder that the file rules do not allow, even when the catalog's check was skipped.

policysite.contentfiles refuses, before anything is built, every file a
municipality folder or docs/ may not hold. This is the second line, for builds
that never ran that check (``mkdocs build`` or ``mkdocs serve`` on the portal):
MkDocs finds its files by walking the docs folder following links, and copies
every non-Markdown file as it is, so each file it is about to publish from the
docs folder is checked with the same rules here. A file that breaks them stops
the build with its message; nothing is left out silently.
"""
from __future__ import annotations

import os
from pathlib import Path

from mkdocs import plugins
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from policy_context import municipality_slug, project_root
from policysite.messages import phrase
from policysite import contentfiles, layout
from policysite.errors import ContentErrors


def _link_on_the_way(path: Path, docs: Path) -> Path | None:
    """The file itself, or the folder between the docs folder and it, that is a symbolic link."""
    current = path
    while current != docs and docs in current.parents:
        if current.is_symlink():
            return current
        current = current.parent
    return None


# After static-i18n (-100) and the generated pages (-110): the files as MkDocs will write them.
@plugins.event_priority(-200)
def on_files(files: Files, /, *, config: MkDocsConfig) -> Files | None:
    root = project_root(config)
    docs = Path(os.path.abspath(config.docs_dir))
    portal = municipality_slug(config) is None
    reserved = layout.portal_reserved(root) if portal else layout.microsite_reserved(root)
    theme = layout.theme_files(root)
    where = phrase("where-portal", folder=f"{layout.PORTAL_DIR}/") if portal else phrase("where-municipality")
    errors = []
    seen: set[str] = set()
    for file in files:
        if file.abs_src_path is None or file.inclusion.is_excluded() or file.src_uri in seen:
            continue  # generated in memory, or never written
        source = Path(os.path.abspath(file.abs_src_path))
        if docs not in source.parents:
            continue  # the theme's own files
        seen.add(file.src_uri)
        link = _link_on_the_way(source, docs)
        kind = "link" if link is not None else "file" if source.is_file() else "other"
        entry = contentfiles.Entry(link or source, file.src_uri, kind, file.src_uri.count("/"))
        errors.extend(contentfiles.entry_problems(entry, root, pages_here=True, reserved=reserved, theme=theme,
                                                  where=where))
    if errors:
        raise PluginError(ContentErrors(list(dict.fromkeys(errors))).report())  # a folder link once, not per file
    return files
