"""The milestone suggestion made after a commit or a merge."""
