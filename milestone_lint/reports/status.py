"""``status``: milestones, pending handoffs, whether a milestone is due, the context cost.

The data holds names as they are (JSON carries any name); text and mermaid show each name
through :func:`~milestone_lint.paths.display`, so a line break, tab or escape sequence in a
file name cannot break a line, a column or a node.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from milestone_lint.check.documents import DocumentStore
from milestone_lint.convention.tokens import estimated_tokens
from milestone_lint.layout.project import Project
from milestone_lint.paths import display, plural
from milestone_lint.rules.content.dates import completion_date


@dataclass
class MilestoneStatus:
    number: int | None
    name: str
    date: str | None
    handoffs: list[str]


@dataclass
class RootStatus:
    root: str
    numbering: str
    milestones: list[MilestoneStatus]
    pending: list[str]
    transcripts: list[str]
    min_handoffs: int
    milestone_due: bool
    context_tokens: int
    context_files: int


def root_status(project: Project) -> RootStatus:
    layout, config = project.layout, project.loaded.config
    store = DocumentStore(project.source, project.rel)
    milestones = []
    for milestone in layout.milestones:
        date = None
        doc = store.document(f"{milestone.path}/{config.summary_file}")
        if doc is not None and config.summary_file in milestone.system_files:
            reading = completion_date(doc, config.summary_synonyms)
            date = reading.value.isoformat() if reading and reading.value else None
        milestones.append(
            MilestoneStatus(
                milestone.name.number,
                milestone.path,
                date,
                [h.filename for h in milestone.handoffs],
            )
        )
    pending = [h.filename for h in layout.pending_handoffs()]
    transcripts = [h.filename for h in layout.pending_transcripts()]
    tokens = 0
    system = layout.system_file_paths()
    for path in system:
        text = store.text(path)
        tokens += estimated_tokens(text) if text else 0
    return RootStatus(
        project.shown(""),
        project.numbering_style,
        milestones,
        pending,
        transcripts,
        config.suggest_min_handoffs,
        len(pending) >= config.suggest_min_handoffs,
        tokens,
        len(system),
    )


def as_text(status: RootStatus) -> str:
    lines = [f"{display(status.root)}/ ({status.numbering} numbering)"]
    lines.append(f"  milestones: {len(status.milestones)}")
    for m in status.milestones:
        date = m.date or "no date"
        handoffs = plural(len(m.handoffs), "handoff")
        lines.append(f"    {display(m.name):<32} {date:<10}  {handoffs}")
    lines.append(f"  pending handoffs: {len(status.pending)}")
    lines.extend(f"    {display(name)}" for name in status.pending)
    if status.transcripts:
        lines.append(f"  pending transcripts: {len(status.transcripts)}")
        lines.extend(f"    {display(name)}" for name in status.transcripts)
    due = "yes" if status.milestone_due else "no"
    count = len(status.pending)
    lines.append(f"  milestone due: {due} ({count} pending, min-handoffs {status.min_handoffs})")
    lines.append(
        f"  context: ~{status.context_tokens} tokens in {status.context_files} 0- files"
        " (what a fresh session loads)"
    )
    return "\n".join(lines)


def as_json(statuses: list[RootStatus]) -> str:
    return json.dumps([asdict(s) for s in statuses], indent=2)


def _label(text: str) -> str:
    return display(text).replace('"', "#quot;")


def as_mermaid(statuses: list[RootStatus]) -> str:
    lines = ["flowchart LR"]
    for r, status in enumerate(statuses):
        lines.append(f'  subgraph r{r}["{_label(status.root)}/"]')
        for m, milestone in enumerate(status.milestones):
            node = f"r{r}m{m}"
            lines.append(f'    {node}["{_label(milestone.name)}"]')
            for h, name in enumerate(milestone.handoffs):
                lines.append(f'    {node}h{h}["{_label(name)}"] --> {node}')
        for p, name in enumerate(status.pending):
            lines.append(f'    r{r}p{p}["{_label(name)}"]:::pending')
        lines.append("  end")
    lines.append("  classDef pending stroke-dasharray: 4 4")
    return "\n".join(lines)
