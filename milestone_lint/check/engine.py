"""One lint run: source → discovery → layout → rules → suppressions → sorted diagnostics."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import posixpath
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from milestone_lint.check.documents import MAX_FINDINGS, DocumentStore, too_dense
from milestone_lint.check.parallel import can_fork, map_forked, usable_cpus
from milestone_lint.check.selection import Selection
from milestone_lint.config import CANDIDATES
from milestone_lint.config.loader import Configurations, LoadedConfig
from milestone_lint.config.schema import Config
from milestone_lint.diagnostics import Diagnostic, Finding
from milestone_lint.globs import glob_match_any
from milestone_lint.layout.discovery import Target, discover
from milestone_lint.layout.model import RootLayout, layout_for
from milestone_lint.layout.names import is_markdown
from milestone_lint.paths import display
from milestone_lint.rules.base import (
    BranchContext,
    DocumentContext,
    LayoutContext,
    RootContext,
    Rule,
    World,
)
from milestone_lint.rules.files import ML001
from milestone_lint.rules.registry import ALL_RULES
from milestone_lint.sources.base import Changes, Listing, Source

if TYPE_CHECKING:
    from milestone_lint.check.cache import Entry, RootCache
    from milestone_lint.git.history import BranchChanges


class CheckRequest(NamedTuple):
    """What the user asked for, after options and config were merged (``today``: None for the
    real date). ``loaded`` is the run's main configuration (the repository top's, or
    --config); ``configs`` every configuration, each root judged by the nearest (default:
    ``loaded`` for all); ``selection_for`` the rules a root's configuration selects, the
    command line's codes applied (default: ``selection`` everywhere)."""

    loaded: LoadedConfig
    cwd: Path
    paths: tuple[str, ...]
    selection: Selection
    today: dt.date | None = None
    hook: bool = False
    since: bool = False
    with_context: bool = False
    with_source: bool = False
    cache_dir: Path | None = None
    configs: Configurations | None = None
    selection_for: Callable[[Config], Selection] | None = None

    def selection_of(self, config: Config) -> Selection:
        return self.selection_for(config) if self.selection_for else self.selection

    # With --since: what the branch changed (paths from the repository's top), for ML402.
    branch: BranchChanges | None = None


class CheckResult:
    """What one run found: its diagnostics, warnings for the user, and what it judged."""

    # A plain class, as the layout model's (see there): a dataclass costs ~0.2 ms to define.
    def __init__(self, warnings: list[str], roots: int) -> None:
        self.diagnostics: list[Diagnostic] = []
        self.warnings = warnings
        self.roots = roots
        self.files = 0


def _join(*parts: str) -> str:
    present = [p for p in parts if p]
    return posixpath.join(*present) if present else ""


def _without_excluded(listing: Listing, target: Target, exclude: tuple[str, ...]) -> Listing:
    if not exclude:
        return listing

    def kept(rel: str) -> bool:
        return not glob_match_any(exclude, _join(target.glob_rel, rel))

    return Listing(
        tuple(p for p in listing.files if kept(p)), tuple(p for p in listing.dirs if kept(p))
    )


def _in_focus(path: str, focus: tuple[str, ...] | None) -> bool:
    if focus is None:
        return True
    return any(path == f or path.startswith(f + "/") for f in focus)


