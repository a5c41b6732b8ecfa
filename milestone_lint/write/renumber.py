"""``check --fix`` for ML104 and ML105: pending handoffs renumbered into one dense sequence.

Only the root's pending handoffs move (archived ones never do: ML401 promises that). They are
put in order by number, and two that share a number by the commit that added each (the older
keeps it): so after two branches each added ``7-*.md``, the newer one becomes 8 and everything
after it shifts up by one; a gap closes from the top (the handoffs above it move down). The
sequence starts after the highest archived number under global numbering, at 1 under
per-directory; each name keeps its width (``007-`` stays three digits) and its slug.

A folder the numbering analysis leaves out (ML106: the root breaks its own style) is not
renumbered: which numbers it should hold is a question for its author, not for a fixer.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from milestone_lint.layout.model import Handoff
from milestone_lint.layout.numbering import GLOBAL, analyse
from milestone_lint.layout.project import Project

# path (root-relative) → the Unix time of the commit that added it (None: not committed).
AddedAt = Callable[[list[str]], Mapping[str, int | None]]


def findings(project: Project) -> dict[str, set[str]]:
    """Code → the pending handoffs (root-relative) ML104/ML105 report; empty when none."""
    layout = project.layout
    report = analyse(layout, project.loaded.config.numbering, project.loaded.config.number_width)
    pending = {h.path for h in layout.numbered_pending()}
    found: dict[str, set[str]] = {}
    for code, listed in (("ML104", report.duplicates), ("ML105", report.gaps)):
        paths = {f.path for f in listed if f.path in pending}
        if paths:
            found[code] = paths
    return found


def _start(project: Project) -> int:
    layout = project.layout
    if project.numbering_style != GLOBAL:
        return 1
    archived = [h.name.number for m in layout.milestones for h in m.handoffs]
    return max((n for n in archived if n is not None), default=0) + 1


def _order_key(added: Mapping[str, int | None]) -> Callable[[Handoff], tuple[int, int, str]]:
    """Number, then age: a file no commit added (None) was written after all of them, so it
    counts as the newest; equal ages (one commit, or both uncommitted) go by name."""
    newest = 1 << 62

    def key(handoff: Handoff) -> tuple[int, int, str]:
        when = added.get(handoff.path)
        return handoff.name.number or 0, newest if when is None else when, handoff.path

    return key


def renumbering(project: Project, enabled: set[str], added_at: AddedAt) -> dict[str, str]:
    """Pending handoff (root-relative) → the digits it should carry, for every one that moves;
    empty when ML104/ML105 report nothing pending or a code they report is not enabled.
    ``added_at`` is asked only about handoffs that share a number."""
    found = findings(project)
    if not found or not set(found) <= enabled:
        return {}
    pending = project.layout.numbered_pending()
    by_number: dict[int, list[str]] = {}
    for handoff in pending:
        by_number.setdefault(handoff.name.number or 0, []).append(handoff.path)
    shared = [path for paths in by_number.values() if len(paths) > 1 for path in paths]
    added = added_at(shared) if shared else {}
    forced = project.loaded.config.number_width
    digits: dict[str, str] = {}
    for number, handoff in enumerate(sorted(pending, key=_order_key(added)), _start(project)):
        if number == handoff.name.number:
            continue
        written = handoff.name.digits or ""
        width = forced or (len(written) if handoff.name.padded else 0)
        digits[handoff.path] = f"{number:0{width}d}"
    return digits


def ordered(moves: Mapping[str, str]) -> list[tuple[str, str]] | None:
    """The moves (source → target) in an order where no target is still taken by a file yet
    to move; None when they go round in a circle (no order makes them without a third name)."""
    waiting = dict(moves)
    done: list[tuple[str, str]] = []
    while waiting:
        ready = [src for src, dst in waiting.items() if dst not in waiting]
        if not ready:
            return None
        for src in sorted(ready):
            done.append((src, waiting.pop(src)))
    return done
