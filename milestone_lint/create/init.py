"""``init``: a handoffs root with a README, a starter config, and the pre-commit snippet."""

from __future__ import annotations

from pathlib import Path

from milestone_lint import __version__
from milestone_lint.config.loader import load_config
from milestone_lint.create.files import write_new
from milestone_lint.errors import MilestoneLintError
from milestone_lint.templates import render

PRE_COMMIT_SNIPPET = f"""\
# .pre-commit-config.yaml
default_install_hook_types: [pre-commit, pre-merge-commit, post-commit, post-merge]
repos:
  - repo: https://github.com/milestone-lint/milestone-lint
    rev: v{__version__}
    hooks:
      - id: milestone-lint
      - id: milestone-suggest
        verbose: true  # pre-commit shows a passing hook's output only with this"""


def init(cwd: Path) -> list[str]:
    """Create what is missing; never touch what exists. Returns what was done."""
    loaded = load_config(cwd, None)
    base = (loaded.repo_root or cwd).resolve()
    first = loaded.config.roots[0] if loaded.config.roots else "handoffs"
    root_name = "handoffs" if any(c in first for c in "*?[") else first.rstrip("/")
    root = (loaded.base / root_name).resolve()
    done: list[str] = []

    def shown(path: Path) -> str:
        try:
            return path.relative_to(base).as_posix()
        except ValueError:
            return str(path)

    if root.exists() and not root.is_dir():
        raise MilestoneLintError(f"{shown(root)}: exists and is not a folder; nothing was changed")
    if root.is_dir():
        done.append(f"kept {shown(root)}/ (already there)")
    else:
        root.mkdir(parents=True)
        done.append(f"created {shown(root)}/")
    readme = root / "README.md"
    if readme.exists():
        done.append(f"kept {shown(readme)} (already there)")
    else:
        write_new(readme, render("README.md"), shown(readme))
        done.append(f"created {shown(readme)}")
    if loaded.path is not None:
        done.append(f"kept {shown(loaded.path)} (configuration already there)")
    else:
        config = base / "milestone-lint.toml"
        rel_root = root.relative_to(base).as_posix() if base in root.parents else root_name
        write_new(config, render("config.toml", root=rel_root), shown(config))
        done.append(f"created {shown(config)}")
    return done
