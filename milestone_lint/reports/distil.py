"""What an agent distils a milestone from: ``context --for milestone`` and the MCP prompt
``distil_milestone`` (SPEC §6 "Agents").

The deterministic drafter extracts; judging that a later handoff reversed an earlier one, or
that four bullets are one recurring theme, needs the team's agent. This text gives the agent
everything that judgement needs, in one deterministic piece: the instructions, the
convention's rules and limits as this root's configuration sets them, the handoffs with their
numbers, the previous milestone's summary, and what the drafter would write. The agent writes
the files; ``check`` then holds them to the same rules as a human's, ML311 included (nothing
that is not in the handoffs).
"""

from __future__ import annotations

from pathlib import Path

from milestone_lint.check.documents import DocumentStore
from milestone_lint.errors import MilestoneLintError
from milestone_lint.layout.project import Project
from milestone_lint.markdown.fences import fenced
from milestone_lint.paths import display

# The name the draft is planned under: the agent names the milestone itself.
DRAFT_NAME = "NAME"

INSTRUCTIONS = """\
Distil the handoffs below into the milestone's two files. The draft at the end is what the
deterministic drafter extracts; improve on it, do not copy it blindly.

- Consolidate repeated themes: a choice or a problem that several handoffs mention is one
  bullet, stated once.
- A later handoff overrides an earlier one: when a decision was reversed ("changed from X
  to Y", "instead of"), keep only what holds now, and why it changed.
- Current system state is what works now, from the newest handoff; nothing finished is
  open, nothing planned is done.
- Decisions come with their reasons ("X: because Y").
- Nothing that is not in the handoffs: every number, code span and path must appear in one
  of them (`milestone-lint check` reports the rest as ML311). Do not estimate test counts,
  coverage or sizes.
- One fact per bullet, within the limits below; lessons as a Problem and a Solution."""


def _steps(project: Project, spec: str | None) -> str:
    root = display(project.shown("") or ".")
    handoffs = f" --handoffs {spec}" if spec else ""
    return (
        "Then, in this order:\n"
        f'1. `milestone-lint new milestone "NAME"{handoffs}` (NAME: two to four words for what'
        f" these handoffs delivered) moves them into {root}/<N>-<name>/, rewrites the links"
        " to them, and writes the draft below as its two files.\n"
        f"2. Rewrite {project.loaded.config.summary_file} and"
        f" {project.loaded.config.lessons_file} in that folder as the instructions say.\n"
        f"3. `milestone-lint check {root}` and fix every finding it reports."
    )


def _rules(project: Project) -> list[str]:
    config = project.loaded.config
    summary, lessons = config.limits_for("summary"), config.limits_for("lessons")
    sections = ", ".join(f'"{s}"' for s in config.summary_required_sections)
    return [
        "## The convention's rules and limits",
        f"- {config.summary_file}: a `# <Name> Milestone Summary - YYYY-MM-DD` title, then the"
        f" sections {sections}; at most {summary.words} words, {summary.bullet_words} words a"
        f" bullet, {summary.section_bullets} bullets a section.",
        f"- {config.lessons_file}: one `## <title>` per lesson, each with a `**Problem:**` and a"
        f" `**Solution:**` line; at most {lessons.words} words, {lessons.bullet_words} words a"
        " bullet.",
        "- No template text left in place (`[Decision 1]`, `TODO`, `TBD`), no filler"
        ' ("basically", "in order to"), every relative link resolving from the folder.',
    ]


def distil_text(project: Project, spec: str | None = None) -> str:
    """The whole text for one root; deterministic for a tree on a given day (the draft is
    dated today). Raises the errors ``new milestone`` would (no pending handoff, a bad range)."""
    from milestone_lint.write.milestone import chosen_handoffs, plan_milestone

    handoffs = chosen_handoffs(project, spec)
    plan = plan_milestone(project, DRAFT_NAME, spec, None)
    store = DocumentStore(project.source, project.rel)
    root = display(project.shown("") or ".")
    numbers = [h.name.number for h in handoffs if h.name.number is not None]
    span = f"{numbers[0]}–{numbers[-1]}" if len(numbers) > 1 else str(numbers[0])
    parts = [
        f"# Distil a milestone from {root}/: handoffs {span}",
        "",
        INSTRUCTIONS,
        "",
        _steps(project, spec),
        "",
        *_rules(project),
    ]
    previous = project.layout.milestones[-1] if project.layout.milestones else None
    summary_name = project.loaded.config.summary_file
    if previous is not None and summary_name in previous.system_files:
        path = f"{previous.path}/{summary_name}"
        parts += ["", f"## The previous milestone's summary ({project.shown(path)})", ""]
        parts.append(fenced((store.text(path) or "").rstrip("\n"), "markdown"))
    parts += ["", f"## The handoffs to distil ({len(handoffs)})"]
    for handoff in handoffs:
        number = handoff.name.number
        kind = " (a chat transcript)" if handoff.transcript else ""
        parts += ["", f"### Handoff {number}: {project.shown(handoff.path)}{kind}", ""]
        text = store.text(handoff.path)
        body = text.rstrip("\n") if text is not None else "(not readable text)"
        parts.append(fenced(body, "markdown"))
    parts += ["", "## What the deterministic drafter writes", ""]
    parts.append(
        f"Planned under the name {DRAFT_NAME}: its title and folder take the name you give."
    )
    for path, text in plan.files:
        name = path.rsplit("/", 1)[-1]
        parts += ["", f"### {name}", "", fenced(text.rstrip("\n"), "markdown")]
    if plan.left_out:
        parts += ["", "Left out of the draft (still in the handoffs above):"]
        parts += [f"- {line.strip()}" for line in plan.left_out]
    return "\n".join(parts) + "\n"


def root_to_distil(cwd: Path, paths: tuple[str, ...]) -> tuple[Project, list[str]]:
    """The one root PATHS choose (as ``check`` chooses roots), and discovery's warnings: a
    milestone is one root's."""
    from milestone_lint.layout.project import projects_for_paths

    projects, warnings = projects_for_paths(cwd, paths)
    if not projects:
        raise MilestoneLintError("no root here; run `milestone-lint init`, or name a root")
    if len(projects) > 1:
        names = ", ".join(p.shown("") for p in projects)
        raise MilestoneLintError(
            f"several roots ({names}); a milestone is one root's: name the one to distil"
        )
    return projects[0], warnings
