"""Precision on real trees (issue 11): each class of false alarm stays silent, and the true
finding of the same rule still fires next to it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.helpers import CLEAN_LESSONS, CLEAN_SUMMARY, HANDOFF, found, tree

# --- chat transcripts ------------------------------------------------------------------------

TRANSCRIPT = (
    "# Chat\n\n" + "User said a very long thing " * 40 + "\n\n[TASK RESUMPTION] basically\n"
)


def test_transcripts_are_numbered_but_not_judged_as_handoffs(repo: Path, cli: Any) -> None:
    tree(
        repo,
        **{
            "handoffs/2-auth.md": "# Auth - 2025-03-05\n\n## Summary\nLogin.\n",
            "handoffs/3-chat_transcript.md": TRANSCRIPT,
            "handoffs/4-chat-transcript.md": TRANSCRIPT,
            "handoffs/6-next.md": "# Next - 2025-03-06\n\n## Summary\nMore.\n",
        },
    )
    # No ML101 for the name, no content rule on the text; the numbers count (5 is missing).
    assert [(c, p) for c, p, _, _ in found(cli)] == [("ML105", "handoffs/6-next.md")]
    status = cli("status").out
    assert "  pending handoffs: 2\n    2-auth.md\n    6-next.md\n" in status
    listed = "  pending transcripts: 2\n    3-chat_transcript.md\n    4-chat-transcript.md\n"
    assert listed in status


def test_new_milestone_moves_transcripts_without_distilling_them(repo: Path, cli: Any) -> None:
    tree(
        repo,
        **{
            "handoffs/2-auth.md": (
                "# Auth - 2025-03-05\n\n## Discoveries\n- Tokens expire hourly\n"
            ),
            "handoffs/3-chat_transcript.md": "# Chat\n\n## Discoveries\n- chatter said here\n",
        },
    )
    run = cli("new", "milestone", "auth")
    assert run.code == 0, run.err
    assert (repo / "handoffs/2-auth/3-chat_transcript.md").exists()
    summary = (repo / "handoffs/2-auth/0-milestone-summary.md").read_text()
    assert "Tokens expire hourly" in summary
    assert "chatter" not in summary


# --- small items found trying it as a new user -----------------------------------------------


def test_current_project_state_is_the_state_section(repo: Path, cli: Any) -> None:
    summary = CLEAN_SUMMARY.replace("## Current system state", "## Current Project State")
    assert summary != CLEAN_SUMMARY
    tree(repo, summary=summary)
    assert found(cli, "--select", "ML204") == []


def test_folder_hints_never_suggest_a_generic_name(repo: Path, cli: Any) -> None:
    tree(
        repo,
        **{
            "handoffs/2-Misc/0-milestone-summary.md": CLEAN_SUMMARY,
            "handoffs/2-Misc/0-lessons-learned.md": CLEAN_LESSONS,
            "handoffs/2-Misc/2-a.md": "# A - 2025-03-01\n\n## Summary\nDone.\n",
            "handoffs/7-wip/0-milestone-summary.md": CLEAN_SUMMARY,
            "handoffs/7-wip/0-lessons-learned.md": CLEAN_LESSONS,
            "handoffs/7-wip/3-b.md": "# B - 2025-03-01\n\n## Summary\nDone.\n",
        },
    )
    run = cli("check", "--format", "json", "--select", "ML107,ML108")
    messages = {(d["code"], d["path"]): d["message"] for d in run.json()}
    assert messages[("ML107", "handoffs/2-Misc")] == (
        "milestone folder 2-Misc/ is not <N>-<slug> (lowercase words joined by hyphens);"
        " rename it to 2-<what-it-delivered>, e.g. a feature"
    )
    assert messages[("ML108", "handoffs/7-wip")].endswith("(e.g. 7-auth-flow)")


def test_length_messages_name_the_kind(repo: Path, cli: Any) -> None:
    tree(repo, lessons=CLEAN_LESSONS + "\n" + "word " * 800 + "\n")
    run = cli("check", "--format", "json", "--select", "ML303")
    [message] = [d["message"] for d in run.json()]
    assert message.startswith("lessons file has 8")
    assert "(limit 800 for a lessons file)" in message


def test_a_todo_slot_is_one_finding_not_two(repo: Path, cli: Any) -> None:
    tree(repo, handoff="# H - 2025-03-01\n\n## Summary\n- [TODO]\n- [TODO] x TODO\n")
    assert found(cli, "--select", "ML306") == [
        ("ML306", HANDOFF, 4, 3),
        ("ML306", HANDOFF, 5, 4),
        ("ML306", HANDOFF, 5, 12),
    ]


def test_two_links_with_one_label_are_two_places(repo: Path, cli: Any) -> None:
    tree(
        repo,
        handoff="# H - 2025-03-01\n\n## Summary\n- See [x](a.md) and [x](b.md) and ![x](c.png)\n",
    )
    assert found(cli, "--select", "ML309") == [
        ("ML309", HANDOFF, 4, 7),
        ("ML309", HANDOFF, 4, 21),
        ("ML309", HANDOFF, 4, 35),
    ]


# --- issue 25 ----------------------------------------------------------------------------------


def test_slugs_transliterate_letters(repo: Path, cli: Any) -> None:
    (repo / "handoffs").mkdir()
    run = cli("new", "handoff", "Résumé parsing — ünïcode")
    assert (run.code, run.out, run.err) == (0, "handoffs/1-resume-parsing-unicode.md\n", "")
    assert (repo / "handoffs/1-resume-parsing-unicode.md").is_file()
    (repo / "handoffs/2-Straße Øre.md").write_text("# S - 2025-03-01\n\n## Summary\n- x\n")
    run = cli("check", "--format", "json", "--select", "ML101")
    assert [(d["path"], d["message"]) for d in run.json()] == [
        (
            "handoffs/2-Straße Øre.md",
            "handoff name is not <N>-<slug>.md; rename it to 2-strasse-ore.md",
        )
    ]
