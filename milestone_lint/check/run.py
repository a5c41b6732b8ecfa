"""One ``check`` run from its options to its exit code, without click.

The click command (:mod:`milestone_lint.commands.check`) only turns the command line into
:class:`CheckOptions`; git hooks reach :func:`run` directly
(:mod:`milestone_lint.commands.fastpath`), so a commit does not pay for click.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from milestone_lint import __version__
from milestone_lint.check.options import CheckOptions, gated
from milestone_lint.errors import EXIT_CLEAN, EXIT_PROBLEMS, MilestoneLintError

if TYPE_CHECKING:
    from milestone_lint.check.selection import Selection
    from milestone_lint.config.loader import LoadedConfig
    from milestone_lint.config.schema import Config
    from milestone_lint.formatters import Report
    from milestone_lint.git.read import IndexReader
    from milestone_lint.sources.gitindex import GitIndexSource


def _codes(values: tuple[str, ...]) -> tuple[str, ...]:
    """Accept ``--select ML1 --select ML2``, ``--select ML1,ML2``, and any case (``ml3``)."""
    return tuple(
        code.strip().upper() for value in values for code in value.split(",") if code.strip()
    )


def _use_color(flag: bool | None) -> bool:
    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR", "0") not in ("", "0"):
        return True  # CI logs that render colour (force-color.org); NO_COLOR still wins
    return sys.stdout.isatty()


def run(options: CheckOptions) -> int:
    """Lint, print the report on stdout (warnings and fixes on stderr), return the exit code.

    A commit-time run (:func:`~milestone_lint.check.options.gated`) asks the commit gate
    first: a commit that touches no root and no configuration passes after two git calls,
    before the configuration, the rules or the parser are loaded.
    """
    reader = None
    if gated(options):
        from milestone_lint.check.gate import commit_concerns_handoffs, pre_commit_range
        from milestone_lint.git.read import IndexReader

        reader = IndexReader(Path.cwd(), pre_commit_range())
        if not commit_concerns_handoffs(reader):
            return EXIT_CLEAN
        reader.start_entries()  # what the gate asked git is reused by the run
    overlay = None
    if options.stdin_filename is not None or "-" in options.paths:
        from milestone_lint.check.stdin import stdin_overlay

        options, overlay = stdin_overlay(options)
    summary_fd = _open_summary(Path(options.step_summary)) if options.step_summary else None
    try:
        report, warnings, fixed = lint(options, reader, overlay)
    except BaseException:
        if summary_fd is not None:
            os.close(summary_fd)
        raise
    if options.diff:  # the patch is the output, as ruff --diff's
        return EXIT_PROBLEMS if fixed else EXIT_CLEAN
    from milestone_lint.terminal import echo
    from milestone_lint.terminal import report as report_out

    # A commit in a repository without handoffs yet is not worth a warning on every commit.
    if not options.quiet and not options.hook:
        for warning in warnings:
            echo(f"milestone-lint: warning: {warning}", err=True)
    from milestone_lint.formatters import render

    if options.statistics:
        output = _statistics(report, as_json=options.output_format == "json")
    else:
        output = render(options.output_format, report)
    if options.output_file:
        _write_report(Path(options.output_file), output)
    else:
        machine = options.output_format not in ("text", "full") and not (
            options.statistics and options.output_format != "json"
        )
        report_out(output, machine)
    if summary_fd is not None:
        from milestone_lint.formatters.summary import render as summary

        _append_summary(summary_fd, Path(options.step_summary or ""), summary(report))
    if options.exit_zero:
        return EXIT_CLEAN
    failing = report.diagnostics if options.strict else report.errors
    # In the commit hook a fix fails the commit, as pre-commit's fixers do: the user adds
    # what it changed and commits again.
    if failing or (fixed and (options.exit_non_zero_on_fix or options.hook)):
        return EXIT_PROBLEMS
    return EXIT_CLEAN


def lint(
    options: CheckOptions,
    reader: IndexReader | None = None,
    overlay: dict[str, bytes] | None = None,
    cwd: Path | None = None,
    record: bool = False,
) -> tuple[Report, list[str], int]:
    """The report of a run, its warnings and how many fixes were applied; nothing printed
    but the fixes (on stderr).

    ``record``: every finding, with the context a baseline fingerprints, and no baseline
    applied (what ``baseline`` writes down).

    ``overlay``: file contents (paths relative to ``cwd``) judged in place of what is on disk,
    as an editor or an agent would have them (nothing is written).
    """
    from milestone_lint.config.loader import candidates_on_disk, inside, load_all
    from milestone_lint.git.top import find_top
    from milestone_lint.rules.registry import CODES

    if options.statistics and options.output_format not in ("text", "json"):
        raise MilestoneLintError(
            f"--statistics prints a count per rule as text or json, not {options.output_format};"
            " drop --statistics or --format"
        )
    cwd = cwd or Path.cwd()
    explicit = Path(options.config_path) if options.config_path else None
    if options.diff and not options.fix:
        raise MilestoneLintError("--diff shows what --fix would change; add --fix")
    if options.staged:
        if options.fix and (options.diff or not options.hook):
            # In the commit hook (--staged --hook) --fix fixes the work tree for the next
            # commit, as pre-commit's fixers do; anywhere else --staged judges the index only.
            raise MilestoneLintError("--fix changes the working tree; run it without --staged")
        from milestone_lint.check.gate import pre_commit_range
        from milestone_lint.sources.gitindex import GitIndexSource

        index = GitIndexSource(cwd, pre_commit_range() if options.hook else None, reader)
        # The configurations that will be committed: an untracked or unstaged config file
        # must not change what the commit is judged by.
        configs = load_all(cwd, explicit, CODES, index, index.base, index.blobs)
    else:
        top = find_top(cwd.resolve())
        found = candidates_on_disk(top) if top is not None and explicit is None else ()
        near = () if top is not None else tuple(cwd.resolve() / p for p in options.paths)
        configs = load_all(cwd, explicit, CODES, repo_root=top, found=found, near=near)
    loaded = configs.primary
    cli_codes = {
        "--select": _codes(options.select),
        "--ignore": _codes(options.ignore),
        "--extend-select": _codes(options.extend_select),
        "--warn": _codes(options.warn),
    }
    _validate_codes(cli_codes)
    config = loaded.config

    from milestone_lint.check.engine import CheckRequest, run_check
    from milestone_lint.check.selection import Selection
    from milestone_lint.sources.base import Source
    from milestone_lint.sources.worktree import WorktreeSource

    selections: dict[int, Selection] = {}

    def selection_for(config: Config) -> Selection:
        """A configuration's rules with the command line's codes applied (once for each)."""
        if id(config) not in selections:
            selections[id(config)] = Selection(
                select=cli_codes["--select"] or config.select,
                ignore=config.ignore + cli_codes["--ignore"],
                extend_select=config.extend_select + cli_codes["--extend-select"],
                warn=config.warn + cli_codes["--warn"],
                per_file_ignores=config.per_file_ignores,
            )
        return selections[id(config)]

    selection = selection_for(config)
    fixed = _apply_fixes(cwd, selection, options) if options.fix else 0
    source: Source
    if options.staged:
        source, source_base = index, index.base
    else:
        # Outside git the tree is the configuration's folder (or the current one).
        source_base = loaded.repo_root or loaded.base
        source = WorktreeSource(source_base, config.respect_gitignore and bool(loaded.repo_root))
        if overlay:
            from milestone_lint.sources.overlay import OverlaySource

            source = OverlaySource(source, source_base, cwd, overlay)
    paths = options.paths
    branch = None
    if options.since is not None:
        from milestone_lint.git.history import branch_changes

        branch = branch_changes(cwd, options.since)
        paths = paths + branch.markdown(cwd)
    # Each configuration's baseline, relative to its folder: their paths are the
    # repository's, so together they hide what each recorded.
    baselines = {
        inside(each, each.base / each.config.baseline, "baseline file"): each.config.baseline
        for each in configs.every
        if each.config.baseline and not record
    }
    cache_dir, cache_warning = _cache_dir(
        loaded, index if options.staged else None, not options.no_cache, not options.hook
    )
    request = CheckRequest(
        loaded,
        cwd.resolve(),
        paths,
        selection,
        hook=options.hook,
        since=options.since is not None,
        # Fingerprints (baselines, GitLab) hash the offending line; `full` shows it.
        with_context=record or bool(baselines) or options.output_format in ("gitlab", "sarif"),
        with_source=options.output_format == "full",
        cache_dir=cache_dir,
        configs=configs,
        selection_for=selection_for,
        branch=branch,
    )
    result = run_check(source, source_base, request)
    if cache_warning:
        result.warnings.append(cache_warning)
    from milestone_lint.git.leftover import leftover_note

    if (note := leftover_note(loaded.repo_root, cwd)) is not None:
        result.warnings.append(note)  # an interrupted writer's tree: say so, never undo here
    hidden = 0
    if baselines:
        from milestone_lint.check.baseline import load_baseline, without_known

        for path, named in baselines.items():
            result.diagnostics, more = without_known(result.diagnostics, load_baseline(path, named))
            hidden += more

    from milestone_lint.formatters import Report
    from milestone_lint.paths import display
    from milestone_lint.rules.registry import BY_CODE

    fixable: frozenset[tuple[str, str]] = frozenset()
    fixable_codes = {code for code, rule in BY_CODE.items() if rule.fixable}
    if any(d.code in fixable_codes for d in result.diagnostics):
        from milestone_lint.write.fix import fixable as fixable_now

        try:
            fixable = frozenset(fixable_now(cwd))
        except MilestoneLintError:
            fixable = frozenset()  # no root to fix in: nothing is fixable
    report = Report(
        result.diagnostics,
        BY_CODE,
        __version__,
        color=_use_color(options.color),
        quiet=options.quiet,
        # Nothing judged (every PATH outside the roots) is not a clean check: no summary.
        quiet_when_clean=options.hook or result.roots == 0,
        hidden=hidden,
        fixable=fixable,
        changed=frozenset(display(p) for p in branch.changed) if branch else frozenset(),
    )
    return report, result.warnings, fixed


def _cache_dir(
    loaded: LoadedConfig, index: GitIndexSource | None, use: bool = True, scan: bool = True
) -> tuple[Path | None, str | None]:
    """Where the content cache lives, or None and why not (a warning).

    By default under the git directory (``<git dir>/milestone-lint/cache``, per worktree, as
    git's own index: nothing there can be committed), outside git ``.milestone-lint-cache``;
    a configured ``cache-dir`` is relative to the configuration's folder. A configured one
    that is a root, inside or around one, or the repository's top is a configuration error
    (its ``*`` .gitignore would hide new handoffs from git); one outside the repository,
    tracked by git (``index``: the index already read, else one ``git ls-files``), reached
    through a link or holding what the tool did not write is not used. The folder returned
    has its links resolved up to the repository's own place, so the cache opens the rest
    without following any. Without ``scan`` (a hook: no warning is shown, and most commits
    do not use the cache) the folder's content is left for the cache to look at when it
    opens it, so that the hook path imports nothing more.
    """
    from milestone_lint.paths import display

    config = loaded.config
    if config.cache_dir:
        _refuse_cache_dir(loaded)
    if not use:
        return None, None

    def untrusted(folder: Path) -> str | None:
        if not scan:
            return None
        from milestone_lint.check.cache import untrusted as problem_of

        return problem_of(folder)

    if not config.cache_dir:
        if loaded.repo_root is None:
            folder = Path(os.path.realpath(loaded.base)) / ".milestone-lint-cache"
        else:
            from milestone_lint.git.top import git_path

            # The journal's state folder (journal.STATE_DIR), named here: a hook does not
            # load the journal.
            state = git_path(loaded.repo_root, "milestone-lint")
            folder = Path(os.path.realpath(state)) / "cache"
        problem = untrusted(folder)
    else:
        from milestone_lint.config.loader import boundary_of
        from milestone_lint.paths import is_below

        boundary = boundary_of(loaded)
        folder = Path(os.path.abspath(loaded.base / config.cache_dir))
        real_base = Path(os.path.realpath(loaded.base))
        # Lexically below the repository, so that its links are looked at, not followed.
        folder = real_base / os.path.relpath(folder, loaded.base)
        if not is_below(os.path.realpath(folder), boundary) or not is_below(str(folder), boundary):
            return None, (
                f"cache-dir {display(str(folder))} is outside {display(boundary)}; running"
                " without a cache (set cache-dir to a folder inside the repository)"
            )
        problem = _tracked(loaded, index, folder) or untrusted(folder)
    if problem is None:
        return folder, None
    return None, (
        f"cache-dir {display(str(folder))} {problem}; running without a cache (point"
        " cache-dir at a folder of its own, or delete that folder)"
    )


def _tracked(loaded: LoadedConfig, index: GitIndexSource | None, folder: Path) -> str | None:
    """ "is tracked by git" when git holds anything at or under ``folder``, else None."""
    top = loaded.repo_root
    if top is None:
        return None
    rel = Path(os.path.relpath(folder, os.path.realpath(top))).as_posix()
    if rel.split("/")[0] == ".git":
        return None  # git tracks nothing there
    if index is not None:
        held = index.exists(rel)
    else:
        from milestone_lint.git.read import GitFailed, tracked_under

        try:
            held = bool(tracked_under(top, rel))
        except GitFailed as exc:
            return f"cannot be checked with git ({exc})"
    return "is tracked by git (a cache is never the repository's)" if held else None


def _refuse_cache_dir(loaded: LoadedConfig) -> None:
    """A configured cache-dir that is a file system's root, the repository's top (outside
    git: the configuration's folder), around the configuration's folder, a root of handoffs,
    inside one or holding one: a configuration error naming the key."""
    import contextlib

    from milestone_lint.globs import compile_glob
    from milestone_lint.paths import display

    config, base = loaded.config, loaded.base
    folder = Path(os.path.abspath(base / config.cache_dir))
    problem = None
    if folder == Path(folder.anchor):
        problem = "is a file system's root"
    elif folder == Path(os.path.abspath(loaded.repo_root or base)):
        problem = "is the repository's top"
    elif base.is_relative_to(folder):
        problem = "holds the configuration's folder, and so its roots"
    elif folder.is_relative_to(base):
        rel = folder.relative_to(base)
        # Roots are anchored at the configuration's folder, as discovery matches them;
        # covers() asks the folder's parents too.
        if any(compile_glob(root, anchored=True).covers(rel.as_posix()) for root in config.roots):
            problem = "is a root of handoffs or inside one"
        elif any(Path(_literal(root)).is_relative_to(rel) for root in config.roots):
            problem = "holds a root of handoffs"
    if problem is None:
        return
    origin = str(loaded.path or "configuration")  # named as the validator names it
    with contextlib.suppress(ValueError):
        origin = str(Path(origin).relative_to(Path.cwd()))
    origin = display(origin)
    raise MilestoneLintError(
        f'{origin}: "cache-dir" {problem} ({display(config.cache_dir)}); the cache\'s'
        ' .gitignore of "*" would hide new files from git: name a folder of its own, or'
        " remove the key (the default is under the git directory)"
    )


def _literal(root: str) -> str:
    """The part of a root glob before its first wildcard: the folder all its matches are in."""
    parts = []
    for part in root.strip("/").split("/"):
        if any(ch in part for ch in "*?["):
            break
        parts.append(part)
    return "/".join(parts)


def _open_summary(path: Path) -> int:
    """The step summary file, opened to append: it must exist, GitHub makes one for each step
    (outside the repository), so the tool never creates a file there, never writes through a
    link at its name, and never waits on a FIFO. Opened before the run, so that a bad path
    fails it before any report is printed."""
    from milestone_lint.paths import display

    # O_NONBLOCK: a FIFO at the name with no reader is refused (ENXIO), never waited on.
    flags = os.O_WRONLY | os.O_APPEND | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        why = "it is a symbolic link" if exc.errno == errno.ELOOP else exc.strerror
        raise MilestoneLintError(
            f"{display(str(path))}: cannot append the step summary ({why}); --step-summary takes"
            " a file that exists, such as $GITHUB_STEP_SUMMARY"
        ) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise MilestoneLintError(
            f"{display(str(path))}: cannot append the step summary (not a regular file);"
            " --step-summary takes a file such as $GITHUB_STEP_SUMMARY"
        )
    return fd


def _append_summary(fd: int, path: Path, text: str) -> None:
    from milestone_lint.paths import display

    data = text.encode("utf-8")
    try:
        while data:
            data = data[os.write(fd, data) :]
    except OSError as exc:
        raise MilestoneLintError(
            f"{display(str(path))}: cannot append the step summary ({exc.strerror})"
        ) from None
    finally:
        os.close(fd)


def _write_report(path: Path, output: str) -> None:
    """The report in a file, whole (a CI artifact: replaced on each run, never half written),
    inside the repository (outside git: the current folder) and reached through no link: a
    link at its name is replaced, never written through."""
    from milestone_lint.git.journal import open_folder, replace_in
    from milestone_lint.git.top import find_top
    from milestone_lint.paths import display, is_below

    cwd = Path.cwd()
    top = find_top(cwd) or cwd
    absolute = os.path.abspath(path)
    if not is_below(absolute, str(top)) or absolute == str(top):
        raise MilestoneLintError(
            f"{display(str(path))}: the report is outside {display(str(top))}; milestone-lint"
            " writes only inside the repository: give --output-file a path inside it"
        )
    try:
        folder = open_folder(Path(absolute).parent)
    except OSError as exc:
        linked = exc.errno in (errno.ELOOP, errno.ENOTDIR)  # O_DIRECTORY on a link: ENOTDIR
        why = "a folder on the way is a symbolic link or not a folder" if linked else exc.strerror
        raise MilestoneLintError(
            f"{display(str(path))}: cannot write the report ({why}); check the --output-file path"
        ) from None
    try:
        replace_in(folder, Path(absolute).name, output.encode("utf-8"), None, sync=False)
    except OSError as exc:
        raise MilestoneLintError(
            f"{display(str(path))}: cannot write the report ({exc.strerror}); check the"
            " --output-file path"
        ) from None
    finally:
        os.close(folder)


def _statistics(report: Report, as_json: bool) -> str:
    from collections import Counter

    from milestone_lint.rules.registry import BY_CODE

    counts = Counter(d.code for d in report.diagnostics)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if as_json:
        import json

        rows = [{"code": c, "name": BY_CODE[c].name, "count": n} for c, n in ordered]
        return json.dumps(rows, indent=2) + "\n"
    return "".join(f"{n:5d}  {c}  {BY_CODE[c].name}\n" for c, n in ordered)


def _apply_fixes(cwd: Path, selection: Selection, options: CheckOptions) -> int:
    """Apply the fixes of the selected rules (in the commit hook: to the work tree only);
    report each change on stderr. With ``--diff`` print them as a patch instead."""
    from milestone_lint.rules.registry import BY_CODE
    from milestone_lint.terminal import echo
    from milestone_lint.write.fix import apply_fixes, preview_fixes

    enabled = {rule.code for rule in BY_CODE.values() if rule.fixable and selection.enabled(rule)}
    if options.diff:
        from milestone_lint.terminal import report

        patch, fixes, skipped = preview_fixes(cwd, enabled)
        if patch:
            report(patch, True)
    else:
        fixes, skipped = apply_fixes(cwd, enabled, index=not options.hook)
    for change in fixes:
        verb = "would fix" if options.diff else "fixed"
        echo(f"{verb} {change.code}: {change.message}", err=True)
    for note in skipped:
        echo(f"not fixed: {note}", err=True)
    if fixes and options.hook:
        echo(
            "milestone-lint: --fix changed the work tree, not the commit; review the changes,"
            " git add them and commit again",
            err=True,
        )
    return len(fixes)


def _validate_codes(options: dict[str, tuple[str, ...]]) -> None:
    from milestone_lint.config.validate import unknown_code
    from milestone_lint.rules.registry import CODES

    for option, codes in options.items():
        for code in codes:
            problem = unknown_code(code, CODES)
            if problem:
                raise MilestoneLintError(f"{option}: {problem}")
