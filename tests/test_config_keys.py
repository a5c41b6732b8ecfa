"""Every configuration key is declared once, and everything that knows keys reads the
declarations: ``Config``'s fields and defaults, the validator, the JSON schema, ``milestone-lint
config``, the README's table and the commit gate."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from milestone_lint.config.files import parse_toml
from milestone_lint.config.jsonschema import config_schema
from milestone_lint.config.loader import load_config
from milestone_lint.config.schema import (
    BY_FIELD,
    FILE_KINDS,
    KIND_LIMITS,
    SETTINGS,
    TABLES,
    Config,
    KindLimits,
)
from milestone_lint.config.validate import ConfigBuilder
from milestone_lint.rules.registry import CODES
from tests.conftest import commit_all, git, write_tree
from tests.test_config import config_error

README = Path(__file__).resolve().parents[1] / "README.md"


def _toml(text: str) -> dict[str, Any]:
    return parse_toml(Path("milestone-lint.toml"), text.encode(), "")


# A value for every declared key, none of them its default: each must reach its own field.
EVERY_KEY = """\
extend = "base.toml"
roots = ["notes", "packages/*/notes"]
numbering = "global"
number-width = 3
epics = true
select = ["ml1", "ML2"]
ignore = ["ML108"]
extend-select = ["ML308"]
warn = ["ml3"]
exclude = ["notes/0-*/**"]
respect-gitignore = false
baseline = "debt.json"
cache-dir = ".cache/ml"
system-files = ["0-summary.md", "0-lessons.md", "0-notes.md"]
generic-names = ["Misc", "blob"]

[per-file-ignores]
"notes/1-old/**" = ["ml3", "ML101"]

[limits]
words = 2000
bullet-words = 30
paragraph-words = 60
section-bullets = 9
context-tokens = 5000

[limits.handoff]
words = 1500

[limits.summary]
bullet-words = 20

[summary]
required-sections = ["Changes", "Risks"]
synonyms = { "Risks" = ["Known risks"] }

[handoff]
required-sections = ["Next steps"]
require-for = ["src/**", "*.py"]

