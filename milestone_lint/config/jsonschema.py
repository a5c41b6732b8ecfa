"""The configuration's JSON schema, generated from the declared keys (editors validate and
complete ``milestone-lint.toml`` and ``[tool.milestone-lint]`` with it)."""

from __future__ import annotations

from typing import Any

from milestone_lint.config.schema import KIND_LIMITS, TABLES, KindLimits, Setting

# What each table is for; a table without one here is described by its name alone.
_TABLE_DOCS = {
    "limits": "Limits for every kind of file…",
    "summary": "What a milestone summary must hold.",
    "handoff": "What every handoff must hold.",
    "suggest": "When a milestone is suggested.",
}


def _property(setting: Setting, default: Any) -> dict[str, Any]:
    found = {**setting.kind.schema, "description": setting.doc}
    if default is not None:
        found["default"] = default
    return found


def _table(settings: tuple[Setting, ...], description: str) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
        "additionalProperties": False,
        "properties": {s.key: _property(s, s.written) for s in settings},
    }


def _kind_table(kind: str, limits: KindLimits) -> dict[str, Any]:
    own = tuple(s for s in TABLES["limits"] if s.owner is KindLimits)
    table = _table(own, f"…overridden for {kind} files.")
    for setting in own:
        table["properties"][setting.key]["default"] = getattr(limits, setting.field)
    return table


def config_schema() -> dict[str, Any]:
    """The schema of a ``milestone-lint.toml`` (the same keys as ``[tool.milestone-lint]``)."""
    properties: dict[str, Any] = {s.key: _property(s, s.written) for s in TABLES[""]}
    for name, settings in TABLES.items():
        if name:
            properties[name] = _table(settings, _TABLE_DOCS.get(name, f"[{name}]"))
    for kind, limits in KIND_LIMITS.items():
        properties["limits"]["properties"][kind] = _kind_table(kind, limits)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "milestone-lint configuration",
        "description": "milestone-lint.toml, .milestone-lint.toml, or [tool.milestone-lint] in"
        " pyproject.toml.",
        "type": "object",
        "additionalProperties": False,
        "properties": properties,
    }
