"""SARIF that validates against the official 2.1.0 schema, for any file name."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema

from tests.conftest import write_tree

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text())
HOSTILE_NAMES = [
    "handoffs/1-Setup Notes.md",
    "handoffs/2-#hash.md",
    "handoffs/3-100%.md",
    "handoffs/4-日本語.md",
    "handoffs/5-[draft].md",
    "handoffs/6-\x1b]0;x\x07.md",
]


def test_sarif_validates_for_hostile_names(repo: Path, cli: Any) -> None:
    write_tree(repo, {name: "# T\n\n- a fact\n" for name in HOSTILE_NAMES})
    run = cli("check", "--format", "sarif")
    assert run.code == 1
    sarif = json.loads(run.out)
    validator = jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(sarif), key=str)
    assert errors == [], errors[0].message if errors else ""
    results = sarif["runs"][0]["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert "handoffs/1-Setup%20Notes.md" in uris
    assert "handoffs/2-%23hash.md" in uris
    assert "handoffs/3-100%25.md" in uris
    assert "handoffs/4-%E6%97%A5%E6%9C%AC%E8%AA%9E.md" in uris
    # Every result carries the baseline's fingerprint, stable when lines move.
    assert all(len(r["partialFingerprints"]["milestoneLint/v1"]) == 16 for r in results)
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert all(r["help"]["markdown"] and r["fullDescription"]["text"] for r in rules)


def test_sarif_fingerprint_survives_moved_lines(repo: Path, cli: Any) -> None:
    write_tree(repo, {"handoffs/1-a.md": "# A - 2025-03-01\n\nIt works, I think.\n"})

    def fingerprints() -> list[str]:
        out = json.loads(cli("check", "--format", "sarif", "--select", "ML305").out)
        return [r["partialFingerprints"]["milestoneLint/v1"] for r in out["runs"][0]["results"]]

    before = fingerprints()
    (repo / "handoffs/1-a.md").write_text("# A - 2025-03-01\n\nMore.\n\nIt works, I think.\n")
    assert fingerprints() == before
