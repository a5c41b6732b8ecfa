"""The GitHub Action (action.yml), run as GitHub runs a composite action.

Each ``run:`` step is run with bash (``--noprofile --norc -eo pipefail``, GitHub's shell for
``shell: bash``) in a clone of a real repository, on a pull-request branch, with the
``${{ }}`` expressions the steps use substituted and ``GITHUB_STEP_SUMMARY``, ``GITHUB_OUTPUT``,
``GITHUB_BASE_REF`` and ``GITHUB_EVENT_NAME`` set. The install step builds a venv from the
action's checkout (slow: one test runs it); the others point ``steps.install.outputs.bin`` at
the package already installed for the tests, which is what that step would produce.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

import pytest
import yaml

from tests.conftest import GOOD_TREE, commit_all, git, write_tree

ACTION = Path(__file__).resolve().parents[1] / "action.yml"
EXPRESSION = re.compile(r"\$\{\{\s*([^}]*?)\s*\}\}")
FILLER = "- It basically works\n"
LONG = "- " + " ".join(f"word{i}" for i in range(30)) + "\n"
# Nine unnumbered notes in an old milestone: layout debt on main (ML101, one each).
DEBT = {f"handoffs/1-core/draft_{i}.md": "# Draft\n" for i in range(9)}


class Ran(NamedTuple):
    code: int
    stdout: str
    stderr: str
    summary: str
    outputs: dict[str, str]


def run_action(workdir: Path, tmp: Path, inputs: Mapping[str, str], install: bool = False) -> Ran:
    """The action's steps in ``workdir``, as GitHub would run them on a pull request to main."""
    action = yaml.safe_load(ACTION.read_text())
    assert action["runs"]["using"] == "composite"
    values = {f"inputs.{k}": str(v.get("default", "")) for k, v in action["inputs"].items()}
    values.update({f"inputs.{k}": v for k, v in inputs.items()})
    values["github.action_path"] = str(ACTION.parent)
    if not install:
        values["steps.install.outputs.bin"] = str(Path(sys.executable).parent)
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp / "home"),
        "RUNNER_TEMP": str(tmp / "runner"),
        "GITHUB_BASE_REF": "main",
        "GITHUB_EVENT_NAME": "pull_request",
    }
    (tmp / "runner").mkdir(exist_ok=True)
    (tmp / "home").mkdir(exist_ok=True)
    out = err = summary = ""
    outputs: dict[str, str] = {}
    code = 0
    for number, step in enumerate(action["runs"]["steps"]):
        if step.get("id") == "install" and not install:
            continue
        assert step["shell"] == "bash"

        def substitute(text: str) -> str:
            return EXPRESSION.sub(lambda m: values[m.group(1)], text)  # unknown: KeyError

        step_env = {k: substitute(str(v)) for k, v in step.get("env", {}).items()}
        summary_file, output_file = tmp / f"summary-{number}", tmp / f"output-{number}"
        summary_file.write_text("")
        output_file.write_text("")
        script = tmp / f"step-{number}.sh"
        script.write_text(substitute(step["run"]))
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=workdir,
            env={
                **env,
                **step_env,
                "GITHUB_STEP_SUMMARY": str(summary_file),
                "GITHUB_OUTPUT": str(output_file),
            },
            capture_output=True,
            text=True,
            timeout=600 if install else 60,
        )
        out, err, code = out + done.stdout, err + done.stderr, done.returncode
        summary += summary_file.read_text()
        for line in output_file.read_text().splitlines():
            key, _, value = line.partition("=")
            values[f"steps.{step['id']}.outputs.{key}"] = outputs[f"{step['id']}.{key}"] = value
        if code:
            break
    return Ran(code, out, err, summary, outputs)


def pull_request(tmp: Path, branch_files: Mapping[str, str]) -> Path:
    """A repository with debt on main, cloned (as actions/checkout with fetch-depth 0 does), on
    a branch that commits ``branch_files``."""
    upstream = tmp / "upstream"
    upstream.mkdir()
    git(upstream, "init", "-q", "-b", "main")
    config = 'warn = ["ML301"]\n'
    write_tree(upstream, {**GOOD_TREE, **DEBT, "src/app.py": "v = 1\n"})
    (upstream / "milestone-lint.toml").write_text(config)
    commit_all(upstream, "main")
    clone = tmp / "clone"
    git(tmp, "clone", "-q", str(upstream), str(clone))
    git(clone, "checkout", "-q", "-b", "topic")
    write_tree(clone, branch_files)
    commit_all(clone, "topic")
    return clone


# 9 errors (ML305) and 12 warnings (ML301, warned) in the handoff the branch adds; with the
# 9 ML101 of main's debt, 30 findings: 18 errors, 12 warnings.
PR_FILES = {
    "src/app.py": "v = 2\n",
    "handoffs/3-login.md": (
        "# Login Handoff - 2025-03-06\n\n## Summary\n"
        + FILLER * 9
        + "\n## Discoveries\n"
        + LONG * 12
    ),
}


def annotations_in(out: str) -> list[tuple[str, str, str]]:
    found = re.findall(r"^::(error|warning) file=([^,]*),line=\d+.*?title=(ML\d+)", out, re.M)
    return [(level, path, code) for level, path, code in found]


