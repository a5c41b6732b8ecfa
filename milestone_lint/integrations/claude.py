"""Claude Code integration: hooks in ``.claude/settings.json``, and what they run.

* ``SessionStart`` runs ``milestone-lint claude-hook session-start``: the restore pack on
  stdout, which Claude Code adds to the new session's context.
* ``PostToolUse`` on ``Write|Edit|MultiEdit`` runs ``milestone-lint claude-hook
  post-tool-use``: it reads the hook's JSON from stdin, and when the written file is markdown in
  a root, lints it and its root's layout. Findings go to stderr with exit 2, which Claude Code
  shows to the model; a clean file, or a file outside every root, is exit 0 and silence.

Our own failures (a broken configuration, an unreadable tree) exit 1 with one line: Claude Code
shows that to the user, not the model, and carries on. Exit 2 is kept for findings.

``install --agent claude`` merges these entries into the settings, creating the file when it is
absent and touching no other key; ``uninstall --agent claude`` removes exactly these entries.
The file is edited as text (:mod:`.jsonedit`): our entries are added beside the
others in the file's own indentation and removed as exactly that text, so install then
uninstall gives the file back byte for byte. (A list or object that held only our entries
goes with them: an empty ``"hooks": {}`` written before install does not come back.)
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from milestone_lint.errors import MilestoneLintError
from milestone_lint.integrations import jsonedit

if TYPE_CHECKING:
    from milestone_lint.diagnostics import Diagnostic
    from milestone_lint.rules.base import Rule

SETTINGS = ".claude/settings.json"
SESSION_START = "milestone-lint claude-hook session-start"
POST_TOOL_USE = "milestone-lint claude-hook post-tool-use"
OURS: dict[str, dict[str, Any]] = {
    "SessionStart": {
        "matcher": "startup|resume|clear|compact",
        "hooks": [{"type": "command", "command": SESSION_START}],
    },
    "PostToolUse": {
        "matcher": "Write|Edit|MultiEdit",
        "hooks": [{"type": "command", "command": POST_TOOL_USE}],
    },
}
_COMMANDS = (SESSION_START, POST_TOOL_USE)
SESSION_START_LIMIT = 10_000  # characters of SessionStart output Claude Code keeps (FACTS.md)
MAX_HOOK_INPUT = 16 * 1024 * 1024  # a MultiEdit's JSON carries the edits; bounded all the same


# --- the settings file ---------------------------------------------------------------------


def _settings_path(cwd: Path) -> Path:
    """The settings file: at the repository root (outside git: in the current folder)."""
    from milestone_lint.git.top import find_top

    return (find_top(cwd) or cwd) / SETTINGS


def _read(path: Path) -> str:
    """The settings file's text ("" when absent), checked to be what Claude Code reads."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return ""
    except OSError as exc:
        raise MilestoneLintError(f"{path}: cannot read ({exc.strerror}); check it") from None
    try:
        text = raw.decode("utf-8")
        data = json.loads(text, **_STRICT) if text.strip() else {}
    except _Refused as exc:
        raise MilestoneLintError(f"{path}: {exc}; fix it by hand, then run this again") from None
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise MilestoneLintError(
            f"{path}: not valid JSON ({exc}); fix it, then run this again"
        ) from None
    if not isinstance(data, dict):
        raise MilestoneLintError(f"{path}: holds no JSON object; fix it, then run this again")
    hooks = data.get("hooks", {})
    if not isinstance(hooks, dict) or not all(isinstance(v, list) for v in hooks.values()):
        raise MilestoneLintError(
            f'{path}: "hooks" is not an object of lists as Claude Code expects; fix it by hand'
        )
    return text


class _Refused(ValueError):
    """JSON that Python reads but that cannot be edited safely as text."""


def _no_constant(name: str) -> None:
    # Python reads NaN and Infinity; JSON (and Claude Code's reader) does not.
    raise _Refused(f"holds {name}, which is not JSON")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # With a key twice, readers disagree on which one counts, and removing "ours" from one
    # copy could bring back the other: refuse rather than guess.
    data = dict(pairs)
    if len(data) < len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                break
            seen.add(key)
        raise _Refused(f"the key {json.dumps(key[:100])} appears twice in one object")
    return data


_STRICT: dict[str, Any] = {"parse_constant": _no_constant, "object_pairs_hook": _unique_keys}


def _member(node: jsonedit.Node, key: str) -> tuple[int, jsonedit.Node] | None:
    """The last member named ``key`` (the one a JSON reader keeps) and its index."""
    found = None
    for index, member in enumerate(node.members):
        if member.key == key:
            found = (index, member.node)
    return found


def _is_ours(text: str, node: jsonedit.Node) -> bool:
    if node.kind != "object":
        return False
    command = _member(node, "command")
    return command is not None and text[command[1].start : command[1].end] in {
        json.dumps(c) for c in _COMMANDS
    }


