"""Stage: sources. They answer two questions: which paths exist under a root, and what a file
holds.

:mod:`.worktree` reads the file system; :mod:`.gitindex` the git index, through
:mod:`milestone_lint.git.read` (git's plumbing commands); :mod:`.overlay` the working tree with
some files as an editor or an agent holds them.
"""
