"""The comparisons `make bench` measures our pipeline against, on the same Markdown.

* stock: one plain Material + static-i18n site holding every municipality
  (default settings, ``font: false``), as a team would set it up without us;
* the floor: Python-Markdown converting the same files' bodies with the same
  extensions, in one process, and nothing else.
"""
from __future__ import annotations

import shutil
import time
from pathlib import Path

import yaml

STOCK_CONFIG = """\
site_name: Medborgerskabspolitikker
site_url: https://medborgerskab.example.dk/
theme:
  name: material
  language: da
  font: false
plugins:
  - search
  - i18n:
      docs_structure: suffix
      languages:
        - locale: da
          name: Dansk
          default: true
        - locale: en
          name: English
markdown_extensions: {extensions}
"""


def markdown_extensions(repo: Path) -> list:
    """The Markdown extensions and their settings, as our mkdocs.yml lists them."""
    text = (repo / "mkdocs.yml").read_text(encoding="utf-8")
    # mkdocs.yml uses !ENV tags; only markdown_extensions is wanted here.
    section = text[text.index("\nmarkdown_extensions:"):]
    section = section.split("\n\n", 1)[0]
    return yaml.safe_load(section)["markdown_extensions"]


def make_stock_project(corpus: Path, destination: Path, repo: Path) -> Path:
    """One stock site over the corpus: docs/<slug>/<page>.md and .en.md, portal pages left out."""
    if destination.exists():
        shutil.rmtree(destination)
    docs = destination / "docs"
    shutil.copytree(corpus / "municipalities", docs)
    (docs / "index.md").write_text("# Medborgerskabspolitikker\n", encoding="utf-8")
    (docs / "index.en.md").write_text("# Citizenship policies\n", encoding="utf-8")
    config = STOCK_CONFIG.format(extensions=yaml.safe_dump(markdown_extensions(repo), default_flow_style=True).strip())
    (destination / "mkdocs.yml").write_text(config, encoding="utf-8")
    return destination


def build_stock(project: Path) -> float:
    """Build the stock site once; seconds."""
    from policybuild.engine import build, load_config

    started = time.perf_counter()
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"))
    build(config)
    return time.perf_counter() - started


def markdown_sources(corpus: Path) -> list[str]:
    """Every Markdown body of the corpus (front-matter removed, as MkDocs removes it)."""
    from policybuild.engine import get_data

    return [get_data(path.read_text(encoding="utf-8"))[0]
            for path in sorted((corpus / "municipalities").rglob("*.md"))]


def markdown_floor(repo: Path, sources: list[str]) -> float:
    """Seconds for Python-Markdown to convert every body with our extensions, one process."""
    import markdown

    names, configs = [], {}
    for item in markdown_extensions(repo):
        if isinstance(item, dict):
            (name, settings), = item.items()
            names.append(name)
            configs[name] = settings or {}
        else:
            names.append(item)
    started = time.perf_counter()
    converter = markdown.Markdown(extensions=names, extension_configs=configs)
    for source in sources:
        converter.reset()
        converter.convert(source)
    return time.perf_counter() - started
