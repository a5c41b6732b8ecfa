"""Nothing outside the repository is read or written, and no file can hang a run."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import GOOD_TREE, commit_all, git, write_tree


@pytest.fixture
def tracked(repo: Path) -> Path:
    write_tree(repo, GOOD_TREE)
    commit_all(repo, "initial")
    return repo


def one_line_error(run: Any) -> str:
    assert run.code == 2
    assert run.out == ""
    assert run.err.startswith("milestone-lint: error: ")
    assert run.err.count("\n") == 1
    return str(run.err)


@pytest.mark.parametrize("roots", ['["../.."]', '["../*"]', '["/tmp"]'])
@pytest.mark.parametrize(
    "command",
    [
        ("check",),
        ("check", "--fix"),
        ("status",),
        ("new", "handoff", "Outside"),
        ("new", "milestone", "outside"),
    ],
)
def test_roots_outside_the_repository_are_refused(
    tracked: Path, cli: Any, roots: str, command: tuple[str, ...]
) -> None:
    write_tree(tracked.parent / "sibling", ["handoffs/1-theirs.md"])  # what ../* reaches
    (tracked / "milestone-lint.toml").write_text(f"roots = {roots}\n")
    before = git(tracked, "status", "--porcelain", "--untracked-files=all")
    err = one_line_error(cli(*command))
    assert "roots entry" in err
    assert "outside the repository; roots must be folders inside it" in err
    assert git(tracked, "status", "--porcelain", "--untracked-files=all") == before


def test_a_root_linked_out_of_the_repository_is_refused(
    tracked: Path, cli: Any, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "1-secret.md").write_text("# secret\n")
    (tracked / "notes").symlink_to(outside)
    (tracked / "milestone-lint.toml").write_text('roots = ["handoffs", "notes"]\n')
    err = one_line_error(cli("check"))
    assert f'roots entry "notes" leads to {outside}, outside the repository' in err


def test_files_linked_out_of_the_repository_are_not_read(
    tracked: Path, cli: Any, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text("# Secret\n\n- " + "basically " * 40 + "\n")
    (tracked / "handoffs/3-secret.md").symlink_to(secret)
    (tracked / "handoffs/4-zero.md").symlink_to("/dev/zero")
    (tracked / "handoffs/5-inside.md").symlink_to("2-auth.md")
    run = cli("check", "--format", "json", "--select", "ML001,ML3")
    found = [(d["code"], d["path"], d["line"], d["message"]) for d in run.json()]
    reason = "file cannot be read (a symbolic link out of the repository; not followed)"
    assert found == [
        ("ML001", "handoffs/3-secret.md", 1, reason),
        ("ML001", "handoffs/4-zero.md", 1, reason),
    ]


def test_a_fifo_and_a_huge_file_are_reported_not_read(tracked: Path, cli: Any) -> None:
    os.mkfifo(tracked / "handoffs/3-pipe.md")
    (tracked / "handoffs/4-huge.md").write_bytes(b"# Huge\n\n" + b"word " * 1_100_000)
    start = time.monotonic()
    run = cli("check", "--format", "json", "--select", "ML001")
    assert time.monotonic() - start < 10
    assert [(d["path"], d["message"]) for d in run.json()] == [
        ("handoffs/3-pipe.md", "file cannot be read (not a regular file)"),
        ("handoffs/4-huge.md", "file cannot be read (over 5 MB; not read)"),
    ]


def test_staged_links_are_followed_only_inside_the_commit(tracked: Path, cli: Any) -> None:
    (tracked / "handoffs/3-passwd.md").symlink_to("/etc/passwd")
    (tracked / "handoffs/4-up.md").symlink_to("../../outside.md")
    (tracked / "handoffs/5-same.md").symlink_to("2-auth.md")
    git(tracked, "add", "-A")
    run = cli("check", "--staged", "--format", "json", "--select", "ML001")
    reason = "file cannot be read (a symbolic link out of the repository; not followed)"
    assert [(d["path"], d["message"]) for d in run.json()] == [
        ("handoffs/3-passwd.md", reason),
        ("handoffs/4-up.md", reason),
    ]


def test_init_does_not_follow_a_dangling_root_link(repo: Path, cli: Any, tmp_path: Path) -> None:
    (repo / "handoffs").symlink_to(tmp_path / "nowhere")
    err = one_line_error(cli("init"))
    assert "handoffs: is a symbolic link; init does not follow it (nothing was changed)" in err
    assert not (tmp_path / "nowhere").exists()
    assert sorted(p.name for p in repo.iterdir()) == [".git", "handoffs"]


def test_new_milestone_refuses_a_handoff_linked_out(
    tmp_path: Path, cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    write_tree(project, GOOD_TREE)
    secret = tmp_path / "secret.md"
    secret.write_text("# Secret Handoff - 2025-03-01\n\n## Discoveries\n- the password\n")
    (project / "handoffs/3-secret.md").symlink_to(secret)
    monkeypatch.chdir(project)
    err = one_line_error(cli("new", "milestone", "auth"))
    assert "handoffs/3-secret.md: is a symbolic link" in err
    assert not (project / "handoffs/2-auth").exists()
    assert (project / "handoffs/3-secret.md").is_symlink()


@pytest.mark.parametrize(
    ("config", "args", "expected"),
    [
        ('baseline = "../bl.json"\n', ("check",), "the baseline file is outside the repository"),
        ("", ("baseline", "../bl.json"), "the baseline file is outside the repository"),
        ("", ("check", "--config", "../x.toml"), "--config names a file outside"),
    ],
)
def test_baseline_and_config_paths_stay_inside(
    tracked: Path, cli: Any, config: str, args: tuple[str, ...], expected: str
) -> None:
    (tracked.parent / "x.toml").write_text("")
    (tracked.parent / "bl.json").write_text('{"tool": "milestone-lint", "entries": []}')
    if config:
        (tracked / "milestone-lint.toml").write_text(config)
    assert expected in one_line_error(cli(*args))


@pytest.mark.parametrize(
    "command", [("check",), ("check", "--fix"), ("status",), ("context",), ("check", "--staged")]
)
@pytest.mark.parametrize("where", ["/", "outside", "link"])
def test_a_path_outside_the_repository_is_refused(
    tracked: Path, cli: Any, tmp_path: Path, command: tuple[str, ...], where: str
) -> None:
    """``check /`` once walked the whole file system, /proc included."""
    outside = tmp_path / "elsewhere"
    write_tree(outside, {"handoffs/1-theirs.md": "# Theirs\n"})
    (tracked / "link").symlink_to(outside)
    raw = {"/": "/", "outside": str(outside / "handoffs"), "link": "link/handoffs"}[where]
    before = git(tracked, "status", "--porcelain", "--untracked-files=all")
    err = one_line_error(cli(*command, raw))
    shown = os.path.realpath(tracked)
    assert err == (
        f"milestone-lint: error: {raw}: outside the repository ({shown}); give a path inside it\n"
    )
    assert git(tracked, "status", "--porcelain", "--untracked-files=all") == before


def test_a_config_file_linked_out_of_the_repository_is_refused(
    tracked: Path, cli: Any, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere.toml"
    outside.write_text('roots = ["handoffs"]\n')
    (tracked / "milestone-lint.toml").symlink_to(outside)
    assert one_line_error(cli("check")) == (
        "milestone-lint: error: milestone-lint.toml: a link to outside the repository;"
        " milestone-lint reads no configuration from there: make it a regular file\n"
    )
    # A link to a configuration inside the repository is the repository's own.
    (tracked / "milestone-lint.toml").unlink()
    (tracked / "shared.toml").write_text('roots = ["handoffs"]\n')
    (tracked / "milestone-lint.toml").symlink_to("shared.toml")
    assert cli("check").code == 0


def test_a_huge_config_file_is_refused_unread(tracked: Path, cli: Any) -> None:
    (tracked / "milestone-lint.toml").write_bytes(b"#" * (1024 * 1024 + 1))
    assert one_line_error(cli("check")) == (
        "milestone-lint: error: milestone-lint.toml: config file is over 1024 KiB;"
        " keep it to its settings\n"
    )
