"""ML310: code fences that swallow the text after them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.helpers import found, tree


def test_a_nested_fence_closing_the_outer_one_early(repo: Path, cli: Any) -> None:
    text = (
        "# H - 2025-03-01\n\n## Summary\n"
        "Here is the template:\n\n"
        "```markdown\n"  # line 6: closed early by line 10
        "## Example\n"
        "```python\n"
        "x = 1\n"
        "```\n"
        "Then the rest.\n"
        "```\n"  # line 12: the intended close, now dangling: the same mistake, said once
        "\n## Next\n- item\n"
    )
    tree(repo, handoff=text)
    run = cli("check", "--format", "json", "--select", "ML310")
    assert [(d["line"], d["column"], d["message"]) for d in run.json()] == [
        (
            6,
            1,
            "code fence ```markdown is closed early on line 10 by the end of the fence nested"
            " on line 8; open and close the outer one with ````",
        ),
    ]


def test_an_unclosed_fence(repo: Path, cli: Any) -> None:
    text = "# H - 2025-03-01\n\n## Summary\n- item\n\n~~~bash\nmake test\n\n## Next\n- x\n"
    tree(repo, handoff=text)
    run = cli("check", "--format", "json", "--select", "ML310")
    assert [(d["line"], d["column"], d["message"]) for d in run.json()] == [
        (
            6,
            1,
            "code fence ~~~bash is never closed: everything after it reads as code; close it"
            " with ~~~",
        ),
    ]


def test_well_formed_fences_are_silent(repo: Path, cli: Any) -> None:
    text = (
        "# H - 2025-03-01\n\n## Summary\n"
        "````markdown\n```python\nx = 1\n```\n````\n\n"
        "- In a list:\n\n  ```bash\n  make test\n  ```\n\n"
        "> Quoted:\n>\n> ```\n> quoted code\n> ```\n\n"
        "    indented code\n"
    )
    tree(repo, handoff=text)
    assert found(cli, "--select", "ML310") == []
