"""ML301–ML304: bullets, paragraphs, files and sections kept short; one definition of a word."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.helpers import CLEAN_SUMMARY, HANDOFF, SUMMARY, found, tree


def test_long_bullet(repo: Path, cli: Any) -> None:
    words26 = " ".join(["word"] * 26)
    body = (
        f"# H - 2025-03-01\n\n## Summary\n- {words26}\n  - {words26}\n"
        f"- {' '.join(['w'] * 25)} `{' '.join(['code'] * 9)}`\n- [ ] {' '.join(['w'] * 25)}\n"
    )
    tree(repo, handoff=body)
    assert found(cli) == [("ML301", HANDOFF, 4, 1), ("ML301", HANDOFF, 5, 3)]
    (repo / "milestone-lint.toml").write_text("[limits.handoff]\nbullet-words = 30\n")
    assert found(cli) == []


def test_prose_paragraph_limits_per_kind(repo: Path, cli: Any) -> None:
    para = " ".join(["word"] * 41)
    table = "| a | b |\n|---|---|\n" + f"| {para} | {para} |\n"
    tree(
        repo,
        handoff=f"# H - 2025-03-01\n\n## Summary\n{para}\n\n{table}",
        summary=CLEAN_SUMMARY + f"\n## Notes\n\n  {para}\n",
    )
    assert found(cli) == [("ML302", SUMMARY, 18, 3)]


def test_file_length_and_section_length(repo: Path, cli: Any) -> None:
    bullets = "".join(f"- fact {n}\n" for n in range(13))
    tree(repo, handoff=f"# H - 2025-03-01\n\n## Summary\n{bullets}\n## Next\n- x\n")
    assert found(cli) == [("ML304", HANDOFF, 4, 1)]
    (repo / "milestone-lint.toml").write_text(
        "[limits.handoff]\nwords = 20\nsection-bullets = 20\n"
    )
    run = cli("check", "--format", "json")
    assert [(d["code"], d["line"], d["message"]) for d in run.json()] == [
        (
            "ML303",
            1,
            "handoff has 31 words (limit 20 for a handoff); distil it: keep the facts the next"
            " session needs",
        )
    ]


TWENTY = " ".join(f"w{n}" for n in range(20))


# --- one definition of a word -----------------------------------------------------------------


def test_punctuation_left_by_code_spans_and_dashes_is_not_words(repo: Path, cli: Any) -> None:
    # 24 words (limit 25), plus five commas and two dashes, tokens that code spans and prose
    # leave behind: 32 tokens, which used to be reported.
    bullet = (
        "- Iterative refinement of `PipelineStep` (adding `before`, `after`, `run`, `skip`,"
        " `retry`, and adopting it) - based on review - led to a more robust and flexible step"
        " definition for every pipeline we ship\n"
    )
    tree(repo, handoff=f"# H - 2025-03-01\n\n## Summary\n{bullet}")
    assert found(cli, "--select", "ML301") == []
    tree(repo, handoff=f"# H - 2025-03-01\n\n## Summary\n{bullet.rstrip()} today again\n")
    assert found(cli, "--select", "ML301") == [("ML301", HANDOFF, 4, 1)]


def test_tables_are_not_words(repo: Path, cli: Any) -> None:
    rows = "".join(f"| {TWENTY} | cell |\n" for _ in range(5))
    table = f"| what | where |\n|---|---|\n{rows}"
    tree(repo, handoff=f"# H - 2025-03-01\n\n## Summary\nThe files we touched:\n{table}")
    assert found(cli, "--select", "ML302,ML303") == []
    # A table inside a bullet is not the bullet's words either.
    item = "- Seven words in this bullet, then:\n\n  " + table.replace("\n", "\n  ")
    tree(repo, handoff=f"# H - 2025-03-01\n\n## Summary\n{item}")
    assert found(cli, "--select", "ML301") == []
    long = " ".join(f"x{n}" for n in range(30))
    tree(repo, handoff=f"# H - 2025-03-01\n\n## Summary\n- {long}\n\n  {table}")
    assert found(cli, "--select", "ML301") == [("ML301", HANDOFF, 4, 1)]


# --- ML304: each list on its own ----------------------------------------------------------


def test_separate_lists_are_not_added_up(repo: Path, cli: Any) -> None:
    lists = "".join(
        f"**Part {n}:**\n\n" + "".join(f"- fact {n}.{m}\n" for m in range(5)) + "\n"
        for n in range(5)
    )
    tree(repo, handoff=f"# H - 2025-03-01\n\n## Summary\n{lists}")
    assert found(cli, "--select", "ML304") == []
    one = "".join(f"- fact {m}\n" for m in range(13))
    tree(repo, handoff=f"# H - 2025-03-01\n\n## Summary\nLead-in:\n\n{one}")
    run = cli("check", "--format", "json", "--select", "ML304")
    assert [(d["line"], d["column"], d["message"]) for d in run.json()] == [
        (
            6,
            1,
            'this list under "Summary" has 13 bullets (limit 12); keep the ones that matter,'
            " or group them under sub-headings",
        )
    ]


def test_pipes_without_a_delimiter_row_are_words(repo: Path, cli: Any) -> None:
    # 26 words with the pipes in prose and in a code span: no delimiter row, no table.
    bullet = "- Modes a | b | c switch with `x | y | z` " + "word " * 20 + "\n"
    table = "| a | b |\n|---|---|\n| " + "cell " * 30 + "| x |\n"  # a real table: no words
    tree(repo, handoff="# H - 2025-03-01\n\n## Summary\n" + bullet + "\n" + table)
    assert found(cli, "--select", "ML301") == [("ML301", HANDOFF, 4, 1)]
