"""``new handoff``: the next number, a slug from the title, the template with today's date."""

from __future__ import annotations

from milestone_lint.create.files import write_new
from milestone_lint.create.project import Project
from milestone_lint.errors import MilestoneLintError
from milestone_lint.layout.names import suggest_slug
from milestone_lint.templates import render

DEFAULT_SECTIONS = (
    "Summary",
    "Priority Development Requirements (PDR)",
    "Discoveries",
    "Problems & Solutions",
    "Work in Progress",
    "Deviations",
    "References",
)


def new_handoff(project: Project, title: str) -> str:
    """Create the handoff; return its path as shown to users."""
    slug = suggest_slug(title)
    if not slug:
        raise MilestoneLintError(f'title "{title}" has no letters or digits to make a file name')
    number = project.next_handoff_number()
    name = f"{number:0{project.handoff_width()}d}-{slug}.md"
    sections = project.loaded.config.handoff_required_sections or DEFAULT_SECTIONS
    text = render(
        "handoff.md",
        title=title.strip(),
        date=project.today.isoformat(),
        sections="\n".join(f"## {s}\n" for s in sections).rstrip("\n"),
    )
    write_new(project.path(name), text, project.shown(name))
    return project.shown(name)
