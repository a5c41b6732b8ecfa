"""The names the writing commands make: a slug from the user's words, refused in one line
when no file name can hold it (the CLI and the MCP tools share this)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from milestone_lint.diagnostics import excerpt
from milestone_lint.errors import MilestoneLintError
from milestone_lint.layout.names import suggest_slug
from milestone_lint.paths import display

if TYPE_CHECKING:
    from milestone_lint.layout.project import Project

# Linux, macOS and Windows file systems hold at most 255 bytes in one name; a slug keeps 55 of
# them for the number, its hyphen and ".md" (a number of 50 digits is further than any tree).
NAME_MAX = 255
SLUG_MAX = 200
_SHOWN = 60  # a name is quoted in an error up to here: a 10 MB title is not echoed back whole


def quoted(text: str) -> str:
    """``text`` as an error message quotes it: escaped, and cut after ``_SHOWN`` characters."""
    return f'"{display(excerpt(text, _SHOWN + 1))}"'


def shown(project: Project, rel: str) -> str:
    """A root-relative path as a writing command prints it: from the repository root, with
    line breaks, tabs, escape sequences and bidi overrides escaped (a name may hold them)."""
    return display(project.shown(rel))


def stageable(path: str) -> bool:
    """Whether git can be told of a move of ``path`` here: its name is UTF-8. A name that is
    not arrives from git as lone surrogates (``surrogateescape``); such a file is moved on
    disk and left for ``git add -A`` to record, and the command says so."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


NOT_STAGED = "its name is not UTF-8, so git is not told of the move; git add -A records it"


def slug_for(text: str, what: str) -> str:
    """The slug of ``text`` (the ``what``: "title", "milestone name"), or the error that says
    why there is none: no ASCII letters or digits, or longer than a file name may be."""
    slug = suggest_slug(text)
    if not slug:
        raise MilestoneLintError(
            f"{what} {quoted(text)} has no ASCII letters or digits to make a file name; add"
            " some (e.g. a transliteration)"
        )
    if len(slug) > SLUG_MAX:
        raise MilestoneLintError(
            f"{what} {quoted(text)} makes a name of {len(slug):,} characters, over the"
            f" {SLUG_MAX} a file name leaves for it; shorten it (nothing was changed)"
        )
    return slug


def check_length(name: str, where: str) -> None:
    """Refuse ``name`` (number and slug together) when no file system can hold it: a tree
    whose numbers run to dozens of digits leaves no room for the slug."""
    size = len(name.encode("utf-8", "surrogateescape"))
    if size > NAME_MAX:
        raise MilestoneLintError(
            f"{where}: the next name would be {size:,} bytes (a number of"
            f" {len(name.split('-', 1)[0]):,} digits), over the {NAME_MAX} a file name may hold;"
            " shorten the name or renumber (nothing was changed)"
        )
