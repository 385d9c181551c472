"""Command line for editors and CI: ``policysite build``, ``check``, ``new``, ``serve``, ``edit``, ``deploy``, ``gate``,
``screenshots`` and ``figures``."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from policysite import messages, scaffold
from policysite.errors import ContentErrors
from policysite.layout import INDEX_FILE, SCREENSHOTS_DIR, SITE_DIR
from policysite.review import format_report, review

from .build import BuildFailed, build_sites, portal_url
from .deploy import DEFAULT_ATTEMPTS, DEFAULT_BRANCH, DeployFailed, deploy, prepare, push
from .serve import DEFAULT_PORT, ServeFailed, port_number, serve


def main(argv: list[str] | None = None) -> int:
    # --lang before or after the command: `policysite --lang en check` or `policysite check --lang en`.
    language = argparse.ArgumentParser(add_help=False)
    language.add_argument("--lang", choices=messages.LANGUAGES, default=argparse.SUPPRESS,
                          help="the language of the messages: da (the default) or en; without it, "
                               f"{messages.LANGUAGE_VARIABLE} or the locale (LANGUAGE, LC_ALL, LANG) decides")
    parser = argparse.ArgumentParser(prog="policysite", description=__doc__, parents=[language])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the repository folder")
    commands = parser.add_subparsers(dest="command", required=True)
    add_parser = commands.add_parser
    commands.add_parser = lambda *a, **k: add_parser(*a, parents=[language], **k)  # type: ignore[method-assign]
    build = commands.add_parser("build", help="build the portal and every microsite into site/")
    build.add_argument("--site", type=Path, default=None, help="output folder (default: <root>/site)")
    build.add_argument("-m", "--municipality", action="append", default=None,
                       help="build only this municipality (repeatable)")
    build.add_argument("-j", "--jobs", type=int, default=None, help="parallel builds (default: all cores)")
    build.add_argument("--clean", action="store_true",
                       help="rebuild every site, even those whose inputs are unchanged since the last build")
    build.add_argument("--versioned", action="store_true",
                       help="build each microsite into <slug>/<edition>/ for publishing with versions (deploy)")
    publish = commands.add_parser(
        "deploy", help="build with versions and publish to a git branch with mike (GitHub Pages)")
    publish.add_argument("-m", "--municipality", action="append", default=None,
                         help="publish only this municipality's microsite (repeatable); the portal is left as it is")
    publish.add_argument("--remote", default="origin", help="git remote to push to (a name, URL or path)")
    publish.add_argument("--branch", default=DEFAULT_BRANCH, help=f"branch to publish to (default: {DEFAULT_BRANCH})")
    publish.add_argument("--shards", type=Path, default=None,
                         help="microsites already built with --versioned (one <slug>/ each); build only the portal")
    publish.add_argument("--attempts", type=int, default=DEFAULT_ATTEMPTS,
                         help="how often to fetch and re-apply when the push is rejected")
    publish.add_argument("-j", "--jobs", type=int, default=None, help="parallel builds (default: all cores)")
    step = publish.add_mutually_exclusive_group()
    step.add_argument("--prepare", type=Path, metavar="FOLDER", default=None,
                      help="only build (or assemble the shards) and check into FOLDER; nothing talks to the remote")
    step.add_argument("--push", type=Path, metavar="FOLDER", default=None,
                      help="only publish what --prepare wrote to FOLDER; the only step that needs a token "
                           "(POLICY_DEPLOY_TOKEN, handed to git's fetch and push only)")
    checking = commands.add_parser(
        "check", help="check all content (or one municipality and the portal pages it appears on) without "
                      "writing a site; exit 1 on errors")
    checking.add_argument("-m", "--municipality", default=None,
                          help="check only this municipality and the portal pages it appears on")
    preview = commands.add_parser(
        "serve", help="preview the portal (or one microsite) with live reload, on 127.0.0.1 only")
    preview.add_argument("-m", "--municipality", default=None, help="preview this municipality's microsite")
    preview.add_argument("--port", type=port_number, default=DEFAULT_PORT,
                         help=f"the port on 127.0.0.1 (default: {DEFAULT_PORT})")
    final = commands.add_parser(
        "gate", help="check every file of built sites with the final gate, as build and deploy do; exit 1 on any problem")
    final.add_argument("paths", nargs="+", type=Path, metavar="PATH",
                       help="a built site (site/), a folder of shards, or one file")
    final.add_argument("--base", default=None,
                       help="the address path the folder is published at (default: the path of mkdocs.yml's site_url)")
    final.add_argument("-j", "--jobs", type=int, default=None, help="parallel checks (default: all cores)")
    edit = commands.add_parser(
        "edit", add_help=False,
        help="the browser editor on 127.0.0.1 against this working copy (or --export it); its options: "
             "`policysite edit --help`, see also editor/DECISION.md")
    shots = commands.add_parser(
        "screenshots", help="PNGs of every page type of a built site at 1280 and 375 px, light and dark")
    shots.add_argument("--site", type=Path, default=None, help="the built site (default: <root>/site)")
    shots.add_argument("--out", type=Path, default=None,
                       help=f"where the PNGs go, outside the site (default: <root>/{SCREENSHOTS_DIR})")
    measure = commands.add_parser(
        "figures", help="each overview's height at 375 px, its navigation landmarks and first-load kilobytes")
    measure.add_argument("--site", type=Path, default=None, help="the built site (default: <root>/site)")
    new = commands.add_parser("new", help="create municipalities/<slug>/ from the template and build it")
    new.add_argument("slug", help="the folder name and web address, e.g. roskilde")
    new.add_argument("--name", required=True, help='the municipality\'s name, e.g. "Roskilde Kommune"')
    new.add_argument("--domain", default=None, help="the municipality's web domain (default: <slug>.dk)")
    new.add_argument("--site", type=Path, default=None, help="output folder (default: <root>/site)")
    new.add_argument("--no-build", action="store_true", help="only create the files")
    # `policysite edit` hands its options to the editor (policybuild/editor.py), which defines them.
    args, unknown = parser.parse_known_args(argv)
    if unknown and args.command != "edit":
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    root = args.root.resolve()
    previous = messages.set_language(getattr(args, "lang", None))
    try:
        return _run(parser, args, unknown, root)
    finally:
        messages.set_language(previous)


def _run(parser: argparse.ArgumentParser, args: argparse.Namespace, unknown: list[str], root: Path) -> int:
    try:
        if args.command == "edit":
            from . import editor  # only `policysite edit` needs the editor's server

            return editor.main(["--root", str(root), *unknown])
        if args.command == "check":
            result = review(root, only=args.municipality)
            print(format_report(result))
            return 1 if result.errors else 0
        if args.command == "serve":
            serve(root, args.municipality, args.port)
            return 0
        if args.command == "gate":
            return run_gate(root, args.paths, args.base, args.jobs)
        if args.command == "deploy":
            if args.push is not None:
                if args.municipality or args.shards:
                    parser.error("--municipality and --shards belong to the prepare step, not --push")
                result = push(root, args.push, args.remote, args.branch, attempts=args.attempts)
            elif args.prepare is not None:
                prepare(root, args.prepare, only=args.municipality, shards=args.shards, jobs=args.jobs)
                return 0
            else:
                result = deploy(root, args.remote, args.branch, only=args.municipality, shards=args.shards,
                                attempts=args.attempts, jobs=args.jobs)
            return 0 if result.pushed or result.commits == 0 else 1
        site = args.site or root / SITE_DIR
        if args.command in ("screenshots", "figures"):
            from . import screenshots  # Playwright comes with the test tools

            if not (site / INDEX_FILE).is_file():
                print(f"{site} holds no built site: run `make build` first.", file=sys.stderr)
                return 1
            if args.command == "figures":
                screenshots.figures(root, site)
                return 0
            out = (args.out or root / SCREENSHOTS_DIR).resolve()
            if out == site.resolve() or site.resolve() in out.parents:
                print(f"{out} is inside the site; choose a folder outside it.", file=sys.stderr)
                return 1
            screenshots.take_screenshots(root, site, out)
            return 0
        if args.command == "new":
            folder = scaffold.create(root, args.slug, args.name, args.domain)
            shown = folder.relative_to(root).as_posix()
            print(messages.word("cli-created").format(folder=shown))
            if not args.no_build:
                build_sites(root, site, only=[args.slug], log=lambda message: None)
                print(messages.word("cli-built").format(da=f"{site / args.slug}/", en=f"{site / args.slug / 'en'}/"))
            print(messages.word("cli-next").format(folder=shown, slug=args.slug))
            return 0
        started = time.perf_counter()
        build_sites(root, site, only=args.municipality, jobs=args.jobs, clean=args.clean,
                    versioned=args.versioned)
        print(messages.word("cli-published").format(site=site, seconds=time.perf_counter() - started))
        return 0
    except ContentErrors as errors:
        print(errors.report(), file=sys.stderr)
        return 1
    except (BuildFailed, DeployFailed, ServeFailed) as failure:
        print(str(failure), file=sys.stderr)
        return 1


def run_gate(root: Path, paths: list[Path], base: str | None, jobs: int | None) -> int:
    """``policysite gate PATH...``: 0 when every file passes, 1 with the problems."""
    from urllib.parse import urlsplit

    from policysite import gate
    from policysite.catalog import load_catalog

    catalog = load_catalog(root)  # the domains the /was pages may send readers to; raises ContentErrors
    context = gate.GateContext.for_project(root, base if base is not None else urlsplit(portal_url(root)).path,
                                           gate.domains_of(catalog))
    refused = []
    checked = 0
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            checked += len(gate.output_files(path))
            refused += gate.check_tree(context, path, shown=f"{path.as_posix().rstrip('/')}/", jobs=jobs)
        elif path.exists() or path.is_symlink():
            checked += 1
            refused += gate.check_file(context, path.parent, path.name, shown_prefix=f"{path.parent.as_posix()}/")
        else:
            print(messages.word("cli-no-such-path").format(path=path), file=sys.stderr)
            return 1
    if refused:
        raise ContentErrors(refused)
    print(messages.word("cli-gate-passed").format(count=checked))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
