"""Which rules run, and which diagnostics are dropped: select / ignore by longest code prefix."""

from __future__ import annotations

from collections.abc import Iterable

from milestone_lint.globs import glob_match
from milestone_lint.rules.base import Rule

ERROR = "error"
WARNING = "warning"


def _decision(code: str, selected: Iterable[str], ignored: Iterable[str]) -> bool | None:
    """True/False by the longest matching prefix (ignore wins a tie); None if nothing matches."""
    best_len = -1
    best: bool | None = None
    for prefix in selected:
        if code.startswith(prefix) and len(prefix) > best_len:
            best_len, best = len(prefix), True
    for prefix in ignored:
        if code.startswith(prefix) and len(prefix) >= best_len:
            best_len, best = len(prefix), False
    return best


class Selection:
    """The rule selection of one run.

    ``select`` replaces the default; ``extend-select`` adds to it; ``ignore`` removes, the
    longest matching prefix deciding (``select = ["ML"]``, ``ignore = ["ML3"]``,
    ``extend-select = ["ML305"]`` runs ML305 but no other ML3 rule). Rules that are off by
    default run only when their full code is selected (or warned of).

    ``warn`` competes in the same way for the level: a code is a warning when its longest
    matching ``warn`` prefix is as long as its longest ``select`` one or longer (a tie warns, as
    ``ignore`` wins one; ``select = ["ML"]``,
    ``warn = ["ML3"]``: ML301 warns, ML101 is an error; ``warn = ["ML3"]``,
    ``select = ["ML301"]``: ML301 is an error again). ``warn`` enables what it names too.
    """

    def __init__(
        self,
        select: tuple[str, ...],
        ignore: tuple[str, ...],
        extend_select: tuple[str, ...],
        per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...],
        warn: tuple[str, ...] = (),
    ) -> None:
        self.select = select + extend_select
        self.ignore = ignore
        self.warn = warn
        self.per_file_ignores = per_file_ignores
        self._levels: dict[str, str] = {}

    def enabled(self, rule: Rule) -> bool:
        if not rule.default_enabled and rule.code not in self.select + self.warn:
            return False
        return _decision(rule.code, self.select + self.warn, self.ignore) is True

    def level(self, code: str) -> str:
        """``"warning"`` or ``"error"``: what a finding of ``code`` is."""
        known = self._levels.get(code)
        if known is None:
            longest = max((len(p) for p in self.select if code.startswith(p)), default=-1)
            warned = max((len(p) for p in self.warn if code.startswith(p)), default=-1)
            known = self._levels[code] = WARNING if warned >= 0 and warned >= longest else ERROR
        return known

    def ignored_in_file(self, code: str, path: str) -> bool:
        """True when a per-file-ignores glob matching ``path`` names ``code`` or a prefix of it."""
        return any(
            glob_match(glob, path) and any(code.startswith(c) for c in codes)
            for glob, codes in self.per_file_ignores
        )
