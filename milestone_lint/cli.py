"""The command line: a thin click group. Options in, one library call, exit code out.

Commands are imported only when invoked: every git hook pays the startup cost, and the
post-commit suggestion should not pay for the linter's rules, nor the linter for hooks code.
The exact command lines git hooks run skip click altogether
(:mod:`milestone_lint.commands.fastpath`).
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from milestone_lint.errors import EXIT_ERROR, MilestoneLintError


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; every error becomes one line on stderr and exit code 2."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        from milestone_lint.commands.fastpath import dispatch

        code = dispatch(args)
        if code is None:
            from milestone_lint.commands.group import run_click

            code = run_click(args)
        return code
    except MilestoneLintError as exc:
        from milestone_lint.terminal import echo

        echo(f"milestone-lint: error: {exc}", err=True)
        return exc.exit_code
    except KeyboardInterrupt:
        from milestone_lint.terminal import echo

        echo("milestone-lint: interrupted", err=True)
        return 130
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away; nothing useful is left to print.
        sys.stderr.close()
        return EXIT_ERROR
    except Exception as exc:
        # A bug: still one line for the user; the traceback on request.
        if os.environ.get("MILESTONE_LINT_DEBUG"):
            raise
        from milestone_lint.terminal import echo

        echo(
            f"milestone-lint: internal error ({type(exc).__name__}: {exc}); please report it"
            " (MILESTONE_LINT_DEBUG=1 shows the traceback)",
            err=True,
        )
        return EXIT_ERROR


def entry() -> NoReturn:
    """The console script (and ``python -m milestone_lint``): :func:`main`, then leave at once.

    A git hook is a short-lived process run on every commit. Two things cost it more than they
    are worth: the collector walking every freshly imported module object again and again
    (gen-0 threshold raised: cycles are still collected, ten times less often), and tearing
    the interpreter down object by object at exit (~10 ms). Output is flushed and every file
    the commands write is closed before ``main`` returns; nothing else is pending, so the
    process ends with ``os._exit``.
    """
    gc.set_threshold(20_000, 50, 50)
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        # The reader went away (`| head`), or a stream is closed: nothing more can be said.
        code = code or EXIT_ERROR
    os._exit(code)
