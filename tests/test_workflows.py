"""The GitHub Actions workflows: valid for actionlint, and doing what the project promises.

Pull requests run `make test`; a push to main builds every microsite in a
matrix and deploys from one job, in one concurrency group that never cancels a
running deploy. actionlint comes from the pinned requirements (requirements.lock).
"""
from __future__ import annotations

import json
import os
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
        pytest.fail(f"{ACTIONLINT} is missing: run `make test`, which installs requirements.lock.")
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
    assert "make deploy SHARDS=shards" in runs(deploy)
    assert deploy["permissions"] == {"contents": "write"} and workflow["permissions"] == {"contents": "read"}
    checkout = next(step for step in deploy["steps"] if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0


def test_the_matrix_lists_every_municipality_the_catalog_knows(tmp_path: Path) -> None:
    from policysite.catalog import load_catalog

    step = next(step for step in load("deploy.yml")["jobs"]["plan"]["steps"] if step.get("id") == "list")
    output = tmp_path / "github_output"
    subprocess.run(["bash", "-euo", "pipefail", "-c", step["run"]], cwd=REPO, check=True,
                   env={**os.environ, "GITHUB_OUTPUT": str(output)})
    listed = json.loads(output.read_text(encoding="utf-8").split("=", 1)[1])
    assert listed == [municipality.slug for municipality in load_catalog(REPO).municipalities]
