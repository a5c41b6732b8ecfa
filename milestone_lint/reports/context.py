"""The restore-session pack: what a fresh session (usually a coding agent) reads first.

The convention's "restore session" step, as one deterministic text within a token budget
(one token per four characters, as ML308), in this order:

* the handoff to act on (the newest pending one), whole: Claude Code keeps only the first
  10,000 characters of a SessionStart hook's output, so it must come first;
* every milestone's 0- files in number order (the summary first);
* the older pending handoffs, in order;
* what was left out.

Over budget, milestones give way oldest first: to their summary (lessons left out), then,
once every milestone is down to its summary, to a line with their title, then out. Only
then do the older pending handoffs give way, oldest first: shortened (headings and each
section's first line), then their title, then a single line naming them all (at last only
the first and the last of them). The pack exceeds its budget only when the handoff to act
on alone does, and then says so in its first line.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import NamedTuple

from milestone_lint.check.documents import DocumentStore
from milestone_lint.convention.tokens import estimated_tokens, estimated_tokens_of
from milestone_lint.diagnostics import excerpt
from milestone_lint.layout.project import Project
from milestone_lint.markdown import parse_markdown
from milestone_lint.markdown.model import Block, CodeBlock, Document, Heading
from milestone_lint.markdown.words import without_tables

DEFAULT_BUDGET = 2500

# What a unit shows, most first: a milestone's levels, then a pending handoff's.
WHOLE, SUMMARY_ONLY, TITLE_ONLY, LEFT_OUT = 3, 2, 1, 0
SHORTENED, NAMED = 2, 0


class File(NamedTuple):
    path: str  # as shown (relative to the repository)
    text: str


class Unit(NamedTuple):
    """A milestone (its 0- files, the summary first) or a pending handoff."""

    kind: str  # "milestone" or "handoff"
    label: str  # "handoffs/2-auth/" or "handoffs/7-login.md"
    files: tuple[File, ...]

    @property
    def title(self) -> str:
        """The first file's title, for the one-line form (read only for the units shown so)."""
        return _title(self.files[0].text) if self.files else ""


# Where a level-1 heading may stand: an ATX "# " line or a setext "===" underline.
_MAY_BE_TITLE = re.compile(r"^ {0,3}(?:#(?:[ \t]|$)|=+[ \t]*$)", re.MULTILINE)


def _written(doc: Document, heading: Heading) -> list[str]:
    """A heading's lines as written, from its marker (a setext heading's underline left)."""
    first = doc.lines[heading.line - 1][heading.column - 1 :]
    return [first, *doc.lines[heading.line : heading.end_line - 1]]


@functools.lru_cache(maxsize=1024)  # a unit's title is asked for at each level it is sized
def _title(text: str) -> str:
    """The first level-1 heading as written, whitespace squeezed; else the first line.

    Read through the parser (a "# " line in a code block is no title), but only as far as
    the first line that may be the title: blocks are read line by line, so the lines after
    it cannot change what it is. Parsed whole when it is not one. An ATX heading on the
    first line (every summary's title) is one whatever follows and nothing precedes it: the
    parser would say the same, for 0.25 ms a file (300 milestones going title-only: 75 ms).
    """
    candidate = _MAY_BE_TITLE.search(text)
    if candidate is not None and candidate.start() == 0 and "#" in candidate[0]:
        return " ".join(text.split("\n", 1)[0].strip().lstrip("#").split())
    doc = None
    if candidate is not None:
        end = text.find("\n", candidate.end())
        doc = parse_markdown(text if end < 0 else text[:end])
    if doc is None or doc.title is None:
        doc = parse_markdown(text)
    if doc.title is not None:
        written = _written(doc, doc.title)
        if doc.title.end_line == doc.title.line:
            written[0] = written[0].lstrip("#")
        return " ".join(" ".join(written).split())
    for line in text.splitlines():
        if line.strip():
            return " ".join(line.split())[:120]
    return ""


@functools.lru_cache(maxsize=4096)  # sized, then rendered: parsed once
def _shortened(text: str) -> str:
    """A handoff cut to its headings and the first line of each section's first block.

    Read from the parsed document: a ``#`` line in a code block is no heading, front matter
    is no line at all, and a table or a code block is skipped (a header row says nothing on
    its own; a fence's first line alone would open a block that swallows the rest of the
    pack): the first line after it, or the next block, stands for the section.
    """
    doc = parse_markdown(text)
    lines = doc.lines
    out: list[str] = []
    for section in doc.sections:
        heading = section.heading
        out += lines[heading.line - 1 : heading.end_line]
        for block in section.blocks:
            first = _first_line(lines, block)
            if first is not None:
                out.append(excerpt(first, 200))
                break
    return "\n".join(out)


