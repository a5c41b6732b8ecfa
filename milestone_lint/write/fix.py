"""``check --fix``: only fixes that cannot lose data, and never an overwrite.

Renames for ML101 (a numbered file with a malformed name) and ML103 (the number's width),
pending handoffs renumbered for ML104 and ML105 (:mod:`.renumber`), each with git mv when the
file is tracked and every relative link to a moved file rewritten, in every markdown file of
the repository; missing system files (ML201, ML202) created from the templates, their sections
marked TODO, and staged when the root is tracked. All of it in one transaction; with
``index=False`` (a fix inside the commit hook) nothing is staged, the work tree alone changes.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from milestone_lint.convention.lessons import lesson_text
from milestone_lint.convention.placeholders import DATE_TODO, LESSON_TODO, SECTION_TODOS
from milestone_lint.git import read as gitread
from milestone_lint.git.journal import Transaction, open_workspace, transaction
from milestone_lint.layout.model import Milestone
from milestone_lint.layout.names import suggest_slug
from milestone_lint.layout.numbering import padding_fixes
from milestone_lint.layout.project import Project, open_projects
from milestone_lint.templates import render
from milestone_lint.write.names import NOT_STAGED, shown, stageable
from milestone_lint.write.relinks import rewrite_links
from milestone_lint.write.renumber import findings, ordered, renumbering


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


def _sibling(path: str, name: str) -> str:
    folder = path.rpartition("/")[0]
    return f"{folder}/{name}" if folder else name


def _taken(project: Project, rel: str) -> bool:
    target = project.path(rel)
    return target.exists() or target.is_symlink()


class _Run:
    """One ``--fix`` run over every root: the git state it reads once, what it plans."""

    def __init__(self, tx: Transaction, index: bool) -> None:
        self.tx = tx
        ws = tx.workspace
        self.index = index and ws.in_git  # stage what it does (never inside the commit hook)
        self.entries = gitread.tracked_under(ws.top, "") if self.index else {}
        self.moves: dict[str, str] = {}  # from the top: source → target, every root's
        self.codes: dict[str, str] = {}  # source → the code its move fixes
        self.fixes: list[Fix] = []
        self.skipped: list[str] = []
        self.add: list[str] = []

    def full(self, project: Project, rel: str) -> str:
        return self.tx.workspace.rel(project.path(rel))

    def dirty(self, paths: list[str]) -> set[str]:
        """Which ``paths`` (from the top) have unstaged changes: staging their move or their
        rewrite would stage those too. Nothing is staged without the index: no question."""
        return gitread.unstaged(self.tx.workspace.top, paths) if self.index else set()

    def added_at(self, project: Project, paths: list[str]) -> dict[str, int | None]:
        """When each root-relative path was first committed (GitPython, so only asked when
        two handoffs share a number); outside git nothing is known."""
        if not self.tx.workspace.in_git:
            return dict.fromkeys(paths)
        from milestone_lint.git.history import added_at

        full = {self.full(project, p): p for p in paths}
        return {full[p]: when for p, when in added_at(self.tx.workspace.top, list(full)).items()}


def _renumbered(
    run: _Run, project: Project, enabled: set[str], names: dict[str, tuple[str, str]]
) -> dict[str, tuple[str, str]]:
    """Root-relative source → (target, code) for ML104/ML105, all or none: a renumbering
    done in part would leave the sequence worse than it found it. The handoffs it moves leave
    ``names`` (their ML101/ML103 fix is made by the same move)."""
    digits = renumbering(project, enabled, lambda paths: run.added_at(project, paths))
    if not digits:
        return {}
    found = findings(project)
    by_path = {h.path: h for h in project.layout.handoffs}
    forced = project.loaded.config.number_width
    group: dict[str, tuple[str, str]] = {}
    for path, number in digits.items():
        handoff = by_path[path]
        if path in names:  # its malformed name or width is fixed by the same move
            wanted = names.pop(path)[0]
            written = wanted.split("-", 1)[0]
            width = len(written) if forced or (len(written) > 1 and written[0] == "0") else 0
            name = f"{int(number):0{width}d}{wanted[len(written) :]}"
        else:
            name = number + handoff.filename[len(handoff.name.digits or "") :]
        code = "ML104" if path in found.get("ML104", ()) or "ML105" not in found else "ML105"
        group[path] = (_sibling(path, name), code)
    targets = [dst for dst, _ in group.values()]
    dirty = run.dirty([run.full(project, p) for p in group])
    unstaged = [p for p in group if run.full(project, p) in dirty]
    problem = f"{shown(project, unstaged[0])} has unstaged changes" if unstaged else None
    if len(set(targets)) < len(targets):
        problem = "two handoffs would take one name"
    for dst in targets:
        if dst not in group and _taken(project, dst):
            problem = f"{shown(project, dst)} is in the way"
    if problem is None and ordered({s: d for s, (d, _) in group.items()}) is None:
        problem = "the new names go round in a circle"
    if problem:
        where = shown(project, "") or "."
        run.skipped.append(f"{where}: not renumbered, {problem}")
        return {}
    return group


def _plan_root(run: _Run, project: Project, enabled: set[str]) -> None:
    names = {p: r for p, r in sorted(_renames(project).items()) if r[1] in enabled}
    moves = _renumbered(run, project, enabled, names)
    targets = {dst for dst, _ in moves.values()}
    dirty = run.dirty([run.full(project, p) for p in names])
    for path, (wanted, code) in names.items():
        dst = _sibling(path, wanted)
        if run.full(project, path) in dirty:
            run.skipped.append(f"{shown(project, path)}: not renamed, it has unstaged changes")
        elif dst in targets or _taken(project, dst):
            run.skipped.append(f"{shown(project, path)}: not renamed, {wanted} already exists")
        else:
            moves[path] = (dst, code)
            targets.add(dst)
    for src, dst in ordered({s: d for s, (d, _) in moves.items()}) or []:
        full_src, full_dst = run.full(project, src), run.full(project, dst)
        run.moves[full_src] = full_dst
        run.codes[full_src] = moves[src][1]
        entry = run.entries.get(full_src) if stageable(full_src) else None
        run.tx.move(full_src, full_dst, entry)
        how = "git mv" if entry else "renamed"
        done = f"{how} {shown(project, src)} -> {shown(project, dst)}"
        unstageable = full_src in run.entries and entry is None
        run.fixes.append(Fix(moves[src][1], done + (f" ({NOT_STAGED})" if unstageable else "")))


def _markdown_files(run: _Run, projects: list[Project]) -> list[str]:
    """Every markdown file a moved file may be linked from, from the top: the repository's
    (tracked, or untracked and not ignored), else the roots' own outside git."""
    ws = run.tx.workspace
    if not ws.in_git:
        return [run.full(p, rel) for p in projects for rel in p.layout.markdown_files]
    import os

    args = ["ls-files", "-z", "--cached", "--others", "--exclude-standard", "--"]
    out = os.fsdecode(gitread.git([*args, "*.md", "*.markdown"], ws.top))
    return sorted(n for n in set(out.split("\0")) if n and ws.path(n).is_file())


