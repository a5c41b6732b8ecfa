"""Code actions and completions: what the editor offers on a finding or a heading line.

A fix is what ``check --fix`` would do for the finding's rule, planned by the same fixer and
handed to the editor as one workspace edit (renames, with the links they would break
rewritten; created files with their text), so that the editor applies it and can undo it.
"Disable" appends ``<!-- milestone-lint-disable-line CODE -->`` to the finding's line: a
comment at the end of a line leaves a list or a paragraph as it renders.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

from lsprotocol import types

from milestone_lint.server.positions import utf16_column

_HEADING = re.compile(r"^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_NUMBERED = re.compile(r"^[0-9]+-.+\.(?:md|markdown)$", re.IGNORECASE)


def _end_of(text: str) -> types.Position:
    lines = text.split("\n")
    return types.Position(len(lines) - 1, utf16_column(lines[-1], len(lines[-1]) + 1))


def fix_edit(
    top: Path, uri_of: Callable[[str], str], code: str
) -> tuple[types.WorkspaceEdit, list[str]] | None:
    """The workspace edit of every fix ``check --fix`` would make for CODE, and what they do;
    None when there is nothing to fix."""
    from milestone_lint.errors import MilestoneLintError
    from milestone_lint.server.judge import disk_text, planned_fixes

    try:
        steps, said = planned_fixes(top, code)
    except MilestoneLintError:
        return None
    if not steps:
        return None
    changes: list[
        types.TextDocumentEdit | types.CreateFile | types.RenameFile | types.DeleteFile
    ] = []
    moved_to = {s.target: s.path for s in steps if s.op == "rename"}
    for step in steps:
        if step.op == "rename":
            changes.append(
                types.RenameFile(
                    old_uri=uri_of(step.path),
                    new_uri=uri_of(step.target),
                    options=types.RenameFileOptions(overwrite=False, ignore_if_exists=False),
                )
            )
    for step in steps:
        if step.op == "create":
            changes.append(
                types.CreateFile(
                    uri=uri_of(step.path),
                    options=types.CreateFileOptions(overwrite=False, ignore_if_exists=False),
                )
            )
            end = types.Position(0, 0)
        elif step.op == "replace":
            end = _end_of(disk_text(str(top / moved_to.get(step.path, step.path))))
        else:
            continue
        changes.append(
            types.TextDocumentEdit(
                text_document=types.OptionalVersionedTextDocumentIdentifier(
                    uri=uri_of(step.path), version=None
                ),
                edits=[types.TextEdit(types.Range(types.Position(0, 0), end), step.text)],
            )
        )
    return types.WorkspaceEdit(document_changes=changes), said


def actions_for(
    top: Path,
    uri_of: Callable[[str], str],
    uri: str,
    lines: list[str],
    codes: set[str],
    params: types.CodeActionParams,
) -> list[types.CodeAction]:
    from milestone_lint.rules.registry import BY_CODE

    actions: list[types.CodeAction] = []
    for diagnostic in params.context.diagnostics:
        code = str(diagnostic.code)
        rule = BY_CODE.get(code)
        if diagnostic.source != "milestone-lint" or rule is None:
            continue
        if rule.check_document is not None:  # suppressions apply to a file's own findings
            row = diagnostic.range.start.line
            text = lines[row].rstrip("\r\n") if row < len(lines) else ""
            at = types.Position(row, utf16_column(text, len(text) + 1))
            comment = f" <!-- milestone-lint-disable-line {code} -->"
            edit = types.WorkspaceEdit(
                changes={uri: [types.TextEdit(types.Range(at, at), comment)]}
            )
            actions.append(
                types.CodeAction(
                    title=f"Disable {code} for this line",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diagnostic],
                    edit=edit,
                )
            )
    for code in sorted(codes):
        rule = BY_CODE.get(code)
        if rule is None or not rule.fixable:
            continue
        planned = fix_edit(top, uri_of, code)
        if planned is None:
            continue
        edit, said = planned
        more = f" (and {len(said) - 1} more)" if len(said) > 1 else ""
        fixed = [d for d in params.context.diagnostics if str(d.code) == code]
        actions.append(
            types.CodeAction(
                title=f"Fix {said[0]}{more}" if said else f"Fix {code}",
                kind=types.CodeActionKind.QuickFix,
                diagnostics=fixed,
                edit=edit,
                is_preferred=True,
            )
        )
    return actions


def missing_headings(top: Path, rel: str, source: str) -> list[str]:
    """The required sections a summary or a handoff lacks, by its configuration."""
    from milestone_lint.config.loader import load_config
    from milestone_lint.convention.headings import heading_matches, synonyms_for
    from milestone_lint.errors import MilestoneLintError

    path = top / rel
    try:
        config = load_config(path.parent if path.parent.is_dir() else top, None).config
    except MilestoneLintError:
        return []
    name = os.path.basename(rel)
    if name == config.summary_file:
        required = config.summary_required_sections
    elif _NUMBERED.match(name) and not name.startswith("0-"):
        required = config.handoff_required_sections
    else:
        return []
    present = [m.group(1) for m in map(_HEADING.match, source.splitlines()) if m]
    missing: list[str] = []
    for section in required:
        names = synonyms_for(section, config.summary_synonyms)
        if not any(heading_matches(heading, names) for heading in present):
            missing.append(section)
    return missing