class _RootRun:
    """Everything judged in one root, turned into diagnostics as it is found."""

    def __init__(self, source: Source, target: Target, request: CheckRequest) -> None:
        self.target = target
        self.request = request
        self.config = target.loaded.config
        self.selection = request.selection_of(self.config)
        self.rules = [rule for rule in ALL_RULES if self.selection.enabled(rule)]
        self.today = request.today or dt.date.today()
        listing = _without_excluded(source.listing(target.rel), target, self.config.exclude)
        self.layout: RootLayout = layout_for(target.rel, listing, self.config)
        self.store = DocumentStore(source, target.rel)
        self.cache: RootCache | None = None
        self.stats: dict[str, list[int] | None] = {}
        self.found: list[Diagnostic] = []
        self.files = 0
        self.document_rules: list[Rule] = []
        self.report_unreadable = False
        self._shown: dict[tuple[str, str], str | None] = {}
        self._lines: dict[str, list[str]] = {}
        self._messages: dict[str, str] = {}

    def diagnostics(self, code: str, findings: Iterable[Finding]) -> list[Diagnostic]:
        out: list[Diagnostic] = []
        # Paths per (code, file) and messages once each, not per finding: a file may hold a
        # hundred thousand of one (the loop's own cost is what remains, ~1 µs each).
        messages = self._messages
        with_context, with_source = self.request.with_context, self.request.with_source
        level = self.selection.level(code)
        for f in findings:
            key = (code, f.path)
            if key not in self._shown:
                ignored = self.selection.ignored_in_file(code, _join(self.target.glob_rel, f.path))
                self._shown[key] = None if ignored else self.layout.display(display(f.path))
            shown = self._shown[key]
            if shown is None:
                continue
            message = messages.get(f.message)
            if message is None:
                message = messages[f.message] = display(f.message)
            out.append(
                Diagnostic(
                    shown,
                    f.line,
                    f.column,
                    code,
                    message,
                    f.end_line,
                    f.end_column,
                    self._context(f) if with_context else "",
                    self._source(f) if with_source else "",
                    level,
                )
            )
        return out

    def _line_of(self, finding: Finding) -> str:
        if not is_markdown(finding.path) or finding.line < 1:
            return ""
        lines = self._lines.get(finding.path)
        if lines is None:
            text = self.store.text(finding.path)
            lines = self._lines[finding.path] = text.splitlines() if text else []
        return lines[finding.line - 1] if finding.line <= len(lines) else ""

    def _context(self, finding: Finding) -> str:
        return " ".join(self._line_of(finding).split())

    def _source(self, finding: Finding) -> str:
        return display(self._line_of(finding).expandtabs(4))

    def emit(self, code: str, findings: Iterable[Finding]) -> None:
        self.found.extend(self.diagnostics(code, findings))

    def run(self) -> list[Diagnostic]:
        context = LayoutContext(self.layout, self.config, self.store)
        for rule in self.rules:
            if rule.check_layout is not None:
                self.emit(rule.code, rule.check_layout(context))
        self.documents()
        root_context = RootContext(self.layout, self.config, self.store)
        for rule in self.rules:
            if rule.check_root is not None and self.target.focus is None:
                self.emit(rule.code, rule.check_root(root_context))
        return self.found

    def documents(self) -> None:
        self.document_rules = [r for r in self.rules if r.check_document is not None]
        self.report_unreadable = ML001 in self.rules
        if not self.document_rules and not self.report_unreadable:
            return
        changes = None
        if self.request.hook and not self.request.paths:
            # A hook run names no files: judge those the commit adds or changes (every file
            # when nothing differs, as in CI's `pre-commit run --all-files`).
            changes = self.store.source.changes()
        summary, lessons = self.config.summary_file, self.config.lessons_file
        if changes is not None and not changes.everything:
            # A commit's few files, picked before the root's 1,000 others are sorted into
            # kinds (a name test each: ~2 ms of a commit on a large tree).
            changed = changes.changed
            full = self.store.full
            selected = self.layout.content_files(summary, lessons, lambda p: full(p) in changed)
        elif changes is not None:
            selected = self.layout.content_files(summary, lessons)
        else:
            files = self.layout.content_files(summary, lessons)
            selected = [(p, k) for p, k in files if _in_focus(p, self.target.focus)]
        self.files += len(selected)
        # A commit's few files parse faster than a large tree's cache loads: the cache is for
        # runs over whole roots (or named files), not for the files of one commit.
        if self.request.cache_dir is not None and (changes is None or changes.everything):
            from milestone_lint.check.cache import RootCache, settings_key

            key = settings_key(self.config, [r.code for r in self.rules], self.target.rel)
            self.cache = RootCache(self.request.cache_dir, key)
            selected = self.cached(selected)
        self.store.source.prefetch([self.store.full(path) for path, _ in selected])
        if len(selected) > 1 and self.bytes_of(selected) >= PARALLEL_MIN_BYTES and can_fork():
            judged = _judge_in_parallel(self, selected)
        else:
            judged = self.judge_all(selected)
        for one in judged:
            for code, findings in one.findings:
                self.emit(code, findings)
            if self.cache is not None and one.blob is not None:
                self.cache.put(self.store.full(one.path), one.entry(self.stats.get(one.path)))
        if self.cache is not None:
            self.cache.save(frozenset(map(self.store.full, self.layout.all_files)))

    def judge_all(self, selected: list[tuple[str, str]]) -> list[Judged]:
        """Each file judged, then forgotten: a large tree is not held whole."""
        judged: list[Judged] = []
        for path, kind in selected:
            judged.append(self.judge_file(path, kind))
            self.store.forget(path)
        return judged

    def bytes_of(self, selected: list[tuple[str, str]]) -> int:
        """The markdown to parse, stopping once past the threshold (sizes cost a stat each)."""
        total = 0
        for path, _ in selected:
            total += self.store.size(path)
            if total >= PARALLEL_MIN_BYTES:
                break
        return total

    def cached(self, selected: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """Emit what the cache holds for files unchanged whose answers still hold; the rest
        are to be judged."""
        assert self.cache is not None
        world = World(self.store, self.today, self.layout.files_named, self.layout.handoffs_in)
        misses: list[tuple[str, str]] = []
        for path, kind in selected:
            full = self.store.full(path)
            stat = self.stats[path] = self.store.source.stat_key(full)
            entry = self.cache.lookup(full, kind, stat=stat) if stat is not None else None
            if entry is None and self.cache.holds(full):
                # Known, but touched or staged: the content decides (hashed once, here; a
                # file the cache never saw is hashed where it is judged, in parallel).
                blob = self.store.blob(path)
                entry = self.cache.lookup(full, kind, blob, stat) if blob else None
            if entry is None or not world.holds(entry.asked):
                misses.append((path, kind))
                continue
            self.store.forget(path)
            by_code: dict[str, list[Finding]] = {}
            for code, message, line, column, end_line, end_column in entry.findings:
                by_code.setdefault(code, []).append(
                    Finding(path, message, line, column, end_line, end_column)
                )
            for code, findings in by_code.items():
                self.emit(code, findings)
        return misses

    def not_judged(
        self,
        path: str,
        kind: str,
        blob: str | None,
        why: str,
        line: int = 1,
        column: int = 1,
        asked: list[tuple[str, str, object]] | None = None,
    ) -> Judged:
        """A file reported (ML001, when enabled) instead of judged, and why."""
        found = [(ML001.code, [Finding(path, why, line, column)])] if self.report_unreadable else []
        return Judged(path, kind, blob, found, asked or [])

    def judge_file(self, path: str, kind: str) -> Judged:
        """Every content finding of one file, suppressions applied, grouped by rule."""
        reading = self.store.read(path)
        if reading.text is None:
            problem = reading.problem or "file cannot be read"
            return self.not_judged(path, kind, None, problem, reading.line, reading.column)
        blob = self.store.blob(path) if self.cache is not None else None
        dense = too_dense(reading.text)
        if dense is not None:
            return self.not_judged(path, kind, blob, dense)
        try:
            doc = self.store.document(path)
        except RecursionError:
            # A construct the parser meets by recursing (none known: lists and quotes
            # alternating were one): the file is reported, the run goes on.
            message = "file is nested too deeply to judge; split it or flatten its lists"
            return self.not_judged(path, kind, blob, message)
        assert doc is not None
        world = World(self.store, self.today, self.layout.files_named, self.layout.handoffs_in)
        context = DocumentContext(path, kind, doc, self.config, world)
        suppressions = None
        if doc.comments:
            from milestone_lint.check.suppressions import Suppressions

            suppressions = Suppressions(doc.comments)
        found: list[tuple[str, list[Finding]]] = []
        budget = MAX_FINDINGS
        for rule in self.document_rules:
            if kind not in rule.kinds:
                continue
            if suppressions and suppressions.file_wide(rule.code):
                continue
            assert rule.check_document is not None
            findings = list(itertools.islice(rule.check_document(context), budget + 1))
            budget -= len(findings)
            if budget < 0:
                message = (
                    f"file is too long to judge: over {MAX_FINDINGS:,} findings in one file;"
                    " split it"
                )
                return self.not_judged(path, kind, blob, message, asked=world.asked)
            if suppressions:
                findings = [f for f in findings if not suppressions.suppressed(rule.code, f.line)]
            if findings:
                found.append((rule.code, findings))
        if any(f.path != path for _, findings in found for f in findings):
            blob = None  # a finding about another file: not this file's to cache
        return Judged(path, kind, blob, found, world.asked)


class Judged(NamedTuple):
    """One file judged: its findings by rule, and what the cache needs to keep them (``blob``
    None: not to be cached)."""

    path: str
    kind: str
    blob: str | None
    findings: list[tuple[str, list[Finding]]]
    asked: list[tuple[str, str, object]]

    def entry(self, stat: list[int] | None) -> Entry:
        from milestone_lint.check.cache import Entry

        assert self.blob is not None
        rows = [
            [code, f.message, f.line, f.column, f.end_line, f.end_column]
            for code, findings in self.findings
            for f in findings
        ]
        return Entry(self.blob, self.kind, rows, [list(a) for a in self.asked], stat)


# Parsing dominates a whole-tree run; on a large tree the files are shared among processes
# (milestone_lint.check.parallel: forked children, the run's state inherited, only results pickled).
# Below the threshold forking costs more than it saves: measured here, 10 handoffs (35 KB)
# already take 95 ms forked against 104 ms in one process; a commit's few files stay serial.
PARALLEL_MIN_BYTES = 32 * 1024
_ACTIVE: _RootRun | None = None


def _judge_chunk(chunk: list[tuple[str, str]]) -> list[Judged]:
    assert _ACTIVE is not None
    return _ACTIVE.judge_all(chunk)


def _judge_in_parallel(run: _RootRun, selected: list[tuple[str, str]]) -> list[Judged]:
    global _ACTIVE
    # Imported once here, not once in each child.
    import milestone_lint.markdown.parse  # noqa: F401

    workers = min(usable_cpus(), 8)
    chunks = [selected[i::workers] for i in range(workers)]
    _ACTIVE = run
    try:
        results = map_forked(_judge_chunk, chunks)
    finally:
        _ACTIVE = None
    return [judged for result in results for judged in result]


def _touched_by_the_commit(
    targets: tuple[Target, ...], changes: Changes | None, decisive: set[str]
) -> tuple[Target, ...]:
    """The roots a commit-time run judges: those the commit adds, changes or deletes something
    in (every root when it changes a configuration file or the baseline, or when the whole
    tree is judged). A commit that changes nothing in a root passes whatever debt the tree
    already holds, as the commit gate lets it through."""
    if changes is None or changes.everything:
        return targets
    if any(posixpath.basename(p) in CANDIDATES or p in decisive for p in changes.touched):
        return targets
    return tuple(
        t for t in targets if not t.rel or any(p.startswith(t.rel + "/") for p in changes.touched)
    )


def run_check(source: Source, source_base: Path, request: CheckRequest) -> CheckResult:
    """Judge every root the request names, each by its own configuration."""
    found = discover(
        request.loaded,
        request.cwd,
        source,
        source_base,
        request.paths,
        all_roots=request.hook or request.since,
        configs=request.configs,
    )
    result = CheckResult(warnings=list(found.warnings), roots=len(found.targets))
    seen: set[Diagnostic] = set()
    targets = found.targets
    if request.hook and not request.paths:
        every = request.configs.every if request.configs else (request.loaded,)
        decisive = {
            os.path.relpath(c.base / c.config.baseline, source_base).replace(os.sep, "/")
            for c in every
            if c.config.baseline
        }
        targets = _touched_by_the_commit(targets, source.changes(), decisive)
    content_files: set[str] = set()
    for target in targets:
        root_run = _RootRun(source, target, request)
        for diagnostic in root_run.run():
            if diagnostic not in seen:
                seen.add(diagnostic)
                result.diagnostics.append(diagnostic)
        result.files += root_run.files
        if request.branch is not None:
            config = request.loaded.config
            files = root_run.layout.content_files(config.summary_file, config.lessons_file)
            content_files.update(root_run.store.full(path) for path, _ in files)
    if request.branch is not None:
        # The branch is one question for the whole run: the top configuration selects for it.
        rules = [rule for rule in ALL_RULES if request.selection.enabled(rule)]
        rels = tuple(t.rel for t in targets)
        result.diagnostics += _branch_diagnostics(
            request, rules, request.branch, rels, content_files, source_base
        )
    result.diagnostics.sort(key=lambda d: d.sort_key)
    return result


def _branch_diagnostics(
    request: CheckRequest,
    rules: list[Rule],
    branch: BranchChanges,
    roots: tuple[str, ...],
    content_files: set[str],
    source_base: Path,
) -> list[Diagnostic]:
    """The branch rules' findings (ML402), once a run; paths as the branch's, from the top."""
    # The roots and content files are relative to the source's base, the branch's paths to the
    # repository's top: the same folder whenever --since works (it needs a repository).
    real_top = os.path.realpath(branch.top)
    top = os.path.relpath(os.path.realpath(source_base), real_top).replace(os.sep, "/")
    if top != ".":
        roots = tuple(posixpath.normpath(_join(top, r)) for r in roots)
        content_files = {posixpath.normpath(_join(top, p)) for p in content_files}
    prefix = os.path.relpath(os.path.realpath(request.loaded.base), real_top).replace(os.sep, "/")
    context = BranchContext(
        branch.changed,
        frozenset(branch.written),
        roots,
        frozenset(content_files),
        request.loaded.config,
        "" if prefix == "." else prefix,
    )
    found: list[Diagnostic] = []
    selection = request.selection
    for rule in rules:
        if rule.check_branch is None:
            continue
        level = selection.level(rule.code)
        for f in rule.check_branch(context):
            rel = f.path[len(context.config_prefix) + 1 :] if context.config_prefix else f.path
            if not selection.ignored_in_file(rule.code, rel):
                message = display(f.message)
                found.append(
                    Diagnostic(
                        display(f.path), f.line, f.column, rule.code, message, severity=level
                    )
                )
    return found
