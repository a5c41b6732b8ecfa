"""The layout of a root: milestones, epics, handoffs and system entries (:mod:`.model`),
how names are read (:mod:`.names`) and how numbering is judged (:mod:`.numbering`).

Nothing is imported here: the post-commit hook reads names without paying for the model.
"""
