"""Stage: configuration. The declared keys (:mod:`.schema`, each key's kind of value in
:mod:`.checks`), their validation (:mod:`.validate`) and JSON schema (:mod:`.jsonschema`), and
where they are read from (:mod:`.loader`, :mod:`.files`)."""

# Within one folder a dedicated file wins over pyproject.toml, as in ruff: it is the stronger
# signal of intent, and it lets a monorepo package override a shared pyproject. Kept here, free
# of imports, because the commit gate needs the names without the loader's cost.
CANDIDATES = (".milestone-lint.toml", "milestone-lint.toml", "pyproject.toml")
PYPROJECT_TABLE = ("tool", "milestone-lint")

# The keys the commit gate reads raw, and the roots' default: here for the same reason, since
# importing the declarations would cost every commit ~2 ms of its ~28. The declarations in
# .schema take them from here, so each is still written once.
ROOTS_KEY = "roots"
DEFAULT_ROOTS = ("handoffs",)
BASELINE_KEY = "baseline"
EXTEND_KEY = "extend"
CACHE_DIR_KEY = "cache-dir"
# Keys that name places of a configuration's own, never inherited through ``extend``: a
# package extending the shared configuration would otherwise claim its roots again under
# its own folder (or a baseline file that is not there).
OWN_KEYS = frozenset((EXTEND_KEY, ROOTS_KEY, BASELINE_KEY, CACHE_DIR_KEY))
