"""ML208, ML209, ML210: lessons as Problem/Solution pairs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.helpers import LESSONS, found, tree

LESSON_CASES = [
    ("## A\n\n**Solution:** pin it.\n", [("ML208", 3, 1), ("ML210", 1, 1)]),
    ("## A\n\n**Problem:**\n\n**Solution:** pin it.\n", [("ML208", 3, 1), ("ML210", 1, 1)]),
    ("## A\n\n**Problem:** flaky.\n", [("ML209", 3, 1), ("ML210", 1, 1)]),
    ("## A\n\n**Problem:** flaky.\n\n**Solution:**\n", [("ML209", 5, 1), ("ML210", 1, 1)]),
    (
        "## A\n\n**Problem:** one.\n\n**Problem:** two.\n\n**Solution:** fix.\n",
        [("ML209", 3, 1)],
    ),
    ("## A\n\n- **Problem**: flaky\n- **Solution**: pin\n", []),
    ("## A\n\n**Problem:** flaky.\n**Solution:** pin.\n", []),
    ("## A\n\n**Problem:**\nTests fail.\n\n**Solution:**\n```\npin()\n```\n", []),
    ("## Tools and Libraries\n- pytest\n\n## Edge Cases\n- empty input\n", [("ML210", 1, 1)]),
]


@pytest.mark.parametrize(("body", "expected"), LESSON_CASES)
def test_lessons(repo: Path, cli: Any, body: str, expected: list[Any]) -> None:
    tree(repo, lessons="# Lessons\n\n" + body)
    got = found(cli, "--select", "ML208,ML209,ML210")
    shifted = [(code, line + 2 if line > 1 else line, col) for code, line, col in expected]
    assert [(c, line, col) for c, _, line, col in got] == sorted(shifted, key=lambda x: x[1])
    assert all(path == LESSONS for _, path, _, _ in got)
