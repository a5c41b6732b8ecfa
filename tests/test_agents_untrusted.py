"""The agents' doors under hostile input and signals (issue 21): a real ``milestone-lint mcp``
process spoken to line by line, real signals, the real ``claude-hook`` command with its JSON
on stdin, real settings files. Every wait is bounded."""

from __future__ import annotations

import json
import os
import queue
import resource
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_module
from tests.test_transactions import (
    HANDOFFS,
    assert_nothing_left,
    moved,
    snapshot,
    start,
    tree,
    wait_for,
)

pytest.importorskip("mcp")
_ = tree  # the fixture, shared with the command line's signal tests
CLEAN = Path(__file__).resolve().parents[1] / "examples" / "clean" / "handoffs"
TIMEOUT = 30.0


class Server:
    """``milestone-lint mcp`` in ``cwd``, initialized, read by a thread so no wait is
    unbounded."""

    def __init__(self, cwd: Path, **env: str) -> None:
        environment = {k: v for k, v in os.environ.items() if k != "MILESTONE_LINT_DEBUG"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "milestone_lint", "mcp"],
            cwd=cwd,
            env={**environment, **env},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self.lines: queue.Queue[bytes] = queue.Queue()
        stdout = self.process.stdout
        assert stdout is not None

        def read() -> None:
            for line in stdout:
                self.lines.put(line)

        threading.Thread(target=read, daemon=True).start()
        self.ask(
            "initialize",
            {
                "protocolVersion": "2025-06-18",
                "capabilities": {},
                "clientInfo": {"name": "test", "version": "1"},
            },
        )
        self.send_line(json.dumps({"jsonrpc": "2.0", "method": "notifications/initialized"}))
        self.next_id = 2

    def send_line(self, line: str) -> None:
        stdin = self.process.stdin
        assert stdin is not None
        stdin.write(line.encode("utf-8", "surrogatepass") + b"\n")
        stdin.flush()

    def answer(self, timeout: float = TIMEOUT) -> dict[str, Any]:
        try:
            message: dict[str, Any] = json.loads(self.lines.get(timeout=timeout))
        except queue.Empty:
            raise AssertionError(f"no answer within {timeout} s") from None
        return message

    def ask(self, method: str, params: dict[str, Any], request_id: int = 1) -> dict[str, Any]:
        self.send_line(
            json.dumps({"jsonrpc": "2.0", "id": request_id, "method": method, "params": params})
        )
        return self.answer()

    def call(self, tool: str, arguments: dict[str, Any]) -> dict[str, Any]:
        self.next_id += 1
        answer = self.ask("tools/call", {"name": tool, "arguments": arguments}, self.next_id)
        assert answer["id"] == self.next_id
        return answer

    def close(self) -> tuple[int, str]:
        """Close stdin (the client goes away): the exit code and stderr, within the timeout."""
        stdin = self.process.stdin
        assert stdin is not None
        stdin.close()
        try:
            code = self.process.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise AssertionError("the server did not exit once its client went away") from None
        stderr = self.process.stderr
        assert stderr is not None
        return code, stderr.read().decode()


def tool_error(answer: dict[str, Any]) -> str:
    result = answer["result"]
    assert result["isError"] is True, result
    text: str = result["content"][0]["text"]
    return text


@pytest.fixture
def clean_repo(repo: Path) -> Path:
    import shutil

    from tests.conftest import commit_all

    shutil.copytree(CLEAN, repo / "handoffs")
    commit_all(repo)
    return repo


