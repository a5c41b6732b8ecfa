"""The options of ``check``, declared once: the run's :class:`CheckOptions`, click's command
(:mod:`milestone_lint.commands.check`) and the hook path's reader (:func:`read_command_line`)
are all built from :data:`OPTIONS`.

Why a second reader of the command line at all: every commit runs ``check``, and importing
click costs about as long as starting Python. :func:`read_command_line` takes what click would
take and gives up (returns None, click's turn) on anything it does not know for sure — an
unknown or abbreviated option, ``--help``, ``--``, a missing value, a value click would refuse —
so click alone ever words an error. A test holds the two equal on every spelling.
"""

# No ``from __future__ import annotations``: NamedTuple turns string annotations into
# ForwardRefs, compiling each (21 fields: ~1 ms of every commit); real ones cost nothing.

import os
from typing import Any, NamedTuple

# The report formats (``--format``); the formatters render exactly these.
FORMAT_NAMES = ("text", "full", "json", "github", "gitlab", "sarif", "junit")
# The formats a per-rule count (--statistics) can be printed in.
STATISTICS_FORMATS = ("text", "json")


class CheckOptions(NamedTuple):
    """The command line of ``check``, every option at its default unless given (the defaults
    here are the command line's: click's declarations read them)."""

    paths: tuple[str, ...] = ()
    output_format: str = "text"
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    config_path: str | None = None
    exit_zero: bool = False
    statistics: bool = False
    quiet: bool = False
    color: bool | None = None
    fix: bool = False
    diff: bool = False
    exit_non_zero_on_fix: bool = False
    since: str | None = None
    staged: bool = False
    hook: bool = False
    output_file: str | None = None
    no_cache: bool = False
    warn: tuple[str, ...] = ()
    strict: bool = False
    step_summary: str | None = None
    stdin_filename: str | None = None


FLAG = "flag"  # --quiet: True when given
TOGGLE = "toggle"  # --color/--no-color: True or False when given, else the default
VALUE = "value"  # --format json: the last one given
MULTIPLE = "multiple"  # --select ML1 --select ML2: every one given, in order


class Option:
    """One option of ``check``: where it lands in :class:`CheckOptions`, how it is spelled,
    what it takes, and its help text. (A plain class: every commit builds this table, and a
    NamedTuple costs ten times as much to define.)"""

    __slots__ = ("choices", "codes", "dest", "file", "flags", "help", "kind", "metavar")

    def __init__(
        self,
        dest: str,
        flags: tuple[str, ...],
        kind: str,
        help: str,
        metavar: str | None = None,
        choices: tuple[str, ...] = (),
        file: bool = False,  # a file, never a folder (click.Path(dir_okay=False))
        codes: bool = False,  # rule codes or prefixes: the shell completes them
    ) -> None:
        self.dest, self.flags, self.kind, self.help = dest, flags, kind, help
        self.metavar, self.choices, self.file, self.codes = metavar, choices, file, codes


def _codes(dest: str, flag: str, help_text: str) -> Option:
    return Option(dest, (flag,), MULTIPLE, help_text, codes=True)