[suggest]
min-handoffs = 5
branches = ["topic/*"]
"""

READ_BACK: dict[str, object] = {
    "extend": "base.toml",
    "roots": ("notes", "packages/*/notes"),
    "numbering": "global",
    "number_width": 3,
    "epics": True,
    "select": ("ML1", "ML2"),
    "ignore": ("ML108",),
    "extend_select": ("ML308",),
    "warn": ("ML3",),
    "exclude": ("notes/0-*/**",),
    "respect_gitignore": False,
    "baseline": "debt.json",
    "cache_dir": ".cache/ml",
    "system_files": ("0-summary.md", "0-lessons.md", "0-notes.md"),
    "generic_names": ("misc", "blob"),
    "per_file_ignores": (("notes/1-old/**", ("ML3", "ML101")),),
    "limits": {
        "handoff": KindLimits(words=1500, bullet_words=30, paragraph_words=60, section_bullets=9),
        "summary": KindLimits(words=2000, bullet_words=20, paragraph_words=60, section_bullets=9),
        "lessons": KindLimits(words=2000, bullet_words=30, paragraph_words=60, section_bullets=9),
    },
    "context_tokens": 5000,
    "summary_required_sections": ("Changes", "Risks"),
    "summary_synonyms": {"Risks": ("Known risks",)},
    "handoff_required_sections": ("Next steps",),
    "handoff_require_for": ("src/**", "*.py"),
    "suggest_min_handoffs": 5,
    "suggest_branches": ("topic/*",),
}


def test_every_field_is_filled_by_one_declared_key() -> None:
    config_fields = [s.field for s in SETTINGS if s.owner is Config]
    assert sorted(config_fields) == sorted(f for f in Config._fields if f != "limits")
    assert [s.field for s in SETTINGS if s.owner is KindLimits] == list(KindLimits._fields)
    assert len({s.path for s in SETTINGS}) == len(SETTINGS)
    assert set(BY_FIELD) == set(config_fields)


def _dotted(table: dict[str, Any], prefix: str = "") -> set[str]:
    """The dotted keys a TOML table sets, a declared key whose value is a table counted as one."""
    found: set[str] = set()
    for key, value in table.items():
        path = prefix + key
        if isinstance(value, dict) and path not in {s.path for s in SETTINGS}:
            found |= _dotted(value, path + ".")
        else:
            found.add(path)
    return found


def test_a_file_setting_every_key_reaches_every_field(repo: Path) -> None:
    missing = {s.path for s in SETTINGS} - _dotted(_toml(EVERY_KEY))
    assert not missing, missing  # a new key wants a value in EVERY_KEY
    (repo / "milestone-lint.toml").write_text(EVERY_KEY)
    (repo / "base.toml").write_text("")  # what extend names; it sets nothing
    config = load_config(repo, None, CODES).config
    assert config._asdict() == READ_BACK
    for field, default in Config()._asdict().items():
        assert getattr(config, field) != default, field


def test_the_defaults_are_the_declared_ones() -> None:
    default = Config()
    for setting in SETTINGS:
        assert setting.owner._field_defaults.get(setting.field) == setting.default, setting.path
        if setting.owner is Config:
            assert getattr(default, setting.field) == setting.default, setting.path
    assert default.limits == KIND_LIMITS
    assert ConfigBuilder("", "", CODES).build({}) == default
    for setting in TABLES["limits"]:  # a doc that gives a kind's own limit gives the right one
        for kind, limits in KIND_LIMITS.items():
            if setting.owner is KindLimits and getattr(limits, setting.field) != setting.default:
                assert str(getattr(limits, setting.field)) in setting.doc, (kind, setting.path)


def test_the_printed_defaults_written_to_a_file_are_the_defaults(repo: Path, cli: Any) -> None:
    # Every printed line, the per-kind limits and the settings left unset included.
    (repo / "milestone-lint.toml").write_text(cli("config").out)
    assert load_config(repo, None, CODES).config == Config()


def test_the_json_schema_lists_exactly_the_declared_keys() -> None:
    properties = config_schema()["properties"]
    assert list(properties) == [s.key for s in TABLES[""]] + [t for t in TABLES if t]
    for table, settings in TABLES.items():
        if table:
            keys = list(properties[table]["properties"])
            assert keys == [s.key for s in settings] + (list(FILE_KINDS) * (table == "limits"))
    for kind, limits in KIND_LIMITS.items():
        table = properties["limits"]["properties"][kind]["properties"]
        assert {k: v["default"] for k, v in table.items()} == {
            s.key: getattr(limits, s.field) for s in SETTINGS if s.owner is KindLimits
        }


def test_config_prints_every_declared_default_as_toml(repo: Path, cli: Any) -> None:
    run = cli("config")
    assert run.code == 0
    assert run.lines[0] == "# no configuration file: every setting is the default"
    printed = _toml(run.out)
    expected: dict[str, Any] = {}
    for setting in SETTINGS:
        table = expected.setdefault(setting.table, {}) if setting.table else expected
        if setting.owner is KindLimits:
            # One value for every kind in [limits]; values that differ in each [limits.<kind>].
            values = {kind: getattr(limits, setting.field) for kind, limits in KIND_LIMITS.items()}
            if len(set(values.values())) == 1:
                table[setting.key] = setting.default
            for kind, value in values.items() if len(set(values.values())) > 1 else ():
                table.setdefault(kind, {})[setting.key] = value
        elif setting.default != "":  # an unset path or folder is a comment: "" is no path
            table[setting.key] = setting.written
    assert printed == expected
    assert "# baseline: not set  # default" in run.lines
    assert all(line.endswith("  # default") for line in run.lines[1:] if "=" in line)


def test_the_readme_table_gives_each_declared_default() -> None:
    text = README.read_text()
    for setting in SETTINGS:
        row = re.search(rf"^\| `{re.escape(setting.path)}` \| ([^|]*) \|", text, re.M)
        assert row, setting.path
        cell = row.group(1)
        if setting.default is None:  # one per kind
            assert cell == ", ".join(f"{k} {limits.words}" for k, limits in KIND_LIMITS.items())
        elif setting.default == "":
            assert cell == "(none)", setting.path
        else:
            shown = re.match(r"`([^`]*)`", cell)
            assert shown, setting.path
            assert _toml(f"v = {shown.group(1)}")["v"] == setting.written, setting.path


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("[limits]\nhandoff = 3\n", '[limits] "handoff" must be a table, got a number (3)'),
        (
            "[limits.summary]\ncontext-tokens = 5\n",
            '[limits.summary] "context-tokens" applies to a whole root; set it in [limits]',
        ),
        (
            '[per-file-ignores]\n"a/**" = "ML1"\n',
            "[per-file-ignores] \"a/**\" must be a list of rule codes, got a string ('ML1')",
        ),
        (
            '[per-file-ignores]\n"a/[x" = ["ML1"]\n',
            '[per-file-ignores] "a/[x": the glob "a/[x" is malformed: an unclosed "["; close it,'
            ' or write "[[]" for a literal bracket',
        ),
        ("per-file-ignores = 3\n", '"per-file-ignores" must be a table, got a number (3)'),
        (
            'system-files = ["0-summary.md"]\n',
            '"system-files" must name a summary file (containing "summary") and a lessons file'
            ' (containing "lesson")',
        ),
        (
            "[summary]\nsynonyms = 3\n",
            '[summary] "synonyms" must be a table of section name = ["synonym", …], got a number'
            " (3)",
        ),
        (
            "bogus = 1\n",
            'unknown key "bogus"; valid keys: '
            + ", ".join([s.key for s in TABLES[""]] + [t for t in TABLES if t]),
        ),
    ],
)
def test_each_table_and_kind_of_value_names_its_mistake(
    repo: Path, cli: Any, body: str, message: str
) -> None:
    err = config_error(repo, cli, "milestone-lint.toml", body)
    assert err == f"milestone-lint: error: milestone-lint.toml: {message}\n"


# --- the commit gate -----------------------------------------------------------------------

PROBE = (
    "import sys; from milestone_lint.cli import main; code = main(['check', '--staged', '--hook']);"
    " print(code, sorted(m for m in sys.modules"
    " if m.startswith(('milestone_lint.config', 'tomllib'))))"
)


def _gate_modules(repo: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=repo, capture_output=True, text=True, check=True
    )
    return done.stdout.strip().splitlines()[-1]


def test_the_gate_judges_by_the_declared_roots_without_importing_the_declarations(
    repo: Path,
) -> None:
    # No config: the declared default root, handoffs/, is the one the gate knows.
    assert Config().roots == ("handoffs",)
    write_tree(repo, {"handoffs/README.md": "# Handoffs\n", "src/app.txt": "app\n"})
    commit_all(repo, "initial")
    (repo / "src/app.txt").write_text("changed\n")
    git(repo, "add", "src/app.txt")
    assert _gate_modules(repo) == "0 ['milestone_lint.config']"
    write_tree(repo, {"handoffs/notes.md": "# Notes\n"})  # ML101: not a numbered handoff
    git(repo, "add", "handoffs/notes.md")
    code, _, modules = _gate_modules(repo).partition(" ")
    assert code == "1"
    assert "'milestone_lint.config.schema'" in modules


def test_the_gate_reads_the_declared_baseline_key(repo: Path) -> None:
    write_tree(repo, {"handoffs/README.md": "# Handoffs\n", "debt.json": "{}\n"})
    (repo / "milestone-lint.toml").write_text(f'{BY_FIELD["baseline"].key} = "debt.json"\n')
    commit_all(repo, "initial")
    (repo / "debt.json").write_text('{"changed": true}\n')
    git(repo, "add", "debt.json")
    code, _, modules = _gate_modules(repo).partition(" ")
    assert "'milestone_lint.config.validate'" in modules  # the baseline went to the full check
    assert code == "2"


def test_config_output_loads_back_as_the_same_settings(
    tmp_path: Path, repo: Path, cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every key set (pyproject's table), a per-kind limit beside [limits], strings TOML must
    # escape: the printed text, used as a milestone-lint.toml elsewhere, gives the same config.
    hostile = '"Next steps", "Quote \\" back \\\\ slash é 😀 tab\\t del\\u007f"'
    body = EVERY_KEY.replace('["Next steps"]', f"[{hostile}]")
    # What an extended file sets is printed as the effective value: nothing to extend here.
    body = body.replace('extend = "base.toml"', 'extend = ""')
    body = re.sub(r"^\[", "[tool.milestone-lint.", body, flags=re.M)
    (repo / "pyproject.toml").write_text("[tool.milestone-lint]\n" + body)
    first = cli("config")
    assert (first.code, first.err) == (0, "")
    original = load_config(repo, None, CODES).config
    assert original.handoff_required_sections == (
        "Next steps",
        'Quote " back \\ slash é 😀 tab\t del\x7f',
    )
    again = tmp_path / "again"
    again.mkdir()
    git(again, "init", "-q")
    (again / "milestone-lint.toml").write_text(first.out)
    monkeypatch.chdir(again)
    second = cli("config")
    assert (second.code, second.err) == (0, "")
    assert load_config(again, None, CODES).config == original

    def settings(out: str) -> list[str]:
        return [line.split("  # ")[0] for line in out.splitlines()[1:]]

    assert settings(second.out) == settings(first.out)
    assert "words = 1500  # pyproject.toml" in first.lines
    assert "words = 1500  # milestone-lint.toml" in second.lines
