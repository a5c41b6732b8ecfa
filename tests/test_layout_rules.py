"""Path rules on real trees: exact code and path, and the false-alarm side."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import LAYOUT_ONLY, diagnostics, write_tree

SYSTEM = ("0-milestone-summary.md", "0-lessons-learned.md")


def milestone(folder: str, *handoffs: str) -> list[str]:
    return [f"handoffs/{folder}/{name}" for name in (*SYSTEM, *handoffs)]


def lint(cli: Any, *args: str) -> list[tuple[str, str]]:
    run = cli("check", "--format", "json", *args)
    assert run.code in (0, 1), run.err
    assert run.err == ""
    return diagnostics(run)


PER_DIRECTORY_TREE = [
    *milestone("1-core-entities", "1-api-setup.md", "2-core-entities.md"),
    *milestone("2-auth", "1-login.md", "2-tokens.md", "3-refresh.md"),
    "handoffs/1-relationship-fixes.md",
    "handoffs/2-search.md",
    "handoffs/0-instructions/0-intro.md",
    "handoffs/0-instructions/prompts/CH-create-handoff.md",
    "handoffs/0-system/chat-history/2025-03-20-notes.md",
    "handoffs/README.md",
    "handoffs/.clinerules",
    "handoffs/.vscode/settings.json",
]
GLOBAL_TREE = [
    *milestone("1-core-entities", "1-api-setup.md", "2-core-entities.md"),
    *milestone("2-auth", "3-login.md", "4-tokens.md"),
    "handoffs/5-relationship-fixes.md",
    "handoffs/6-search.md",
    "handoffs/0-system/instructions/1-handoff-instructions.md",
]


@pytest.mark.parametrize("mode", ["auto", "per-directory"])
def test_per_directory_tree_is_clean(repo: Path, cli: Any, mode: str) -> None:
    write_tree(repo, PER_DIRECTORY_TREE)
    assert lint(cli, "--config", str(_config(repo, f'numbering = "{mode}"'))) == []


@pytest.mark.parametrize("mode", ["auto", "global"])
def test_global_tree_is_clean(repo: Path, cli: Any, mode: str) -> None:
    write_tree(repo, GLOBAL_TREE)
    assert lint(cli, "--config", str(_config(repo, f'numbering = "{mode}"'))) == []


def _config(repo: Path, body: str) -> Path:
    path = repo / "milestone-lint.toml"
    path.write_text(LAYOUT_ONLY + body + "\n")
    return path


@pytest.fixture(autouse=True)
def _layout_rules_only(repo: Path) -> None:
    # These trees hold placeholder files; content rules have their own tests.
    _config(repo, "")


def test_global_tree_under_per_directory_reports_gaps(repo: Path, cli: Any) -> None:
    write_tree(repo, GLOBAL_TREE)
    _config(repo, 'numbering = "per-directory"')
    assert lint(cli) == [
        ("ML105", "handoffs/2-auth/3-login.md"),
        ("ML105", "handoffs/5-relationship-fixes.md"),
    ]


def test_per_directory_tree_under_global_reports_order_once_per_folder(
    repo: Path, cli: Any
) -> None:
    write_tree(repo, PER_DIRECTORY_TREE)
    _config(repo, 'numbering = "global"')
    assert lint(cli) == [
        ("ML106", "handoffs/1-relationship-fixes.md"),
        ("ML106", "handoffs/2-auth/1-login.md"),
    ]


def test_auto_reports_the_folder_that_breaks_the_majority_style(repo: Path, cli: Any) -> None:
    write_tree(
        repo,
        [
            *milestone("1-core", "1-setup.md", "2-api.md"),
            *milestone("2-auth", "3-login.md"),
            *milestone("3-search", "4-index.md"),
            "handoffs/1-refactor.md",
        ],
    )
    run = cli("check", "--format", "json")
    assert [(d["code"], d["path"], d["line"], d["column"]) for d in run.json()] == [
        ("ML106", "handoffs/1-refactor.md", 1, 1)
    ]
    assert "continue from 5" in run.json()[0]["message"]


def test_auto_per_directory_majority_reports_a_continuing_folder(repo: Path, cli: Any) -> None:
    write_tree(
        repo,
        [
            *milestone("1-core", "1-setup.md", "2-api.md"),
            *milestone("2-auth", "1-login.md"),
            *milestone("3-search", "2-index.md"),
            "handoffs/1-refactor.md",
        ],
    )
    assert lint(cli) == [("ML106", "handoffs/3-search/2-index.md")]


def test_handoff_name(repo: Path, cli: Any) -> None:
    write_tree(
        repo,
        [
            "handoffs/1-setup.md",
            "handoffs/2_auth.md",
            "handoffs/3-Setup Notes.md",
            "handoffs/notes.md",
            "handoffs/4-ok.markdown",
            *milestone("1-core", "1-fine.md", "2-Bad_Name.md"),
        ],
    )
    run = cli("check", "--format", "json")
    found = [(d["code"], d["path"], d["message"]) for d in run.json()]
    assert found == [
        ("ML101", "handoffs/1-core/2-Bad_Name.md", _msg("rename it to 2-bad-name.md")),
        ("ML101", "handoffs/2_auth.md", _msg("rename it to 2-auth.md")),
        ("ML101", "handoffs/3-Setup Notes.md", _msg("rename it to 3-setup-notes.md")),
        ("ML101", "handoffs/4-ok.markdown", _msg("rename it to 4-ok.md")),
        (
            "ML101",
            "handoffs/notes.md",
            _msg(
                "number it (<N>-<slug>.md) if it is a handoff, or give it a 0- prefix or move it"
                " into a 0- folder if it documents the system"
            ),
        ),
    ]


def _msg(hint: str) -> str:
    return f"handoff name is not <N>-<slug>.md; {hint}"


def test_unknown_system_file_suggests_the_closest_name(repo: Path, cli: Any) -> None:
    write_tree(
        repo,
        [
            "handoffs/1-core/0-milestone-sumary.md",
            "handoffs/1-core/0-lessons-learned.md",
            "handoffs/1-core/0-notes.md",
            "handoffs/1-core/1-setup.md",
        ],
    )
    run = cli("check", "--format", "json")
    assert [(d["code"], d["path"], d["message"]) for d in run.json()] == [
        ("ML201", "handoffs/1-core", _missing("1-core", "0-milestone-summary.md", False)),
        (
            "ML102",
            "handoffs/1-core/0-milestone-sumary.md",
            "0-milestone-sumary.md is not a known system file; did you mean"
            " 0-milestone-summary.md?",
        ),
        (
            "ML102",
            "handoffs/1-core/0-notes.md",
            "0-notes.md is not a known system file; system files are 0-milestone-summary.md,"
            " 0-lessons-learned.md; if this is a handoff, number it without the 0- prefix",
        ),
    ]


def _missing(folder: str, name: str, lessons: bool) -> str:
    tail = (
        " with the lessons (Problem/Solution) distilled from its handoffs"
        if lessons
        else " with the completion date, changes, decisions and discoveries"
    )
    return f"milestone {folder}/ has no {name}; create it{tail}"


def test_padding_reports_the_minority(repo: Path, cli: Any) -> None:
    write_tree(
        repo,
        [
            *milestone("1-core", "001-state.md", "002-api.md"),
            "handoffs/003-auth.md",
            "handoffs/4-search.md",
        ],
    )
    run = cli("check", "--format", "json")
    assert [(d["code"], d["path"], d["message"]) for d in run.json()] == [
        (
            "ML103",
            "handoffs/4-search.md",
            "handoff number 4 should be written with 3 digits (004) like the other handoffs here",
        )
    ]


def test_padding_minority_padded(repo: Path, cli: Any) -> None:
    write_tree(repo, ["handoffs/1-a.md", "handoffs/2-b.md", "handoffs/03-c.md"])
    assert lint(cli) == [("ML103", "handoffs/03-c.md")]


def test_padding_is_fine_for_numbers_wider_than_the_padding(repo: Path, cli: Any) -> None:
    names = [f"handoffs/{n:02d}-note.md" for n in range(1, 13)] + ["handoffs/100-x.md"]
    write_tree(repo, names)
    # 100 is wide enough on its own; the gap 13–99 is real.
    assert lint(cli) == [("ML105", "handoffs/100-x.md")]


def test_number_width_is_enforced(repo: Path, cli: Any) -> None:
    write_tree(repo, ["handoffs/001-a.md", "handoffs/2-b.md", "handoffs/0003-c.md"])
    _config(repo, "number-width = 3")
    assert lint(cli) == [("ML103", "handoffs/0003-c.md"), ("ML103", "handoffs/2-b.md")]


def test_milestone_padding_is_judged_apart_from_handoffs(repo: Path, cli: Any) -> None:
    write_tree(
        repo,
        [
            *milestone("01-core", "001-a.md"),
            *milestone("2-auth", "002-b.md"),
            *milestone("03-search", "003-c.md"),
        ],
    )
    assert lint(cli) == [("ML103", "handoffs/2-auth")]


def test_duplicate_numbers(repo: Path, cli: Any) -> None:
    write_tree(
        repo,
        [
            *milestone("1-core", "1-a.md"),
            *milestone("2-auth", "2-b.md"),
            *milestone("2-search", "3-c.md"),
            "handoffs/4-chat-transcript.md",
            "handoffs/4-workflow.md",
            "handoffs/5-x.md",
        ],
    )
    run = cli("check", "--format", "json")
    assert [(d["code"], d["path"], d["message"]) for d in run.json()] == [
        (
            "ML104",
            "handoffs/2-search",
            "milestone number 2 is also used by 2-auth; give each its own number",
        ),
        (
            "ML104",
            "handoffs/4-workflow.md",
            "handoff number 4 is also used by 4-chat-transcript.md; give each its own number",
        ),
    ]


def test_padded_and_unpadded_same_value_is_a_duplicate(repo: Path, cli: Any) -> None:
    write_tree(repo, ["handoffs/001-state.md", "handoffs/002-api.md", "handoffs/1-stray.md"])
    assert lint(cli) == [("ML103", "handoffs/1-stray.md"), ("ML104", "handoffs/1-stray.md")]


def test_gaps(repo: Path, cli: Any) -> None:
    write_tree(
        repo,
        [
            *milestone("1-core", "1-a.md"),
            *milestone("3-auth", "2-b.md"),
            "handoffs/3-c.md",
            "handoffs/6-f.md",
        ],
    )
    run = cli("check", "--format", "json")
    assert [(d["code"], d["path"], d["message"]) for d in run.json()] == [
        (
            "ML105",
            "handoffs/3-auth",
            "milestone numbering skips 2: renumber, or restore the missing milestone",
        ),
        (
            "ML105",
            "handoffs/6-f.md",
            "handoff numbering skips 4–5: renumber, or restore the missing handoffs",
        ),
    ]


def test_per_directory_gap_names_the_folder(repo: Path, cli: Any) -> None:
    write_tree(repo, [*milestone("1-core", "1-a.md", "3-c.md")])
    _config(repo, 'numbering = "per-directory"')
    run = cli("check", "--format", "json")
    assert [(d["code"], d["path"], d["message"]) for d in run.json()] == [
        (
            "ML105",
            "handoffs/1-core/3-c.md",
            "handoff numbering skips 2 in 1-core/: renumber, or restore the missing handoff",
        )
    ]


def test_milestone_name(repo: Path, cli: Any) -> None:
    write_tree(
        repo,
        [
            *milestone("1-AN-AW_Progression", "1-a.md"),
            *milestone("2-Foundation Systems", "2-b.md"),
            "handoffs/notes/todo.md",
            "handoffs/E1-identity/0-epic-summary.md",
        ],
    )
    run = cli("check", "--format", "json")
    assert [(d["code"], d["path"], d["message"]) for d in run.json()] == [
        (
            "ML107",
            "handoffs/1-AN-AW_Progression",
            "milestone folder 1-AN-AW_Progression/ is not <N>-<slug> (lowercase words joined by"
            " hyphens); rename it to 1-an-aw-progression",
        ),
        (
            "ML107",
            "handoffs/2-Foundation Systems",
            "milestone folder 2-Foundation Systems/ is not <N>-<slug> (lowercase words joined by"
            " hyphens); rename it to 2-foundation-systems",
        ),
        (
            "ML107",
            "handoffs/E1-identity",
            "folder E1-identity/ looks like an epic but epics are off; set epics = true or rename"
            " it <N>-<slug>",
        ),
        (
            "ML107",
            "handoffs/notes",
            "folder notes/ is not a milestone (<N>-<slug>) nor a 0- system folder; number it, or"
            " prefix it with 0- if it holds system files",
        ),
    ]


def test_generic_milestone_names(repo: Path, cli: Any) -> None:
    write_tree(
        repo,
        [
            *milestone("1-misc", "1-a.md"),
            *milestone("2-final-changes", "2-b.md"),
            *milestone("3-milestone-3", "3-c.md"),
            *milestone("4-implementation-milestone", "4-d.md"),
        ],
    )
    assert lint(cli) == [
        ("ML108", "handoffs/1-misc"),
        ("ML108", "handoffs/2-final-changes"),
        ("ML108", "handoffs/3-milestone-3"),
    ]


def test_generic_names_are_configurable(repo: Path, cli: Any) -> None:
    write_tree(repo, [*milestone("1-misc", "1-a.md"), *milestone("2-polish", "2-b.md")])
    _config(repo, 'generic-names = ["polish"]')
    assert lint(cli) == [("ML108", "handoffs/2-polish")]


def test_unexpected_entries(repo: Path, cli: Any) -> None:
    write_tree(
        repo,
        {
            "handoffs/1-core/0-milestone-summary.md": "# S\n\n![flow](auth%20flow.png)\n",
            "handoffs/1-core/0-lessons-learned.md": "# L\n\n[ref]: ./schema.svg\n",
            "handoffs/1-core/1-a.md": '# A\n\n<img src="chart.jpg">\n',
            "handoffs/1-core/auth flow.png": "x",
            "handoffs/1-core/schema.svg": "x",
            "handoffs/1-core/chart.jpg": "x",
            "handoffs/1-core/debug.log": "x",
            "handoffs/1-core/old/1-a.md": "x",
            "handoffs/1-core/.DS_Store": "x",
        },
    )
    assert lint(cli) == [("ML109", "handoffs/1-core/debug.log"), ("ML109", "handoffs/1-core/old")]


def test_missing_system_files_and_empty_milestone(repo: Path, cli: Any) -> None:
    write_tree(
        repo,
        [
            "handoffs/1-core/0-milestone-summary.md",
            "handoffs/1-core/1-a.md",
            "handoffs/2-auth/0-lessons-learned.md",
            "handoffs/2-auth/2-b.md",
            "handoffs/3-search/0-milestone-summary.md",
            "handoffs/3-search/0-lessons-learned.md",
            "handoffs/4-empty/",
        ],
    )
    assert lint(cli) == [
        ("ML202", "handoffs/1-core"),
        ("ML201", "handoffs/2-auth"),
        ("ML203", "handoffs/3-search"),
        ("ML201", "handoffs/4-empty"),
        ("ML202", "handoffs/4-empty"),
        ("ML203", "handoffs/4-empty"),
    ]


def test_system_files_are_configurable(repo: Path, cli: Any) -> None:
    write_tree(
        repo,
        [
            "handoffs/1-core/0-milestone-summary.md",
            "handoffs/1-core/0-milestone-lessons-learned.md",
            "handoffs/1-core/1-a.md",
        ],
    )
    _config(repo, 'system-files = ["0-milestone-summary.md", "0-milestone-lessons-learned.md"]')
    assert lint(cli) == []


EPIC_TREE = [
    "handoffs/E1-identity/0-epic-summary.md",
    "handoffs/E1-identity/0-epic-lessons-learned.md",
    *[p.replace("handoffs/", "handoffs/E1-identity/") for p in milestone("1-auth", "1-a.md")],
    *[p.replace("handoffs/", "handoffs/E1-identity/") for p in milestone("2-roles", "2-b.md")],
    *milestone("3-audit", "3-c.md"),
    "handoffs/4-next.md",
]


def test_epics_pass_when_enabled(repo: Path, cli: Any) -> None:
    write_tree(repo, EPIC_TREE)
    _config(repo, "epics = true")
    assert lint(cli) == []


def test_epic_problems(repo: Path, cli: Any) -> None:
    write_tree(
        repo,
        [
            *EPIC_TREE,
            "handoffs/E2-billing/0-epic-sumary.md",
            "handoffs/E2-billing/notes.txt",
            "handoffs/E4-Big Thing/0-epic-summary.md",
        ],
    )
    _config(repo, "epics = true")
    assert lint(cli) == [
        ("ML201", "handoffs/E2-billing"),
        ("ML202", "handoffs/E2-billing"),
        ("ML203", "handoffs/E2-billing"),
        ("ML102", "handoffs/E2-billing/0-epic-sumary.md"),
        ("ML109", "handoffs/E2-billing/notes.txt"),
        ("ML105", "handoffs/E4-Big Thing"),
        ("ML107", "handoffs/E4-Big Thing"),
        ("ML202", "handoffs/E4-Big Thing"),
        ("ML203", "handoffs/E4-Big Thing"),
    ]


def test_dot_entries_and_system_folders_are_never_judged(repo: Path, cli: Any) -> None:
    write_tree(
        repo,
        [
            "handoffs/1-a.md",
            "handoffs/0-instructions/Whatever Name.md",
            "handoffs/0-instructions/7-x.md",
            "handoffs/0-system/scripts/README.md",
            "handoffs/0-system/chat-history/2025-03-20-x_clean.md",
            "handoffs/0-notes.md",
            "handoffs/.github/x.md",
            "handoffs/.clinerules-handoff-manager",
            "handoffs/README.md",
            "handoffs/diagram.png",
        ],
    )
    assert lint(cli) == []
