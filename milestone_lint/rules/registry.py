"""The one table of rules: ``rules``, ``rule CODE``, selection and the formatters read it."""

from __future__ import annotations

from types import ModuleType

from milestone_lint.rules import branch, files, history, naming, numbering, system_files
from milestone_lint.rules.base import Rule
from milestone_lint.rules.content import (
    brevity,
    budget,
    dates,
    facts,
    fences,
    lessons,
    links,
    sections,
    wording,
)

_MODULES: tuple[ModuleType, ...] = (files, naming, numbering, system_files)
_MODULES += (sections, dates, lessons, brevity, wording, links, fences, facts, budget)
_MODULES += (history, branch)

ALL_RULES: tuple[Rule, ...] = tuple(
    sorted((rule for module in _MODULES for rule in module.RULES), key=lambda r: r.code)
)
BY_CODE: dict[str, Rule] = {rule.code: rule for rule in ALL_RULES}
CODES: frozenset[str] = frozenset(BY_CODE)
