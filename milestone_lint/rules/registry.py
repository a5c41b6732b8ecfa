"""The one table of rules: ``rules``, ``rule CODE``, selection and the formatters read it."""

from __future__ import annotations

from milestone_lint.rules import naming, numbering, system_files
from milestone_lint.rules.base import Rule

ALL_RULES: tuple[Rule, ...] = tuple(
    sorted((*naming.RULES, *numbering.RULES, *system_files.RULES), key=lambda r: r.code)
)
BY_CODE: dict[str, Rule] = {rule.code: rule for rule in ALL_RULES}
CODES: frozenset[str] = frozenset(BY_CODE)
