"""``new milestone``: plan the moves and drafts, then carry them out all or nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from milestone_lint.check.documents import DocumentStore
from milestone_lint.errors import MilestoneLintError
from milestone_lint.git import read as gitread
from milestone_lint.git.journal import Transaction, Workspace
from milestone_lint.layout.model import Handoff
from milestone_lint.layout.project import Project
from milestone_lint.markdown import parse_markdown
from milestone_lint.markdown.model import Document
from milestone_lint.paths import display, plural
from milestone_lint.templates import render
from milestone_lint.write import draft as drafting
from milestone_lint.write.names import NOT_STAGED, check_length, shown, slug_for, stageable
from milestone_lint.write.relinks import rewrite_links


@dataclass
class Plan:
    """What ``new milestone`` will do; paths relative to the root. ``tracked`` maps each moved
    handoff git tracks to its index entry (mode, object id); ``staged_rewrites`` are the
    rewritten files (by their new path) that git tracks, so their rewrite is staged; ``notes``
    are lines of the plan that say what is not staged, and why."""

    folder: str
    moves: list[tuple[str, str]]
    tracked: dict[str, tuple[str, str]]
    rewrites: dict[str, str]
    staged_rewrites: set[str]
    files: list[tuple[str, str]]
    placeholders: int
    lessons: int
    bullets: int
    left_out: list[str]
    notes: list[str] = field(default_factory=list)


def parse_range(spec: str) -> list[tuple[int, int]]:
    """``5-8``, ``5``, ``5,7-8`` → inclusive intervals, in the order written.

    Intervals, never the numbers themselves: ``1-100000000000`` costs nothing to hold.
    """
    intervals: list[tuple[int, int]] = []
    for part in spec.split(","):
        low, sep, high = part.strip().partition("-")
        if not low.isdigit() or (sep and not high.isdigit()) or len(low) > 18 or len(high) > 18:
            raise MilestoneLintError(
                f'--handoffs "{display(spec)}": write numbers and ranges, like 5-8 or 5,7'
            )
        first, last = int(low), int(high) if sep else int(low)
        if first > last:
            raise MilestoneLintError(
                f"--handoffs {display(spec)}: {first}-{last} runs backwards; write {last}-{first}"
            )
        intervals.append((first, last))
    return intervals


def chosen_handoffs(project: Project, spec: str | None) -> list[Handoff]:
    """The pending handoffs a milestone takes: all of them, or those SPEC (`5-8`) names,
    which must be the oldest (a handoff left pending below the milestone breaks ML106)."""
    pending = project.layout.numbered_pending()
    if not pending:
        raise MilestoneLintError(
            f"{shown(project, '')}: no pending handoffs to distil; write some first"
        )
    if spec is None:
        return pending
    intervals = parse_range(spec)
    numbers = sorted({h.name.number for h in pending if h.name.number is not None})
    valid = f"{numbers[0]}-{numbers[-1]}" if len(numbers) > 1 else str(numbers[0])
    for first, last in intervals:
        inside = [n for n in numbers if first <= n <= last]
        if len(inside) < last - first + 1:
            have = set(inside)
            missing = next(n for n in range(first, last + 1) if n not in have)
            raise MilestoneLintError(
                f"--handoffs {display(spec)}: no pending handoff numbered {missing}; pending"
                f" handoffs are numbered {valid} (see milestone-lint status)"
            )
    chosen = [
        h
        for h in pending
        if h.name.number is not None and any(a <= h.name.number <= b for a, b in intervals)
    ]
    # The tree must stay valid: a pending handoff left below an archived one breaks the order
    # (ML106), so a milestone takes the oldest pending handoffs, as many as wanted.
    ordered = sorted(pending, key=lambda h: h.name.number or 0)
    if set(chosen) != set(ordered[: len(chosen)]):
        last = max(h.name.number or 0 for h in chosen)
        left = [h.name.number for h in ordered if h not in chosen and (h.name.number or 0) < last]
        raise MilestoneLintError(
            f"--handoffs {display(spec)}: would leave handoff"
            f"{'s' if len(left) > 1 else ''} {', '.join(map(str, left))} pending below the"
            f" milestone's (ML106); distil the oldest first: --handoffs {numbers[0]}-{last}"
            " (nothing was changed)"
        )
    return chosen


def plan_milestone(
    project: Project, name: str, spec: str | None, workspace: Workspace | None
) -> Plan:
    """Plan the milestone (read only). ``workspace``: where git state is read, when in git."""
    slug = slug_for(name, "milestone name")
    number = project.next_milestone_number()
    folder = f"{number:0{project.milestone_width()}d}-{slug}"
    check_length(folder, shown(project, ""))
    if project.path(folder).exists() or project.path(folder).is_symlink():
        raise MilestoneLintError(f"{shown(project, folder)}: already exists; nothing was changed")
    handoffs = chosen_handoffs(project, spec)
    moves = [(h.path, f"{folder}/{h.filename}") for h in handoffs]
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

    # Transcripts move with the handoffs; what they say was distilled into the handoff.
    documents: list[Document] = []
    names: list[str] = []
    for handoff in (h for h in handoffs if not h.transcript):
        # The drafts sit beside the moved handoffs: text copied from a handoff as rewritten
        # for its new place has its links right already, so links have one rewriter.
        rewritten = rewrites.get(mapping[handoff.path])
        doc = store.document(handoff.path) if rewritten is None else parse_markdown(rewritten)
        if doc is not None:
            documents.append(doc)
            names.append(display(handoff.filename))  # the draft names them in its notes
    config = project.loaded.config
    result = drafting.draft(
        documents,
        names,
        config.limits_for("summary"),
        config.limits_for("lessons"),
        config.summary_synonyms,
    )
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
    tracked: dict[str, tuple[str, str]] = {}
    staged_rewrites: set[str] = set()
    notes: list[str] = []
    if workspace is not None and workspace.in_git:
        source_of = {dst: src for src, dst in moves}
        sources = {path: source_of.get(path, path) for path in rewrites}
        listed = _git_state(project, workspace, [src for src, _ in moves], list(sources.values()))
        tracked = {src: listed[src] for src, _ in moves if src in listed and stageable(src)}
        unstageable = [src for src, _ in moves if src in listed and src not in tracked]
        notes = [f"  {shown(project, src)}: {NOT_STAGED}" for src in unstageable]
        staged_rewrites = {p for p, src in sources.items() if src in listed and stageable(src)}
    bullets = sum(len(b) for b in result.bullets.values())
    return Plan(
        folder,
        moves,
        tracked,
        rewrites,
        staged_rewrites,
        files,
        result.placeholders,
        len(result.lessons),
        bullets,
        result.left_out,
        notes,
    )


def _git_state(
    project: Project, workspace: Workspace, moved: list[str], rewritten: list[str]
) -> dict[str, tuple[str, str]]:
    """Index entries (mode, object id) of the root's tracked files, by root-relative path;
    refuse when a file the command moves or rewrites has unstaged changes (they would be
    mixed into what it stages)."""
    root = workspace.rel(project.root) or "."
    listed = gitread.tracked_under(workspace.top, root)
    unstaged = gitread.unstaged(workspace.top, [root])

    def full(rel: str) -> str:
        return workspace.rel(project.path(rel))

    dirty = [rel for rel in dict.fromkeys([*moved, *rewritten]) if full(rel) in unstaged]
    if dirty:
        named = ", ".join(shown(project, rel) for rel in dirty)
        raise MilestoneLintError(
            f"{named}: unstaged changes would be mixed into what new milestone stages; git add"
            " or stash them first (nothing was changed)"
        )
    prefix = "" if root == "." else root + "/"
    return {path[len(prefix) :]: entry for path, entry in listed.items() if path.startswith(prefix)}


def execute(project: Project, plan: Plan, tx: Transaction) -> None:
    """Carry out the plan as one transaction: folder, moves, link rewrites, drafted files, and
    in the index only what the command owns (the moved tracked handoffs, the files it wrote
    for them)."""
    ws = tx.workspace

    def full(rel: str) -> str:
        return ws.rel(project.path(rel))

    tx.mkdir(full(plan.folder))
    for src, dst in plan.moves:
        tx.move(full(src), full(dst), plan.tracked.get(src))
    for path, text in plan.rewrites.items():
        tx.replace(full(path), text.encode("utf-8", "surrogateescape"))
    for path, text in plan.files:
        tx.create(full(path), text.encode("utf-8"))
    add = [full(p) for p in sorted(plan.staged_rewrites)]
    if plan.tracked:  # the milestone is recorded in git: its drafted files are too
        add += [full(p) for p, _ in plan.files]
    tx.stage(add)
    tx.apply()


def left_out_lines(plan: Plan) -> list[str]:
    """What the drafts do not hold, said rather than cut silently."""
    return [
        "  left out of the drafts (still in the moved handoffs):",
        *(f"    {item}" for item in plan.left_out),
    ]


def describe(project: Project, plan: Plan, dry_run: bool) -> list[str]:
    head = f"milestone {shown(project, plan.folder)}" + (
        " (dry run: nothing changed)" if dry_run else ""
    )
    lines = [head, f"  create {shown(project, plan.folder)}/"]
    for src, dst in plan.moves:
        how = "git mv" if src in plan.tracked else "move"
        lines.append(f"  {how} {shown(project, src)} -> {shown(project, dst)}")
    lines.extend(plan.notes)
    for path in plan.rewrites:
        lines.append(f"  fix relative links in {shown(project, path)}")
    summary, lessons = plan.files
    bullets, lessons_drafted = plural(plan.bullets, "bullet"), plural(plan.lessons, "lesson")
    lines.append(f"  write {shown(project, summary[0])} ({bullets} drafted)")
    lines.append(f"  write {shown(project, lessons[0])} ({lessons_drafted} drafted)")
    if plan.left_out and dry_run:
        lines.extend(left_out_lines(plan))
    if plan.placeholders:
        marks = "placeholder marks" if plan.placeholders == 1 else "placeholders mark"
        lines.append(
            f"  {plan.placeholders} TODO {marks} what the handoffs did not say;"
            " milestone-lint check lists them"
        )
    return lines


def drafted_files(project: Project, plan: Plan) -> list[str]:
    """The drafted files' text as the dry run shows it: each under a line naming it."""
    lines: list[str] = []
    for path, text in plan.files:
        lines += ["", f"--- {shown(project, path)} (drafted) ---", *text.rstrip("\n").split("\n")]
    return lines


def create_milestone(
    cwd: Path, root: str | None, name: str, spec: str | None, dry_run: bool
) -> tuple[list[str], list[str]]:
    """Plan (and unless ``dry_run``, make) the milestone; returns the plan's lines and the
    notes on what the draft left out."""
    from milestone_lint.git.journal import open_workspace, transaction
    from milestone_lint.layout.project import open_project

    if dry_run:
        project = open_project(cwd, root)
        plan = plan_milestone(project, name, spec, open_workspace(cwd))
        return [*describe(project, plan, dry_run), *drafted_files(project, plan)], []
    # Planned under the workspace's lock: the number and the moves are those of the tree as
    # it is when they are made.
    with transaction(cwd, "new milestone") as tx:
        project = open_project(cwd, root)
        plan = plan_milestone(project, name, spec, tx.workspace)
        execute(project, plan, tx)
    notes = list(left_out_lines(plan)) if plan.left_out else []
    return list(describe(project, plan, dry_run)), notes
