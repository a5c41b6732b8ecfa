"""The rule table: codes, names and documentation complete and unique."""

from __future__ import annotations

import re
from pathlib import Path

from milestone_lint.rules.registry import ALL_RULES, BY_CODE

README = Path(__file__).resolve().parents[1] / "README.md"
SPEC_CODE = re.compile(r"^ML[0-9]{3}$")
SPEC_NAME = re.compile(r"^[a-z]+(-[a-z]+)*$")


def test_codes_and_names_are_unique_and_well_formed() -> None:
    codes = [r.code for r in ALL_RULES]
    names = [r.name for r in ALL_RULES]
    assert len(set(codes)) == len(codes)
    assert len(set(names)) == len(names)
    assert all(SPEC_CODE.match(c) for c in codes)
    assert all(SPEC_NAME.match(n) for n in names)
    assert list(BY_CODE) == sorted(codes)


def test_every_rule_is_documented() -> None:
    for rule in ALL_RULES:
        for part in (rule.summary, rule.what, rule.why, rule.bad.render(), rule.good.render()):
            assert part.strip(), rule.code
        assert rule.bad.render().strip() != rule.good.render().strip(), rule.code
        checks = (rule.check_layout, rule.check_document, rule.check_root, rule.check_branch)
        # ML001 is emitted by the engine itself, when a file cannot be read.
        assert sum(c is not None for c in checks) == (0 if rule.code == "ML001" else 1), rule.code
        doc = rule.documentation()
        assert doc.startswith(f"# {rule.code} {rule.name}\n")


def test_readme_lists_every_rule() -> None:
    text = README.read_text()
    for rule in ALL_RULES:
        assert f"| {rule.code} | `{rule.name}` |" in text, rule.code


def test_readme_documents_every_config_key() -> None:
    from milestone_lint.config.schema import TABLES

    text = README.read_text()
    for table, options in TABLES.items():
        for option in options:
            key = f"{table}.{option.key}" if table else option.key
            assert f"`{key}`" in text, key


def test_every_published_hook_is_documented() -> None:
    hooks_file = Path(__file__).resolve().parents[1] / ".pre-commit-hooks.yaml"
    ids = re.findall(r"^- id: (\S+)$", hooks_file.read_text(), re.MULTILINE)
    assert ids == ["milestone-lint", "milestone-suggest"]
    text = README.read_text()
    for hook_id in ids:
        assert f"| `{hook_id}` |" in text, hook_id
        assert f"- id: {hook_id}" in text, hook_id
    assert "default_install_hook_types" in text
