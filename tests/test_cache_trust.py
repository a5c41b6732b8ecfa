"""The cache is the tool's, never the repository's (issue 21): hostile files committed and
cloned neither forge a clean result, nor hang a run, nor make the tool write outside the
repository; every path the tool writes is reached without following a link."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from milestone_lint.check.cache import MAX_BYTES, read_bounded
from milestone_lint.check.options import CheckOptions
from milestone_lint.check.run import lint
from milestone_lint.errors import MilestoneLintError
from milestone_lint.git.journal import open_folder, replace_file, write_new_file
from milestone_lint.git.top import git_path
from tests.conftest import commit_all, git, write_tree

HANDOFF = "handoffs/1-note.md"
BODY = (
    "# Note Handoff - 2025-03-01\n\n## Summary\n- Done: the login works, I think\n"
    "- See [setup](setup/steps.md)\n- TBD\n"
)
FOUND = [
    ("ML305", HANDOFF, 4, 26),
    ("ML309", HANDOFF, 5, 7),
    ("ML306", HANDOFF, 6, 3),
]
CACHE = ".git/milestone-lint/cache"
IN_TREE = ".milestone-lint-cache"
WARNING = "milestone-lint: warning: cache-dir {folder} {problem}; running without a cache (point"
WARNING += " cache-dir at a folder of its own, or delete that folder)\n"
RUN_TIMEOUT = 60  # seconds: a FIFO read blocks forever, /dev/zero never ends


def _found(run: Any) -> list[tuple[str, str, int, int]]:
    return [(d["code"], d["path"], d["line"], d["column"]) for d in run.json()]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary HOME: the outside target hostile links point at."""
    path = tmp_path / "home"
    path.mkdir()
    monkeypatch.setenv("HOME", str(path))
    return path


def _clone(origin: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    commit_all(origin)
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(origin), str(clone))
    monkeypatch.chdir(clone)
    return clone


def _cache_name(repo: Path, cli: Any) -> str:
    """The name the cache file of this tree's root gets (a run makes it)."""
    assert cli("check", "--format", "json").code == 1
    (only,) = (repo / CACHE).glob("*.json")
    return only.name


def _configured_cache(repo: Path, cli: Any) -> Path:
    """The cache file a run writes in a tree whose configuration keeps it in the tree."""
    write_tree(repo, {HANDOFF: BODY, "milestone-lint.toml": f'cache-dir = "{IN_TREE}"\n'})
    assert cli("check").code == 1
    (made,) = (repo / IN_TREE).glob("*.json")
    return made


def _subprocess_check(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "milestone_lint", "check", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
        env={k: v for k, v in os.environ.items() if k != "MILESTONE_LINT_DEBUG"},
    )


# --- a link out of the repository is never written through ---------------------------------


def _lint_as_mcp(clone: Path) -> int:
    """What MCP `lint` runs: the library's lint(), as the server calls it."""
    options = CheckOptions(output_format="json", quiet=True, color=False)
    report, _, _ = lint(options, cwd=clone)
    return len(report.diagnostics)


@pytest.mark.parametrize("configured", [False, True], ids=["default", "cache-dir-configured"])
@pytest.mark.parametrize("entry", ["check", "hook", "mcp-lint"])
def test_a_committed_gitignore_link_out_of_the_repository_is_never_written(
    repo: Path,
    cli: Any,
    home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    entry: str,
    configured: bool,
) -> None:
    target = home / ".config/git/ignore"
    write_tree(repo, {HANDOFF: BODY})
    if configured:
        write_tree(repo, {"milestone-lint.toml": f'cache-dir = "{IN_TREE}"\n'})
    (repo / IN_TREE).mkdir()
    (repo / IN_TREE / ".gitignore").symlink_to(target)
    clone = _clone(repo, tmp_path, monkeypatch)
    assert os.readlink(clone / IN_TREE / ".gitignore") == str(target)
    if entry == "check":
        run = cli("check", "--format", "json")
        assert (run.code, _found(run)) == (1, FOUND)
        problem = "is tracked by git (a cache is never the repository's)"
        folder = clone.resolve() / IN_TREE
        assert run.err == (WARNING.format(folder=folder, problem=problem) if configured else "")
    elif entry == "hook":
        assert git(clone, "diff-index", "--cached", "HEAD") == ""  # index == HEAD
        run = cli("check", "--staged", "--hook")
        assert run.code == 1
        assert "ML305" in run.out
    else:
        assert _lint_as_mcp(clone) == len(FOUND)
    assert not target.exists()
    assert not (home / ".config").exists()
    assert os.readlink(clone / IN_TREE / ".gitignore") == str(target)
    assert git(clone, "status", "--porcelain") == ""


