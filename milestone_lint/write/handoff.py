"""``new handoff``: the next number, a slug from the title, the template with today's date."""

from __future__ import annotations

from pathlib import Path

from milestone_lint.convention.vocabulary import HANDOFF_TEMPLATE_SECTIONS
from milestone_lint.errors import MilestoneLintError
from milestone_lint.git.journal import transaction
from milestone_lint.layout.project import open_project
from milestone_lint.templates import render
from milestone_lint.write.names import check_length, shown, slug_for


def new_handoff(cwd: Path, root_option: str | None, title: str) -> str:
    """Create the handoff; return its path as shown to users.

    The number is chosen under the workspace's lock, so concurrent runs never share one.
    """
    slug = slug_for(title, "title")
    with transaction(cwd, "new handoff") as tx:
        project = open_project(cwd, root_option)
        number = project.next_handoff_number()
        name = f"{number:0{project.handoff_width()}d}-{slug}.md"
        check_length(name, shown(project, ""))
        sections = project.loaded.config.handoff_required_sections or HANDOFF_TEMPLATE_SECTIONS
        text = render(
            "handoff.md",
            title=title.strip(),
            date=project.today.isoformat(),
            sections="\n".join(f"## {s}\n" for s in sections).rstrip("\n"),
        )
        if project.path(name).exists() or project.path(name).is_symlink():
            raise MilestoneLintError(
                f"{shown(project, name)}: already exists; it was left untouched"
            )
        tx.create(tx.workspace.rel(project.path(name)), text.encode("utf-8"))
        tx.apply()
    return project.shown(name)