def _relink(run: _Run, projects: list[Project]) -> None:
    """Rewrite every relative link the moves would break, in each file's new place."""
    if not run.moves:
        return
    from milestone_lint.check.documents import DocumentStore
    from milestone_lint.sources.worktree import WorktreeSource

    store = DocumentStore(WorktreeSource(run.tx.workspace.top), "")
    files = _markdown_files(run, projects)
    codes = ", ".join(sorted(set(run.codes.values())))
    dirty = run.dirty([f for f in files if f in run.entries and f not in run.moves])
    for path in files:
        text, doc = store.text(path), store.document(path)
        if text is None or doc is None:
            continue
        fixed = rewrite_links(text, doc, path, run.moves, store.exists)
        store.forget(path)
        if fixed is None:
            continue
        new = run.moves.get(path, path)
        run.tx.replace(new, fixed.encode("utf-8", "surrogateescape"))
        run.fixes.append(Fix(codes, f"rewrote the links to the moved files in {new}"))
        if path in dirty:
            run.skipped.append(f"{new}: links rewritten but not staged, it has unstaged changes")
        elif path in run.entries and stageable(new):
            run.add.append(new)


def _plan(run: _Run, cwd: Path, enabled: set[str]) -> None:
    projects = open_projects(cwd, None)
    for project in projects:
        _plan_root(run, project, enabled)
    _relink(run, projects)
    for project in projects:
        root = run.full(project, "")
        prefix = root + "/" if root else ""
        tracked = any(path.startswith(prefix) for path in run.entries)
        config = project.loaded.config
        for milestone in project.layout.milestones:
            for code, name, summary in (
                ("ML201", config.summary_file, True),
                ("ML202", config.lessons_file, False),
            ):
                if code in enabled and name not in milestone.system_files:
                    done = _system_file(run.tx, project, milestone, name, summary)
                    if done:
                        run.fixes.append(Fix(code, done))
                        if tracked:  # a tracked root records its system files: stage it
                            run.add.append(run.full(project, f"{milestone.path}/{name}"))
    run.tx.stage(run.add)


