"""Where a build's time goes: the five seed microsites and the portal built warm in one process.

    .venv/bin/python bench/profile_build.py [--runs N] [--top N] [--no-profile]

Builds a copy of the project once to warm the caches (imports, the theme listing, compiled
templates), then ``--runs`` more clean builds in this process (one worker, so the profile sees
all the work), and prints the processor time of each (``time.process_time``: what to compare on
a shared machine) and, unless ``--no-profile``, cProfile's top functions by own and cumulative time.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from policybuild.build import build_sites  # noqa: E402
from policybuild.project import copy_project  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument("--incremental", action="store_true", help="time an incremental build after one page's edit")
    parser.add_argument("--no-cache", action="store_true", help="empty .cache/ before each build (rendered PDFs too)")
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="policyprofile-"))
    try:
        root = work / "project"
        copy_project(REPO, root)
        shutil.copytree(REPO / "municipalities", root / "municipalities")
        quiet = lambda message: None  # noqa: E731
        build_sites(root, root / "site", jobs=1, log=quiet, clean=True)
        profiler = cProfile.Profile(time.process_time)  # processor time, not the wall clock of a shared machine
        times = []
        for _ in range(options.runs):
            if options.no_cache:
                shutil.rmtree(root / ".cache", ignore_errors=True)
            started = time.process_time()
            if options.incremental:
                folder = sorted((root / "municipalities").iterdir())[2]
                page = sorted(p for p in folder.glob("*.md") if not p.name.startswith("index"))[0]
                page.write_text(page.read_text(encoding="utf-8") + "\nEn sætning mere.\n", encoding="utf-8")
            if not options.no_profile:
                profiler.enable()
            build_sites(root, root / "site", jobs=1, log=quiet, clean=not options.incremental)
            if not options.no_profile:
                profiler.disable()
            times.append(time.process_time() - started)
        print("processor seconds per build:", " ".join(f"{t:.2f}" for t in times))
        if not options.no_profile:
            for order in ("tottime", "cumulative"):
                out = io.StringIO()
                pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(options.top)
                print(out.getvalue())
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