OPTIONS = (
    Option(
        "output_format", ("--format",), VALUE, "Output format.", choices=FORMAT_NAMES, metavar=None
    ),
    Option(
        "output_file",
        ("--output-file", "-o"),
        VALUE,
        "Write the report to this file instead of standard output.",
        file=True,
    ),
    _codes("select", "--select", "Codes or prefixes to run (replaces the config's)."),
    _codes("ignore", "--ignore", "Codes or prefixes to skip (adds to the config's)."),
    _codes("extend_select", "--extend-select", "Codes or prefixes to run as well."),
    _codes("warn", "--warn", "Codes or prefixes reported as warnings (adds to the config's warn)."),
    Option("strict", ("--strict",), FLAG, "Warnings fail the run too (exit 1)."),
    Option("config_path", ("--config",), VALUE, "Use this config file.", file=True),
    Option("exit_zero", ("--exit-zero",), FLAG, "Exit 0 even when problems are found."),
    Option(
        "statistics", ("--statistics",), FLAG, "Print a count per rule instead of each problem."
    ),
    Option("quiet", ("--quiet", "-q"), FLAG, "Print problems only: no summary, no warnings."),
    Option(
        "color",
        ("--color", "--no-color"),
        TOGGLE,
        "Colour the output (default: on a terminal, no NO_COLOR).",
    ),
    Option(
        "fix",
        ("--fix",),
        FLAG,
        "Apply safe fixes (renames and renumbering with their links, missing system files);"
        " never overwrite.",
    ),
    Option(
        "diff",
        ("--diff",),
        FLAG,
        "With --fix: print the renames and a diff of every file it would write, change nothing;"
        " exit 1 when anything would change.",
    ),
    Option(
        "exit_non_zero_on_fix",
        ("--exit-non-zero-on-fix",),
        FLAG,
        "With --fix, exit 1 when anything was fixed.",
    ),
    Option(
        "since",
        ("--since",),
        VALUE,
        "Content rules only for files changed since REF (layout still judges every root).",
        metavar="REF",
    ),
    Option(
        "step_summary",
        ("--step-summary",),
        VALUE,
        "Also append every finding to PATH as a markdown table (GitHub's $GITHUB_STEP_SUMMARY),"
        " with how many the annotations of --format github left out.",
        metavar="PATH",
        file=True,
    ),
    Option(
        "staged",
        ("--staged",),
        FLAG,
        "Judge the git index (what the commit will contain, configuration included), not the"
        " working tree.",
    ),
    Option(
        "no_cache",
        ("--no-cache",),
        FLAG,
        "Judge every file afresh: neither read nor write the findings cache (cache-dir).",
    ),
    Option(
        "stdin_filename",
        ("--stdin-filename",),
        VALUE,
        "With - as the only path: judge standard input as the content of PATH, in PATH's root"
        " (nothing written).",
        metavar="PATH",
    ),
    Option(
        "hook",
        ("--hook",),
        FLAG,
        "Commit-time run: layout of every root; content rules for PATHS, else (with --staged)"
        " for the files the commit changes, or every file when the index equals HEAD.",
    ),
)
_BY_FLAG = {flag: option for option in OPTIONS for flag in option.flags}


def _acceptable(option: Option, value: str) -> bool:
    """Would click take this value as it is? (Else click words the error.)"""
    if value.startswith("-") and value != "-":
        return False  # click may read it as the option's value or as an option: its call
    if option.choices and value not in option.choices:
        return False
    return not (option.file and os.path.isdir(value))


def read_command_line(args: list[str]) -> CheckOptions | None:
    """``check``'s arguments (after the word ``check``) as click would read them, or None for
    anything this reader does not know for sure (click's turn)."""
    given: dict[str, Any] = {}
    many: dict[str, list[str]] = {}
    paths: list[str] = []
    position = 0
    while position < len(args):
        arg = args[position]
        position += 1
        if not arg or arg == "-":
            return None  # an empty path, or standard input: click's
        if not arg.startswith("-"):
            paths.append(arg)
            continue
        flag, equals, inline = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        option = _BY_FLAG.get(flag)
        if option is None:
            return None  # --help, --, -qo, an unknown or misspelt option
        if option.kind in (FLAG, TOGGLE):
            if equals:
                return None
            given[option.dest] = option.kind == FLAG or flag == option.flags[0]
            continue
        if equals:
            value = inline
        elif position < len(args):
            value = args[position]
            position += 1
        else:
            return None  # a value is missing: click says so
        if not _acceptable(option, value):
            return None
        if option.kind == MULTIPLE:
            many.setdefault(option.dest, []).append(value)
        else:
            given[option.dest] = value
    given.update((dest, tuple(values)) for dest, values in many.items())
    return CheckOptions(paths=tuple(paths), **given)


def gated(options: CheckOptions) -> bool:
    """Whether the commit gate may answer for this run: a commit-time run of the index that,
    when nothing is found, prints nothing and writes nothing, so that a commit touching no
    root can be let through without judging anything. (``--fix`` in the hook is gated too: a
    commit that changes no root passes whatever the tree holds, so it has nothing to fix.)"""
    return (
        options.staged
        and options.hook
        and not options.paths
        and options.since is None
        and options.config_path is None
        and options.output_file is None
        and options.step_summary is None
        and options.output_format in ("text", "full")
        and not options.diff
    )
