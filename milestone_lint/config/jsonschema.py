"""The configuration's JSON schema, generated from the declared options (editors validate and
complete ``milestone-lint.toml`` and ``[tool.milestone-lint]`` with it)."""

from __future__ import annotations

from typing import Any

from milestone_lint.config.schema import (
    BUILTIN_KIND_LIMITS,
    FILE_KINDS,
    NUMBERING_MODES,
    TABLES,
    Option,
    _bool,
    _numbering,
    _path,
    _positive_int,
    _synonym_table,
    string_list,
)

_STRINGS = {"type": "array", "items": {"type": "string"}}
_TYPES: dict[object, dict[str, Any]] = {
    string_list: _STRINGS,
    _positive_int: {"type": "integer", "minimum": 0},
    _bool: {"type": "boolean"},
    _path: {"type": "string", "minLength": 1},
    _numbering: {"enum": list(NUMBERING_MODES)},
    _synonym_table: {"type": "object", "additionalProperties": _STRINGS},
}


def _property(option: Option) -> dict[str, Any]:
    found = {**_TYPES[option.check], "description": option.doc}
    if option.default is not None:
        found["default"] = option.default
    return found


def _table(options: tuple[Option, ...], description: str) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
        "additionalProperties": False,
        "properties": {option.key: _property(option) for option in options},
    }


def config_schema() -> dict[str, Any]:
    """The schema of a ``milestone-lint.toml`` (the same keys as ``[tool.milestone-lint]``)."""
    limits = _table(TABLES["limits"], "Limits for every kind of file…")
    for kind in FILE_KINDS:
        own = tuple(o for o in TABLES["limits"] if o.key != "context-tokens")
        table = _table(own, f"…overridden for {kind} files.")
        for key, value in BUILTIN_KIND_LIMITS[kind].items():
            table["properties"][key]["default"] = value
        limits["properties"][kind] = table
    properties: dict[str, Any] = {o.key: _property(o) for o in TABLES[""]}
    properties["limits"] = limits
    properties["summary"] = _table(TABLES["summary"], "What a milestone summary must hold.")
    properties["handoff"] = _table(TABLES["handoff"], "What every handoff must hold.")
    properties["suggest"] = _table(TABLES["suggest"], "When a milestone is suggested.")
    properties["per-file-ignores"] = {
        "type": "object",
        "description": "Globs of paths → rule codes or prefixes not reported there.",
        "additionalProperties": _STRINGS,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "milestone-lint configuration",
        "description": "milestone-lint.toml, .milestone-lint.toml, or [tool.milestone-lint] in"
        " pyproject.toml.",
        "type": "object",
        "additionalProperties": False,
        "properties": properties,
    }
