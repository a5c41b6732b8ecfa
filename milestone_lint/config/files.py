"""Reading a configuration file's milestone-lint table: the loader and the commit gate share it.

Light on purpose (no option declarations, TOML parsed only when a file is there): the gate
reads the staged configuration on every commit.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from milestone_lint.config import PYPROJECT_TABLE
from milestone_lint.errors import MilestoneLintError


def parse_toml(path: Path, data: bytes, label: str) -> dict[str, Any]:
    # Imported here: a repository without a config file (or a commit the gate lets through)
    # does not pay for the TOML parser.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib

    try:
        parsed: dict[str, Any] = tomllib.loads(data.decode("utf-8"))
        return parsed
    except UnicodeDecodeError:
        raise MilestoneLintError(
            f"{path}{label}: config file is not UTF-8 text; save it as UTF-8"
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise MilestoneLintError(f"{path}{label}: invalid TOML: {exc}; fix the syntax") from None
    except RecursionError:
        raise MilestoneLintError(
            f"{path}{label}: invalid TOML: nested too deeply; fix the syntax"
        ) from None


def table_in(path: Path, data: bytes, label: str = "") -> dict[str, Any] | None:
    """The milestone-lint table of a candidate file, or None when a pyproject lacks one."""
    parsed = parse_toml(path, data, label)
    if path.name != "pyproject.toml":
        return parsed
    table: Any = parsed
    tool = parsed.get("tool")
    if isinstance(tool, dict) and "milestone_lint" in tool and PYPROJECT_TABLE[1] not in tool:
        raise MilestoneLintError(
            f"{path}{label}: [tool.milestone_lint] is not read; the table is"
            " [tool.milestone-lint] (with a hyphen): rename it"
        )
    for key in PYPROJECT_TABLE:
        if not isinstance(table, dict) or key not in table:
            return None
        table = table[key]
    if not isinstance(table, dict):
        raise MilestoneLintError(f"{path}{label}: [tool.milestone-lint] must be a table")
    return table
