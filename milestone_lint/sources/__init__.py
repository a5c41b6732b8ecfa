"""Sources answer two questions: which paths exist under a root, and what a file holds."""

from milestone_lint.sources.base import Listing, Source
from milestone_lint.sources.worktree import WorktreeSource

__all__ = ["Listing", "Source", "WorktreeSource"]