# --- writing tools under signals ---------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_to_the_server_mid_milestone_undoes_everything(tree: Path, signum: int) -> None:
    before = snapshot(tree)
    server = Server(tree, MILESTONE_LINT_STEP_DELAY="0.02")
    server.send_line(
        json.dumps(
            {
                "jsonrpc": "2.0",
                "id": 9,
                "method": "tools/call",
                "params": {"name": "new_milestone", "arguments": {"name": "auth"}},
            }
        )
    )
    wait_for(lambda: moved(tree) >= HANDOFFS // 2)  # halfway through the moves
    assert moved(tree) < HANDOFFS
    server.process.send_signal(signum)
    code, stderr = server.close()
    name = signal.Signals(signum).name
    assert code == 128 + signum
    assert stderr.splitlines()[-1] == (
        f"milestone-lint: error: new milestone: interrupted by {name}; every change was undone"
    )
    assert snapshot(tree) == before  # files, `git status --porcelain`, `git ls-files -s`
    assert_nothing_left(tree)


def test_a_signal_between_calls_ends_the_server_and_changes_nothing(clean_repo: Path) -> None:
    server = Server(clean_repo)
    assert server.call("new_handoff", {"title": "Login"})["result"]["structuredContent"] == {
        "path": "handoffs/4-login.md",
        "number": 4,
    }
    server.process.send_signal(signal.SIGTERM)
    assert server.process.wait(timeout=TIMEOUT) == -signal.SIGTERM
    assert (clean_repo / "handoffs/4-login.md").is_file()
    assert not (clean_repo / ".git/milestone-lint/journal.json").exists()


# --- every request answered --------------------------------------------------------------------

SURROGATE = "the request holds a lone surrogate (such as \\ud800), which is no Unicode text; send"
SURROGATE += " its strings as UTF-8 text"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            '{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"lint_text",'
            '"arguments":{"path":"\\ud800.md","content":"# x"}}}',
            {"id": 7, "error": {"code": -32602, "message": SURROGATE}},
        ),
        (
            '{"jsonrpc":"2.0","id":"a","method":"tools/call","params":{"name":"new_handoff",'
            '"arguments":{"title":"x\\udfff"}}}',
            {"id": "a", "error": {"code": -32602, "message": SURROGATE}},
        ),
        (
            '{"jsonrpc":"2.0","id":8,"method":"tools/call","params":{"name":"lint",'
            '"arguments":{"bogus":1,"paths":[]}}}',
            {
                "id": 8,
                "error": {
                    "code": -32602,
                    "message": "lint takes no argument 'bogus' (it takes: paths)",
                },
            },
        ),
        (
            "{not json",
            {
                "id": None,
                "error": {
                    "code": -32700,
                    "message": "the message is not JSON; send one JSON-RPC object",
                },
            },
        ),
    ],
    ids=["surrogate-in-path", "surrogate-in-title", "unknown-argument", "not-json"],
)
def test_the_server_answers_what_it_cannot_read(
    clean_repo: Path, line: str, expected: dict[str, Any]
) -> None:
    server = Server(clean_repo)
    server.send_line(line)
    assert server.answer() == {"jsonrpc": "2.0", **expected}
    # Still serving, and nothing was written.
    assert server.call("lint", {})["result"]["structuredContent"] == {"result": []}
    assert server.close()[0] == 0
    assert not (clean_repo / "handoffs/4-x.md").exists()


def test_a_wrong_type_is_a_tool_error(clean_repo: Path) -> None:
    server = Server(clean_repo)
    text = tool_error(server.call("lint", {"paths": "handoffs"}))
    assert text.startswith("Error executing tool lint: 1 validation error for lintArguments\npaths")
    assert "Input should be a valid list" in text
    assert tool_error(server.call("context", {"budget": 5})) == (
        "Error executing tool context: budget must be at least 100 tokens"
    )
    assert server.close()[0] == 0


def test_lint_results_are_one_text_block_and_structured_findings(clean_repo: Path) -> None:
    server = Server(clean_repo)
    tools = server.ask("tools/list", {}, 2)["result"]["tools"]
    schema = next(t for t in tools if t["name"] == "lint")["outputSchema"]
    finding = schema["$defs"]["finding"]
    fields = ["code", "name", "severity", "message", "path", "line", "column", "end_line"]
    assert sorted(finding["required"]) == sorted([*fields, "end_column", "fixable"])
    assert schema["properties"]["result"]["items"] == {"$ref": "#/$defs/finding"}
    clean = server.call("lint", {})["result"]
    assert clean["content"] == [{"type": "text", "text": "No problems found in the handoff tree."}]
    assert clean["structuredContent"] == {"result": []}
    assert clean["isError"] is False
    text = "# Next Handoff - 2025-03-07\n\n## Summary\n- We basically did\n"
    found = server.call("lint_text", {"path": "handoffs/4-next.md", "content": text})["result"]
    assert found["content"] == [
        {
            "type": "text",
            "text": 'handoffs/4-next.md:4:6: ML305 filler "basically": drop "basically"',
        }
    ]
    assert server.close()[0] == 0
    # The structured findings are the JSON format's objects.
    (clean_repo / "handoffs/4-next.md").write_text(text)
    run = subprocess.run(
        [sys.executable, "-m", "milestone_lint", "check", "--format", "json"],
        cwd=clean_repo,
        capture_output=True,
        text=True,
        check=False,
        timeout=TIMEOUT,
    )
    assert run.returncode == 1
    assert found["structuredContent"] == {"result": json.loads(run.stdout)}


