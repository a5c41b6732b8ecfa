"""The command line's edges a new user meets first: -V, errors that name the subcommand's help,
`completion SHELL`, paths outside the repository, a baseline of one problem."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from milestone_lint import __version__
from tests.conftest import write_tree


def test_dash_capital_v_is_version(repo: Path, cli: Any) -> None:
    assert (cli("-V").code, cli("-V").out) == (0, f"milestone-lint, version {__version__}\n")
    assert cli("--version").out == cli("-V").out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["check", "--format", "nope"],
            "Invalid value for '--format': 'nope' is not one of 'text', 'full', 'json', 'github',"
            " 'gitlab', 'sarif', 'junit'; see milestone-lint check --help",
        ),
        (["status", "--bogus"], "No such option '--bogus'; see milestone-lint status --help"),
        (
            ["completion"],
            "Missing argument 'SHELL'. Choose from: bash, zsh, fish;"
            " see milestone-lint completion --help",
        ),
        (
            ["completion", "tcsh"],
            "Invalid value for 'SHELL': 'tcsh' is not one of 'bash', 'zsh', 'fish';"
            " see milestone-lint completion --help",
        ),
        (["statuss"], '"statuss" is neither a command nor a file; did you mean'
         ' "milestone-lint status"; see milestone-lint --help'),
    ],
)  # fmt: skip
def test_usage_errors_end_in_the_subcommand_s_help(
    repo: Path, cli: Any, args: list[str], message: str
) -> None:
    run = cli(*args)
    assert (run.code, run.out, run.err) == (2, "", f"milestone-lint: error: {message}\n")


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_prints_the_script_the_shell_loads(repo: Path, shell: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "_MILESTONE_LINT_COMPLETE"}

    def run(args: list[str], extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "milestone_lint", *args], cwd=repo, env={**env, **extra},
            capture_output=True, text=True, check=False, timeout=60,
        )  # fmt: skip

    printed = run(["completion", shell], {})
    assert (printed.returncode, printed.stderr) == (0, "")
    # Exactly what click's own variable prints: the script's callbacks reach the same program.
    sourced = run([], {"_MILESTONE_LINT_COMPLETE": f"{shell}_source"})
    assert printed.stdout.rstrip("\n") == sourced.stdout.rstrip("\n")
    assert "_MILESTONE_LINT_COMPLETE" in printed.stdout


def test_bash_really_completes_through_the_printed_script(repo: Path) -> None:
    bin_dir = Path(sys.executable).parent
    script = (
        f'PATH="{bin_dir}:$PATH"; eval "$(milestone-lint completion bash)";'
        " COMP_WORDS=(milestone-lint rul); COMP_CWORD=1;"
        ' _milestone_lint_completion milestone-lint; printf "%s\\n" "${COMPREPLY[@]}"'
    )
    done = subprocess.run(
        ["bash", "--norc", "-c", script], cwd=repo, capture_output=True, text=True,
        check=False, timeout=60,
    )  # fmt: skip
    assert (done.returncode, done.stdout.split()) == (0, ["rules", "rule"]), done.stderr


@pytest.mark.parametrize("command", ["status", "context", "check"])
def test_a_path_outside_the_repository_is_one_clean_line(
    tmp_path: Path, repo: Path, cli: Any, command: str
) -> None:
    write_tree(tmp_path, {"other/handoffs/1-a.md": "# A\n\n- a fact\n"})
    run = cli(command, "../other/handoffs")
    assert (run.code, run.out) == (2, "")
    assert run.err == (
        f"milestone-lint: error: ../other/handoffs: outside the repository ({repo});"
        " give a path inside it\n"
    )


def test_baseline_of_one_problem_says_problem(repo: Path, cli: Any) -> None:
    write_tree(repo, {"handoffs/1_setup.md": "# Setup - 2025-03-01\n\n- fine\n"})
    run = cli("baseline")
    assert run.code == 0
    assert run.lines[0] == "recorded 1 problem in .milestone-lint-baseline.json"
