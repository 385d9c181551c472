"""Copies of the project for tests and benchmarks: its configuration, templates, hooks and portal."""
from __future__ import annotations

import shutil
from pathlib import Path

from policysite.layout import PROJECT_FILES


def copy_project(source: Path, destination: Path) -> Path:
    """Copy everything a build reads except the municipalities into ``destination``."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        path = source / name
        if path.is_dir():
            shutil.copytree(path, destination / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(path, destination / name)
    return destination
