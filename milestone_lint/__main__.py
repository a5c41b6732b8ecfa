from milestone_lint.cli import entry

entry()
