"""The static-site engine under every build, in one place.

The driver (policybuild/), ``policysite serve`` and the tests reach the engine only
through this module; the hooks (hooks/) and the plugins use the ``mkdocs.*``
names, which both engines answer. Which engine runs is chosen by the environment
variable ``POLICY_ENGINE`` (``make build ENGINE=properdocs`` sets it):

* ``mkdocs`` (the default): MkDocs 1.6, which gets no more releases;
* ``properdocs``: ProperDocs 1.6, a drop-in continuation of MkDocs 1.x. Its
  ``properdocs.replacement`` makes every later ``import mkdocs.*`` load the
  corresponding ``properdocs.*`` module, so Material, static-i18n and our hooks
  run on it unchanged. It must therefore be imported before anything imports
  MkDocs; this module refuses to switch once MkDocs itself is loaded.

Only known names are accepted (the Makefile checks them too). What moving to
another engine would touch is listed in the README ("The engine").
"""
from __future__ import annotations

import logging
import os
import sys
from typing import Any

VARIABLE = "POLICY_ENGINE"
ENGINES = ("mkdocs", "properdocs")
DEFAULT = "mkdocs"


class EngineError(RuntimeError):
    """The engine named in the environment is unknown or cannot be loaded; the message says why."""


def selected(environ: dict[str, str] | os._Environ[str] = os.environ) -> str:
    """The engine the environment names (``POLICY_ENGINE``), checked against the known names."""
    name = environ.get(VARIABLE, "") or DEFAULT
    if name not in ENGINES:
        raise EngineError(
            f"{VARIABLE}={name!r} er ikke en kendt motor; brug en af: {', '.join(ENGINES)}.\n"
            f"{VARIABLE}={name!r} is not a known engine; use one of: {', '.join(ENGINES)}.")
    return name


def _activate(name: str) -> None:
    if name == "mkdocs":
        loaded = sys.modules.get("mkdocs")
        if loaded is not None and loaded.__name__ != "mkdocs":
            raise EngineError(f"MkDocs was asked for, but {loaded.__name__} already answers 'import mkdocs'.")
        return
    loaded = sys.modules.get("mkdocs")
    if loaded is not None and loaded.__name__ == "mkdocs":
        raise EngineError("ProperDocs was asked for, but MkDocs itself is already imported in this process; "
                          "import policybuild.engine before anything imports mkdocs.")
    try:
        import properdocs.replacement  # noqa: F401  (mkdocs.* -> properdocs.*)
    except ImportError as error:
        raise EngineError(f"ProperDocs is not installed ({error}); run make build / make test, which install "
                          "it from the locks.") from None
    # Plugins log to "mkdocs.*" loggers: they count as the engine's own messages (strict mode, the
    # tests' warning collector), as ProperDocs' command line arranges it.
    legacy = logging.getLogger("mkdocs")
    legacy.parent = logging.getLogger("properdocs")
    legacy.propagate = True


NAME = selected()
_activate(NAME)
LOGGER = NAME  # the logger every message of the engine and its plugins reaches

from mkdocs import __version__ as VERSION  # noqa: E402
from mkdocs import plugins  # noqa: E402,F401
from mkdocs.commands.build import build  # noqa: E402,F401
from mkdocs.config import load_config  # noqa: E402,F401
from mkdocs.config.defaults import MkDocsConfig  # noqa: E402,F401
from mkdocs.exceptions import MkDocsException  # noqa: E402,F401
from mkdocs.structure import pages as page_module  # noqa: E402,F401
from mkdocs.structure.files import File, Files, get_files  # noqa: E402,F401
from mkdocs.utils.meta import get_data  # noqa: E402,F401
from mkdocs.utils import yaml as _engine_yaml  # noqa: E402
from mkdocs.utils.yaml import get_yaml_loader  # noqa: E402,F401


def _yaml_in_c() -> None:
    """``mkdocs.yml`` read by libyaml: the engine's loader keeps its tags (``!ENV``, ``!relative``) and the
    full constructor it had (``yaml.Loader``), on libyaml's parser (``yaml.CLoader``), about ten times
    faster; every build reads it once per site and language. Front-matter is read with libyaml already
    (``mkdocs.utils.meta``, policysite/frontmatter.py)."""
    import yaml

    if getattr(yaml, "__with_libyaml__", False):
        defaults = _engine_yaml.get_yaml_loader.__defaults__
        if defaults and defaults[0] is yaml.Loader:
            _engine_yaml.get_yaml_loader.__defaults__ = (yaml.CLoader, *defaults[1:])


_yaml_in_c()


def serve(config_file: str, **options: Any) -> None:
    """The engine's live-reloading preview server (imported only when wanted)."""
    from mkdocs.commands.serve import serve as engine_serve

    engine_serve(config_file, **options)


def main(argv: list[str] | None = None) -> None:
    """``python -m policybuild.engine ...``: the engine's own command line (``build``, ``serve``)."""
    if NAME == "properdocs":
        from properdocs.__main__ import cli
    else:
        from mkdocs.__main__ import cli
    cli.main(args=argv, prog_name=NAME)


if __name__ == "__main__":
    main()
