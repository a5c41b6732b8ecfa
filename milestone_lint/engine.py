"""One lint run: source → discovery → layout → rules → filters → sorted diagnostics."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from milestone_lint.config.loader import LoadedConfig
from milestone_lint.diagnostics import Diagnostic
from milestone_lint.discovery import Target, discover
from milestone_lint.layout.model import build_layout
from milestone_lint.paths import display, glob_match_any
from milestone_lint.rules.base import LayoutContext, Rule
from milestone_lint.rules.registry import ALL_RULES
from milestone_lint.selection import Selection
from milestone_lint.sources.base import Listing, Source


@dataclass(frozen=True)
class CheckRequest:
    """What the user asked for, after options and config were merged."""

    loaded: LoadedConfig
    cwd: Path
    paths: tuple[str, ...]
    selection: Selection


@dataclass
class CheckResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    roots: int = 0


def _join(*parts: str) -> str:
    return posixpath.join(*[p for p in parts if p]) if any(parts) else ""


def _without_excluded(listing: Listing, target: Target, exclude: tuple[str, ...]) -> Listing:
    if not exclude:
        return listing

    def kept(rel: str) -> bool:
        return not glob_match_any(exclude, _join(target.glob_rel, rel))

    return Listing(
        tuple(p for p in listing.files if kept(p)), tuple(p for p in listing.dirs if kept(p))
    )


def _reader(source: Source, target: Target) -> Callable[[str], str | None]:
    def read(rel: str) -> str | None:
        try:
            return source.read(_join(target.rel, rel)).decode("utf-8", errors="replace")
        except OSError:
            return None

    return read


def check_target(
    source: Source, target: Target, request: CheckRequest, rules: list[Rule]
) -> list[Diagnostic]:
    """All diagnostics of one root."""
    config = request.loaded.config
    listing = _without_excluded(source.listing(target.rel), target, config.exclude)
    root_display = display(target.rel) or "."
    layout = build_layout(
        root_display, listing, epics=config.epics, system_files=config.system_files
    )
    context = LayoutContext(layout, config, _reader(source, target))
    found: list[Diagnostic] = []
    for rule in rules:
        if rule.check_layout is None:
            continue
        for finding in rule.check_layout(context):
            if request.selection.ignored_in_file(rule.code, _join(target.glob_rel, finding.path)):
                continue
            found.append(
                Diagnostic(
                    path=layout.display(display(finding.path)),
                    line=1,
                    column=1,
                    code=rule.code,
                    message=display(finding.message),
                )
            )
    return found


def run_check(source: Source, source_base: Path, request: CheckRequest) -> CheckResult:
    """Judge every root the request names."""
    found = discover(request.loaded, request.cwd, source_base, request.paths)
    rules = [rule for rule in ALL_RULES if request.selection.enabled(rule)]
    result = CheckResult(warnings=list(found.warnings), roots=len(found.targets))
    seen: set[Diagnostic] = set()
    for target in found.targets:
        for diagnostic in check_target(source, target, request, rules):
            if diagnostic not in seen:
                seen.add(diagnostic)
                result.diagnostics.append(diagnostic)
    result.diagnostics.sort(key=lambda d: d.sort_key)
    return result
