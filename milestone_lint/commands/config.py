"""``milestone-lint config``: the effective settings and where each came from."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import click

from milestone_lint.terminal import echo
from milestone_lint.terminal import report as report_out


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(k)} = {_toml(v)}" for k, v in value.items()) + " }"
    return json.dumps(value)


@click.command()
@click.option("--schema", is_flag=True, help="Print the configuration's JSON schema instead.")
def config(schema: bool) -> int:
    """Print the effective settings, each with where it came from (the file, or the default)."""
    if schema:
        from milestone_lint.config.jsonschema import config_schema

        report_out(json.dumps(config_schema(), indent=2) + "\n", machine=True)
        return 0
    from milestone_lint.config.loader import load_config
    from milestone_lint.config.schema import KIND_LIMITS, TABLES

    loaded = load_config(Path.cwd(), None)
    raw = loaded.raw
    top = loaded.repo_root or loaded.base
    if loaded.path is None:
        echo("# no configuration file: every setting is the default")
    else:
        echo(f"# {loaded.path}")
        for extended in loaded.extends:
            echo(f"# extends {os.path.relpath(extended, top)}")
    for table, settings in TABLES.items():
        own = raw if not table else raw.get(table, {})
        if table:
            echo(f"\n[{table}]")
        for setting in settings:
            if setting.key in own:
                value = own[setting.key]
                source = os.path.relpath(loaded.origins[setting.path], top)
            else:
                value, source = setting.written, "default"
            if value is None:  # per kind: handoff, summary, lessons
                value = {
                    kind: getattr(limits, setting.field) for kind, limits in KIND_LIMITS.items()
                }
            echo(f"{setting.key} = {_toml(value)}  # {source}")
    return 0
