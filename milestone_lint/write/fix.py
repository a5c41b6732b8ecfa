"""``check --fix``: only fixes that cannot lose data, and never an overwrite.

Renames for ML101 (a numbered file with a malformed name) and ML103 (the number's width),
with git mv when the file is tracked, and missing system files (ML201, ML202) created from the
templates, their sections marked TODO.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from milestone_lint.convention.lessons import lesson_text
from milestone_lint.convention.placeholders import DATE_TODO, LESSON_TODO, SECTION_TODOS
from milestone_lint.git import read as gitread
from milestone_lint.git.journal import Transaction, transaction
from milestone_lint.layout.model import Handoff, Milestone
from milestone_lint.layout.names import suggest_slug
from milestone_lint.layout.numbering import padding_fixes
from milestone_lint.layout.project import Project, open_projects
from milestone_lint.templates import render
from milestone_lint.write.names import NOT_STAGED, shown, stageable


class Fix(NamedTuple):
    code: str
    message: str


def _index_entries(tx: Transaction, project: Project) -> dict[str, tuple[str, str]]:
    """Index entries of the root's tracked files, by path from the top (empty outside git)."""
    if not tx.workspace.in_git:
        return {}
    return gitread.tracked_under(tx.workspace.top, tx.workspace.rel(project.root))


def _unstaged(tx: Transaction, paths: list[str]) -> set[str]:
    return gitread.unstaged(tx.workspace.top, paths) if tx.workspace.in_git else set()


def _renames(project: Project) -> dict[str, tuple[str, str]]:
    """Handoff path → (new name, code) for ML101 and ML103."""
    config = project.loaded.config
    digits: dict[str, str] = {}
    for handoff, wanted, _ in padding_fixes(project.layout.handoffs, config.number_width):
        digits[handoff.path] = wanted
    renames: dict[str, tuple[str, str]] = {}
    for handoff in project.layout.handoffs:
        name = handoff.name
        if name.digits is None or (handoff.transcript and handoff.path not in digits):
            continue
        slug = suggest_slug(name.slug)
        number = digits.get(handoff.path, name.digits)
        if not slug or f"{number}-{slug}.md" == handoff.filename:
            continue
        wanted = f"{number}-{slug}.md"
        code = "ML103" if handoff.path in digits and name.well_formed else "ML101"
        renames[handoff.path] = (wanted, code)
    return renames


def _rename(
    tx: Transaction,
    project: Project,
    handoff: Handoff,
    wanted: str,
    entries: dict[str, tuple[str, str]],
) -> str | None:
    folder = handoff.path.rpartition("/")[0]
    target_rel = f"{folder}/{wanted}" if folder else wanted
    source, target = project.path(handoff.path), project.path(target_rel)
    if target.exists() or target.is_symlink():
        return None
    src, dst = tx.workspace.rel(source), tx.workspace.rel(target)
    if any(step.get("dst") == dst for step in tx.steps):  # two names fixed to one
        return None
    entry = entries.get(src) if stageable(src) else None
    tx.move(src, dst, entry)
    how = "git mv" if entry else "renamed"
    done = f"{how} {shown(project, handoff.path)} -> {shown(project, target_rel)}"
    return done + (f" ({NOT_STAGED})" if src in entries and entry is None else "")


def _completed(project: Project, milestone: Milestone) -> str:
    """When an old milestone was completed: its newest dated handoff's date (today's would be
    false), else a TODO for the author."""
    from milestone_lint.check.documents import DocumentStore
    from milestone_lint.rules.content.dates import completion_date

    store = DocumentStore(project.source, project.rel)
    synonyms = project.loaded.config.summary_synonyms
    for handoff in sorted(milestone.handoffs, key=lambda h: h.name.number or 0, reverse=True):
        doc = store.document(handoff.path)
        reading = completion_date(doc, synonyms) if doc is not None else None
        if reading is not None and reading.value is not None:
            return reading.value.isoformat()
    return DATE_TODO


def _system_file(
    tx: Transaction, project: Project, milestone: Milestone, name: str, summary: bool
) -> str | None:
    rel = f"{milestone.path}/{name}"
    title = milestone.name.slug.replace("-", " ").capitalize() or milestone.path
    if summary:
        text = render(
            "milestone-summary.md",
            title=title,
            date=_completed(project, milestone),
            **SECTION_TODOS,
        )
    else:
        text = render("lessons-learned.md", title=title, lessons=lesson_text(*LESSON_TODO))
    path = project.path(rel)
    if path.exists() or path.is_symlink():
        return None
    tx.create(tx.workspace.rel(path), text.encode("utf-8"))
    return f"created {shown(project, rel)} from the template"


def apply_fixes(cwd: Path, codes_enabled: set[str]) -> tuple[list[Fix], list[str]]:
    """Apply the fixes of the enabled codes, all or nothing; what changed and what was
    skipped. A tracked file is renamed in the index too (as git mv would); a file with
    unstaged changes is not renamed (staging the rename would stage them)."""
    fixes: list[Fix] = []
    skipped: list[str] = []
    with transaction(cwd, "check --fix") as tx:
        for project in open_projects(cwd, None):
            _fix_root(tx, project, codes_enabled, fixes, skipped)
        if fixes:
            tx.apply()
    return fixes, skipped


def _fix_root(
    tx: Transaction,
    project: Project,
    codes_enabled: set[str],
    fixes: list[Fix],
    skipped: list[str],
) -> None:
    entries = _index_entries(tx, project)
    by_path = {h.path: h for h in project.layout.handoffs}
    renames = {p: r for p, r in sorted(_renames(project).items()) if r[1] in codes_enabled}
    dirty = _unstaged(tx, [tx.workspace.rel(project.path(p)) for p in renames])
    for path, (wanted, code) in renames.items():
        if tx.workspace.rel(project.path(path)) in dirty:
            skipped.append(f"{shown(project, path)}: not renamed, it has unstaged changes")
            continue
        done = _rename(tx, project, by_path[path], wanted, entries)
        if done:
            fixes.append(Fix(code, done))
        else:
            skipped.append(f"{shown(project, path)}: not renamed, {wanted} already exists")
    config = project.loaded.config
    for milestone in project.layout.milestones:
        for code, name, summary in (
            ("ML201", config.summary_file, True),
            ("ML202", config.lessons_file, False),
        ):
            if code in codes_enabled and name not in milestone.system_files:
                done = _system_file(tx, project, milestone, name, summary)
                if done:
                    fixes.append(Fix(code, done))


def fixable(cwd: Path) -> set[tuple[str, str]]:
    """(code, path as shown) of every finding ``--fix`` would change now: a rename whose target
    is free, a missing summary or lessons file. Nothing is written."""
    found: set[tuple[str, str]] = set()
    for project in open_projects(cwd, None):
        for path, (wanted, code) in _renames(project).items():
            folder = path.rpartition("/")[0]
            target = project.path(f"{folder}/{wanted}" if folder else wanted)
            if not (target.exists() or target.is_symlink()):
                found.add((code, project.shown(path)))
        config = project.loaded.config
        for milestone in project.layout.milestones:
            for code, name in (("ML201", config.summary_file), ("ML202", config.lessons_file)):
                if name not in milestone.system_files:
                    found.add((code, project.shown(milestone.path)))
    return found