def test_annotations_go_to_the_changed_files_first_within_the_limits(tmp_path: Path) -> None:
    ran = run_action(pull_request(tmp_path, PR_FILES), tmp_path, {"sarif": "results.sarif"})
    assert ran.code == 1, ran.stderr
    assert ran.stderr == ""
    assert ran.outputs["lint.exit-code"] == "1"
    shown = annotations_in(ran.stdout)
    assert shown == [
        *[("error", "handoffs/3-login.md", "ML305")] * 9,
        *[("warning", "handoffs/3-login.md", "ML301")] * 10,
        ("error", "handoffs/1-core/draft_0.md", "ML101"),
    ]
    assert ran.stdout.count("\nhandoffs/1-core/draft_") == 8  # the rest, as plain log lines
    assert ran.stdout.count(": ML301 [warning] bullet has 30 words") == 2
    assert ran.stdout.rstrip().endswith(
        "::notice title=milestone-lint::10 of 30 findings not annotated (GitHub shows 10 errors"
        " and 10 warnings a step); all are in the log above and in the step summary"
        " (--step-summary)"
    )
    rows = [line for line in ran.summary.splitlines() if line.startswith("| error |")]
    rows += [line for line in ran.summary.splitlines() if line.startswith("| warning |")]
    assert len(rows) == 30
    assert (
        "30 problems (18 errors, 12 warnings) in 10 files. 10 not annotated (GitHub shows 10"
        " errors and 10 warnings a step): they are listed here." in ran.summary
    )
    assert "| error | handoffs/3-login.md:4:6 (changed) | ML305 filler |" in ran.summary
    assert "| error | handoffs/1-core/draft_8.md:1:1 | ML101 handoff-name |" in ran.summary
    sarif = json.loads((tmp_path / "clone/results.sarif").read_text())
    assert len(sarif["runs"][0]["results"]) == 30


def test_without_a_sarif_input_no_sarif_is_written(tmp_path: Path) -> None:
    clone = pull_request(tmp_path, PR_FILES)
    ran = run_action(clone, tmp_path, {})
    assert ran.code == 1
    assert not list(clone.glob("*.sarif"))


def test_require_handoff_adds_the_gate(tmp_path: Path) -> None:
    clone = pull_request(tmp_path, {"src/app.py": "v = 2\n"})
    ran = run_action(clone, tmp_path, {})
    assert (ran.code, annotations_in(ran.stdout)) == (1, [("error", p, "ML101") for p in DEBT])
    ran = run_action(clone, tmp_path, {"require-handoff": "true"})
    assert ran.code == 1
    assert annotations_in(ran.stdout)[0] == ("error", "src/app.py", "ML402")  # a changed file
    assert "| error | src/app.py:1:1 (changed) | ML402 handoff-required |" in ran.summary


def test_a_clean_branch_passes_and_says_so(tmp_path: Path) -> None:
    clone = pull_request(tmp_path, {"src/app.py": "v = 2\n"})
    for path in DEBT:
        git(clone, "rm", "-q", path)
    write_tree(clone, {"handoffs/3-login.md": "# Login Handoff - 2025-03-06\n\n## Summary\nOk.\n"})
    commit_all(clone, "clean")
    ran = run_action(clone, tmp_path, {"require-handoff": "true", "args": "check --strict"})
    assert (ran.code, ran.stdout, ran.outputs["lint.exit-code"]) == (0, "", "0"), ran.stderr
    assert ran.summary == "## milestone-lint\n\nNo problems found.\n"


def test_a_bad_args_input_fails_with_the_usage_code(tmp_path: Path) -> None:
    clone = pull_request(tmp_path, {"src/app.py": "v = 2\n"})
    ran = run_action(clone, tmp_path, {"args": "check --select NOPE"})
    assert ran.code == 2
    assert ran.stderr.count("\n") == 1


@pytest.mark.slow
def test_the_install_step_builds_a_private_venv_from_the_checkout(tmp_path: Path) -> None:
    clone = pull_request(tmp_path, PR_FILES)
    ran = run_action(clone, tmp_path, {}, install=True)
    assert ran.code == 1, ran.stderr
    assert ran.outputs["install.bin"] == str(tmp_path / "runner/milestone-lint-venv/bin")
    assert len(annotations_in(ran.stdout)) == 20


def _summary_to(repo: Path, target: Path) -> subprocess.CompletedProcess[str]:
    # A separate process, bounded: a summary path that blocked would hang, not fail.
    return subprocess.run(
        [sys.executable, "-m", "milestone_lint", "check", "--step-summary", str(target)],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_step_summary_is_appended_to_an_existing_file_only(
    tracked: Path, tmp_path: Path
) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    assert _summary_to(tracked, summary).returncode == 0
    assert summary.read_text() == "earlier step\n## milestone-lint\n\nNo problems found.\n"
    missing = _summary_to(tracked, tmp_path / "none.md")
    assert (missing.returncode, missing.stdout) == (2, "")
    assert missing.stderr == (
        f"milestone-lint: error: {tmp_path}/none.md: cannot append the step summary (No such"
        " file or directory); --step-summary takes a file that exists, such as"
        " $GITHUB_STEP_SUMMARY\n"
    )
    assert not (tmp_path / "none.md").exists()


def test_the_step_summary_never_follows_a_link_or_waits_on_a_fifo(
    tracked: Path, tmp_path: Path
) -> None:
    import os

    (tmp_path / "zero").symlink_to("/dev/zero")
    linked = _summary_to(tracked, tmp_path / "zero")
    assert linked.returncode == 2
    assert "(it is a symbolic link)" in linked.stderr
    os.mkfifo(tmp_path / "fifo")
    fifo = _summary_to(tracked, tmp_path / "fifo")
    assert fifo.returncode == 2
    assert fifo.stderr.count("\n") == 1
    assert "cannot append the step summary" in fifo.stderr
