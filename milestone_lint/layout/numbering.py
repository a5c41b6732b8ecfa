"""Numbering analysis of a root, done once and read by ML103–ML106.

Handoff numbering is either *global* (one chronological sequence: milestone 1's handoffs, then
milestone 2's, …, then the pending ones) or *per-directory* (every folder starts again at 1).
Under ``auto`` each step from one folder to the next votes: it *continues* the sequence
(its lowest number is above everything before) or *restarts* it (its lowest number is 1). The
majority wins, ties going to the first step's style. Folders that break the chosen style are
reported once (ML106) and left out of the duplicate and gap analysis, so one misplaced folder is
one diagnostic rather than a dozen.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Protocol, TypeVar

from milestone_lint.diagnostics import Finding
from milestone_lint.layout.model import Folder, Handoff, RootLayout
from milestone_lint.layout.names import NumberedName

GLOBAL = "global"
PER_DIRECTORY = "per-directory"


class Numbered(Protocol):
    @property
    def path(self) -> str: ...
    @property
    def name(self) -> NumberedName: ...


class NumberingReport:
    """The numbering style a root follows and what breaks it, each list read by one rule."""

    # A plain class, as the layout model's (see there): a dataclass costs ~0.2 ms to define.
    def __init__(self, style: str) -> None:
        self.style = style
        self.padding: list[Finding] = []
        self.duplicates: list[Finding] = []
        self.gaps: list[Finding] = []
        self.order: list[Finding] = []


N = TypeVar("N", bound=Numbered)


def _numbered(items: Sequence[N]) -> list[N]:
    return [i for i in items if i.name.number is not None]


def _filename(path: str) -> str:
    return path.rstrip("/").rsplit("/", 1)[-1]


def sequence_problems(
    items: Sequence[Numbered], what: str, where: str
) -> tuple[list[Finding], list[Finding]]:
    """Duplicates and gaps of a sequence that should run 1, 2, 3… (``what``: "handoff")."""
    duplicates: list[Finding] = []
    gaps: list[Finding] = []
    by_number: dict[int, list[Numbered]] = {}
    for item in sorted(_numbered(items), key=lambda i: (i.name.number, i.path)):
        assert item.name.number is not None
        by_number.setdefault(item.name.number, []).append(item)
    for number, group in by_number.items():
        first = group[0]
        for other in group[1:]:
            duplicates.append(
                Finding(
                    other.path,
                    f"{what} number {number} is also used by {_filename(first.path)}{where};"
                    " give each its own number",
                )
            )
    expected = 1
    for number, group in sorted(by_number.items()):
        if number == 0:
            gaps.append(
                Finding(
                    group[0].path,
                    f"{what} numbering starts at 1, not 0{where}: renumber from 1 (0- names are"
                    " for system files)",
                )
            )
            continue
        if number > expected:
            missing = str(expected) if number - 1 == expected else f"{expected}–{number - 1}"
            plural = "" if number - 1 == expected else "s"
            gaps.append(
                Finding(
                    group[0].path,
                    f"{what} numbering skips {missing}{where}: renumber, or restore the missing"
                    f" {what}{plural}",
                )
            )
        expected = number + 1
    return duplicates, gaps


def padding_fixes(items: Sequence[N], width: int) -> list[tuple[N, str, str]]:
    """(item, number as it should be written, why) for numbers off the root's width.

    With ``width`` (number-width) every number must have that many digits. Otherwise the
    majority decides between unpadded and one padded width; a tie goes to unpadded.
    """
    numbered = _numbered(items)
    fixes: list[tuple[N, str, str]] = []
    if width:
        for item in numbered:
            digits = item.name.digits or ""
            if len(digits) < width or (len(digits) > width and digits.startswith("0")):
                fixes.append((item, f"{int(digits):0{width}d}", "number-width"))
        return fixes
    padded = [i for i in numbered if i.name.padded]
    if not padded:
        return fixes
    widths = Counter(len(i.name.digits or "") for i in padded)
    common = max(widths, key=lambda w: (widths[w], w))
    short = [i for i in numbered if not i.name.padded and len(i.name.digits or "") < common]
    odd_padded = [i for i in padded if len(i.name.digits or "") != common]
    if short and len(short) >= len(padded) - len(odd_padded):
        # Unpadded is the majority (ties too): the padded ones are the odd ones out.
        return [(item, str(item.name.number), "unpadded") for item in padded]
    return [(item, f"{item.name.number:0{common}d}", "padded") for item in short + odd_padded]


def padding_problems(items: Sequence[Numbered], what: str, width: int) -> list[Finding]:
    """Numbers written in a different width from the rest (or from ``width`` when set)."""
    findings: list[Finding] = []
    for item, wanted, why in padding_fixes(items, width):
        digits = item.name.digits
        if why == "number-width":
            message = (
                f"{what} number {digits} should be written with {width} digits ({wanted}), as"
                " number-width requires"
            )
        elif why == "unpadded":
            message = (
                f"{what} number {digits} is zero-padded but most numbers here are not; write it"
                f" as {wanted}"
            )
        else:
            message = (
                f"{what} number {digits} should be written with {len(wanted)} digits ({wanted})"
                f" like the other {what}s here"
            )
        findings.append(Finding(item.path, message))
    return findings


def _transition(lowest: int, previous_max: int) -> str | None:
    if lowest > previous_max:
        return GLOBAL
    if lowest == 1:
        return PER_DIRECTORY
    return None


def _choose_style(folders: list[tuple[Folder, list[Handoff]]], mode: str) -> str:
    if mode != "auto":
        return mode
    votes: list[str] = []
    previous_max = 0
    for index, (_, handoffs) in enumerate(folders):
        numbers = [h.name.number for h in handoffs if h.name.number is not None]
        if index and numbers:
            vote = _transition(min(numbers), previous_max)
            if vote:
                votes.append(vote)
        previous_max = max([previous_max, *numbers])
    if not votes:
        return PER_DIRECTORY if len(folders) > 1 else GLOBAL
    counts = Counter(votes)
    if counts[GLOBAL] == counts[PER_DIRECTORY]:
        return votes[0]
    return GLOBAL if counts[GLOBAL] > counts[PER_DIRECTORY] else PER_DIRECTORY


def analyse(layout: RootLayout, mode: str, number_width: int) -> NumberingReport:
    """All numbering findings of one root."""
    folders = [(f, _numbered(f.handoffs)) for f in layout.folders]
    folders = [(f, hs) for f, hs in folders if hs]
    style = _choose_style(folders, mode)
    report = NumberingReport(style)
    report.padding.extend(padding_problems(layout.handoffs, "handoff", number_width))
    report.padding.extend(padding_problems(layout.milestones, "milestone", 0))

    kept: list[tuple[Folder, list[Handoff]]] = []
    previous_max = 0
    previous_label = ""
    for index, (folder, handoffs) in enumerate(folders):
        numbers = [h.name.number for h in handoffs if h.name.number is not None]
        lowest, highest = min(numbers), max(numbers)
        first = next(h for h in handoffs if h.name.number == lowest)
        fits = True
        if index and style == GLOBAL and lowest <= previous_max:
            fits = False
            report.order.append(
                Finding(
                    first.path,
                    f"handoffs in {folder.label} start at {lowest}, not after {previous_max} in"
                    f" {previous_label}; "
                    + (
                        "this root numbers globally (one sequence), so continue from"
                        f" {previous_max + 1}"
                        if mode == GLOBAL
                        else "the root mixes global and per-directory numbering; most folders"
                        f" continue one sequence, so continue from {previous_max + 1}"
                    ),
                )
            )
        elif index and style == PER_DIRECTORY and mode == "auto" and lowest != 1:
            fits = False
            report.order.append(
                Finding(
                    first.path,
                    f"handoffs in {folder.label} start at {lowest}; the root mixes global and"
                    " per-directory numbering and most folders restart at 1, so renumber from 1",
                )
            )
        if fits:
            kept.append((folder, handoffs))
        previous_max = max(previous_max, highest)
        previous_label = folder.label

    if style == GLOBAL:
        everything = [h for _, hs in kept for h in hs]
        dups, gaps = sequence_problems(everything, "handoff", "")
        report.duplicates.extend(dups)
        report.gaps.extend(gaps)
    else:
        for folder, handoffs in kept:
            dups, gaps = sequence_problems(handoffs, "handoff", f" in {folder.label}")
            report.duplicates.extend(dups)
            report.gaps.extend(gaps)

    dups, gaps = sequence_problems(layout.milestones, "milestone", "")
    report.duplicates.extend(dups)
    report.gaps.extend(gaps)
    dups, gaps = sequence_problems(layout.epics, "epic", "")
    report.duplicates.extend(dups)
    report.gaps.extend(gaps)
    return report
