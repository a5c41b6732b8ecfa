"""Configuration discovery and validation: every mistake is one stderr line and exit 2."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Run, write_tree

TREE = ["handoffs/1-setup.md", "handoffs/notes.md", "docs/handoffs/1-x.md"]


def config_error(repo: Path, cli: Any, name: str, text: str) -> str:
    """What ``check`` says of a configuration file holding ``text``: exit 2, nothing on
    stdout, one line on stderr (returned)."""
    (repo / name).write_text(text)
    run: Run = cli("check")
    assert run.code == 2
    assert run.out == ""
    assert run.err.count("\n") == 1
    return run.err


def test_no_config_uses_defaults(repo: Path, cli: Any) -> None:
    write_tree(repo, TREE)
    run = cli("check", "--format", "json")
    assert [d["code"] for d in run.json()] == ["ML101"]


def test_pyproject_table_is_found_from_a_subfolder(repo: Path, cli: Any, monkeypatch: Any) -> None:
    write_tree(repo, TREE)
    (repo / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.milestone-lint]\nroots = ["docs/handoffs"]\n'
    )
    monkeypatch.chdir(repo / "docs")
    run = cli("check", "--format", "json")
    assert run.code == 0, run.out
    assert run.json() == []


def test_pyproject_without_table_is_skipped(repo: Path, cli: Any, monkeypatch: Any) -> None:
    write_tree(repo, TREE)
    (repo / "milestone-lint.toml").write_text('ignore = ["ML101"]\n')
    (repo / "docs" / "pyproject.toml").write_text('[project]\nname = "x"\n')
    monkeypatch.chdir(repo / "docs")
    assert cli("check").code == 0


def test_dedicated_file_wins_over_pyproject(repo: Path, cli: Any) -> None:
    write_tree(repo, TREE)
    (repo / "pyproject.toml").write_text('[tool.milestone-lint]\nignore = ["ML101"]\n')
    (repo / ".milestone-lint.toml").write_text("select = ['ML2']\n")
    (repo / "milestone-lint.toml").write_text("select = ['ML9']\n")
    # .milestone-lint.toml is read: ML101 is not selected, so the tree is clean.
    assert cli("check").code == 0
    (repo / ".milestone-lint.toml").unlink()
    run = cli("check")
    assert run.code == 2
    assert "ML9" in run.err


def test_search_stops_at_the_repo_root(tmp_path: Path, cli: Any, monkeypatch: Any) -> None:
    (tmp_path / "milestone-lint.toml").write_text('ignore = ["ML101"]\n')
    repo = tmp_path / "repo"
    write_tree(repo, TREE)
    (repo / ".git").mkdir()
    monkeypatch.chdir(repo)
    assert cli("check").code == 1


def test_roots_globs_and_paths_relative_to_the_config(repo: Path, cli: Any) -> None:
    write_tree(
        repo,
        ["packages/a/handoffs/1-x.md", "packages/b/handoffs/x.md", "packages/c/other/y.md"],
    )
    (repo / "milestone-lint.toml").write_text('roots = ["packages/*/handoffs"]\n')
    run = cli("check", "--format", "json")
    assert [(d["code"], d["path"]) for d in run.json()] == [("ML101", "packages/b/handoffs/x.md")]


def test_explicit_config_path(repo: Path, cli: Any) -> None:
    write_tree(repo, TREE)
    (repo / "custom.toml").write_text('ignore = ["ML1"]\n')
    assert cli("check", "--config", "custom.toml").code == 0


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            'selct = ["ML1"]\n',
            'milestone-lint.toml: unknown key "selct"; did you mean "select"?',
        ),
        (
            'number-width = "3"\n',
            "milestone-lint.toml: \"number-width\" must be a whole number >= 0, got a string ('3')",
        ),
        (
            'numbering = "chronological"\n',
            'milestone-lint.toml: "numbering" must be one of "auto", "global", "per-directory",'
            " got a string ('chronological')",
        ),
        (
            'ignore = ["ML1090"]\n',
            'milestone-lint.toml: "ignore" names unknown rule code "ML1090"; did you mean "ML109"?',
        ),
        (
            "[limits]\nbulet-words = 3\n",
            'milestone-lint.toml: [limits] unknown key "bulet-words"; did you mean "bullet-words"?',
        ),
        (
            "[limits.handoff]\nwords = -1\n",
            'milestone-lint.toml: [limits.handoff] "words" must be a whole number >= 0,'
            " got a number (-1)",
        ),
        (
            '[per-file-ignores]\n"handoffs/1-legacy/**" = ["XX1"]\n',
            'milestone-lint.toml: [per-file-ignores] "handoffs/1-legacy/**" names unknown rule'
            ' code "XX1"; codes look like ML101 or ML3',
        ),
        (
            "[suggest]\nmin-handoffs = true\n",
            '[suggest] "min-handoffs" must be a whole number >= 0, got a boolean (True)',
        ),
        (
            'system-files = ["0-summary.md", "notes.md"]\n',
            '"system-files" entry "notes.md" must start with "0-"',
        ),
        ("roots = [\n", "milestone-lint.toml: invalid TOML: "),
    ],
)
def test_config_errors_are_one_line_and_exit_2(
    repo: Path, cli: Any, body: str, expected: str
) -> None:
    write_tree(repo, TREE)
    err = config_error(repo, cli, "milestone-lint.toml", body)
    assert err.startswith("milestone-lint: error: ")
    assert expected in err


def test_pyproject_errors_name_the_table(repo: Path, cli: Any) -> None:
    assert config_error(repo, cli, "pyproject.toml", "[tool.milestone-lint]\nepic = true\n") == (
        'milestone-lint: error: pyproject.toml: [tool.milestone-lint] unknown key "epic";'
        ' did you mean "epics"?\n'
    )


def test_non_utf8_config(repo: Path, cli: Any) -> None:
    (repo / "milestone-lint.toml").write_bytes(b"roots = ['\xff']\n")
    run = cli("check")
    assert run.code == 2
    assert "not UTF-8" in run.err


def test_missing_explicit_config(repo: Path, cli: Any) -> None:
    run = cli("check", "--config", "nope.toml")
    assert run.code == 2
    assert (
        run.err
        == "milestone-lint: error: nope.toml: config file not found; check the --config path\n"
    )


def test_limits_resolve_kind_over_general_over_builtin(repo: Path) -> None:
    from milestone_lint.config.loader import load_config
    from milestone_lint.rules.registry import CODES

    (repo / "milestone-lint.toml").write_text(
        "[limits]\nparagraph-words = 50\nbullet-words = 20\n[limits.summary]\nbullet-words = 15\n"
    )
    config = load_config(repo, None, CODES).config
    assert config.limits_for("summary").bullet_words == 15
    assert config.limits_for("summary").paragraph_words == 50
    assert config.limits_for("handoff").paragraph_words == 50
    assert config.limits_for("handoff").words == 1200
    assert config.limits_for("lessons").bullet_words == 20


def test_shipped_schema_is_the_generated_one(cli: Any) -> None:
    shipped = Path(__file__).resolve().parents[1] / "schemas" / "milestone-lint.json"
    run = cli("config", "--schema")
    assert run.code == 0
    assert run.out == shipped.read_text(), "regenerate: milestone-lint config --schema"
    schema = json.loads(run.out)
    from milestone_lint.config.schema import TABLES

    for table, options in TABLES.items():
        where = schema["properties"] if not table else schema["properties"][table]["properties"]
        assert {o.key for o in options} <= set(where)


def test_config_shows_each_setting_and_its_source(repo: Path, cli: Any) -> None:
    (repo / "pyproject.toml").write_text(
        '[tool.milestone-lint]\nroots = ["notes"]\n\n'
        "[tool.milestone-lint.suggest]\nmin-handoffs = 5\n"
    )
    lines = cli("config").lines
    assert lines[0] == f"# {repo / 'pyproject.toml'}"
    assert 'roots = ["notes"]  # pyproject.toml' in lines
    assert 'numbering = "auto"  # default' in lines
    assert "min-handoffs = 5  # pyproject.toml" in lines


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        (
            '[summary.synonyms]\n"Changez" = ["What shipped"]\n',
            '[summary.synonyms] "Changez" is not a summary section; did you mean "Changes"?',
        ),
        (
            'exclude = ["handoffs/[draft"]\n',
            '"exclude": the glob "handoffs/[draft" is malformed: an unclosed "["; close it, or'
            ' write "[[]" for a literal bracket',
        ),
        (
            'roots = [""]\n',
            '"roots": the glob "" is malformed: an empty pattern matches nothing; remove it',
        ),
    ],
)
def test_synonym_sections_and_globs_are_checked(
    repo: Path, cli: Any, toml: str, message: str
) -> None:
    assert config_error(repo, cli, "milestone-lint.toml", toml).endswith(message + "\n")


def test_a_synonym_for_a_configured_section_is_fine(repo: Path, cli: Any) -> None:
    (repo / "milestone-lint.toml").write_text(
        '[summary]\nrequired-sections = ["Changes", "Risks"]\n'
        '[summary.synonyms]\n"Risks" = ["Known risks"]\n"Changes" = ["What shipped"]\n'
    )
    write_tree(repo, ["handoffs/1-a.md"])
    assert cli("check").code == 0
