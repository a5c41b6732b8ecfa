"""Stage: the milestone suggestion made after a commit or a merge (the post-commit and
post-merge hook).
"""
