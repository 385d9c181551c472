"""Compile the theme's templates once per process, not once per microsite build.

MkDocs makes a new Jinja environment for every build; with one build per
municipality, recompiling Material's templates each time was the largest fixed
cost per microsite. Jinja's bytecode cache is keyed by template name and a hash
of its source, so an edited template is recompiled as usual.
"""
from __future__ import annotations

import jinja2
from mkdocs import plugins
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self._store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()


_CACHE = _MemoryBytecodeCache()


@plugins.event_priority(100)
def on_env(env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment | None:
    env.bytecode_cache = _CACHE
    return env
