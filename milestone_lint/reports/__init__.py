"""Stage: what the tree says about itself without judging it: ``status`` (:mod:`.status`) and
the restore-session pack of ``context`` (:mod:`.context`).
"""
