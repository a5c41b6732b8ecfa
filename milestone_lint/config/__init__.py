"""Stage: configuration. The declared options (:mod:`.schema`) and where they are read from
(:mod:`.loader`)."""

# Within one folder a dedicated file wins over pyproject.toml, as in ruff: it is the stronger
# signal of intent, and it lets a monorepo package override a shared pyproject. Kept here, free
# of imports, because the commit gate needs the names without the loader's cost.
CANDIDATES = (".milestone-lint.toml", "milestone-lint.toml", "pyproject.toml")
PYPROJECT_TABLE = ("tool", "milestone-lint")
