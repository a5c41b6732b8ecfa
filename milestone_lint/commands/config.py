"""``milestone-lint config``: the effective settings and where each came from, as TOML that
loads back as a ``milestone-lint.toml`` (pyproject's keys included) giving the same settings."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import click

from milestone_lint.config.loader import LoadedConfig
from milestone_lint.terminal import echo
from milestone_lint.terminal import report as report_out

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
# What a TOML basic string cannot hold as it is: quote, backslash, controls, DEL; non-ASCII is
# escaped too, so the output reads back whatever the terminal's encoding.
_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f-\U0010ffff]')
_SHORT = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _SHORT:
        return _SHORT[char]
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _toml(key)


def _toml(value: Any) -> str:
    """A value as TOML writes it (tables inline: every table here is a flat mapping)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return '"' + _ESCAPE.sub(_escape, value) + '"'
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{_key(k)} = {_toml(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"no TOML spelling for {type(value).__name__}")  # nothing declared is one


def nearest_to(path: str | None, known_codes: frozenset[str] | None = None) -> LoadedConfig:
    """The configuration nearest PATH (a file or folder; default: the current folder): the
    closest folder above it holding one, up to the repository's top, as ``check`` picks it for
    the root there. PATH must exist inside the repository (outside git: the current folder)."""
    from milestone_lint.config.loader import load_config
    from milestone_lint.errors import MilestoneLintError
    from milestone_lint.git.top import find_top
    from milestone_lint.paths import display, within

    cwd = Path.cwd()
    if path is None:
        return load_config(cwd, None, known_codes)
    target = Path(os.path.abspath(cwd / path))
    top = find_top(cwd.resolve())
    boundary = top or cwd.resolve()
    if not within(target, boundary):
        scope = "the repository" if top else "the current folder"
        raise MilestoneLintError(
            f"{display(path)}: outside {scope} ({display(str(boundary))}); give a path inside it"
        )
    if not os.path.lexists(target):
        raise MilestoneLintError(f"{display(path)}: no such file or folder; check the path")
    folder = target if target.is_dir() else target.parent
    return load_config(folder, None, known_codes, repo_root=top)


@click.command()
@click.option("--schema", is_flag=True, help="Print the configuration's JSON schema instead.")
@click.argument("path", required=False, type=click.Path())
def config(schema: bool, path: str | None) -> int:
    """Print the effective settings of the configuration nearest PATH (default: the current
    folder), each with where it came from (the file, or the default)."""
    if schema:
        from milestone_lint.config.jsonschema import config_schema

        report_out(json.dumps(config_schema(), indent=2) + "\n", machine=True)
        return 0
    from milestone_lint.config.schema import FILE_KINDS, TABLES, KindLimits

    loaded = nearest_to(path)
    raw = loaded.raw
    top = loaded.repo_root or loaded.base
    if loaded.path is None:
        echo("# no configuration file: every setting is the default")
    else:
        echo(f"# {loaded.path}")
        for extended in loaded.extends:
            echo(f"# extends {os.path.relpath(extended, top)}")

    def origin(dotted: str) -> str:
        """The file that set a key (extended ones included), relative to the top."""
        found = loaded.origins.get(dotted)
        return os.path.relpath(found, top) if found is not None else "default"

    limits = raw.get("limits", {})
    kinds = {kind: limits.get(kind, {}) for kind in FILE_KINDS}
    by_kind: dict[str, list[str]] = {kind: [] for kind in FILE_KINDS}
    for table, settings in TABLES.items():
        own = raw if not table else raw.get(table, {})
        if table:
            echo(f"\n[{table}]")
        for setting in settings:
            if setting.owner is KindLimits:
                # One value for every kind goes in [limits]; values that differ per kind (the
                # words of a file, a handoff's paragraphs) go in each [limits.<kind>].
                values = {k: getattr(loaded.config.limits[k], setting.field) for k in FILE_KINDS}
                if len(set(values.values())) == 1:
                    value = values[FILE_KINDS[0]]
                    echo(f"{setting.key} = {_toml(value)}  # {origin(setting.path)}")
                    continue
                for kind, value in values.items():
                    dotted = f"limits.{kind}.{setting.key}"
                    source = origin(dotted if setting.key in kinds[kind] else setting.path)
                    by_kind[kind].append(f"{setting.key} = {_toml(value)}  # {source}")
                continue
            if setting.key in own:
                value, source = own[setting.key], origin(setting.path)
            else:
                value, source = setting.written, "default"
            if value == "" and setting.default == "":
                # Not set (a path or folder chosen by default): an empty string is no path.
                echo(f"# {setting.key}: not set  # {source}")
                continue
            echo(f"{setting.key} = {_toml(value)}  # {source}")
        if table == "limits":
            for kind, lines in by_kind.items():
                if lines:
                    echo(f"\n[limits.{kind}]")
                    for line in lines:
                        echo(line)
    return 0
