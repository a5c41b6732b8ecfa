"""ML206: the completion date, present, ISO, real and not in the future."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.helpers import HANDOFF, found, tree


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# Core Summary - 2025-03-04\n", []),
        ("# Core Summary\n\nDate completed: March 4, 2025\n", []),
        ("---\ndate: 2025-03-04\n---\n# Core Summary\n", []),
        ("# Core Summary\n\n**Date:** 2025-03-04\n", []),
        ("# Core Summary\n\n## Date Completed\n2025-03-04\n", []),
        ("# Core Summary\n\n- **Date completed**: 4 March 2025\n", []),
        (
            "# Core Summary\n",
            [
                (
                    1,
                    1,
                    "summary has no completion date; add a line `Date completed: YYYY-MM-DD`"
                    " (or the date in the title)",
                )
            ],
        ),
        (
            "# Core Summary - 3/11/2025\n",
            [
                (
                    1,
                    18,
                    'date "3/11/2025" is ambiguous (March 11 or November 3); write it as'
                    " YYYY-MM-DD",
                )
            ],
        ),
        (
            "# Core Summary\n\nDate completed: 31/03/2025\n",
            [(3, 17, 'date "31/03/2025" is not ISO; write 2025-03-31 (YYYY-MM-DD)')],
        ),
        (
            "# Core Summary - 2999-01-01\n",
            [(1, 18, "date 2999-01-01 is in the future; write the day the work was done")],
        ),
        ("# Core Summary - 2025-02-30\n", [(1, 18, 'date "2025-02-30" is not a real date')]),
    ],
)
def test_completion_date(repo: Path, cli: Any, text: str, expected: list[Any]) -> None:
    tree(repo, summary=text)
    run = cli("check", "--format", "json", "--select", "ML206")
    assert [(d["line"], d["column"], d["message"]) for d in run.json()] == expected


def test_handoff_dates_are_judged_only_when_present(repo: Path, cli: Any) -> None:
    tree(repo, handoff="# Setup Handoff\n\n## Summary\nx\n")
    assert found(cli, "--select", "ML206") == []
    tree(repo, handoff="# Setup Handoff - 31/03/2025\n\n## Summary\nx\n")
    assert found(cli, "--select", "ML206") == [("ML206", HANDOFF, 1, 19)]
