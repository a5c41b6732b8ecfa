"""Agents: the restore pack, the Claude Code hooks, the MCP server."""

from __future__ import annotations

import itertools
import json
import math
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CORPUS, commit_all, git, run_module, write_tree
from tests.helpers import restore_tree

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
CLEAN = "handoffs/3-auth-flow.md"


def _pack(cli: Any, *args: str) -> list[dict[str, Any]]:
    run = cli("context", "--format", "json", *args)
    assert (run.code, run.err) == (0, "")
    packs: list[dict[str, Any]] = run.json()
    return packs


def _copy_clean(repo: Path) -> None:
    shutil.copytree(EXAMPLES / "clean" / "handoffs", repo / "handoffs")


# --- the restore pack ------------------------------------------------------------------------


def test_context_starts_with_the_handoff_to_act_on_then_the_milestones(
    repo: Path, cli: Any
) -> None:
    _copy_clean(repo)
    (pack,) = _pack(cli)
    assert [(p["path"], p["state"]) for p in pack["parts"]] == [
        ("handoffs/3-auth-flow.md", "whole"),
        ("handoffs/1-core-entities/0-milestone-summary.md", "whole"),
        ("handoffs/1-core-entities/0-lessons-learned.md", "whole"),
    ]
    assert pack["act_on"] == CLEAN
    assert pack["left_out"] == []
    summary = (repo / "handoffs/1-core-entities/0-milestone-summary.md").read_text()
    assert pack["parts"][1]["text"] == summary.rstrip("\n")
    text = cli("context").out
    assert text.startswith("# Restore pack: handoffs/\n")
    assert f"## {CLEAN} (newest: act on this one)\n" in text
    assert text.index(f"## {CLEAN}") < text.index("0-milestone-summary.md")
    assert text.index("0-milestone-summary.md") < text.index("0-lessons-learned.md")
    assert "## Left out" not in text


def _three_milestones(repo: Path) -> None:
    files: dict[str, str] = {}
    for n, name in ((1, "core"), (2, "auth"), (3, "search")):
        folder = f"handoffs/{n}-{name}"
        files[f"{folder}/0-milestone-summary.md"] = (
            f"# {name.title()} Milestone Summary - 2025-0{n}-04\n\n## Changes\n"
            + "".join(f"- {name} change {i}: the store keeps {i} entries\n" for i in range(30))
        )
        files[f"{folder}/0-lessons-learned.md"] = (
            f"# Lessons - {name}\n\n" + "**Problem:** slow.\n\n**Solution:** cache.\n\n" * 15
        )
        files[f"{folder}/{n}-{name}-work.md"] = f"# {name} - 2025-01-01\n\n- x\n"
    for n in (4, 5, 6):
        files[f"handoffs/{n}-step-{n}.md"] = (
            f"# Step {n} Handoff - 2025-04-0{n}\n\n## Summary\n"
            + "".join(f"- step {n} fact {i}: the cache holds more entries\n" for i in range(25))
            + "\n## Work in Progress\n- the next thing\n"
        )
    write_tree(repo, files)


