"""Compile the theme's templates once per process, not once per microsite build.

MkDocs makes a new Jinja environment for every build (and re-runs this hook
file for each); with one build per municipality and language, recompiling
Material's templates each time was the largest fixed cost per microsite. The
bytecode cache lives in policy_context, a module imported once per process, and
only in memory: the build driver's forked workers inherit what the first build
compiled. Nothing compiled is ever read from disk (see policy_context). Jinja
keys the cache by template name and a hash of its source, so an edited template
is recompiled.
"""
from __future__ import annotations

import jinja2
from mkdocs import plugins
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from policy_context import bytecode_cache


@plugins.event_priority(100)
def on_env(env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment | None:
    env.bytecode_cache = bytecode_cache()
    return env