def _first_line(lines: list[str], block: Block) -> str | None:
    """The block's first line as written, tables left out; None for a code block, or a
    table and nothing else."""
    if isinstance(block, CodeBlock):
        return None
    rest = without_tables(block.raw)
    if rest is None:
        return lines[block.line - 1]
    return next((line for line in rest.split("\n") if line.strip()), None)


def units_of(project: Project) -> tuple[list[Unit], list[Unit], list[str]]:
    """The root's milestones and pending handoffs, in reading order, and the transcripts
    (not read: they are what was said, not what was distilled)."""
    layout, config = project.layout, project.loaded.config
    store = DocumentStore(project.source, project.rel)

    def file(path: str) -> File | None:
        text = store.text(path)
        return File(project.shown(path), text.rstrip("\n")) if text is not None else None

    summary_first = [config.summary_file, config.lessons_file]

    def order(name: str) -> tuple[int, str]:
        return (summary_first.index(name) if name in summary_first else 2, name)

    milestones: list[Unit] = []
    ordered = sorted(
        layout.milestones,
        key=lambda m: (m.name.number is None, m.name.number or 0, m.path),
    )
    epics_done: set[str] = set()
    for milestone in ordered:
        epic = milestone.epic
        if epic is not None and epic.path not in epics_done and epic.system_files:
            # An epic's own 0- files come before the milestones it groups.
            epics_done.add(epic.path)
            files = [file(f"{epic.path}/{n}") for n in sorted(epic.system_files, key=order)]
            present = tuple(f for f in files if f is not None)
            milestones.append(Unit("milestone", project.shown(epic.path) + "/", present))
        files = [file(f"{milestone.path}/{n}") for n in sorted(milestone.system_files, key=order)]
        present = tuple(f for f in files if f is not None)
        milestones.append(Unit("milestone", project.shown(milestone.path) + "/", present))
    pending: list[Unit] = []
    for handoff in layout.pending_handoffs():
        found = file(handoff.path)
        if found is not None:
            pending.append(Unit("handoff", found.path, (found,)))
    transcripts = [project.shown(h.path) for h in layout.pending_transcripts()]
    return milestones, pending, transcripts


