"""The one exception type a user ever sees: turned into one stderr line and exit code 2."""


class MilestoneLintError(Exception):
    """A usage, configuration or environment error.

    The message is shown as is, so it must say what went wrong, where, and what to do.
    """


EXIT_CLEAN = 0
EXIT_PROBLEMS = 1
EXIT_ERROR = 2