def _write(cwd: Path, path: Path, text: str, command: str) -> None:
    from milestone_lint.git.journal import transaction

    data = text.encode("utf-8")
    with transaction(cwd, command) as tx:
        rel = tx.workspace.rel(path)
        if not path.parent.is_dir():
            tx.mkdir(tx.workspace.rel(path.parent))
        if path.exists():
            tx.replace(rel, data)
        else:
            tx.create(rel, data)
        tx.apply()


def _checked(path: Path) -> None:
    if path.is_symlink() or path.parent.is_symlink():
        raise MilestoneLintError(f"{path}: a symbolic link; not followed. Edit it by hand")


def install(cwd: Path) -> tuple[Path, list[str]]:
    """Merge our hooks in, as text beside what is there; returns the file and the events
    added (none when they are already there)."""
    path = _settings_path(cwd)
    _checked(path)
    text = _read(path)
    if not text.strip():
        text = json.dumps({"hooks": {e: [g] for e, g in OURS.items()}}, indent=2) + "\n"
        _write(cwd, path, text, "install --agent claude")
        return path, list(OURS)
    added: list[str] = []
    for event, entry in OURS.items():
        root = jsonedit.parse(text)
        hooks = _member(root, "hooks")
        if hooks is None:
            text = jsonedit.append(text, root, {event: [entry]}, key="hooks")
            added.append(event)
            continue
        groups = _member(hooks[1], event)
        if groups is None:
            text = jsonedit.append(text, hooks[1], [entry], key=event)
            added.append(event)
            continue
        mine = json.dumps(entry["hooks"][0]["command"])
        present = any(
            text[command[1].start : command[1].end] == mine
            for group in groups[1].members
            if (inner := _member(group.node, "hooks")) is not None
            for hook in inner[1].members
            if (command := _member(hook.node, "command")) is not None
        )
        if not present:
            text = jsonedit.append(text, groups[1], entry)
            added.append(event)
    if added:
        _write(cwd, path, text, "install --agent claude")
    return path, added


def _remove_one(text: str) -> tuple[str, str] | None:
    """``text`` without one of our hooks (and whatever held only it), and its event; None
    when none is left."""
    root = jsonedit.parse(text)
    hooks = _member(root, "hooks")
    if hooks is None or hooks[1].kind != "object":
        return None
    for event_index, event in enumerate(hooks[1].members):
        if event.node.kind != "array" or event.key is None:
            continue
        for group_index, group in enumerate(event.node.members):
            inner = _member(group.node, "hooks")
            if inner is None or inner[1].kind != "array":
                continue
            for hook_index, hook in enumerate(inner[1].members):
                if not _is_ours(text, hook.node):
                    continue
                # The smallest thing that held only our hook goes: the hook, its group, the
                # event's list, or "hooks" itself, so that install then uninstall is a no-op.
                if len(inner[1].members) > 1:
                    return jsonedit.remove(text, inner[1], hook_index), event.key
                if len(event.node.members) > 1:
                    return jsonedit.remove(text, event.node, group_index), event.key
                if len(hooks[1].members) > 1:
                    return jsonedit.remove(text, hooks[1], event_index), event.key
                return jsonedit.remove(text, root, hooks[0]), event.key
    return None


def uninstall(cwd: Path) -> tuple[Path, list[str]]:
    """Remove our hooks, and the lists and objects that held only them."""
    path = _settings_path(cwd)
    if not path.exists():
        return path, []
    _checked(path)
    text = _read(path)
    if not text.strip():
        return path, []
    removed: list[str] = []
    while (step := _remove_one(text)) is not None:
        text, event = step
        removed.append(event)
    if removed:
        json.loads(text, **_STRICT)  # never write what Claude Code could not read
        _write(cwd, path, text, "uninstall --agent claude")
    return path, list(dict.fromkeys(removed))


# --- the hooks -------------------------------------------------------------------------------


def _hook_input() -> dict[str, Any]:
    import sys

    raw = sys.stdin.buffer.read(MAX_HOOK_INPUT + 1) if sys.stdin is not None else b""
    if len(raw) > MAX_HOOK_INPUT:
        raise MilestoneLintError("the hook's input is over 16 MB; not read")
    try:
        data = json.loads(raw.decode("utf-8", "replace")) if raw.strip() else {}
    except (ValueError, RecursionError):
        raise MilestoneLintError(
            "the hook's input is not JSON; is this a Claude Code hook?"
        ) from None
    return data if isinstance(data, dict) else {}


def _echo_err(text: str) -> None:
    from milestone_lint.terminal import echo

    echo(text, err=True)


