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


# --- issue 25: one broken fence, one finding; its spilled text is not the author's prose ------

TEMPLATE = (
    "# H - 2025-03-01\n\n## Summary\n- Template below\n\n"
    "```markdown\n"  # line 6: closed early on line 10
    "## Steps\n"
    "```bash\n"  # line 8
    "make test\n"
    "```\n"  # line 10
    "## Next Steps\n\n"  # lines 11-14 render as text: the template's own slots
    "[Numbered, granular, actionable steps]\n"
    "I think it basically works.\n"
    "```\n"  # line 15: the author's closing fence, which markdown opens a block with
    "\n## Run\n- Basically, run it\n\n"  # line 18: swallowed as code by markdown
    "```python\n"  # line 20: the author's next block, nested in the echo for markdown
    "x = 1\n"
    "```\n"  # line 22: closes the echo; from here both readings agree
    "\n## After\n"
    "[Numbered, granular, actionable steps]\n"  # line 25: the author's, outside any fence
)


def test_a_broken_fence_is_one_finding_and_its_spill_is_not_judged(repo: Path, cli: Any) -> None:
    tree(repo, handoff=TEMPLATE)
    run = cli("check", "--format", "json")
    assert [(d["code"], d["line"], d["column"], d["message"]) for d in run.json()] == [
        (
            "ML310",
            6,
            1,
            "code fence ```markdown is closed early on line 10 by the end of the fence nested"
            " on line 8; open and close the outer one with ````",
        ),
        (
            "ML306",
            25,
            1,
            'template placeholder "[Numbered, granular, actionable steps]" left in place;'
            " replace it with the real text",
        ),
    ]


def test_an_early_close_without_the_authors_close_is_not_told_to_wrap_the_rest(
    repo: Path, cli: Any
) -> None:
    text = "# H - 2025-03-01\n\n## Summary\n```markdown\n```bash\nx\n```\n- Login works\n"
    tree(repo, handoff=text)
    run = cli("check", "--format", "json")
    # No fence closes the outer block as written: the text after line 7 is the author's.
    assert [(d["code"], d["line"], d["message"]) for d in run.json()] == [
        (
            "ML310",
            4,
            "code fence ```markdown is closed early on line 7 by the end of the fence nested on"
            " line 5; close it with ```` where it should end, and open it with ````",
        ),
    ]
