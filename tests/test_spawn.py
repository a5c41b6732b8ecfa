"""The spawner git runs through: real programs, large streams both ways, both implementations."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from milestone_lint.git import spawn
from tests.conftest import GOOD_TREE, LONG, commit_all, git, write_tree

# Echo stdin to stdout and a reversed copy to stderr, in chunks, as a filter would: with
# megabytes each way, a spawner that wrote all input before reading would deadlock.
ECHO = (
    "import sys\n"
    "while chunk := sys.stdin.buffer.read1(65536):\n"
    "    sys.stdout.buffer.write(chunk); sys.stderr.buffer.write(chunk[::-1])\n"
    "sys.exit(3)\n"
)


@pytest.fixture(params=[True, False], ids=["posix_spawn", "subprocess"])
def implementation(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    if request.param and not hasattr(os, "posix_spawnp"):
        pytest.skip("no posix_spawnp here")
    monkeypatch.setattr(spawn, "USE_POSIX_SPAWN", request.param)
    return bool(request.param)


def test_megabytes_each_way_and_the_exit_code(implementation: bool) -> None:
    data = bytes(range(256)) * 12_000  # 3 MB
    child = spawn.start([sys.executable, "-c", ECHO], stdin=True)
    child.feed(data[:100])
    code, out, err = child.communicate(data[100:])
    assert code == 3
    assert out == data
    assert len(err) == len(data)


def test_no_input_reads_dev_null(implementation: bool) -> None:
    child = spawn.start([sys.executable, "-c", "import sys; print(repr(sys.stdin.read()))"])
    assert child.communicate() == (0, b"''\n", b"")


def test_a_program_that_stops_reading_is_not_an_error(implementation: bool) -> None:
    child = spawn.start([sys.executable, "-c", "print('bye')"], stdin=True)
    code, out, _ = child.communicate(b"x" * 1_000_000)
    assert (code, out) == (0, b"bye\n")


def test_a_missing_program_raises_oserror(implementation: bool) -> None:
    with pytest.raises(OSError, match="no-such-program"):
        spawn.start(["no-such-program-here"])


def test_closed_standard_streams_do_not_confuse_the_pipes(tmp_path: Path) -> None:
    # With 0, 1 and 2 closed, new pipes land on them; the child must still get its own.
    script = (
        "import os, sys\n"
        "sys.path.insert(0, sys.argv[1])\n"
        "from milestone_lint.git import spawn\n"
        "for fd in (0, 1, 2): os.close(fd)\n"
        "code, out, err = spawn.start([sys.executable, '-c', 'import sys;"
        ' sys.stdout.write(sys.stdin.read().upper()); sys.stderr.write("e")\'],'
        " stdin=True).communicate(b'abc')\n"
        "open(sys.argv[2], 'w').write(repr((code, out, err)))\n"
    )
    report = tmp_path / "report"
    project = str(Path(__file__).resolve().parents[1])
    subprocess.run([sys.executable, "-c", script, project, str(report)], check=True)
    assert report.read_text() == "(0, b'ABC', b'e')"


def test_the_staged_check_through_either_implementation(
    implementation: bool, repo: Path, cli: Any
) -> None:
    write_tree(repo, GOOD_TREE)
    commit_all(repo)
    write_tree(repo, {"handoffs/3-search.md": f"# Search - 2025-03-06\n\n- {LONG}\n"})
    git(repo, "add", "-A")
    run = cli("check", "--staged", "--hook", "--format", "json")
    assert [(d["code"], d["path"], d["line"]) for d in run.json()] == [
        ("ML301", "handoffs/3-search.md", 3)
    ]
