"""The GitHub Actions workflows: valid for actionlint, and doing what the project promises.

Pull requests run `make test`; a push to main builds every microsite in a
matrix and deploys from one job, in one concurrency group that never cancels a
running deploy. Least privilege: actions pinned to commits, no checkout keeps
its token, folder names checked before they reach a shell and then only as
quoted variables, main only and from a protected environment, the token only in
the push step, the gate before it. actionlint comes from requirements-test.lock.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
ACTIONLINT = Path(sys.executable).parent / "actionlint"


def actionlint(*files: Path) -> subprocess.CompletedProcess[str]:
    if not ACTIONLINT.exists():
        pytest.fail(f"{ACTIONLINT} is missing: run `make test`, which installs requirements-test.lock.")
    # shellcheck and pyflakes are left out so the result does not depend on what else is installed.
    return subprocess.run([str(ACTIONLINT), "-no-color", "-shellcheck=", "-pyflakes=", *map(str, files)],
                          cwd=REPO, capture_output=True, text=True, check=False)


def load(name: str) -> dict:
    data = yaml.safe_load((REPO / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def runs(job: dict) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def test_every_workflow_passes_actionlint() -> None:
    assert [path.name for path in WORKFLOWS] == ["deploy.yml", "test.yml"]
    result = actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_does_catch_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / ".github" / "workflows" / "broken.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    needs: nothing\n"
                      "    steps:\n      - run: echo ${{ matrix.nowhere }}\n", encoding="utf-8")
    result = actionlint(broken)
    assert result.returncode == 1 and "nothing" in result.stdout


def test_pull_requests_run_make_test() -> None:
    workflow = load("test.yml")
    assert "pull_request" in workflow["on"]
    assert "make test" in runs(workflow["jobs"]["test"])
    assert "make test" in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def jobs() -> dict[str, tuple[str, dict]]:
    """Every job of every workflow, by "<file>:<job>"."""
    return {f"{path.name}:{name}": (path.name, job) for path in WORKFLOWS
            for name, job in load(path.name)["jobs"].items()}


def test_main_is_built_in_a_matrix_and_deployed_by_one_job_at_a_time() -> None:
    workflow = load("deploy.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    jobs = workflow["jobs"]
    assert all("concurrency" not in job for job in jobs.values())  # the workflow's group covers every job
    build, deploy = jobs["build"], jobs["deploy"]
    assert "municipality" in build["strategy"]["matrix"]
    assert 'make build M="$MUNICIPALITY" VERSIONED=1' in runs(build)
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"contents": "write"} and workflow["permissions"] == {"contents": "read"}
    checkout = next(step for step in deploy["steps"] if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0


def test_the_deploy_job_prepares_gates_and_only_then_pushes_with_the_only_token() -> None:
    steps = load("deploy.yml")["jobs"]["deploy"]["steps"]
    commands = [step.get("run", "") for step in steps]
    prepare = commands.index("make deploy-prepare SHARDS=shards")
    gate = commands.index("make gate DIR=.deploy/site")
    push = commands.index("make deploy-push REMOTE=origin BRANCH=gh-pages")
    assert prepare < gate < push == len(steps) - 1
    assert steps[push]["env"]["POLICY_DEPLOY_TOKEN"] == "${{ secrets.GITHUB_TOKEN }}"
    # No other step of any workflow is given a secret or the job's token.
    for path in WORKFLOWS:
        for name, job in load(path.name)["jobs"].items():
            for step in job["steps"]:
                if (path.name, name, step) == ("deploy.yml", "deploy", steps[push]):
                    continue
                text = yaml.safe_dump(step)
                assert "secrets." not in text and "github.token" not in text, (path.name, name, step)


def test_only_main_is_published_and_from_the_protected_environment() -> None:
    workflow = load("deploy.yml")
    deploy = workflow["jobs"]["deploy"]
    assert deploy["if"] == "github.ref == 'refs/heads/main'"
    assert deploy["environment"] in ("github-pages", {"name": "github-pages"})
    assert set(workflow["on"]) == {"push", "workflow_dispatch"}
    # The only job that can write is the one that publishes.
    for key, (_, job) in jobs().items():
        if key != "deploy.yml:deploy":
            assert "permissions" not in job, key


def test_every_action_is_pinned_to_a_commit_with_its_release_in_a_comment() -> None:
    for path in WORKFLOWS:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.match(r"\s*(-\s+)?uses:", line):
                assert re.fullmatch(r"\s*(-\s+)?uses: [\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+", line), \
                    f"{path.name}:{number}: pin to a full commit SHA with the tag as comment: {line.strip()}"


def test_the_same_action_is_pinned_to_the_same_commit_everywhere() -> None:
    pins: dict[str, set[str]] = {}
    for path in WORKFLOWS:
        for action, sha in re.findall(r"uses: ([\w.-]+/[\w.-]+)@([0-9a-f]{40})", path.read_text(encoding="utf-8")):
            pins.setdefault(action, set()).add(sha)
    assert pins and all(len(shas) == 1 for shas in pins.values()), pins


def test_no_checkout_keeps_its_credentials() -> None:
    # Every job here builds or reads content from the repository (a pull request's, in test.yml).
    checkouts = 0
    for key, (_, job) in jobs().items():
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout@"):
                checkouts += 1
                assert step.get("with", {}).get("persist-credentials") is False, key
    assert checkouts == len(jobs())


def test_no_expression_is_interpolated_into_a_shell_command() -> None:
    # A value from a matrix, another job or the event reaches a shell only through env:, quoted.
    for key, (_, job) in jobs().items():
        for step in job["steps"]:
            assert "${{" not in step.get("run", ""), (key, step["run"])


def test_pip_runs_only_through_make() -> None:
    for key, (_, job) in jobs().items():
        for step in job["steps"]:
            command = step.get("run", "")
            assert not re.search(r"\bpip\b|\bpip3\b|-m pip", command), (key, command)


def test_the_plan_checks_folder_names_with_the_schema_s_slug_rule() -> None:
    from policysite.schema import SLUG

    step = plan_step()
    assert step["shell"] == "python"
    assert f'SLUG = re.compile(r"{SLUG.pattern}")' in step["run"]


def plan_step() -> dict:
    return next(step for step in load("deploy.yml")["jobs"]["plan"]["steps"] if step.get("id") == "list")


def run_plan(cwd: Path, output: Path) -> subprocess.CompletedProcess[str]:
    # As the runner does for `shell: python`: the script in a file, run by Python.
    script = output.parent / "plan.py"
    script.write_text(plan_step()["run"], encoding="utf-8")
    return subprocess.run([sys.executable, str(script)], cwd=cwd, capture_output=True, text=True, check=False,
                          env={**os.environ, "GITHUB_OUTPUT": str(output)})


def test_the_matrix_lists_every_municipality_the_catalog_knows(tmp_path: Path) -> None:
    from policysite.catalog import load_catalog

    output = tmp_path / "github_output"
    result = run_plan(REPO, output)
    assert result.returncode == 0, result.stderr
    listed = json.loads(output.read_text(encoding="utf-8").split("=", 1)[1])
    assert listed == [municipality.slug for municipality in load_catalog(REPO).municipalities]


@pytest.mark.parametrize("name", ["x;echo pwned>f;#", "$(touch g)", "Roskilde", "a b", "abc\n", "x\n::warning::y",
                                  "\u202eabc", "-rf", "a--b", "\x1b[31mred"])
def test_a_bad_folder_name_stops_the_plan_before_any_shell(tmp_path: Path, name: str) -> None:
    project = tmp_path / "project"
    for folder in ("alfa", name, ".hidden", "_template"):
        (project / "municipalities" / folder).mkdir(parents=True)
    output = tmp_path / "github_output"
    result = run_plan(project, output)
    assert result.returncode == 1
    assert not output.exists()  # nothing reaches the matrix
    assert sorted(p.name for p in project.iterdir()) == ["municipalities"]  # and nothing ran
    shown = ascii(name)
    assert f"Fejl: mappen municipalities/{shown} har et ugyldigt navn" in result.stderr
    assert f"Error: the folder municipalities/{shown} has an invalid name" in result.stderr
    assert result.stderr.isascii() or "å" in result.stderr  # the name escaped; only the Danish text has å
    assert not any(line.startswith("::") for line in (result.stdout + result.stderr).splitlines())
    assert result.stderr.index("Fejl:") < result.stderr.index("Error:")
    assert "alfa" not in result.stderr
