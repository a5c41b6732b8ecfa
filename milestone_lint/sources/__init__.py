"""Sources answer two questions: which paths exist under a root, and what a file holds.

:mod:`.worktree` reads the file system; :mod:`.gitindex` the git index (GitPython, loaded only
for ``--staged``).
"""
