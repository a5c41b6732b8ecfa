"""Creating and distilling: new handoffs, new milestones (moves and drafts), init, --fix."""
