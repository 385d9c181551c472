#!/bin/sh
# Run by the Makefile before anything else, on every `make` (tests/test_make.py).
#
# What make creates or installs itself must never come from the repository: a pull request could
# commit .venv/bin/python (with the stamp that says it is installed), a cache, a built site or a
# node_modules folder, and make would then run or trust it. When this folder is a git checkout and
# git tracks any such path, stop before anything runs, name the paths and say how to fix it.
#
# The paths: .venv, .cache, site, .tools, .deploy and .site.* at the top; node_modules,
# __pycache__, *.egg-info, .<name>.staging-* folders and *.pyc files anywhere.
set -u
cd "$(dirname "$0")/.." || exit 2

danish_and_english() {
    printf '%s\n%s\n' "$1" "$2" >&2
}

if ! command -v git >/dev/null 2>&1 || ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    [ -e .git ] || exit 0  # not a git checkout (a zip download): nothing is tracked
    danish_and_english \
        "Stop: mappen er en git-klon, men git kan ikke læse den, så make kan ikke se, om byggeresultater er lagt i git. Kør 'git status' og ret det, git siger." \
        "Stop: this folder is a git checkout but git cannot read it, so make cannot tell whether build output is committed. Run 'git status' and fix what git says."
    exit 1
fi

# core.quotepath: names with control characters or non-ASCII letters come C-quoted ("a\nb"), so
# nothing a file name holds reaches the terminal raw.
if ! tracked=$(git -c core.quotepath=on ls-files); then
    danish_and_english "Stop: 'git ls-files' mislykkedes; kør 'git status' og ret det, git siger." \
                       "Stop: 'git ls-files' failed; run 'git status' and fix what git says."
    exit 1
fi

# For each tracked artefact: the path as git prints it, a tab, and the folder or file to remove.
found=$(printf '%s\n' "$tracked" | awk '
    $0 == "" { next }
    {
        n = split($0, part, "/")
        root = ""
        for (i = 1; i <= n; i++) {
            c = part[i]
            root = (i == 1) ? c : root "/" c
            top = (i == 1 && (c == ".venv" || c == ".cache" || c == "site" || c == ".tools" || c == ".deploy" || c ~ /^\.site\./))
            anywhere = (c == "node_modules" || c == "__pycache__" || c ~ /\.egg-info$/ || c ~ /^\..+\.staging-/ || (i == n && c ~ /\.pyc$/))
            if (top || anywhere) {
                # A C-quoted name cannot be cut in the middle of its quotes: remove it as git printed it.
                if (substr($0, 1, 1) == "\"") root = $0
                else if (root !~ /^[A-Za-z0-9._\/-]+$/) { gsub(/\047/, "\047\\\047\047", root); root = "\047" root "\047" }
                print $0 "\t" root
                break
            }
        }
    }')
[ -z "$found" ] && exit 0

count=$(printf '%s\n' "$found" | wc -l)
paths=$(printf '%s\n' "$found" | cut -f1 | head -n 20 | sed 's/^/    /')
more=""
[ "$count" -gt 20 ] && more="    ... ($count)"
fixes=$(printf '%s\n' "$found" | cut -f2 | sort -u | sed 's/^/    git rm -r --cached -- /')

{
    echo "Stop: disse filer er lagt i git, men make laver eller installerer dem selv, og make ville ellers køre eller stole på dem:"
    printf '%s\n' "$paths"
    [ -n "$more" ] && printf '%s\n' "$more"
    echo "Fjern dem fra git (filerne på disken bliver liggende), commit ændringen, og kør make igen:"
    printf '%s\n' "$fixes"
    echo
    echo "Stop: these files are committed to git, but make creates or installs them itself and would otherwise run or trust them:"
    printf '%s\n' "$paths"
    [ -n "$more" ] && printf '%s\n' "$more"
    echo "Remove them from git (the files on disk stay), commit the change and run make again:"
    printf '%s\n' "$fixes"
} >&2
exit 1