class Pack(NamedTuple):
    """One root's pack: its units and what each gives up (``levels``: per milestone, then per
    pending handoff; the last pending handoff, the one to act on, is always whole)."""

    root: str
    budget: int
    milestones: list[Unit]
    pending: list[Unit]
    transcripts: list[str]
    levels: list[int]
    flags: dict[str, int]  # "compact": the named line as a range; "cut": act-on characters

    @property
    def act_on(self) -> str | None:
        return self.pending[-1].label if self.pending else None

    def unit_parts(self, index: int, level: int) -> list[tuple[str, str, str]]:
        """(path, state, text) of what unit ``index`` (milestones, then pending handoffs)
        shows at ``level``."""
        milestones = len(self.milestones)
        if index >= milestones:
            unit = self.pending[index - milestones]
            text = unit.files[0].text
            if level == SHORTENED:
                return [(unit.label, "shortened", _shortened(text))]
            if level == TITLE_ONLY:
                return [(unit.label, "title only", _title(text) or "(no title)")]
            if level == NAMED:
                return []
            if index == len(self.levels) - 1 and "cut" in self.flags:
                return [(unit.label, "cut", text[: self.flags["cut"]])]
            return [(unit.label, "whole", text)]
        unit = self.milestones[index]
        if level == WHOLE:
            return [(f.path, "whole", f.text) for f in unit.files]
        if level == SUMMARY_ONLY and unit.files:
            return [(unit.files[0].path, "summary only", unit.files[0].text)]
        if level == TITLE_ONLY:
            return [(unit.label, "title only", unit.title or "(no title)")]
        return []

    def unit_ledger(self, index: int, level: int) -> tuple[list[tuple[str, str]], list[str]]:
        """What unit ``index`` at ``level`` includes (path, state), and the paths it leaves
        out over the budget (a handoff named only is left out: its text is not there)."""
        milestones = len(self.milestones)
        if index >= milestones:
            label = self.pending[index - milestones].label
            if level == NAMED:
                return [], [label]
            return [(p, s) for p, s, _ in self.unit_parts(index, level)], []
        included: list[tuple[str, str]] = []
        left_out: list[str] = []
        for number, f in enumerate(self.milestones[index].files):
            if level == WHOLE or (level == SUMMARY_ONLY and number == 0):
                included.append((f.path, "whole"))
            elif level == TITLE_ONLY and number == 0:
                included.append((f.path, "title only"))
            else:
                left_out.append(f.path)
        return included, left_out

    def reading_order(self) -> list[int]:
        """Unit indexes as the pack shows them: the handoff to act on, the milestones, the
        older pending handoffs."""
        milestones, units = len(self.milestones), len(self.levels)
        act_on = [units - 1] if self.pending else []
        return act_on + list(range(milestones)) + list(range(milestones, units - 1))

    def parts(self) -> list[tuple[str, str, str]]:
        """(path, state, text) of everything the pack holds, in reading order."""
        return [p for i in self.reading_order() for p in self.unit_parts(i, self.levels[i])]

    def ledger(self) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """What is included (path, state) and what is left out (path, why)."""
        included: list[tuple[str, str]] = []
        left_out: list[tuple[str, str]] = []
        for index in self.reading_order():
            kept, dropped = self.unit_ledger(index, self.levels[index])
            included += kept
            left_out += [(path, "over the budget") for path in dropped]
        left_out.extend((t, "chat transcript") for t in self.transcripts)
        return included, left_out

    def part_lines(self, path: str, state: str, text: str) -> list[str]:
        if state == "title only":  # one line: dozens of these must not cost a section each
            return ["", f"## {path} (title only): {text}"]
        note = "" if state == "whole" else f" ({state})"
        if path == self.act_on:
            note += " (newest: act on this one)"
        if state == "cut":
            text += f"\n\n… (cut here to fit the pack: read {path} for the rest)"
        return ["", f"## {path}{note}", "", text]

    def unit_size(self, index: int, level: int) -> int:
        """The characters unit ``index`` at ``level`` adds to :meth:`markdown` by itself (a
        handoff named only is counted in :func:`named_lines`, a left-out file in
        :func:`left_out_lines`)."""
        return sum(
            len(line) + 1
            for part in self.unit_parts(index, level)
            for line in self.part_lines(*part)
        )

    def head_lines(self, over: str = "") -> list[str]:
        lines = [f"# Restore pack: {self.root}/{over}", ""]
        if self.act_on:
            lines.append(
                f"Act on the newest pending handoff, {self.act_on}: it comes first. Then"
                " read the milestones (what is done and learned) and the older pending"
                " handoffs (what is in flight)."
            )
        elif self.milestones:
            lines.append("No pending handoff: the milestones below are the whole history.")
        else:
            lines.append("Nothing to restore yet: no milestone and no pending handoff here.")
        return lines

    def left_out(self) -> tuple[list[str], list[str], list[str]]:
        """The labels of the milestones whose summary, and whose other 0- files, are left
        out, and of the handoffs named only: each oldest first."""
        offset = len(self.milestones)
        shown = list(zip(self.milestones, self.levels[:offset], strict=True))
        summaries = [u.label for u, lv in shown if lv == LEFT_OUT]
        others = [u.label for u, lv in shown if lv < WHOLE and len(u.files) > 1]
        kept = zip(self.pending, self.levels[offset:], strict=True)
        named = [u.label for u, lv in kept if lv == NAMED]
        return summaries, others, named

    def markdown(self) -> str:
        summaries, others, named = self.left_out()
        order = self.reading_order()
        older = order[1 + len(self.milestones) :] if self.pending else []
        lines = self.head_lines(self.over_budget_note() if self.flags.get("over") else "")
        for index in order[: len(order) - len(older)]:
            for part in self.unit_parts(index, self.levels[index]):
                lines += self.part_lines(*part)
        lines += named_lines(named, bool(self.flags.get("compact")))
        for index in older:
            for part in self.unit_parts(index, self.levels[index]):
                lines += self.part_lines(*part)
        lines += left_out_lines(summaries, others, self.transcripts)
        return "\n".join(lines) + "\n"

    def over_budget_note(self) -> str:
        act_on = self.pending[-1].files[0].text if self.pending else ""
        return (
            f" (over its budget of {self.budget} tokens: the handoff to act on alone takes"
            f" {estimated_tokens(act_on)})"
        )

    def as_json(self) -> dict[str, object]:
        included, left_out = self.ledger()
        text = self.markdown()
        return {
            "root": self.root,
            "budget": self.budget,
            "tokens": estimated_tokens(text),
            "over_budget": bool(self.flags.get("over")),
            "act_on": self.act_on,
            "parts": [{"path": p, "state": s, "text": t} for p, s, t in self.parts()],
            "included": [{"path": p, "state": s} for p, s in included],
            "left_out": [{"path": p, "reason": r} for p, r in left_out],
        }


def _span(labels: list[str], compact: bool = True) -> str:
    """Labels oldest first: all of them, or (compact, over three) the first and the last."""
    if compact and len(labels) > 3:
        return f"{labels[0]} … {labels[-1]} ({len(labels)})"
    return ", ".join(labels)


def named_lines(named: list[str], compact: bool) -> list[str]:
    """The one line that names the older pending handoffs given up to the budget."""
    if not named:
        return []
    return ["", "## Older pending handoffs, by name only", "", _span(named, compact)]


