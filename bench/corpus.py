"""A synthetic national corpus: the five real policies copied under new names, N municipalities in all."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from policybuild.project import copy_project


def make_corpus(repo: Path, destination: Path, count: int) -> Path:
    """Copy the project to ``destination`` with ``count`` municipalities made from the seeds."""
    copy_project(repo, destination)
    seeds = sorted(p for p in (repo / "municipalities").iterdir() if p.is_dir())
    target = destination / "municipalities"
    target.mkdir()
    for number in range(count):
        seed = seeds[number % len(seeds)]
        copy = number // len(seeds)
        slug = seed.name if copy == 0 else f"{seed.name}-{copy}"
        shutil.copytree(seed, target / slug)
        if copy:
            for index in target.glob(f"{slug}/index*.md"):
                text = index.read_text(encoding="utf-8")
                text = re.sub(r"^municipality: (.+)$", lambda m: f"municipality: {m.group(1)} {copy}", text,
                              count=1, flags=re.MULTILINE)
                index.write_text(text, encoding="utf-8")
    return destination