@pytest.mark.parametrize("budget", [100, 400, 800, 1200, 1600, 2500, 100_000])
def test_context_stays_within_its_budget_and_says_what_it_left(
    repo: Path, cli: Any, budget: int
) -> None:
    _three_milestones(repo)
    (pack,) = _pack(cli, "--budget", str(budget))
    text = cli("context", "--budget", str(budget)).out
    assert pack["tokens"] == math.ceil(len(text) / 4)
    newest = (repo / "handoffs/6-step-6.md").read_text().rstrip("\n")
    over = f"(over its budget of {budget} tokens: the handoff to act on alone takes"
    if pack["tokens"] > budget:
        # Only when the newest handoff and the least the pack can say do not fit.
        assert pack["over_budget"] is True
        assert text.split("\n", 1)[0].startswith(f"# Restore pack: handoffs/ {over}")
        assert math.ceil(len(newest) / 4) > budget // 2
    else:
        assert over not in text
    # The newest handoff comes first and whole; older ones are named at the least.
    assert pack["parts"][0] == {"path": "handoffs/6-step-6.md", "state": "whole", "text": newest}
    pending = [p["path"] for p in pack["parts"] if p["path"].count("/") == 1]
    assert pending[0] == "handoffs/6-step-6.md"
    for older in ("handoffs/4-step-4.md", "handoffs/5-step-5.md"):
        assert older in pending or older in text.split("## Older pending handoffs, by name")[1]
    # The ledger names every 0- file and pending handoff once, and is true of the parts.
    everything = sorted(
        p.relative_to(repo).as_posix()
        for p in (repo / "handoffs").rglob("*.md")
        if p.name.startswith("0-") or p.parent.name == "handoffs"
    )
    named = [i["path"] for i in pack["included"]] + [o["path"] for o in pack["left_out"]]
    assert sorted(named) == everything
    shown = {p["path"] for p in pack["parts"]}
    for item in pack["included"]:
        folder_line = item["path"].rsplit("/", 1)[0] + "/"
        assert item["path"] in shown or folder_line in shown
    for item in pack["left_out"]:
        assert item["path"] not in shown


def test_a_pack_gives_up_no_more_than_its_budget_needs(repo: Path) -> None:
    # build_pack keeps the size as units give things up instead of rendering each step: were
    # that count too high, a pack built with its own size as the budget would give up more;
    # too low, it would be over its budget.
    from milestone_lint.layout.project import projects_for_paths
    from milestone_lint.reports.context import build_pack

    write_tree(repo, restore_tree(milestones=6, pending=8))
    (project,), _ = projects_for_paths(repo, ())
    for budget in range(100, 3000, 37):
        pack = build_pack(project, budget)
        tokens = math.ceil(len(pack.markdown()) / 4)
        if pack.flags.get("over"):
            assert pack.levels[:-1] == [0] * (len(pack.levels) - 1)
            continue
        assert tokens <= budget
        again = build_pack(project, max(100, tokens))
        assert again.levels == pack.levels
        assert again.markdown() == pack.markdown()


def test_context_gives_up_lessons_before_summaries_and_oldest_first(repo: Path, cli: Any) -> None:
    _three_milestones(repo)
    budgets = [100_000, 2500, 2000, 1500, 1000, 600, 300]
    states = []
    for budget in budgets:
        (pack,) = _pack(cli, "--budget", str(budget))
        states.append({i["path"]: i["state"] for i in pack["included"]})
    lessons = [f"handoffs/{n}-{m}/0-lessons-learned.md" for n, m in ((1, "core"), (2, "auth"))]
    # Each smaller budget keeps no more than the larger one did.
    for larger, smaller in itertools.pairwise(states):
        assert set(smaller) <= set(larger)
    assert all(path in states[0] for path in lessons)
    first_gone = [next(i for i, s in enumerate(states) if path not in s) for path in lessons]
    assert first_gone[0] <= first_gone[1]  # the older milestone's lessons go first
    smallest = states[-1]
    assert "handoffs/4-step-4.md" not in smallest  # named only, in one line
    assert "handoffs/5-step-5.md" not in smallest
    assert smallest["handoffs/6-step-6.md"] == "whole"
    assert [states[i].get("handoffs/4-step-4.md") for i in (0, 3, 4, 5)] == [
        "whole",
        "whole",
        "shortened",
        "shortened",
    ]


def _shortened_part(cli: Any, path: str) -> tuple[dict[str, Any], str]:
    """The part ``path`` becomes at the largest budget that shortens it, and the pack's text."""
    for budget in range(3000, 100, -10):
        (pack,) = _pack(cli, "--budget", str(budget))
        part = next((p for p in pack["parts"] if p["path"] == path), None)
        if part is not None and part["state"] == "shortened":
            return part, cli("context", "--budget", str(budget)).out
    raise AssertionError(f"{path} is never shortened")