@pytest.mark.parametrize("path", ["/", "/etc/passwd", "..", "handoffs/../../outside.md"])
def test_lint_outside_the_project_is_a_tool_error_and_walks_nothing(
    clean_repo: Path, path: str
) -> None:
    server = Server(clean_repo)
    started = time.monotonic()
    text = tool_error(server.call("lint", {"paths": ["handoffs", path]}))
    assert time.monotonic() - started < 5
    assert text == (
        f"Error executing tool lint: lint: {path} is outside the project ({clean_repo});"
        " give a path inside it"
    )
    assert server.close()[0] == 0  # and it can exit


@pytest.mark.parametrize(
    ("path", "says"),
    [
        ("", '"" is not a markdown file path'),
        ("handoffs", "handoffs is not a markdown file path"),
        ("handoffs/", "handoffs/ is not a markdown file path"),
        ("handoffs/4-next.txt", "handoffs/4-next.txt is not a markdown file path"),
    ],
)
def test_lint_text_refuses_what_is_not_a_markdown_file_path(
    clean_repo: Path, path: str, says: str
) -> None:
    server = Server(clean_repo)
    text = tool_error(server.call("lint_text", {"path": path, "content": "# basically\n"}))
    assert text == (
        f"Error executing tool lint_text: lint_text: {says}; give the path the text would"
        " have, such as handoffs/4-next.md"
    )
    assert server.close()[0] == 0


def test_lint_text_refuses_a_folder_named_like_markdown(clean_repo: Path) -> None:
    (clean_repo / "handoffs/notes.md").mkdir()
    server = Server(clean_repo)
    text = tool_error(server.call("lint_text", {"path": "handoffs/notes.md", "content": "# x\n"}))
    assert text == (
        "Error executing tool lint_text: lint_text: handoffs/notes.md is a folder; give a"
        " markdown file's path"
    )
    assert server.close()[0] == 0


def test_a_ten_megabyte_title_is_not_echoed_back(clean_repo: Path) -> None:
    server = Server(clean_repo)
    title = "Ab cd " * 1_750_000  # 10.5 MB
    answer = server.call("new_handoff", {"title": title})
    text = tool_error(answer)
    assert len(json.dumps(answer)) < 2_000
    # Refused before anything is planned: the name would not fit a file system; the title is
    # quoted cut, with its length.
    assert text.startswith('Error executing tool new_handoff: title "Ab cd Ab cd ')
    assert text.endswith(
        ' …" makes a name of 10,499,999 characters, over the 200 a file name leaves for it;'
        " shorten it (nothing was changed)"
    )
    assert server.close()[0] == 0
    assert not list((clean_repo / "handoffs").glob("4-*"))


# --- the Claude Code hooks ---------------------------------------------------------------------


def _run(
    cwd: Path, *args: str, stdin: str = "", limit_mb: int | None = None
) -> subprocess.CompletedProcess[str]:
    """The real command, as a user or Claude Code starts it (no debug tracebacks), bounded."""

    def limited() -> None:
        if limit_mb is not None:
            resource.setrlimit(resource.RLIMIT_AS, (limit_mb << 20, limit_mb << 20))

    return run_module(args, cwd, stdin=stdin, keep_debug=False, timeout=TIMEOUT, before=limited)


@pytest.mark.parametrize(
    ("event", "payload", "says"),
    [
        (
            "post-tool-use",
            '{"tool_input": {"file_path": "handoffs/a\\u0000.md"}}',
            "the hook's file_path holds a NUL character; nothing was checked",
        ),
        (
            "post-tool-use",
            '{"tool_input": {"file_path": "handoffs/\\ud800.md"}}',
            "the hook's file_path holds a lone surrogate (such as \\ud800), which is no Unicode"
            " text; nothing was checked",
        ),
        (
            "session-start",
            '{"cwd": "/tmp\\u0000x"}',
            "the hook's cwd holds a NUL character; nothing was checked",
        ),
    ],
    ids=["nul", "surrogate", "nul-cwd"],
)
def test_a_hook_exits_1_on_a_path_no_file_can_have(
    clean_repo: Path, event: str, payload: str, says: str
) -> None:
    done = _run(clean_repo, "claude-hook", event, stdin=payload)
    assert (done.returncode, done.stdout, done.stderr) == (
        1,
        "",
        f"milestone-lint: error: {says}\n",
    )


def test_a_hook_out_of_memory_exits_1(clean_repo: Path) -> None:
    # 15 MB of input read, decoded and parsed under a 32 MB address space: a real MemoryError.
    payload = json.dumps({"tool_input": {"file_path": "a.md", "content": "a" * 15_000_000}})
    done = _run(clean_repo, "claude-hook", "post-tool-use", stdin=payload, limit_mb=32)
    assert (done.returncode, done.stdout, done.stderr) == (
        1,
        "",
        "milestone-lint: internal error (MemoryError); please report it"
        " (MILESTONE_LINT_DEBUG=1 shows the traceback)\n",
    )


