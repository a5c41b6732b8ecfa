"""Stage: the rules. Each a code, a name, its documentation and one check (see :mod:`.registry`)."""
