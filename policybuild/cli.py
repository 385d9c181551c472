"""Command line for editors and CI: ``policysite build``, ``policysite check``."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from policysite.catalog import load_catalog
from policysite.errors import ContentErrors

from .build import BuildFailed, build_sites


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="policysite", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the repository folder")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="build the portal and every microsite into site/")
    build.add_argument("--site", type=Path, default=None, help="output folder (default: <root>/site)")
    build.add_argument("-m", "--municipality", action="append", default=None,
                       help="build only this municipality (repeatable)")
    build.add_argument("-j", "--jobs", type=int, default=None, help="parallel builds (default: all cores)")
    commands.add_parser("check", help="validate all content without writing a site")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    try:
        if args.command == "check":
            catalog = load_catalog(root)
            for municipality in catalog.municipalities:
                policy = municipality.policy("da")
                print(f"{municipality.slug}: OK ({len(policy.pages)} pages, {len(policy.blocks)} building blocks)")
            return 0
        started = time.perf_counter()
        site = args.site or root / "site"
        build_sites(root, site, only=args.municipality, jobs=args.jobs)
        print(f"Published {site} in {time.perf_counter() - started:.1f} s")
        return 0
    except ContentErrors as errors:
        print(errors.report(), file=sys.stderr)
        return 1
    except BuildFailed as failure:
        print(str(failure), file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
