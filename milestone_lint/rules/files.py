"""Files that cannot be judged: ML001 (reported by the engine when a read fails)."""

from __future__ import annotations

from milestone_lint.check.documents import MAX_FINDINGS, MAX_MARKS
from milestone_lint.rules.base import Rule
from milestone_lint.rules.examples import HANDOFF_TITLE, in_handoff

ML001 = Rule(
    code="ML001",
    name="unreadable-file",
    summary=(
        "A markdown file is not valid UTF-8 text (binary, another encoding), is not read, or is"
        " too long to judge."
    ),
    what=(
        "Reports a handoff, summary or lessons file that cannot be read as UTF-8 text: a"
        " binary file with a .md name, a file saved in another encoding (Latin-1, UTF-16), or"
        " one that cannot be opened. The diagnostic points at the first bad byte; the run goes"
        " on with the other files. Files that are not read at all are reported too, with the"
        " reason: a symbolic link leading out of the repository (not followed), anything but a"
        " regular file (a FIFO, a device), a file over 5 MB. So are files too long to judge:"
        " judging costs per line and per link, not per byte, and a hook must answer within a"
        " second whatever it is given. A file holding more than"
        f" {MAX_MARKS:,} lines, links, tags, code spans, escapes and nested list or quote"
        f" markers together, or yielding more than {MAX_FINDINGS:,} findings, is reported"
        " instead of judged (the largest real handoff met holds 600 and yields a few dozen)."
    ),
    why=(
        "A file no tool can read is a file no agent can read either; and a linter that stops at"
        " the first odd file hides every other problem."
    ),
    # Saved as Latin-1: é is the one byte 0xe9, which UTF-8 never has alone.
    bad=in_handoff(HANDOFF_TITLE.encode() + b"## Summary\n- Tokens for the caf\xe9 kiosk\n"),
    good=in_handoff(HANDOFF_TITLE + "## Summary\n- Tokens for the café kiosk\n"),
)

RULES = (ML001,)
