"""The content cache: a warm run says exactly what the cold run said, and nothing stale."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import time
from pathlib import Path
from typing import Any

import pytest

import milestone_lint
from milestone_lint.check.engine import CheckRequest, run_check
from milestone_lint.check.selection import Selection
from milestone_lint.config.loader import load_config
from milestone_lint.rules.registry import CODES
from milestone_lint.sources.worktree import WorktreeSource
from tests.conftest import CORPUS, commit_all, git, write_tree

# Real trees: the broken example always; the first corpus tree when shared/ is beside the
# checkout (CI's fresh clone has only the repository).
TREES = [Path(__file__).resolve().parents[1] / "examples" / "broken"]
if CORPUS.is_dir():
    TREES += sorted(p for p in CORPUS.iterdir() if (p / "handoffs").is_dir())[:1]
HANDOFF = "handoffs/1-note.md"
# The default place: under the git directory, where nothing can be committed.
CACHE = ".git/milestone-lint/cache"
BODY = "# Note Handoff - 2025-03-01\n\n## Summary\n- Done: the login works\n"


def _cache_files(repo: Path) -> list[Path]:
    return sorted((repo / CACHE).glob("*.json"))


def _cache(repo: Path) -> dict[str, Any]:
    (only,) = _cache_files(repo)
    data: dict[str, Any] = json.loads(only.read_text())
    return data


def _plant(repo: Path, path: str, message: str) -> None:
    """Make the cached entry of ``path`` say something no rule says: seen only from the cache."""
    (only,) = _cache_files(repo)
    data = json.loads(only.read_text())
    data["files"][path][2] = [["ML301", message, 2, 1, 0, 0]]
    only.write_text(json.dumps(data))


@pytest.mark.parametrize("tree", TREES, ids=lambda p: p.name)
def test_warm_run_on_a_real_tree_gives_the_cold_findings(repo: Path, cli: Any, tree: Path) -> None:
    shutil.copytree(tree / "handoffs", repo / "handoffs")
    cold = cli("check", "--format", "json", "--no-cache")
    first = cli("check", "--format", "json")
    warm = cli("check", "--format", "json")
    assert cold.json(), "the corpus tree has findings to compare"
    assert first.out == cold.out
    assert warm.out == cold.out
    assert first.code == warm.code == cold.code == 1
    entries = _cache(repo)["files"]
    markdown = {p.relative_to(repo).as_posix() for p in (repo / "handoffs").rglob("*.md")}
    assert entries
    assert set(entries) <= markdown
    # The cache is invisible to git: it is in the git directory.
    assert ".milestone-lint-cache" not in git(repo, "status", "--porcelain", "--ignored=no")
    assert git(repo, "status", "--porcelain", "--ignored", "--", ".") == "?? handoffs/\n"


def test_an_unchanged_file_is_answered_from_the_cache_and_an_edited_one_afresh(
    repo: Path, cli: Any
) -> None:
    write_tree(repo, {HANDOFF: BODY, "handoffs/2-other.md": BODY.replace("Note", "Other")})
    assert cli("check").code == 0
    _plant(repo, HANDOFF, "planted")
    _plant(repo, "handoffs/2-other.md", "planted")
    (repo / "handoffs/2-other.md").write_text(BODY.replace("Note", "Other") + "- more\n")
    run = cli("check", "--format", "json")
    assert [(d["code"], d["path"], d["line"], d["message"]) for d in run.json()] == [
        ("ML301", HANDOFF, 2, "planted")
    ]
    assert cli("check", "--no-cache").code == 0


def test_no_cache_neither_reads_nor_writes(repo: Path, cli: Any) -> None:
    write_tree(repo, {HANDOFF: BODY})
    assert cli("check", "--no-cache").code == 0
    assert not (repo / CACHE).exists()
    assert cli("check").code == 0
    _plant(repo, HANDOFF, "planted")
    assert cli("check", "--no-cache").code == 0


def test_staged_run_uses_the_entries_of_the_same_content(repo: Path, cli: Any) -> None:
    write_tree(repo, {HANDOFF: BODY})
    commit_all(repo)
    assert cli("check").code == 0
    _plant(repo, HANDOFF, "planted")
    run = cli("check", "--staged", "--format", "json")
    assert [(d["path"], d["message"]) for d in run.json()] == [(HANDOFF, "planted")]
    # Staged differently from the working tree: another blob, judged afresh.
    (repo / HANDOFF).write_text(BODY + "- staged\n")
    git(repo, "add", HANDOFF)
    (repo / HANDOFF).write_text(BODY)
    assert cli("check", "--staged").code == 0


def test_a_broken_link_is_decided_afresh_when_its_target_appears(repo: Path, cli: Any) -> None:
    write_tree(repo, {HANDOFF: BODY + "- See [setup](setup/steps.md)\n"})
    before = cli("check", "--format", "json")
    assert [(d["code"], d["line"], d["column"]) for d in before.json()] == [("ML309", 5, 7)]
    assert cli("check", "--format", "json").out == before.out
    write_tree(repo, {"handoffs/setup/steps.md": "x\n"})
    assert cli("check", "--format", "json", "--select", "ML309").json() == []
    shutil.rmtree(repo / "handoffs/setup")
    assert cli("check", "--format", "json").out == before.out


def test_the_suggestion_of_a_broken_link_follows_the_files_of_that_name(
    repo: Path, cli: Any
) -> None:
    write_tree(repo, {HANDOFF: BODY + "- See [steps](steps.md)\n"})
    first = cli("check", "--format", "json", "--select", "ML309").json()
    assert first[0]["message"].endswith("links resolve from the file's own folder")
    write_tree(repo, {"handoffs/setup/steps.md": "x\n"})
    second = cli("check", "--format", "json", "--select", "ML309").json()
    assert second[0]["message"].endswith("did you mean setup/steps.md?")


def _judge(repo: Path, today: dt.date) -> list[tuple[str, int, int, str]]:
    loaded = load_config(repo, None, CODES)
    request = CheckRequest(
        loaded,
        repo,
        (),
        Selection(("ML",), (), (), ()),
        today=today,
        cache_dir=repo / CACHE,
    )
    result = run_check(WorktreeSource(repo), repo, request)
    return [(d.code, d.line, d.column, d.message) for d in result.diagnostics]


def test_a_date_in_the_future_is_decided_against_each_run_s_today(repo: Path) -> None:
    write_tree(repo, {HANDOFF: BODY.replace("2025-03-01", "2030-06-01")})
    future = [
        (
            "ML206",
            1,
            18,
            "date 2030-06-01 is in the future; write the day the work was done",
        )
    ]
    assert _judge(repo, dt.date(2030, 5, 31)) == future
    assert _judge(repo, dt.date(2030, 5, 31)) == future
    assert _judge(repo, dt.date(2030, 6, 1)) == []
    assert _judge(repo, dt.date(2030, 5, 1)) == future


def test_a_configuration_change_is_a_different_cache(repo: Path, cli: Any) -> None:
    write_tree(repo, {HANDOFF: BODY})
    assert cli("check").code == 0
    _plant(repo, HANDOFF, "planted")
    write_tree(repo, {"milestone-lint.toml": "[limits]\nbullet-words = 3\n"})
    run = cli("check", "--format", "json")
    assert [(d["code"], d["line"]) for d in run.json()] == [("ML301", 4)]
    assert len(_cache_files(repo)) == 2


def test_another_version_does_not_read_this_version_s_cache(
    repo: Path, cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree(repo, {HANDOFF: BODY})
    assert cli("check").code == 0
    _plant(repo, HANDOFF, "planted")
    assert cli("check").code == 1
    monkeypatch.setattr(milestone_lint, "__version__", "99.0")
    assert cli("check").code == 0


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"{not json",
        b'{"tool": "other", "format": 1, "files": {}}',
        b'{"tool": "milestone-lint", "format": 1, "files": {"handoffs/1-note.md": 5}}',
        b'{"tool": "milestone-lint", "format": 1, "files": {"handoffs/1-note.md":'
        b' ["x", "handoff", [["ML301", "m", "a", 1, 0, 0]], []]}}',
        b"[" * 100_000,
    ],
)
def test_a_corrupt_cache_is_judged_afresh_and_rewritten(
    repo: Path, cli: Any, damage: bytes
) -> None:
    write_tree(repo, {HANDOFF: BODY + "- See [gone](gone.md)\n"})
    cold = cli("check", "--format", "json", "--no-cache")
    assert cli("check", "--format", "json").out == cold.out
    (only,) = _cache_files(repo)
    only.write_bytes(damage)
    run = cli("check", "--format", "json")
    assert (run.code, run.out, run.err) == (cold.code, cold.out, "")
    assert _cache(repo)["files"][HANDOFF][0] == git(repo, "hash-object", HANDOFF).strip()


def test_an_unwritable_cache_is_no_error(repo: Path, cli: Any) -> None:
    write_tree(repo, {HANDOFF: BODY, CACHE: "a file in the way\n"})
    run = cli("check")
    # Not a folder: left alone, and said once.
    assert (run.code, run.err) == (
        0,
        f"milestone-lint: warning: cache-dir {repo / CACHE} is a symbolic link, reached through"
        " one, or not a folder; running without a cache (point cache-dir at a folder of its"
        " own, or delete that folder)\n",
    )
    assert (repo / CACHE).read_text() == "a file in the way\n"
    if os.geteuid() != 0:
        (repo / CACHE).unlink()
        (repo / CACHE).mkdir(mode=0o500)
        assert cli("check").code == 0


def test_a_cache_dir_outside_the_repository_is_not_used(
    repo: Path, cli: Any, tmp_path: Path
) -> None:
    write_tree(repo, {HANDOFF: BODY, "milestone-lint.toml": 'cache-dir = "../outside"\n'})
    run = cli("check")
    assert run.code == 0
    assert run.err.startswith("milestone-lint: warning: cache-dir ")
    assert "outside" in run.err
    assert "running without a cache" in run.err
    assert not (tmp_path / "outside").exists()


def test_cache_dir_is_relative_to_the_configuration(repo: Path, cli: Any) -> None:
    write_tree(repo, {HANDOFF: BODY, "milestone-lint.toml": 'cache-dir = "build/ml-cache"\n'})
    assert cli("check").code == 0
    assert (repo / "build/ml-cache/.gitignore").read_text().splitlines()[-1] == "*"
    assert len(list((repo / "build/ml-cache").glob("*.json"))) == 1
    assert not (repo / ".milestone-lint-cache").exists()
    assert not (repo / CACHE).exists()


def test_a_file_s_stat_stands_for_its_content_only_once_it_is_old(repo: Path, cli: Any) -> None:
    write_tree(repo, {HANDOFF: BODY})
    assert cli("check").code == 0
    # Written just now: the stat is not trusted (a change within the clock's resolution).
    assert _cache(repo)["files"][HANDOFF][4] is None
    old = 1_600_000_000
    os.utime(repo / HANDOFF, (old, old))
    assert cli("check").code == 0
    # An old mtime is not enough: the ctime (which utime moves to now) must be old too.
    assert _cache(repo)["files"][HANDOFF][4] is None
    time.sleep(2.1)
    assert cli("check").code == 0
    info = (repo / HANDOFF).stat()
    assert _cache(repo)["files"][HANDOFF][4] == [
        info.st_ctime_ns,
        info.st_mtime_ns,
        info.st_size,
        info.st_ino,
    ]
    _plant(repo, HANDOFF, "planted")
    assert cli("check").code == 1
    # Another size: hashed again, judged afresh.
    (repo / HANDOFF).write_text(BODY + "- more\n")
    os.utime(repo / HANDOFF, (old, old))
    assert cli("check").code == 0