FACTS = "".join(f"- fact {i}: the cache keeps {i} entries\n" for i in range(20))
SHORTENING = {
    "a hash line in a code block": (
        "# A Handoff - 2025-03-01\n\n## Summary\n" + FACTS + "\n## Commands\n\n"
        "```bash\n# run the tests\npytest -q\n```\n\nThen read the log.\n",
        "# A Handoff - 2025-03-01\n## Summary\n- fact 0: the cache keeps 0 entries\n"
        "## Commands\nThen read the log.",
    ),
    "a table first": (
        "# A Handoff - 2025-03-01\n\n## Numbers\n\n| run | ms |\n|---|---|\n| cold | 310 |\n"
        "\nCold runs dominate.\n\n## Only a table\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        "## Summary\n" + FACTS,
        "# A Handoff - 2025-03-01\n## Numbers\nCold runs dominate.\n## Only a table\n"
        "## Summary\n- fact 0: the cache keeps 0 entries",
    ),
    "front matter and a setext title": (
        "---\nauthor: bot\ntags: [a]\n---\nA Handoff - 2025-03-01\n===\n\nWhere we are.\n\n"
        "## Summary\n" + FACTS,
        "A Handoff - 2025-03-01\n===\nWhere we are.\n## Summary\n- fact 0: the cache keeps 0"
        " entries",
    ),
}


@pytest.mark.parametrize("name", list(SHORTENING))
def test_shortening_reads_the_parsed_document(repo: Path, cli: Any, name: str) -> None:
    text, expected = SHORTENING[name]
    write_tree(
        repo,
        {
            "handoffs/1-a.md": text,
            "handoffs/2-b.md": "# B Handoff - 2025-03-02\n\n## Summary\n- done\n",
        },
    )
    part, out = _shortened_part(cli, "handoffs/1-a.md")
    assert part["text"] == expected
    assert "# run the tests" not in out
    assert "---" not in out
    assert "|" not in out


def test_a_title_only_milestone_is_named_by_its_heading_not_a_code_line(
    repo: Path, cli: Any
) -> None:
    changes = "".join(f"- change {i}: the store keeps {i} entries\n" for i in range(40))
    write_tree(
        repo,
        {
            "handoffs/1-core/0-milestone-summary.md": (
                "```text\n# not the title\n```\n\nCore Milestone Summary - 2025-03-01\n"
                "===\n\n## Changes\n" + changes
            ),
            "handoffs/1-core/0-lessons-learned.md": (
                "# Lessons\n\n## Slow\n\n**Problem:** slow.\n\n**Solution:** cache.\n"
            ),
            "handoffs/1-core/1-setup.md": "# Setup - 2025-03-01\n\n- x\n",
        },
    )
    (pack,) = _pack(cli, "--budget", "100")
    assert pack["parts"] == [
        {
            "path": "handoffs/1-core/",
            "state": "title only",
            "text": "Core Milestone Summary - 2025-03-01",
        }
    ]


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared/corpus is not beside this checkout")
def test_context_on_a_real_tree(repo: Path, cli: Any) -> None:
    shutil.copytree(CORPUS / "jsonify__isotope" / "handoffs", repo / "handoffs")
    (pack,) = _pack(cli, "--budget", "100000")
    paths = [p["path"] for p in pack["parts"]]
    pending = [p for p in paths if p.count("/") == 1]
    assert pending == [
        "handoffs/034-element-match-mvp-complete.md",
        "handoffs/033-element-match-game-transition.md",
    ]
    assert pack["act_on"] == "handoffs/034-element-match-mvp-complete.md"
    milestones = [p.split("/")[1] for p in paths if p.count("/") == 2]
    numbers = [int(m.split("-", 1)[0]) for m in milestones]
    assert numbers == sorted(numbers)
    assert numbers
    (small,) = _pack(cli)
    assert small["tokens"] <= 2500 or small["act_on"] in [p["path"] for p in small["parts"]]