# --- a forged clean result -----------------------------------------------------------------


def test_a_committed_forged_clean_cache_does_not_pass_a_file_with_findings(
    repo: Path, cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    forged = _configured_cache(repo, cli)
    data = json.loads(forged.read_text())
    # The blob id anyone can compute, no findings, and a stat to match without reading.
    data["files"][HANDOFF][2] = []
    forged.write_text(json.dumps(data))
    assert cli("check", "--format", "json").json() == []  # the forgery works where trusted…
    git(repo, "add", "-f", IN_TREE)
    clone = _clone(repo, tmp_path, monkeypatch)
    assert git(clone, "ls-files", IN_TREE).count("\n") == 2
    # …and is never read once committed: by check, by the hook, by MCP lint.
    run = cli("check", "--format", "json")
    assert (run.code, _found(run)) == (1, FOUND)
    problem = "is tracked by git (a cache is never the repository's)"
    assert run.err == WARNING.format(folder=clone.resolve() / IN_TREE, problem=problem)
    hook = cli("check", "--staged", "--hook", "--format", "json")
    assert (hook.code, _found(hook)) == (1, FOUND)
    assert _lint_as_mcp(clone) == len(FOUND)
    assert json.loads((clone / IN_TREE / forged.name).read_text()) == data  # not rewritten


def test_a_committed_cache_at_the_old_default_place_is_not_the_cache(
    repo: Path, cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree(repo, {HANDOFF: BODY})
    name = _cache_name(repo, cli)
    entry = json.loads((repo / CACHE / name).read_text())
    entry["files"][HANDOFF][2] = []
    write_tree(repo, {f"{IN_TREE}/{name}": json.dumps(entry)})
    _clone(repo, tmp_path, monkeypatch)
    run = cli("check", "--format", "json")
    assert (run.code, _found(run), run.err) == (1, FOUND, "")


@pytest.mark.parametrize(
    "damage",
    [
        ["ML999", "unknown code", 1, 1, 0, 0],
        ["ML301", "x" * 1_000_000, 1, 1, 0, 0],
        ["ML301", "line -1", -1, 1, 0, 0],
        ["ML301", "line 10**18", 10**18, 1, 0, 0],
        # A file of n bytes has at most n + 1 lines.
        ["ML301", "past the file", len(BODY) + 2, 1, 0, 0],
        ["ML301", "past its end", 4, 1, 5, len(BODY) + 3],
        ["ML301", "column 0", 1, 0, 0, 0],
        ["ML301", "ends before it starts", 4, 5, 3, 1],
        ["ML301", "a bool for a line", True, 1, 0, 0],
    ],
    ids=lambda row: str(row[1])[:24].replace(" ", "-"),
)
def test_an_entry_this_version_could_not_write_is_judged_afresh(
    repo: Path, cli: Any, damage: list[Any]
) -> None:
    write_tree(repo, {HANDOFF: BODY})
    name = _cache_name(repo, cli)
    path = repo / CACHE / name
    data = json.loads(path.read_text())
    data["files"][HANDOFF][2] = [damage]
    path.write_text(json.dumps(data))
    run = cli("check", "--format", "json")
    assert (run.code, _found(run), run.err) == (1, FOUND, "")
    assert all(row[1] != damage[1] for row in json.loads(path.read_text())["files"][HANDOFF][2])


@pytest.mark.parametrize(
    "asked",
    [
        [["exists", "setup/steps.md", "no"]],
        [["run", "rm -rf /", True]],
        [["named", "steps.md", [1, 2]]],
        [["exists", "x" * 5_000, False]],
        [["exists"]],
    ],
    ids=["answer-of-another-kind", "unknown-question", "names-not-strings", "long", "short"],
)
def test_a_malformed_question_makes_the_file_judged_afresh(
    repo: Path, cli: Any, asked: list[Any]
) -> None:
    write_tree(repo, {HANDOFF: BODY})
    path = repo / CACHE / _cache_name(repo, cli)
    data = json.loads(path.read_text())
    data["files"][HANDOFF][2] = []
    data["files"][HANDOFF][3] = asked
    path.write_text(json.dumps(data))
    run = cli("check", "--format", "json")
    assert (run.code, _found(run)) == (1, FOUND)


# --- hangs ---------------------------------------------------------------------------------


@pytest.mark.parametrize("thing", ["fifo", "dev-zero-link"])
def test_a_fifo_or_dev_zero_at_the_cache_file_s_name_does_not_hang(
    repo: Path, cli: Any, thing: str
) -> None:
    write_tree(repo, {HANDOFF: BODY})
    path = repo / CACHE / _cache_name(repo, cli)
    path.unlink()
    if thing == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    problem = f"holds {path.name}, which is not a regular file"
    run = _subprocess_check(repo, "--format", "json")
    assert run.returncode == 1
    assert [(d["code"], d["line"]) for d in json.loads(run.stdout)] == [
        (code, line) for code, _, line, _ in FOUND
    ]
    assert run.stderr == WARNING.format(folder=repo / CACHE, problem=problem)
    assert path.is_fifo() if thing == "fifo" else os.readlink(path) == "/dev/zero"


def test_a_committed_dev_zero_link_in_a_configured_cache_dir_does_not_hang(
    repo: Path, cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = _configured_cache(repo, cli)
    made.unlink()
    made.symlink_to("/dev/zero")
    git(repo, "add", "-f", IN_TREE)
    clone = _clone(repo, tmp_path, monkeypatch)
    run = _subprocess_check(clone, "--format", "json")
    assert run.returncode == 1
    problem = "is tracked by git (a cache is never the repository's)"
    assert run.stderr == WARNING.format(folder=clone.resolve() / IN_TREE, problem=problem)


def test_the_cache_reader_takes_nothing_but_a_small_regular_file(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "zero").symlink_to("/dev/zero")
    (tmp_path / "big").write_bytes(b"x" * 11)
    (tmp_path / "fits").write_bytes(b"x" * 10)
    (tmp_path / "folder").mkdir()
    folder = open_folder(tmp_path)
    try:
        assert [read_bounded(folder, name, 10) for name in ("fifo", "zero", "big", "folder")] == [
            None
        ] * 4
        assert read_bounded(folder, "fits", 10) == b"x" * 10
        assert read_bounded(folder, "missing", 10) is None
    finally:
        os.close(folder)
    assert MAX_BYTES == 32 * 1024 * 1024


# --- where the cache is, and what it may be --------------------------------------------------


def test_the_default_cache_is_git_s_own_path_in_a_linked_worktree(
    repo: Path, cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree(repo, {HANDOFF: BODY})
    commit_all(repo)
    linked = tmp_path / "linked"
    git(repo, "worktree", "add", "-q", str(linked))
    asked = git(linked, "rev-parse", "--git-path", "milestone-lint/cache").strip()
    assert git_path(linked, "milestone-lint/cache") == linked / asked
    monkeypatch.setenv("GIT_DIR", str(repo / ".git/worktrees/linked"))
    assert git_path(linked, "milestone-lint/cache") == Path(
        os.environ["GIT_DIR"], "milestone-lint/cache"
    )
    monkeypatch.delenv("GIT_DIR")
    monkeypatch.chdir(linked)
    assert cli("check").code == 1
    assert len(list(Path(asked).glob("*.json"))) == 1
    assert git(linked, "status", "--porcelain", "--ignored") == ""
    assert not (repo / CACHE).exists()


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (".", "is the repository's top"),
        ("handoffs", "is a root of handoffs or inside one"),
        ("handoffs/.cache", "is a root of handoffs or inside one"),
        ("docs", "holds a root of handoffs"),
        ("..", "holds the configuration's folder, and so its roots"),
        ("/", "is a file system's root"),
    ],
)
def test_a_cache_dir_that_would_hide_handoffs_from_git_is_a_config_error(
    repo: Path, cli: Any, value: str, problem: str
) -> None:
    roots = '["handoffs", "docs/handoffs"]' if value == "docs" else '["handoffs"]'
    write_tree(repo, {HANDOFF: BODY})
    (repo / "milestone-lint.toml").write_text(f'roots = {roots}\ncache-dir = "{value}"\n')
    for args in (("check",), ("check", "--no-cache")):
        run = cli(*args)
        assert (run.code, run.out) == (2, "")
        assert run.err == (
            f'milestone-lint: error: milestone-lint.toml: "cache-dir" {problem} ({value}); the'
            ' cache\'s .gitignore of "*" would hide new files from git: name a folder of its'
            " own, or remove the key (the default is under the git directory)\n"
        )
    assert not (repo / "handoffs/.gitignore").exists()
    assert not (repo / ".gitignore").exists()


def test_a_cache_dir_holding_other_files_is_not_used(repo: Path, cli: Any) -> None:
    write_tree(repo, {HANDOFF: BODY, "src/app.py": "x = 1\n"})
    (repo / "milestone-lint.toml").write_text('cache-dir = "src"\n')
    run = cli("check")
    assert run.code == 1
    problem = "holds files that are not the cache's (app.py)"
    assert run.err.endswith(WARNING.format(folder=repo / "src", problem=problem))
    assert sorted(p.name for p in (repo / "src").iterdir()) == ["app.py"]


def test_a_cache_dir_reached_through_a_link_is_not_used(repo: Path, cli: Any, home: Path) -> None:
    write_tree(repo, {HANDOFF: BODY})
    (repo / "build").symlink_to(home)
    (repo / "milestone-lint.toml").write_text('cache-dir = "build/cache"\n')
    run = cli("check")
    assert run.code == 1
    assert run.err.startswith(f"milestone-lint: warning: cache-dir {repo / 'build/cache'} is ")
    assert list(home.iterdir()) == []


# --- every other written path ----------------------------------------------------------------


def test_a_report_is_written_inside_the_repository_and_never_through_a_link(
    repo: Path, cli: Any, home: Path
) -> None:
    write_tree(repo, {HANDOFF: BODY})
    outside = cli("check", "-o", str(home / "report.txt"))
    assert (outside.code, outside.out) == (2, "")
    assert outside.err == (
        f"milestone-lint: error: {home / 'report.txt'}: the report is outside {repo};"
        " milestone-lint writes only inside the repository: give --output-file a path inside it\n"
    )
    (repo / "reports").symlink_to(home)
    linked = cli("check", "-o", "reports/report.txt")
    assert linked.code == 2
    assert linked.err == (
        "milestone-lint: error: reports/report.txt: cannot write the report (a folder on the"
        " way is a symbolic link or not a folder); check the --output-file path\n"
    )
    (home / "victim").write_text("keep\n")
    (repo / "report.txt").symlink_to(home / "victim")
    assert cli("check", "--format", "json", "-o", "report.txt").code == 1
    assert (home / "victim").read_text() == "keep\n"
    assert not (repo / "report.txt").is_symlink()
    assert [d["code"] for d in json.loads((repo / "report.txt").read_text())] == [
        code for code, _, _, _ in FOUND
    ]
    assert list(home.iterdir()) == [home / "victim"]


def test_the_journal_s_writes_go_through_no_link(repo: Path, home: Path) -> None:
    (repo / "notes").symlink_to(home)
    # O_DIRECTORY | O_NOFOLLOW on a link: "not a directory".
    with pytest.raises(NotADirectoryError):
        write_new_file(repo / "notes/new.md", b"x\n", repo)
    with pytest.raises(NotADirectoryError):
        replace_file(repo / "notes/old.md", b"x\n", None, top=repo)
    with pytest.raises(MilestoneLintError, match="outside"):
        replace_file(home / "x.md", b"x\n", None, top=repo)
    (home / "target.md").write_text("keep\n")
    (repo / "link.md").symlink_to(home / "target.md")
    with pytest.raises(FileExistsError):
        write_new_file(repo / "link.md", b"x\n", repo)
    replace_file(repo / "link.md", b"new\n", None, top=repo)
    assert (repo / "link.md").read_bytes() == b"new\n"
    assert not (repo / "link.md").is_symlink()
    assert sorted(p.name for p in home.iterdir()) == ["target.md"]
    assert (home / "target.md").read_text() == "keep\n"


def test_a_baseline_through_a_committed_link_is_refused(
    repo: Path, cli: Any, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree(repo, {HANDOFF: BODY, "milestone-lint.toml": 'baseline = "debt/known.json"\n'})
    (repo / "debt").symlink_to(home)
    clone = _clone(repo, tmp_path, monkeypatch)
    run = cli("baseline")
    top = clone.resolve()
    assert (run.code, run.err) == (
        2,
        f"milestone-lint: error: {top}/debt/known.json: the baseline file is outside the"
        f" repository ({top}); use a path inside it\n",
    )
    assert list(home.iterdir()) == []
    assert (clone / "debt").is_symlink()


def test_a_cache_dir_beside_a_folder_named_like_a_root_is_fine(repo: Path, cli: Any) -> None:
    """Roots are anchored at the configuration's folder: roots = ["handoffs"] names
    handoffs/, not tools/handoffs/ (an unanchored match once refused this cache-dir)."""
    write_tree(repo, {HANDOFF: BODY})
    plain = cli("check", "--format", "json", "--no-cache")
    (repo / "milestone-lint.toml").write_text('cache-dir = "tools/handoffs/cache"\n')
    run = cli("check", "--format", "json")
    assert (run.code, run.out, run.err) == (plain.code, plain.out, "")
    assert (repo / "tools/handoffs/cache").is_dir()
