"""The restore-session pack: what a fresh session (usually a coding agent) reads first.

The convention's "restore session" step: every milestone's 0- files in number order, then the
pending handoffs in order, the newest with the most attention. This builds that reading as
one deterministic text within a token budget (one token per four characters, as ML308):

* units are the milestones (their 0- files), then the pending handoffs;
* over budget, milestones shrink oldest first: to their summary (lessons left out), then, once
  every milestone is down to its summary, to a line with their title and date, then out;
* only then are the pending handoffs shortened (title and each section's first line), oldest
  first; the newest is always whole. If the pack is still over budget it says so.

The closing list names every file and what became of it: whole, summary only, title only,
shortened, left out (and why).
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import NamedTuple

from milestone_lint.check.documents import DocumentStore
from milestone_lint.convention.tokens import estimated_tokens, estimated_tokens_of
from milestone_lint.layout.project import Project
from milestone_lint.markdown import parse_markdown
from milestone_lint.markdown.model import Document, Heading

DEFAULT_BUDGET = 2500

WHOLE, SUMMARY_ONLY, TITLE_ONLY, LEFT_OUT = 3, 2, 1, 0
SHORTENED = 1


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


@functools.lru_cache(maxsize=1024)  # sized, then rendered: parsed once
def _shortened(text: str) -> str:
    """A handoff cut to its first line, its headings and each section's first line."""
    doc = parse_markdown(text)
    lines = doc.lines
    out = lines[:1]
    headings = {h.line: h for h in doc.headings if h.line > 1}
    take_next = False
    number = 2
    while number <= len(lines):
        heading = headings.get(number)
        if heading is not None:
            out += lines[number - 1 : heading.end_line]
            take_next = True
            number = heading.end_line + 1
            continue
        line = lines[number - 1]
        if take_next and line.strip():
            out.append(line if len(line) <= 200 else line[:199] + "…")
            take_next = False
        number += 1
    return "\n".join(out)


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
    root: str
    budget: int
    milestones: list[Unit]
    pending: list[Unit]
    transcripts: list[str]
    levels: list[int]  # per milestone, then per pending handoff

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
        out over the budget."""
        milestones = len(self.milestones)
        if index >= milestones:
            label = self.pending[index - milestones].label
            return [(label, "shortened" if level == SHORTENED else "whole")], []
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

    def parts(self) -> list[tuple[str, str, str]]:
        """(path, state, text) of everything the pack holds, in reading order."""
        return [p for i, level in enumerate(self.levels) for p in self.unit_parts(i, level)]

    def ledger(self) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """What is included (path, state) and what is left out (path, why)."""
        included: list[tuple[str, str]] = []
        left_out: list[tuple[str, str]] = []
        for index, level in enumerate(self.levels):
            kept, dropped = self.unit_ledger(index, level)
            included += kept
            left_out += [(path, "over the budget") for path in dropped]
        left_out.extend((t, "chat transcript") for t in self.transcripts)
        return included, left_out

    def part_lines(self, path: str, state: str, text: str) -> list[str]:
        note = "" if state == "whole" else f" ({state})"
        if path == self.act_on:
            note += " (newest: act on this one)"
        return ["", f"## {path}{note}", "", text]

    def unit_size(self, index: int, level: int) -> int:
        """The characters unit ``index`` at ``level`` adds to :meth:`markdown`: its parts and
        its ledger lines, each with its newline."""
        size = sum(
            len(line) + 1
            for part in self.unit_parts(index, level)
            for line in self.part_lines(*part)
        )
        kept, dropped = self.unit_ledger(index, level)
        size += sum(len(f"- {path}: {state}") + 1 for path, state in kept)
        size += sum(len(f"- {path}: left out (over the budget)") + 1 for path in dropped)
        return size

    def markdown(self) -> str:
        lines = [f"# Restore pack: {self.root}/", ""]
        if self.act_on:
            lines.append(
                "Read the milestones (what is done and learned), then the pending handoffs"
                f" (what is in flight). Act on the newest: {self.act_on}"
            )
        else:
            lines.append("No pending handoff: the milestones below are the whole history.")
        for part in self.parts():
            lines += self.part_lines(*part)
        included, left_out = self.ledger()
        lines += ["", "## What this pack holds", ""]
        lines += [f"- {path}: {state}" for path, state in included]
        for path, why in left_out:
            lines.append(f"- {path}: left out ({why})")
        if self.over_budget_text():
            lines += ["", self.over_budget_text()]
        return "\n".join(lines) + "\n"

    def over_budget_text(self) -> str:
        offset = len(self.milestones)
        if not self.pending or any(self.levels[:offset]):
            return ""
        older = self.levels[offset:-1]
        if older and all(level == SHORTENED for level in older):
            return (
                f"The pending handoffs alone exceed the budget of {self.budget} tokens: the"
                " older ones are shortened, the newest is whole; read the others in full"
                " when they matter."
            )
        return ""

    def as_json(self) -> dict[str, object]:
        included, left_out = self.ledger()
        text = self.markdown()
        return {
            "root": self.root,
            "budget": self.budget,
            "tokens": estimated_tokens(text),
            "act_on": self.act_on,
            "parts": [{"path": p, "state": s, "text": t} for p, s, t in self.parts()],
            "included": [{"path": p, "state": s} for p, s in included],
            "left_out": [{"path": p, "reason": r} for p, r in left_out],
        }


def _steps(milestones: int, pending: int) -> list[tuple[int, int]]:
    """(unit index, its new level), in the order the pack gives things up."""
    steps = [(i, SUMMARY_ONLY) for i in range(milestones)]
    steps += [(i, TITLE_ONLY) for i in range(milestones)]
    steps += [(i, LEFT_OUT) for i in range(milestones)]
    steps += [(milestones + i, SHORTENED) for i in range(pending - 1)]
    return steps


def build_pack(project: Project, budget: int = DEFAULT_BUDGET) -> Pack:
    milestones, pending, transcripts = units_of(project)
    levels = [WHOLE] * len(milestones) + [2] * len(pending)
    pack = Pack(project.shown("") or ".", budget, milestones, pending, transcripts, levels)
    # The pack's size is kept as each unit gives something up, not rendered again per step:
    # rendering it whole for each of 3 steps per milestone was quadratic (300 milestones:
    # 950 renderings, 0.8 s at every session start). Only the closing note about the
    # pending handoffs depends on all units at once; it is measured as it stands.
    size = len(pack.markdown()) - _note_size(pack)
    for index, level in _steps(len(milestones), len(pending)):
        if estimated_tokens_of(size + _note_size(pack)) <= budget:
            break
        if level == SUMMARY_ONLY and len(milestones[index].files) <= 1:
            continue  # nothing but the summary to begin with
        size -= pack.unit_size(index, levels[index])
        levels[index] = level
        size += pack.unit_size(index, level)
    return pack


def _note_size(pack: Pack) -> int:
    note = pack.over_budget_text()
    return len(note) + 2 if note else 0


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