def _keeps_its_budget(project: Any, act_on_path: Path) -> None:
    """Every budget from 200 to 20,000 tokens kept, or the first line says why not; the
    handoff to act on first: its title in the first 1,500 characters, its text in 10,000."""
    from milestone_lint.reports.context import build_pack

    newest = act_on_path.read_text().rstrip("\n")
    title = next(line for line in newest.splitlines() if line.startswith("# "))
    for budget in [*range(200, 2000, 150), *range(2000, 20_001, 1500)]:
        text = build_pack(project, budget).markdown()
        first = text.split("\n", 1)[0]
        if math.ceil(len(text) / 4) > budget:
            assert first.endswith(
                f"(over its budget of {budget} tokens: the handoff to act on"
                f" alone takes {math.ceil(len(newest) / 4)})"
            ), first
        else:
            assert "over its budget" not in first
        assert title in text[:1500]
        if len(newest) < 9000:
            assert newest in text[:10_000]


def test_context_keeps_every_budget_on_a_large_generated_tree(repo: Path) -> None:
    from milestone_lint.layout.project import projects_for_paths

    write_tree(repo, restore_tree(milestones=22, pending=45))
    (project,), _ = projects_for_paths(repo, ())
    _keeps_its_budget(project, repo / "handoffs/89-step-89.md")


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared/corpus is not beside this checkout")
@pytest.mark.parametrize(
    "name",
    sorted(p.name for p in CORPUS.iterdir() if (p / "handoffs").is_dir())
    if CORPUS.is_dir()
    else [],
)
def test_context_keeps_every_budget_on_real_trees(repo: Path, name: str) -> None:
    from milestone_lint.layout.project import projects_for_paths
    from milestone_lint.reports.context import build_pack

    shutil.copytree(CORPUS / name / "handoffs", repo / "handoffs")
    (project,), _ = projects_for_paths(repo, ())
    act_on = build_pack(project, 100).act_on
    if act_on is None:
        pytest.skip("no pending handoff")
    _keeps_its_budget(project, repo / act_on)


# --- Claude Code -------------------------------------------------------------------------------