def apply_fixes(
    cwd: Path, codes_enabled: set[str], index: bool = True
) -> tuple[list[Fix], list[str]]:
    """Apply the fixes of the enabled codes, all or nothing; what changed and what was
    skipped. A tracked file is renamed in the index too (as git mv would), a file it rewrites
    or creates is staged when tracked; a file with unstaged changes is not renamed (staging the
    rename would stage them). ``index=False``: the work tree alone changes (the commit hook's
    fix: the user adds what they accept)."""
    with transaction(cwd, "check --fix") as tx:
        run = _Run(tx, index)
        _plan(run, cwd, codes_enabled)
        if run.fixes:
            tx.apply()
    return run.fixes, run.skipped


def _planned(cwd: Path, codes_enabled: set[str], command: str) -> tuple[Transaction, _Run]:
    tx = Transaction(open_workspace(cwd), command)
    run = _Run(tx, index=False)
    _plan(run, cwd, codes_enabled)
    return tx, run


def preview_fixes(cwd: Path, codes_enabled: set[str]) -> tuple[str, list[Fix], list[str]]:
    """``--fix --diff``: a git-style patch of every rename and every file the fixes would
    write, what they would do and what they would skip; nothing is written, no lock taken."""
    from milestone_lint.write.patch import render_patch

    tx, run = _planned(cwd, codes_enabled, "check --fix --diff")
    return render_patch(tx), run.fixes, run.skipped


def plan_fixes(cwd: Path, codes_enabled: set[str]) -> tuple[Transaction, list[Fix]]:
    """The fixes of the enabled codes as a planned transaction (its steps, nothing written),
    for an editor to offer as one edit."""
    tx, run = _planned(cwd, codes_enabled, "the editor's fix")
    return tx, run.fixes


def fixable(cwd: Path) -> set[tuple[str, str]]:
    """(code, path as shown) of every finding ``--fix`` would change now: a rename whose target
    is free, a renumbering, a missing summary or lessons file. Nothing is written."""
    found: set[tuple[str, str]] = set()
    for project in open_projects(cwd, None):
        for path, (wanted, code) in _renames(project).items():
            if not _taken(project, _sibling(path, wanted)):
                found.add((code, project.shown(path)))
        for code, paths in findings(project).items():
            found.update((code, project.shown(path)) for path in paths)
        config = project.loaded.config
        for milestone in project.layout.milestones:
            for code, name in (("ML201", config.summary_file), ("ML202", config.lessons_file)):
                if name not in milestone.system_files:
                    found.add((code, project.shown(milestone.path)))
    return found
