"""The check command as users run it: options, exit codes, output formats, odd input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from milestone_lint import __version__
from tests.conftest import LAYOUT_ONLY, diagnostics, run_module, write_tree
from tests.test_commit_gate import probe_run

BROKEN = [
    "handoffs/1-core/0-milestone-summary.md",
    "handoffs/1-core/1-setup.md",
    "handoffs/2_auth.md",
    "handoffs/5-search.md",
]


@pytest.fixture
def broken(repo: Path) -> Path:
    (repo / "milestone-lint.toml").write_text(LAYOUT_ONLY)
    return write_tree(repo, BROKEN)


EXPECTED_TEXT = [
    "handoffs/1-core:1:1: ML202 milestone 1-core/ has no 0-lessons-learned.md; create it with the"
    " lessons (Problem/Solution) distilled from its handoffs",
    "handoffs/2_auth.md:1:1: ML101 handoff name is not <N>-<slug>.md; rename it to 2-auth.md",
    "handoffs/5-search.md:1:1: ML105 handoff numbering skips 3–4: renumber, or restore the"
    " missing handoffs",
    "Found 3 problems in 3 files. (3 fixable with --fix)",  # ML105 too: --fix renumbers 5 to 3
]


def test_text_output_and_exit_1(broken: Path, cli: Any) -> None:
    run = cli("check")
    assert run.code == 1
    assert run.lines == EXPECTED_TEXT
    assert run.err == ""


def test_check_is_the_default_command(broken: Path, cli: Any) -> None:
    assert cli().lines == EXPECTED_TEXT
    assert cli("handoffs").lines == EXPECTED_TEXT
    assert cli("--no-color", "handoffs").lines == EXPECTED_TEXT


def test_clean_tree_exits_0(repo: Path, cli: Any) -> None:
    write_tree(repo, ["handoffs/1-setup.md"])
    run = cli("check")
    assert (run.code, run.out) == (0, "All checks passed.\n")


def test_exit_zero_and_quiet(broken: Path, cli: Any) -> None:
    run = cli("check", "--exit-zero", "--quiet")
    assert run.code == 0
    assert run.lines == EXPECTED_TEXT[:-1]


def test_select_ignore_extend_select(broken: Path, cli: Any) -> None:
    assert [c for c, _ in diagnostics(cli("--format", "json", "--select", "ML1"))] == [
        "ML101",
        "ML105",
    ]
    assert [c for c, _ in diagnostics(cli("--format", "json", "--ignore", "ML105,ML202"))] == [
        "ML101"
    ]
    run = cli("--format", "json", "--select", "ML202", "--extend-select", "ML105")
    assert [c for c, _ in diagnostics(run)] == ["ML202", "ML105"]
    run = cli("--format", "json", "--ignore", "ML1", "--extend-select", "ML101")
    assert [c for c, _ in diagnostics(run)] == ["ML202", "ML101"]


def test_select_in_config_and_cli_override(broken: Path, cli: Any) -> None:
    (broken / "milestone-lint.toml").write_text('select = ["ML202"]\n')
    assert [c for c, _ in diagnostics(cli("--format", "json"))] == ["ML202"]
    assert [c for c, _ in diagnostics(cli("--format", "json", "--select", "ML101"))] == ["ML101"]


def test_unknown_code_on_the_command_line(broken: Path, cli: Any) -> None:
    run = cli("--select", "ML1011")
    assert run.code == 2
    assert (
        run.err
        == 'milestone-lint: error: --select: unknown rule code "ML1011"; did you mean "ML101"?\n'
    )


def test_per_file_ignores_and_exclude(broken: Path, cli: Any) -> None:
    (broken / "milestone-lint.toml").write_text(
        '[per-file-ignores]\n"handoffs/1-core" = ["ML2"]\n"**/2_*.md" = ["ML101"]\n'
    )
    assert diagnostics(cli("--format", "json")) == [("ML105", "handoffs/5-search.md")]
    (broken / "milestone-lint.toml").write_text(
        'exclude = ["handoffs/2_auth.md", "handoffs/1-*"]\n'
    )
    # Excluded entries are not part of the tree: 5-search.md is now the only handoff.
    assert diagnostics(cli("--format", "json")) == [("ML105", "handoffs/5-search.md")]


def test_statistics(broken: Path, cli: Any) -> None:
    write_tree(broken, ["handoffs/6_x.md"])
    run = cli("--statistics")
    assert run.code == 1
    assert run.lines == [
        "    2  ML101  handoff-name",
        "    1  ML105  numbering-gap",
        "    1  ML202  missing-lessons",
    ]
    assert cli("--statistics", "--format", "json").json() == [
        {"code": "ML101", "name": "handoff-name", "count": 2},
        {"code": "ML105", "name": "numbering-gap", "count": 1},
        {"code": "ML202", "name": "missing-lessons", "count": 1},
    ]


def test_json_format(broken: Path, cli: Any) -> None:
    run = cli("--format", "json")
    assert run.json()[1] == {
        "code": "ML101",
        "name": "handoff-name",
        "severity": "error",
        "message": "handoff name is not <N>-<slug>.md; rename it to 2-auth.md",
        "path": "handoffs/2_auth.md",
        "line": 1,
        "column": 1,
        "end_line": 1,
        "end_column": 1,
        "fixable": True,
    }


def test_github_format(broken: Path, cli: Any) -> None:
    run = cli("--format", "github")
    assert run.code == 1
    assert run.lines[1] == (
        "::error file=handoffs/2_auth.md,line=1,col=1,endLine=1,endColumn=1,"
        "title=ML101 handoff-name::handoff name is not <N>-<slug>.md; rename it to 2-auth.md"
    )
    assert len(run.lines) == 3


def test_github_format_escapes_properties(repo: Path, cli: Any) -> None:
    write_tree(repo, ["handoffs/a,b:c.md"])
    run = cli("--format", "github")
    assert run.out.startswith("::error file=handoffs/a%2Cb%3Ac.md,line=1")


def test_sarif_format(broken: Path, cli: Any) -> None:
    document = cli("--format", "sarif").json()
    assert document["version"] == "2.1.0"
    run = document["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "milestone-lint"
    assert driver["version"] == __version__
    ids = [r["id"] for r in driver["rules"]]
    assert ids == sorted(ids)
    assert "ML101" in ids
    results = run["results"]
    assert [r["ruleId"] for r in results] == ["ML202", "ML101", "ML105"]
    first = results[1]
    assert driver["rules"][first["ruleIndex"]]["id"] == "ML101"
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "handoffs/2_auth.md"
    assert location["region"] == {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 1}
    assert driver["rules"][first["ruleIndex"]]["help"]["markdown"].startswith("# ML101")


def test_junit_format(broken: Path, cli: Any) -> None:
    run = cli("--format", "junit")
    root = ET.fromstring(run.out.split("\n", 1)[1])
    suite = root.find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures")) == ("3", "3")
    failures = [case.find("failure") for case in suite.findall("testcase")]
    assert [f.get("type") for f in failures if f is not None] == ["ML202", "ML101", "ML105"]


def test_junit_clean(repo: Path, cli: Any) -> None:
    write_tree(repo, ["handoffs/1-a.md"])
    root = ET.fromstring(cli("--format", "junit").out.split("\n", 1)[1])
    suite = root.find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures")) == ("1", "0")


def test_color(broken: Path, cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "\033[" in cli("--color").out
    assert "\033[" not in cli("--no-color").out
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\033[" not in cli().out
    assert "\033[" in cli("--color").out


def test_control_characters_in_names_never_reach_the_terminal(repo: Path, cli: Any) -> None:
    write_tree(repo, ["handoffs/1-a.md", "handoffs/2-\x1b[31mred.md", "handoffs/3-tab\there.md"])
    for fmt in ("text", "json", "github", "sarif", "junit"):
        run = cli("--format", fmt)
        assert "\x1b" not in run.out
        assert "\t" not in run.out.replace("\\t", "")
    text = cli("--format", "text").out
    assert "handoffs/2-\\x1b[31mred.md:1:1: ML101" in text
    assert "handoffs/3-tab\\x09here.md:1:1: ML101" in text


def test_non_utf8_file_name(repo: Path, cli: Any) -> None:
    write_tree(repo, ["handoffs/1-a.md"])
    os.close(os.open(os.fsencode(repo / "handoffs") + b"/2-caf\xe9.md", os.O_CREAT | os.O_WRONLY))
    run = cli("--format", "json")
    assert diagnostics(run) == [("ML101", "handoffs/2-caf\\xe9.md")]


def test_missing_path_is_exit_2(repo: Path, cli: Any) -> None:
    run = cli("check", "handoffs/nope.md")
    assert run.code == 2
    assert run.err == (
        "milestone-lint: error: handoffs/nope.md: no such file or folder; check the path\n"
    )


def test_file_path_judges_its_whole_root(broken: Path, cli: Any) -> None:
    # Layout rules see the whole root even when pre-commit passes one file.
    run = cli("check", "handoffs/5-search.md")
    assert run.lines == EXPECTED_TEXT


def test_path_outside_roots_says_so(broken: Path, cli: Any) -> None:
    write_tree(broken, ["docs/guide.md", "app/search.py"])
    for path in ("docs/guide.md", "app/search.py"):
        run = cli("check", path)
        # Nothing was judged: never "All checks passed".
        assert (run.code, run.out) == (0, "")
        assert run.err == (
            f"milestone-lint: warning: {path}: outside every root (roots = ['handoffs']);"
            " nothing checked there\n"
        )


def test_folder_holding_roots(tmp_path: Path, cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    write_tree(tmp_path, ["examples/clean/handoffs/1-a.md", "examples/broken/handoffs/a.md"])
    monkeypatch.chdir(tmp_path)
    assert diagnostics(cli("--format", "json", "examples")) == [
        ("ML101", "examples/broken/handoffs/a.md")
    ]
    run = cli("examples/clean")
    assert run.code == 0
    run = cli("examples/broken/handoffs")
    assert run.code == 1


def test_folder_without_roots_warns(repo: Path, cli: Any) -> None:
    write_tree(repo, ["docs/a.md"])
    run = cli("check", "docs")
    assert run.code == 0
    assert run.err == (
        "milestone-lint: warning: docs: holds no folder matching roots = ['handoffs'];"
        " nothing checked there\n"
    )


def test_no_roots_at_all(repo: Path, cli: Any) -> None:
    run = cli("check")
    assert run.code == 0
    assert "nothing to check" in run.err
    assert cli("check", "-q").err == ""


def test_unknown_option_is_one_line(repo: Path, cli: Any) -> None:
    run = cli("check", "--frmat", "json")
    assert run.code == 2
    assert run.err.count("\n") == 1
    assert "--frmat" in run.err


def test_rules_and_rule(cli: Any) -> None:
    run = cli("rules")
    assert run.code == 0
    assert run.lines[0].startswith("ML001  unreadable-file")
    assert run.lines[1].startswith("ML101  handoff-name")
    assert run.lines[1].split()[2:4] == ["error", "fix"]
    assert run.lines[2].split()[2:4] == ["error", "A"]
    doc = cli("rule", "ML105")
    assert doc.code == 0
    assert doc.out.startswith("# ML105 numbering-gap\n")
    for heading in ("## What it does", "## Why this matters", "## Example", "Bad:", "Good:"):
        assert heading in doc.out
    assert cli("rule", "numbering-gap").out == doc.out
    assert cli("rule", "ml105").out == doc.out
    bad = cli("rule", "ML1055")
    assert bad.code == 2
    assert bad.err == 'milestone-lint: error: unknown rule "ML1055"; did you mean "ML105"?\n'


def _run_module(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_module(args, cwd)


def test_python_dash_m_and_version(broken: Path) -> None:
    done = _run_module(["--version"], broken)
    assert done.stdout == f"milestone-lint, version {__version__}\n"
    done = _run_module(["check"], broken)
    assert done.returncode == 1
    assert done.stdout.splitlines() == EXPECTED_TEXT


def test_startup_does_not_import_git_or_mistune(broken: Path) -> None:
    code = (
        "import sys; from milestone_lint.cli import main; rc = main(['check', '-q']);"
        " print(sorted(m for m in ('git', 'mistune') if m in sys.modules), rc)"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=broken,
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert done.stdout.splitlines()[-1] == "[] 1"


def test_output_to_a_closed_pipe_is_not_a_traceback(broken: Path) -> None:
    # Far more than a pipe buffer (64 KiB), so the writer really meets a closed pipe.
    write_tree(broken, [f"handoffs/unnumbered-note-{n:04d}-{'x' * 80}.md" for n in range(1500)])
    script = f"{sys.executable} -m milestone_lint check | head -n 1"
    done = subprocess.run(
        script, shell=True, cwd=broken, capture_output=True, text=True, check=False
    )
    assert "Traceback" not in done.stderr
    assert done.stdout.count("\n") == 1


def test_codes_are_case_insensitive_everywhere(broken: Path, cli: Any) -> None:
    upper = [d["code"] for d in cli("check", "--format", "json", "--select", "ML1").json()]
    assert upper
    assert [d["code"] for d in cli("check", "--format", "json", "--select", "ml1").json()] == upper
    (broken / "milestone-lint.toml").write_text('select = ["ml1"]\n')
    assert [d["code"] for d in cli("check", "--format", "json").json()] == upper


def test_force_color_and_no_color(broken: Path, cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in cli("check").out
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in cli("check").out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("chek",), '"chek" is neither a command nor a file; did you mean "milestone-lint check"'),
        (("stauts",), 'did you mean "milestone-lint status"'),
        (("rules", "ML301"), '"rules" lists every rule; for one, run milestone-lint rule ML301'),
    ],
)
def test_mistyped_commands_get_a_hint(
    broken: Path, cli: Any, args: tuple[str, ...], message: str
) -> None:
    run = cli(*args)
    assert run.code == 2
    assert message in run.err


def test_underscore_table_is_an_error(repo: Path, cli: Any) -> None:
    write_tree(repo, ["handoffs/1-a.md"])
    (repo / "pyproject.toml").write_text('[tool.milestone_lint]\nselect = ["ML1"]\n')
    run = cli("check")
    assert run.code == 2
    assert run.err.endswith(
        "[tool.milestone_lint] is not read; the table is [tool.milestone-lint] (with a"
        " hyphen): rename it\n"
    )


def test_full_format_shows_the_line_and_a_caret(repo: Path, cli: Any) -> None:
    write_tree(repo, {"handoffs/1-a.md": "# A - 2025-03-01\n\nIt works, I think.\n"})
    run = cli("check", "--format", "full", "--select", "ML305")
    assert run.out.splitlines() == [
        'handoffs/1-a.md:3:11: ML305 filler "I think": state it as a fact, or say what is'
        " uncertain",
        "  3 | It works, I think.",
        "    |           ^",
        "",
        "Found 1 problem in 1 file.",
    ]


def test_gitlab_format_and_output_file(repo: Path, cli: Any) -> None:
    write_tree(repo, {"handoffs/1-a.md": "# A - 2025-03-01\n\nIt works, I think.\n"})
    run = cli("check", "--format", "gitlab", "--select", "ML305", "-o", "report.json")
    assert (run.code, run.out) == (1, "")
    [issue] = json.loads((repo / "report.json").read_text())
    assert issue["check_name"] == "ML305"
    assert issue["severity"] == "major"  # an error; as a warning (--warn) it is minor
    assert issue["location"] == {"path": "handoffs/1-a.md", "lines": {"begin": 3}}
    cli("check", "--format", "gitlab", "--select", "ML305", "--warn", "ML305", "-o", "report.json")
    [warned] = json.loads((repo / "report.json").read_text())
    assert warned["severity"] == "minor"
    # The fingerprint is the baseline's: content, not line number.
    (repo / "handoffs/1-a.md").write_text("# A - 2025-03-01\n\nMore.\n\nIt works, I think.\n")
    cli("check", "--format", "gitlab", "--select", "ML305", "-o", "report.json")
    [moved] = json.loads((repo / "report.json").read_text())
    assert moved["fingerprint"] == issue["fingerprint"]
    assert moved["location"]["lines"]["begin"] == 5


@pytest.mark.parametrize("fmt", ["sarif", "junit", "github", "gitlab", "full"])
def test_statistics_with_a_format_that_cannot_carry_it(broken: Path, cli: Any, fmt: str) -> None:
    run = cli("check", "--statistics", "--format", fmt)
    assert run.code == 2
    assert run.err == (
        f"milestone-lint: error: --statistics prints a count per rule as text or json, not"
        f" {fmt}; drop --statistics or --format\n"
    )


def test_fixable_is_per_finding(repo: Path, cli: Any) -> None:
    write_tree(repo, ["handoffs/setup.md", "handoffs/2_auth.md", "handoffs/1-core/1-a.md"])
    run = cli("check", "--format", "json", "--select", "ML101,ML201")
    assert [(d["code"], d["path"], d["fixable"]) for d in run.json()] == [
        ("ML201", "handoffs/1-core", True),
        ("ML101", "handoffs/2_auth.md", True),
        ("ML101", "handoffs/setup.md", False),  # no number: --fix cannot name it
    ]
    assert cli("check", "--select", "ML101,ML201").lines[-1] == (
        "Found 3 problems in 3 files. (2 fixable with --fix)"
    )


def test_status_takes_paths_as_check_does(
    tmp_path: Path, cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree(tmp_path, ["examples/clean/handoffs/1-a.md", "examples/broken/handoffs/2-b.md"])
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    run = cli("status", "examples")
    assert run.code == 0, run.err
    heads = [line for line in run.lines if line.endswith("numbering)")]
    assert heads == [
        "examples/broken/handoffs/ (global numbering)",
        "examples/clean/handoffs/ (global numbering)",
    ]
    monkeypatch.chdir(tmp_path / "examples/clean")
    run = cli("status")
    assert run.lines[0] == "examples/clean/handoffs/ (global numbering)"


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("milestone-lint ch", ["check"]),
        ("milestone-lint ru", ["rules", "rule"]),
        ("milestone-lint rule ml30", [f"ML30{n}" for n in range(1, 10)]),
        ("milestone-lint check --select ML10", [f"ML10{n}" for n in range(1, 10)]),
        ("milestone-lint check --format g", ["github", "gitlab"]),
    ],
)
def test_shell_completion(broken: Path, words: str, expected: list[str]) -> None:
    env = {
        **os.environ,
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - 1),
        "_MILESTONE_LINT_COMPLETE": "bash_complete",
    }
    done = subprocess.run(
        [sys.executable, "-m", "milestone_lint"], cwd=broken, env=env, capture_output=True,
        text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert [line.split(",", 1)[1] for line in done.stdout.splitlines()] == expected


@pytest.mark.parametrize(
    "args",
    [
        ["check"],
        ["check", "-q", "--exit-zero"],
        ["check", "--no-cache", "--statistics", "handoffs"],
        ["check", "--quiet", "handoffs/5-search-ranking.md"],
    ],
)
def test_plain_check_lines_skip_click_and_say_what_click_would(
    repo: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    import shutil

    from milestone_lint.commands.group import run_click

    examples = Path(__file__).resolve().parents[1] / "examples" / "broken" / "handoffs"
    shutil.copytree(examples, repo / "handoffs")
    through_click = run_click(list(args))
    expected = capsys.readouterr()
    code, loaded, _, printed, err = probe_run(repo, args, heavy=("click",))
    assert loaded == []
    assert (code, printed, err) == (through_click, expected.out, expected.err)