def _hook(repo: Path, event: str, payload: object) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    return subprocess.run(
        [sys.executable, "-m", "milestone_lint", "claude-hook", event],
        input=json.dumps(payload),
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def _post_tool_use(repo: Path, path: Path) -> subprocess.CompletedProcess[str]:
    return _hook(
        repo,
        "post-tool-use",
        {
            "session_id": "s",
            "hook_event_name": "PostToolUse",
            "tool_name": "Write",
            "tool_input": {"file_path": str(path), "content": "…"},
            "tool_response": {"success": True},
            "cwd": str(repo),
        },
    )


def test_post_tool_use_is_silent_on_a_clean_handoff(repo: Path) -> None:
    _copy_clean(repo)
    done = _post_tool_use(repo, repo / CLEAN)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "4-next.md",
            "# Next Handoff - 2025-03-07\n\n## Summary\n- We basically did it\n",
            'handoffs/4-next.md:4:6: ML305 filler "basically": drop "basically"',
        ),
        (  # the root's layout is judged too
            "9-far.md",
            "# Far Handoff - 2025-03-07\n\n## Summary\n- Done: the login\n",
            "handoffs/9-far.md:1:1: ML105 handoff numbering skips 4–8: renumber, or restore"
            " the missing handoffs",
        ),
    ],
)
def test_post_tool_use_shows_the_model_what_is_wrong(
    repo: Path, name: str, text: str, expected: str
) -> None:
    _copy_clean(repo)
    path = repo / "handoffs" / name
    path.write_text(text)
    done = _post_tool_use(repo, path)
    assert (done.returncode, done.stdout) == (2, "")
    assert expected in done.stderr.splitlines()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (  # one problem in the file, one layout finding on it
            "9-far.md",
            [
                "handoffs/9-far.md:1:1: ML105 handoff numbering skips 5–8: renumber, or restore"
                " the missing handoffs",
                'handoffs/9-far.md:4:6: ML305 filler "basically": drop "basically"',
            ],
        ),
        (  # a layout finding on another file that names this one
            "4-again.md",
            [
                'handoffs/4-again.md:4:6: ML305 filler "basically": drop "basically"',
                "handoffs/4-old.md:1:1: ML104 handoff number 4 is also used by 4-again.md;"
                " give each its own number",
            ],
        ),
    ],
)
def test_post_tool_use_reports_the_edit_s_findings_not_the_root_s_old_ones(
    repo: Path, name: str, expected: list[str]
) -> None:
    _copy_clean(repo)
    write_tree(
        repo,
        {  # old problems elsewhere: filler in a handoff, a milestone without lessons
            "handoffs/4-old.md": "# Old Handoff - 2025-03-07\n\n## Summary\n- We basically did\n",
            "handoffs/2-core/0-milestone-summary.md": (
                (repo / "handoffs/1-core-entities/0-milestone-summary.md").read_text()
            ),
            "handoffs/2-core/2-setup.md": "# Setup Handoff - 2025-03-01\n\n## Summary\n- x\n",
        },
    )
    before = subprocess.run(
        [sys.executable, "-m", "milestone_lint", "check"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
        env={k: v for k, v in os.environ.items() if k[:4] != "GIT_"},
    )
    assert before.returncode == 1
    path = repo / "handoffs" / name
    path.write_text("# Far Handoff - 2025-03-07\n\n## Summary\n- We basically did\n")
    done = _post_tool_use(repo, path)
    assert (done.returncode, done.stdout) == (2, "")
    lines = done.stderr.splitlines()
    assert lines[0] == "milestone-lint found problems in the handoff tree after this edit:"
    assert lines[1:-1] == expected
    assert lines[-1] == "Fix them (milestone-lint rule CODE explains each)."
    assert "4-old.md:4:6" not in done.stderr
    assert "ML202" not in done.stderr


@pytest.mark.parametrize("outside", ["docs/notes.md", "src/app.py", "README.md"])
def test_post_tool_use_ignores_files_outside_every_root(repo: Path, outside: str) -> None:
    _copy_clean(repo)
    write_tree(repo, {outside: "# basically TODO\n"})
    done = _post_tool_use(repo, repo / outside)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


@pytest.mark.parametrize("payload", ["{not json", "[1, 2]", ""])
def test_a_hook_fed_something_else_is_no_crash(repo: Path, payload: str) -> None:
    _copy_clean(repo)
    done = run_module(["claude-hook", "post-tool-use"], repo, stdin=payload)
    if payload == "{not json":
        assert done.returncode == 1
        assert done.stderr == (
            "milestone-lint: error: the hook's input is not JSON; is this a Claude Code hook?\n"
        )
    else:
        assert (done.returncode, done.stderr) == (0, "")


def test_session_start_prints_the_restore_pack(repo: Path, cli: Any) -> None:
    _copy_clean(repo)
    done = _hook(repo, "session-start", {"hook_event_name": "SessionStart", "cwd": str(repo)})
    assert done.returncode == 0
    assert done.stdout == cli("context").out


def test_session_start_shares_claude_code_s_10000_characters_among_roots(repo: Path) -> None:
    files = {"milestone-lint.toml": 'roots = ["a/handoffs", "b/handoffs"]\n'}
    for root in ("a", "b"):
        for n in range(1, 4):
            files[f"{root}/handoffs/{n}-m{n}/0-milestone-summary.md"] = (
                f"# M{n} Milestone Summary - 2025-01-0{n}\n\n## Changes\n" + "- change\n" * 400
            )
        files[f"{root}/handoffs/4-now.md"] = "# Now Handoff - 2025-02-01\n\n## Summary\n- x\n"
    write_tree(repo, files)
    done = _hook(repo, "session-start", {"cwd": str(repo)})
    assert done.returncode == 0
    assert done.stdout.count("# Restore pack: ") == 2
    assert len(done.stdout) <= 10_000


def test_session_start_keeps_the_act_on_handoff_within_claude_code_s_10000(repo: Path) -> None:
    files = restore_tree(milestones=22, pending=45)
    write_tree(repo, files)
    newest = repo / "handoffs/89-step-89.md"
    done = _hook(repo, "session-start", {"cwd": str(repo)})
    assert done.returncode == 0
    assert len(done.stdout) <= 10_000
    assert newest.read_text().rstrip("\n") in done.stdout[:1500]
    # A handoff to act on over the 10,000 alone is cut to fit, and says where the rest is.
    facts = "".join(f"- fact {i}: the queue holds {i} jobs\n" for i in range(600))
    newest.write_text("# Step 89 Handoff - 2025-04-01\n\n## Summary\n" + facts)
    done = _hook(repo, "session-start", {"cwd": str(repo)})
    assert done.returncode == 0
    assert len(done.stdout) <= 10_000
    first, rest = done.stdout.split("\n", 1)
    assert first == (
        "# Restore pack: handoffs/ (over its budget of 2500 tokens: the handoff to act on"
        f" alone takes {math.ceil(len(newest.read_text().rstrip()) / 4)})"
    )
    assert "## handoffs/89-step-89.md (cut) (newest: act on this one)\n" in rest
    assert "- fact 200: the queue holds 200 jobs\n" in rest
    assert "… (cut here to fit the pack: read handoffs/89-step-89.md for the rest)" in rest


def test_session_start_says_nothing_without_a_tree(repo: Path) -> None:
    done = _hook(repo, "session-start", {"cwd": str(repo)})
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


SETTINGS_FILES = {
    "two spaces, inline arrays": (
        '{\n  "permissions": {\n    "allow": ["Bash(npm test)", "Read"]\n  },\n'
        '  "hooks": {\n    "PostToolUse": [\n      {\n        "matcher": "Bash",\n'
        '        "hooks": [{ "type": "command", "command": "echo hi" }]\n      }\n    ]\n'
        "  },\n"
        '  "model": "opus"\n}\n'
    ),
    "four spaces, no hooks": '{\n    "env": {"A": "1"},\n    "model": "sonnet"\n}',
    "tabs, existing SessionStart": (
        '{\n\t"hooks": {\n\t\t"SessionStart": [\n\t\t\t{"hooks": [{"type": "command",'
        ' "command": "cat NOTES.md"}]}\n\t\t]\n\t}\n}\n'
    ),
    "one line": '{"includeCoAuthoredBy": false, "hooks": {}}',
}


@pytest.mark.parametrize("name", list(SETTINGS_FILES))
def test_install_agent_claude_merges_and_uninstall_restores_every_byte(
    repo: Path, cli: Any, name: str
) -> None:
    original = SETTINGS_FILES[name].encode()
    settings = repo / ".claude" / "settings.json"
    settings.parent.mkdir()
    settings.write_bytes(original)
    assert cli("install", "--agent", "claude").code == 0
    merged = json.loads(settings.read_text())
    before = json.loads(original)
    for key, value in before.items():
        if key != "hooks":
            assert merged[key] == value
    for event, group in before.get("hooks", {}).items():
        assert merged["hooks"][event][: len(group)] == group
    commands = {
        event: [h["command"] for g in groups for h in g["hooks"]]
        for event, groups in merged["hooks"].items()
    }
    assert "milestone-lint claude-hook session-start" in commands["SessionStart"]
    assert commands["PostToolUse"][-1] == "milestone-lint claude-hook post-tool-use"
    assert merged["hooks"]["PostToolUse"][-1]["matcher"] == "Write|Edit|MultiEdit"
    installed = settings.read_bytes()
    again = cli("install", "--agent", "claude")
    assert again.out.startswith("Claude Code hooks already installed")
    assert settings.read_bytes() == installed
    assert cli("uninstall", "--agent", "claude").code == 0
    if name == "one line":
        # A "hooks" that held only ours goes with them.
        assert json.loads(settings.read_text()) == {"includeCoAuthoredBy": False}
    else:
        assert settings.read_bytes() == original


def test_install_agent_claude_creates_the_settings_and_refuses_broken_ones(
    repo: Path, cli: Any
) -> None:
    assert cli("install", "--agent", "claude").code == 0
    settings = repo / ".claude" / "settings.json"
    data = json.loads(settings.read_text())
    assert sorted(data["hooks"]) == ["PostToolUse", "SessionStart"]
    settings.write_text('{"hooks": [}')
    run = cli("install", "--agent", "claude")
    assert run.code == 2
    assert run.err.startswith("milestone-lint: error: ")
    assert "settings.json: not valid JSON" in run.err
    assert len(run.err.splitlines()) == 1
    assert settings.read_text() == '{"hooks": [}'
    settings.write_text('{"hooks": {"PostToolUse": {}}}')
    assert cli("uninstall", "--agent", "claude").code == 2


# --- MCP ---------------------------------------------------------------------------------------


def test_mcp_server_in_process(repo: Path) -> None:
    anyio = pytest.importorskip("anyio")
    pytest.importorskip("mcp")
    from mcp import Client

    from milestone_lint.integrations.mcpserver import build_server

    _copy_clean(repo)
    commit_all(repo)
    server = build_server(repo)
    results: dict[str, Any] = {}

    async def session() -> None:
        async with Client(server) as client:
            tools = await client.list_tools()
            results["tools"] = {t.name: t.annotations for t in tools.tools}
            results["lint"] = await client.call_tool("lint", {})
            results["lint_text"] = await client.call_tool(
                "lint_text",
                {
                    "path": "handoffs/4-next.md",
                    "content": "# Next Handoff - 2025-03-07\n\n## Summary\n- We basically did\n",
                },
            )
            results["status_before"] = git(repo, "status", "--porcelain")
            results["new_handoff"] = await client.call_tool("new_handoff", {"title": "Login"})
            results["bad"] = await client.call_tool("new_milestone", {"name": "!!!"})
            resource = await client.read_resource("handoffs://context")
            results["resource"] = resource.contents[0]

    anyio.run(session)
    tools = results["tools"]
    assert sorted(tools) == [
        "context",
        "lint",
        "lint_text",
        "new_handoff",
        "new_milestone",
        "status",
    ]
    for name in ("lint", "lint_text", "status", "context"):
        assert tools[name].read_only_hint is True
    assert tools["new_milestone"].destructive_hint is True
    assert tools["new_handoff"].read_only_hint is False
    assert tools["new_handoff"].destructive_hint is False
    assert results["lint"].is_error is False
    assert results["lint"].structured_content == {"result": []}
    found = results["lint_text"].structured_content["result"]
    assert [(f["code"], f["path"], f["line"], f["column"]) for f in found] == [
        ("ML305", "handoffs/4-next.md", 4, 6)
    ]
    assert not (repo / "handoffs/4-next.md").exists()
    assert results["status_before"] == ""
    assert results["new_handoff"].structured_content == {
        "path": "handoffs/4-login.md",
        "number": 4,
    }
    assert (repo / "handoffs/4-login.md").is_file()
    assert results["bad"].is_error is True
    assert 'milestone name "!!!"' in results["bad"].content[0].text
    assert results["resource"].text.startswith("# Restore pack: handoffs/\n")
    assert "handoffs/4-login.md (newest: act on this one)" in results["resource"].text


def _modules_after(
    args: list[str], cwd: Path, prelude: str = ""
) -> subprocess.CompletedProcess[str]:
    code = (
        f"{prelude}\nimport sys\nfrom milestone_lint.cli import main\n"
        f"code = main({args!r})\n"
        "sys.stdout.flush()\n"
        "print('MODULES', sorted(m for m in sys.modules if m.split('.')[0] == 'mcp'))\n"
        "sys.exit(code)"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    return subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize("args", [["check"], ["context"], ["status"], ["rules"]])
def test_no_other_command_imports_the_mcp_sdk(repo: Path, args: list[str]) -> None:
    _copy_clean(repo)
    done = _modules_after(args, repo)
    assert done.stdout.splitlines()[-1] == "MODULES []", done.stderr


def test_mcp_without_the_extra_says_how_to_install_it(repo: Path) -> None:
    # An import that fails as it does where the extra is not installed.
    done = _modules_after(["mcp"], repo, prelude="import sys; sys.modules['mcp'] = None")
    assert done.returncode == 2
    assert done.stderr == (
        "milestone-lint: error: the MCP server needs the mcp extra: pip install"
        " 'milestone-lint[mcp]' (or uv tool install 'milestone-lint[mcp]'), then run"
        " milestone-lint mcp again\n"
    )