# --- .claude/settings.json ---------------------------------------------------------------------

OURS = '{"type": "command", "command": "milestone-lint claude-hook post-tool-use"}'
GROUP = '{"matcher": "Write|Edit|MultiEdit", "hooks": [' + OURS + "]}"


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ('{"model": NaN}', "holds NaN, which is not JSON"),
        ('{"a": [Infinity]}', "holds Infinity, which is not JSON"),
        ('{"a": -Infinity}', "holds -Infinity, which is not JSON"),
        (
            '{"hooks": {"PostToolUse": ['
            + GROUP
            + ']}, "hooks": {"PostToolUse": ['
            + GROUP
            + "]}}",
            'the key "hooks" appears twice in one object',
        ),
        (
            '{"hooks": {"PostToolUse": [], "PostToolUse": [' + GROUP + "]}}",
            'the key "PostToolUse" appears twice in one object',
        ),
    ],
    ids=["nan", "infinity", "minus-infinity", "hooks-twice", "event-twice"],
)
@pytest.mark.parametrize("command", ["install", "uninstall"])
def test_settings_json_python_reads_but_json_does_not_is_refused(
    repo: Path, cli: Any, text: str, says: str, command: str
) -> None:
    settings = repo / ".claude" / "settings.json"
    settings.parent.mkdir()
    settings.write_text(text)
    run = cli(command, "--agent", "claude")
    assert (run.code, run.out) == (2, "")
    assert run.err == (
        f"milestone-lint: error: {settings}: {says}; fix it by hand, then run this again\n"
    )
    assert settings.read_text() == text


# --- a writer's leftover journal, seen by the readers ------------------------------------------


def _killed_mid_milestone(tree: Path) -> int:
    run = start(tree, "new", "milestone", "auth", delay=0.02)
    wait_for(lambda: moved(tree) >= HANDOFFS // 2)
    run.send_signal(signal.SIGKILL)  # no handler runs: the journal stays
    run.communicate(timeout=TIMEOUT)
    return run.pid


@pytest.mark.slow
def test_readers_say_a_killed_writer_left_the_tree_half_changed(tree: Path) -> None:
    pid = _killed_mid_milestone(tree)
    half = snapshot(tree)
    journal = tree / ".git/milestone-lint/journal.json"
    note = (
        f"milestone-lint: warning: an interrupted `new milestone` (pid {pid}) left this tree"
        f" half changed ({journal}); what is read now shows it so. The next writing command"
        " (new handoff, new milestone, check --fix, init or baseline) undoes it first"
    )
    for command in (["check"], ["status"], ["context"]):
        done = _run(tree, *command)
        assert note in done.stderr.splitlines(), (command, done.stderr)
    # Said, not undone: the handoffs, git's status of them and the index are as they were
    # (check's cache may have been written).
    after = snapshot(tree)
    assert {k: v for k, v in after[0].items() if k.startswith("handoffs/")} == {
        k: v for k, v in half[0].items() if k.startswith("handoffs/")
    }
    assert [line for line in after[1].splitlines() if "handoffs/" in line] == [
        line for line in half[1].splitlines() if "handoffs/" in line
    ]
    assert after[2] == half[2]
    server = Server(tree)
    text = tool_error(server.call("status", {}))
    assert text == "Error executing tool status: " + note.removeprefix(
        "milestone-lint: warning: "
    ).replace("The next writing command", "The next writing tool or command")
    assert server.close()[0] == 0
    # The next writer undoes it first, saying so.
    writer = start(tree, "new", "handoff", "Next")
    _, err = writer.communicate(timeout=TIMEOUT)
    assert writer.returncode == 0, err
    assert err.startswith(f"milestone-lint: an interrupted `new milestone` (pid {pid}) had left")
    assert not journal.exists()


@pytest.mark.slow
def test_a_reader_during_a_write_says_it_may_see_it_half_done(tree: Path) -> None:
    run = start(tree, "new", "milestone", "auth", delay=0.05)
    wait_for(lambda: moved(tree) >= 2)
    done = _run(tree, "status")
    run.communicate(timeout=TIMEOUT)
    assert run.returncode == 0
    assert (
        f"milestone-lint: warning: `new milestone` (pid {run.pid}) is writing this tree right"
        " now; what is read now may show it half done"
    ) in done.stderr.splitlines()