def left_out_lines(summaries: list[str], others: list[str], transcripts: list[str]) -> list[str]:
    """The closing list of what the pack leaves out: a line per kind, its paths as a span
    (the pack gives things up oldest first, so each kind is a run of milestones)."""
    lines: list[str] = []
    if others:
        lines.append(f"- lessons (and other 0- files) of {_span(others)}: over the budget")
    if summaries:
        lines.append(f"- summaries of {_span(summaries)}: over the budget")
    if transcripts:
        lines.append(f"- chat transcripts {_span(transcripts)}: not distilled, not read")
    return ["", "## Left out", "", *lines] if lines else []


def _steps(milestones: int, pending: int) -> list[tuple[int, int]]:
    """(unit index, its new level), in the order the pack gives things up: each milestone's
    lessons, then its summary down to a title, then the milestone; then each older pending
    handoff shortened, down to its title, then to its name; oldest first each time. A final
    (-1, 0) names the older handoffs by their first and last only."""
    steps = [(i, SUMMARY_ONLY) for i in range(milestones)]
    steps += [(i, TITLE_ONLY) for i in range(milestones)]
    steps += [(i, LEFT_OUT) for i in range(milestones)]
    older = range(milestones, milestones + max(0, pending - 1))
    for level in (SHORTENED, TITLE_ONLY, NAMED):
        steps += [(i, level) for i in older]
    return [*steps, (-1, 0)]


def build_pack(project: Project, budget: int = DEFAULT_BUDGET, limit: int | None = None) -> Pack:
    """The root's pack within ``budget`` estimated tokens; over it only when the handoff to
    act on alone is. With ``limit`` (characters: Claude Code keeps 10,000 of a hook's
    output), a pack still over it cuts the handoff to act on to fit."""
    milestones, pending, transcripts = units_of(project)
    levels = [WHOLE] * len(milestones) + [WHOLE] * len(pending)
    root = project.shown("") or "."
    pack = Pack(root, budget, milestones, pending, transcripts, levels, {})
    # The pack's size is kept as each unit gives something up, not rendered again per step
    # (rendering it whole at each of ~900 steps on a 300-handoff tree is quadratic): each
    # unit's own lines, plus the named line and the closing list, recounted from the runs.
    size = sum(len(line) + 1 for line in pack.head_lines())
    size += sum(pack.unit_size(i, level) for i, level in enumerate(levels))
    summaries, others, named = pack.left_out()

    def lists_size() -> int:
        named_part = named_lines(named, bool(pack.flags.get("compact")))
        listed = left_out_lines(summaries, others, transcripts)
        return sum(len(line) + 1 for line in named_part + listed)

    for index, level in _steps(len(milestones), len(pending)):
        if estimated_tokens_of(size + lists_size()) <= budget:
            break
        if index < 0:
            pack.flags["compact"] = 1
            continue
        if index < len(milestones):
            files = len(milestones[index].files)
            if level == SUMMARY_ONLY and files <= 1:
                continue  # nothing but the summary to begin with
            if level == SUMMARY_ONLY:
                others.append(milestones[index].label)
            if level == LEFT_OUT:
                summaries.append(milestones[index].label)
        elif level == NAMED:
            named.append(pending[index - len(milestones)].label)
        size -= pack.unit_size(index, levels[index])
        levels[index] = level
        size += pack.unit_size(index, level)
    if estimated_tokens_of(size + lists_size()) > budget:
        pack.flags["over"] = 1
    if limit is not None and pending:
        _cut_to(pack, limit)
    return pack


def _cut_to(pack: Pack, limit: int) -> None:
    """Cut the handoff to act on (at a line's end) until the pack's text fits ``limit``."""
    text = pack.pending[-1].files[0].text
    over = len(pack.markdown()) - limit
    if over <= 0:
        return
    note = len(f"\n\n… (cut here to fit the pack: read {pack.act_on} for the rest)")
    keep = max(0, len(text) - over - note - len(" (cut)"))
    end = text.rfind("\n", 0, keep + 1)
    pack.flags["cut"] = end if end > 0 else keep


def render(packs: list[Pack], output_format: str) -> str:
    if output_format == "json":
        return (
            json.dumps([p.as_json() for p in packs], indent=2) + "\n"
        )  # ASCII: bidi controls escaped
    return "\n".join(p.markdown() for p in packs)


def packs_for(
    cwd: Path, paths: tuple[str, ...] = (), budget: int = DEFAULT_BUDGET
) -> tuple[list[Pack], list[str]]:
    """The pack of every root PATHS choose (as ``check`` chooses them), and the warnings."""
    from milestone_lint.layout.project import projects_for_paths

    projects, warnings = projects_for_paths(cwd, paths)
    return [build_pack(p, budget) for p in projects], warnings
