"""Rules: each a code, a name, its documentation and a check (see :mod:`.registry`)."""
