"""``check --fix``: only fixes that cannot lose data, and never an overwrite.

Renames for ML101 (a numbered file with a malformed name) and ML103 (the number's width),
with git mv when the file is tracked, and missing system files (ML201, ML202) created from the
templates, their sections marked TODO.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from milestone_lint.create.files import write_new
from milestone_lint.create.project import Project, git_repo, open_projects
from milestone_lint.layout.model import Handoff, Milestone
from milestone_lint.layout.names import suggest_slug
from milestone_lint.layout.numbering import padding_fixes
from milestone_lint.templates import render

_TODO = "- TODO: distil this from the milestone's handoffs"


@dataclass(frozen=True)
class Fix:
    code: str
    message: str


def _tracked(repo: Any | None, path: Path) -> bool:
    if repo is None:
        return False
    rel = path.resolve().relative_to(Path(repo.working_tree_dir).resolve()).as_posix()
    return bool(repo.git.ls_files("--", rel))


def _renames(project: Project) -> dict[str, tuple[str, str]]:
    """Handoff path → (new name, code) for ML101 and ML103."""
    config = project.loaded.config
    digits: dict[str, str] = {}
    for handoff, wanted, _ in padding_fixes(project.layout.handoffs, config.number_width):
        digits[handoff.path] = wanted
    renames: dict[str, tuple[str, str]] = {}
    for handoff in project.layout.handoffs:
        name = handoff.name
        if name.digits is None:
            continue
        slug = suggest_slug(name.slug)
        number = digits.get(handoff.path, name.digits)
        if not slug or f"{number}-{slug}.md" == handoff.filename:
            continue
        wanted = f"{number}-{slug}.md"
        code = "ML103" if handoff.path in digits and name.well_formed else "ML101"
        renames[handoff.path] = (wanted, code)
    return renames


def _rename(project: Project, handoff: Handoff, wanted: str, repo: Any | None) -> str | None:
    folder = handoff.path.rpartition("/")[0]
    target_rel = f"{folder}/{wanted}" if folder else wanted
    source, target = project.path(handoff.path), project.path(target_rel)
    if target.exists() or target.is_symlink():
        return None
    if _tracked(repo, source):
        repo.git.mv("--", str(source), str(target))  # type: ignore[union-attr]
        how = "git mv"
    else:
        source.rename(target)
        how = "renamed"
    return f"{how} {project.shown(handoff.path)} -> {project.shown(target_rel)}"


def _system_file(project: Project, milestone: Milestone, name: str, summary: bool) -> str | None:
    rel = f"{milestone.path}/{name}"
    title = milestone.name.slug.replace("-", " ").capitalize() or milestone.path
    if summary:
        text = render(
            "milestone-summary.md",
            title=title,
            date=project.today.isoformat(),
            changes=_TODO,
            decisions=_TODO,
            discoveries=_TODO,
            state=_TODO,
        )
    else:
        lesson = (
            "## TODO: lessons\n\n**Problem:** TODO: a problem met in this milestone.\n\n"
            "**Solution:** TODO: what solved it.\n"
        )
        text = render("lessons-learned.md", title=title, lessons=lesson)
    path = project.path(rel)
    if path.exists():
        return None
    write_new(path, text, project.shown(rel))
    return f"created {project.shown(rel)} from the template"


def apply_fixes(cwd: Path, codes_enabled: set[str]) -> tuple[list[Fix], list[str]]:
    """Apply the fixes of the enabled codes; return what changed and what was skipped."""
    fixes: list[Fix] = []
    skipped: list[str] = []
    for project in open_projects(cwd, None):
        repo = git_repo(project)
        by_path = {h.path: h for h in project.layout.handoffs}
        for path, (wanted, code) in sorted(_renames(project).items()):
            if code not in codes_enabled:
                continue
            done = _rename(project, by_path[path], wanted, repo)
            if done:
                fixes.append(Fix(code, done))
            else:
                skipped.append(f"{project.shown(path)}: not renamed, {wanted} already exists")
        config = project.loaded.config
        for milestone in project.layout.milestones:
            for code, name, summary in (
                ("ML201", config.summary_file, True),
                ("ML202", config.lessons_file, False),
            ):
                if code in codes_enabled and name not in milestone.system_files:
                    done = _system_file(project, milestone, name, summary)
                    if done:
                        fixes.append(Fix(code, done))
    return fixes, skipped
