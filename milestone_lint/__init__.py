"""milestone-lint: lint handoff and milestone trees of project memory."""

__version__ = "0.1.0"
