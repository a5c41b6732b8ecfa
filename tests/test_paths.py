"""Safe display of file names."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from milestone_lint.paths import display


@given(st.text())
def test_display_is_always_printable(name: str) -> None:
    shown = display(name)
    assert shown.isprintable()


@given(st.text(), st.text())
def test_distinct_names_stay_distinct(a: str, b: str) -> None:
    if a != b:
        assert display(a) != display(b)


def test_display_examples() -> None:
    assert display("1-a.md") == "1-a.md"
    assert display("2-\x1b[31m.md") == "2-\\x1b[31m.md"
    assert display("caf\udce9") == "caf\\xe9"
    assert display("a\u202eb") == "a\\u202eb"
    # A C1 control and an undecodable byte of the same value must not look alike.
    assert display("\x85") == "\\u0085"
    assert display("\udc85") == "\\x85"
