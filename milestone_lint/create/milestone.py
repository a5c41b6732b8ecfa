"""``new milestone``: plan the moves and drafts, then carry them out all or nothing."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from milestone_lint.create import draft as drafting
from milestone_lint.create.files import replace_text, write_new
from milestone_lint.create.project import Project
from milestone_lint.create.relinks import rewrite_links
from milestone_lint.documents import DocumentStore
from milestone_lint.errors import MilestoneLintError
from milestone_lint.layout.model import Handoff
from milestone_lint.layout.names import suggest_slug
from milestone_lint.templates import render


@dataclass
class Plan:
    folder: str
    moves: list[tuple[str, str]]
    tracked: set[str]
    rewrites: dict[str, str]
    files: list[tuple[str, str]]
    placeholders: int
    lessons: int
    bullets: int
    notes: list[str] = field(default_factory=list)


def parse_range(spec: str) -> set[int]:
    """``5-8``, ``5``, ``5,7-8`` → handoff numbers."""
    numbers: set[int] = set()
    for part in spec.split(","):
        part = part.strip()
        low, sep, high = part.partition("-")
        try:
            if sep:
                numbers.update(range(int(low), int(high) + 1))
            else:
                numbers.add(int(low))
        except ValueError:
            raise MilestoneLintError(
                f'--handoffs "{spec}": write numbers and ranges, like 5-8 or 5,7'
            ) from None
    return numbers


def _chosen(project: Project, spec: str | None) -> list[Handoff]:
    pending = [h for h in project.layout.pending.handoffs if h.name.number is not None]
    if not pending:
        raise MilestoneLintError(
            f"{project.shown('')}: no pending handoffs to distil; write some first"
        )
    if spec is None:
        return pending
    wanted = parse_range(spec)
    chosen = [h for h in pending if h.name.number in wanted]
    missing = sorted(wanted - {h.name.number for h in chosen if h.name.number is not None})
    if missing:
        raise MilestoneLintError(
            f"--handoffs {spec}: no pending handoff numbered {', '.join(map(str, missing))};"
            " see milestone-lint status"
        )
    return chosen


def plan_milestone(project: Project, name: str, spec: str | None, repo: Any | None) -> Plan:
    slug = suggest_slug(name)
    if not slug:
        raise MilestoneLintError(f'milestone name "{name}" has no letters or digits')
    number = project.next_milestone_number()
    folder = f"{number:0{project.milestone_width()}d}-{slug}"
    if project.path(folder).exists():
        raise MilestoneLintError(f"{project.shown(folder)}: already exists; nothing was changed")
    handoffs = _chosen(project, spec)
    moves = [(h.path, f"{folder}/{h.filename}") for h in handoffs]
    tracked: set[str] = set()
    if repo is not None:
        _refuse_unsafe(project, repo, [src for src, _ in moves], tracked)

    store = DocumentStore(project.source, project.rel)
    mapping = dict(moves)
    rewrites: dict[str, str] = {}
    for path in project.layout.markdown_files:
        text = store.text(path)
        doc = store.document(path)
        if text is None or doc is None:
            continue
        fixed = rewrite_links(text, doc, path, mapping, store.exists)
        if fixed is not None:
            rewrites[mapping.get(path, path)] = fixed

    documents = [d for d in (store.document(h.path) for h in handoffs) if d is not None]
    result = drafting.draft(documents)
    fields = drafting.summary_fields(result)
    title = name.strip()[:1].upper() + name.strip()[1:]
    date = project.today.isoformat()
    summary = render("milestone-summary.md", title=title, date=date, **fields)
    lessons = render("lessons-learned.md", title=title, lessons=drafting.lessons_text(result))
    config = project.loaded.config
    files = [
        (f"{folder}/{config.summary_file}", summary),
        (f"{folder}/{config.lessons_file}", lessons),
    ]
    bullets = sum(len(b) for b in result.bullets.values())
    return Plan(
        folder, moves, tracked, rewrites, files, result.placeholders, len(result.lessons), bullets
    )


def _refuse_unsafe(project: Project, repo: Any, sources: list[str], tracked: set[str]) -> None:
    work = Path(repo.working_tree_dir).resolve()
    full = {src: (project.root / src).resolve().relative_to(work).as_posix() for src in sources}
    if Path(repo.git_dir, "index.lock").exists():
        raise MilestoneLintError(
            f"{Path(repo.git_dir, 'index.lock')}: the git index is locked (another git command"
            " is running, or one crashed); wait, or remove the lock, then retry"
        )
    listed = repo.git.ls_files("-z", "--", *full.values()).split("\0")
    tracked.update(src for src, rel in full.items() if rel in listed)
    unstaged = [line for line in repo.git.diff("--name-only", "--", *full.values()).splitlines()]
    if unstaged:
        raise MilestoneLintError(
            f"{', '.join(unstaged)}: unstaged changes would be mixed into the move; git add or"
            " stash them first (nothing was changed)"
        )


class _Undo:
    """What has been done so far, and how to take it back."""

    def __init__(self) -> None:
        self.steps: list[Callable[[], object]] = []

    def add(self, step: Callable[[], object]) -> None:
        self.steps.append(step)

    def run(self) -> list[str]:
        problems = []
        for step in reversed(self.steps):
            try:
                step()
            except OSError as exc:  # keep undoing the rest; report what could not be undone
                problems.append(str(exc))
        return problems


def _make_folder(project: Project, plan: Plan, undo: _Undo) -> None:
    target = project.path(plan.folder)
    target.mkdir()
    undo.add(target.rmdir)


def _move(project: Project, plan: Plan, repo: Any | None, undo: _Undo) -> None:
    for src, dst in plan.moves:
        source, target = project.path(src), project.path(dst)
        if repo is not None and src in plan.tracked:
            repo.git.mv("--", str(source), str(target))
        else:
            source.rename(target)
        undo.add(partial(target.rename, source))


def _rewrite(project: Project, plan: Plan, undo: _Undo) -> None:
    for path, text in plan.rewrites.items():
        target = project.path(path)
        before = target.read_text(encoding="utf-8")
        replace_text(target, text)
        undo.add(partial(replace_text, target, before))


def _create_files(project: Project, plan: Plan, undo: _Undo) -> None:
    for path, text in plan.files:
        target = project.path(path)
        write_new(target, text, project.shown(path))
        undo.add(target.unlink)


def _stage(project: Project, plan: Plan, repo: Any | None) -> None:
    if repo is None or not plan.tracked:
        return
    paths = [str(project.path(p)) for p, _ in plan.files]
    paths += [str(project.path(p)) for p in plan.rewrites]
    repo.git.add("--", *paths)


def execute(project: Project, plan: Plan, repo: Any | None) -> None:
    """Carry out the plan; on any failure undo every step, index included."""
    undo = _Undo()
    saved_index: Path | None = None
    if repo is not None:
        index = Path(repo.git_dir) / "index"
        if index.exists():
            handle, name = tempfile.mkstemp(prefix="milestone-lint-index-")
            os.close(handle)
            saved_index = Path(name)
            shutil.copy2(index, saved_index)
    try:
        _make_folder(project, plan, undo)
        _move(project, plan, repo, undo)
        _rewrite(project, plan, undo)
        _create_files(project, plan, undo)
        _stage(project, plan, repo)
    except Exception as exc:
        problems = undo.run()
        if saved_index is not None and repo is not None:
            shutil.copy2(saved_index, Path(repo.git_dir) / "index")
        reason = exc if isinstance(exc, MilestoneLintError) else f"{type(exc).__name__}: {exc}"
        left = f"; could not undo: {'; '.join(problems)}" if problems else ""
        raise MilestoneLintError(
            f"new milestone failed ({reason}); every change was rolled back{left}"
        ) from None
    finally:
        if saved_index is not None:
            saved_index.unlink(missing_ok=True)


def describe(project: Project, plan: Plan, dry_run: bool) -> list[str]:
    head = f"milestone {project.shown(plan.folder)}" + (
        " (dry run: nothing changed)" if dry_run else ""
    )
    lines = [head, f"  create {project.shown(plan.folder)}/"]
    for src, dst in plan.moves:
        how = "git mv" if src in plan.tracked else "move"
        lines.append(f"  {how} {project.shown(src)} -> {project.shown(dst)}")
    for path in plan.rewrites:
        lines.append(f"  fix relative links in {project.shown(path)}")
    summary, lessons = plan.files
    lines.append(f"  write {project.shown(summary[0])} ({plan.bullets} bullets drafted)")
    lines.append(f"  write {project.shown(lessons[0])} ({plan.lessons} lessons drafted)")
    if plan.placeholders:
        marks = "placeholder marks" if plan.placeholders == 1 else "placeholders mark"
        lines.append(
            f"  {plan.placeholders} TODO {marks} what the handoffs did not say;"
            " milestone-lint check lists them"
        )
    return lines
