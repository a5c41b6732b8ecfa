"""Stage: the layout of the tree. Which roots there are (:mod:`.discovery`), a root's
milestones, epics, handoffs and system entries as plain data (:mod:`.model`), how names are
read (:mod:`.names`), how numbering is judged (:mod:`.numbering`), and a root of the working
tree opened for a command that reads or writes it (:mod:`.project`).

Nothing is imported here: the post-commit hook reads names without paying for the model.
"""
