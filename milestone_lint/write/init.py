"""``init``: a handoffs root with a README, a starter config, and the pre-commit snippet."""

from __future__ import annotations

import os
from pathlib import Path

from milestone_lint.config.loader import load_config
from milestone_lint.convention.vocabulary import SUMMARY_SECTIONS
from milestone_lint.errors import MilestoneLintError
from milestone_lint.git.journal import transaction
from milestone_lint.templates import render

PRE_COMMIT_SNIPPET = """\
# .pre-commit-config.yaml
default_install_hook_types: [pre-commit, pre-merge-commit, post-commit, post-merge]
repos:
  - repo: https://github.com/milestone-lint/milestone-lint
    rev: <tag or commit SHA>  # no release is tagged yet: a commit SHA of the repository
    hooks:
      - id: milestone-lint
      - id: milestone-suggest
        verbose: true  # pre-commit shows a passing hook's output only with this"""


def init(cwd: Path) -> list[str]:
    """Create what is missing, all or nothing; never touch what exists. Returns what was done."""
    with transaction(cwd, "init") as tx:
        loaded = load_config(cwd, None)
        base = (loaded.repo_root or loaded.base).resolve()
        first = loaded.config.roots[0] if loaded.config.roots else "handoffs"
        root_name = "handoffs" if any(c in first for c in "*?[") else first.rstrip("/")
        root = Path(os.path.abspath(loaded.base / root_name))
        done: list[str] = []

        def shown(path: Path) -> str:
            try:
                return path.relative_to(base).as_posix()
            except ValueError:
                return str(path)

        tx.workspace.rel(root)  # a root outside the repository is refused here
        if root.is_symlink():
            raise MilestoneLintError(
                f"{shown(root)}: is a symbolic link; init does not follow it (nothing was changed)"
            )
        if root.exists() and not root.is_dir():
            raise MilestoneLintError(
                f"{shown(root)}: exists and is not a folder; nothing was changed"
            )
        if root.is_dir():
            done.append(f"kept {shown(root)}/ (already there)")
        else:
            missing = [root, *(p for p in root.parents if tx.workspace.top in p.parents)]
            for folder in reversed([p for p in missing if not p.exists()]):
                tx.mkdir(tx.workspace.rel(folder))
            done.append(f"created {shown(root)}/")
        readme = root / "README.md"
        if readme.exists() or readme.is_symlink():
            done.append(f"kept {shown(readme)} (already there)")
        else:
            tx.create(tx.workspace.rel(readme), render("README.md").encode("utf-8"))
            done.append(f"created {shown(readme)}")
        rel_root = root.relative_to(base).as_posix() if base in root.parents else root_name
        sections = ", ".join(f'"{name}"' for name in SUMMARY_SECTIONS)
        text = render("config.toml", root=rel_root, summary_sections=f"[{sections}]")
        pyproject = base / "pyproject.toml"
        if loaded.path is not None:
            done.append(f"kept {shown(loaded.path)} (configuration already there)")
        elif pyproject.is_file() and not pyproject.is_symlink():
            # One configuration file, not two: the table joins the project's pyproject.toml,
            # after what is there, which is left as it is.
            before = pyproject.read_bytes()
            newline = b"\r\n" if b"\r\n" in before else b"\n"
            table = as_pyproject_table(text).replace("\n", newline.decode()).encode("utf-8")
            gap = b"" if not before or before.endswith(newline * 2) else newline
            if before and not before.endswith(newline):
                gap = newline + newline
            tx.replace(tx.workspace.rel(pyproject), before + gap + table)
            done.append(f"added [tool.milestone-lint] to {shown(pyproject)}")
        else:
            config = base / "milestone-lint.toml"
            tx.create(tx.workspace.rel(config), text.encode("utf-8"))
            done.append(f"created {shown(config)}")
        tx.apply()
    return done


def as_pyproject_table(text: str) -> str:
    """A ``milestone-lint.toml`` as the ``[tool.milestone-lint]`` table of a pyproject."""
    lines = ["[tool.milestone-lint]"]
    for line in text.splitlines():
        if line.startswith("[") and line.rstrip().endswith("]"):
            line = f"[tool.milestone-lint.{line.strip()[1:-1]}]"
        if line.startswith("# milestone-lint configuration"):
            continue
        lines.append(line)
    return "\n".join(lines) + "\n"
