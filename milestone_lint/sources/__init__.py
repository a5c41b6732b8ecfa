"""Sources answer two questions: which paths exist under a root, and what a file holds.

:mod:`.worktree` reads the file system; :mod:`.gitindex` the git index, through
:mod:`milestone_lint.gitread` (git's plumbing commands).
"""