def run_hook(event: str) -> int:
    """One Claude Code hook: exit 0 (nothing to say), 2 (findings, for the model) or 1 (our
    own failure, one line for the user)."""
    try:
        data = _hook_input()
        cwd = Path(_path_text(data["cwd"], "cwd")) if isinstance(data.get("cwd"), str) else None
        if cwd is None or not cwd.is_dir():
            cwd = Path.cwd()
        if event == "session-start":
            return _session_start(cwd)
        return _post_tool_use(cwd, data)
    except MilestoneLintError as exc:
        _echo_err(f"milestone-lint: error: {exc}")
        return 1
    except (Exception, MemoryError) as exc:
        # Our own failure, never findings: exit 2 would show it to the model as a problem
        # in the file it just wrote (the command line's catch-all answers 2).
        if os.environ.get("MILESTONE_LINT_DEBUG"):
            import traceback

            traceback.print_exc()
        from milestone_lint.paths import display

        what = type(exc).__name__ + (f": {display(str(exc)[:500])}" if str(exc) else "")
        _echo_err(
            f"milestone-lint: internal error ({what}); please report it"
            " (MILESTONE_LINT_DEBUG=1 shows the traceback)"
        )
        return 1


def _path_text(value: str, field: str) -> str:
    """A path from the hook's JSON, refused (our failure: exit 1) when no file can have it."""
    if "\0" in value:
        raise MilestoneLintError(f"the hook's {field} holds a NUL character; nothing was checked")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise MilestoneLintError(
            f"the hook's {field} holds a lone surrogate (such as \\ud800), which is no"
            " Unicode text; nothing was checked"
        ) from None
    return value


def _session_start(cwd: Path) -> int:
    from milestone_lint.layout.project import projects_for_paths
    from milestone_lint.reports.context import DEFAULT_BUDGET, build_pack, render
    from milestone_lint.terminal import echo

    # Every configuration's roots, as `context` finds them: a monorepo whose packages alone
    # name roots has a tree to restore too.
    projects, _ = projects_for_paths(cwd, ())
    if not projects:
        return 0  # no handoff tree here: nothing to restore, nothing to say
    # Claude Code keeps 10,000 characters of a hook's output in the context (more becomes a
    # file and a preview): the default budget is that, shared among the roots, and a pack
    # whose handoff to act on alone is over its share has that handoff cut to fit it.
    share = SESSION_START_LIMIT // max(1, len(projects)) - 1  # the packs' joining newlines
    budget = max(100, DEFAULT_BUDGET // max(1, len(projects)))
    echo(render([build_pack(p, budget, share) for p in projects], "markdown"), nl=False)
    return 0


def _post_tool_use(cwd: Path, data: dict[str, Any]) -> int:
    tool_input = data.get("tool_input")
    file_path = tool_input.get("file_path") if isinstance(tool_input, dict) else None
    if not isinstance(file_path, str) or not file_path.lower().endswith((".md", ".markdown")):
        return 0  # only markdown can be a handoff: every other write costs nothing more
    target = Path(_path_text(file_path, "file_path"))
    if not target.is_absolute():
        target = cwd / target
    from milestone_lint.config.loader import load_config
    from milestone_lint.layout.discovery import configured_roots
    from milestone_lint.sources.worktree import WorktreeSource

    loaded = load_config(target.parent if target.parent.is_dir() else cwd, None)
    base = (loaded.repo_root or loaded.base).resolve()
    real = Path(os.path.realpath(target))
    roots = [
        Path(os.path.realpath(r)) for r in configured_roots(loaded, WorktreeSource(base), base)
    ]
    root = next((r for r in roots if real == r or r in real.parents), None)
    if root is None:
        return 0
    from milestone_lint.check.options import CheckOptions
    from milestone_lint.check.run import lint
    from milestone_lint.formatters import render

    report, _, _ = lint(CheckOptions(paths=(str(real),), quiet=True, color=False), cwd=base)
    mine = [d for d in report.diagnostics if _about(d, report.rules, real, root, base)]
    if not mine:
        return 0
    report = report._replace(diagnostics=mine)
    findings = render("text", report).rstrip("\n")
    _echo_err(
        f"milestone-lint found problems in the handoff tree after this edit:\n{findings}\n"
        "Fix them (milestone-lint rule CODE explains each)."
    )
    return 2


def _about(
    diagnostic: Diagnostic, rules: Mapping[str, Rule], file: Path, root: Path, base: Path
) -> bool:
    """Whether a finding is the written file's to fix: one in the file, or a layout finding
    that names it (its name, its number, or the milestone folder it is in). The rest of the
    root's old findings are not the agent's doing: shown after every edit, they teach it to
    ignore the hook."""
    from milestone_lint.paths import display

    shown = display(file.relative_to(base).as_posix())
    if diagnostic.path == shown:
        return True
    rule = rules.get(diagnostic.code)
    if rule is None or rule.check_layout is None:
        return False
    names = [file.name]
    if file.parent != root:
        folder = display(file.parent.relative_to(base).as_posix())
        if diagnostic.path in (folder, folder + "/"):
            return True
        names.append(file.parent.name)
    if any(name in diagnostic.message for name in names):
        return True
    number = file.name.split("-", 1)[0]
    if not number.isdigit():
        return False
    # The number as a number: "4" in "numbering skips 4–8", not in "14" or "2025-04".
    import re

    return re.search(rf"(?<![\w.-])0*{int(number)}(?![\w.])", diagnostic.message) is not None
