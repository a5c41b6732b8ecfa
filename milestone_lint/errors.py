"""The one exception type a user ever sees: turned into one stderr line and exit code 2."""


class MilestoneLintError(Exception):
    """A usage, configuration or environment error.

    The message is shown as is, so it must say what went wrong, where, and what to do.
    ``exit_code`` is 2, or 128 + N after signal N interrupted a command.
    """

    exit_code = 2


EXIT_CLEAN = 0
EXIT_PROBLEMS = 1
EXIT_ERROR = 2
