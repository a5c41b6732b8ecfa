"""Stage: the commands that write the tree, each through the journal: ``new handoff``
(:mod:`.handoff`), ``new milestone`` (:mod:`.milestone`, its drafts from :mod:`.draft`),
``check --fix`` (:mod:`.fix`), ``init`` (:mod:`.init`), and the one link rewriter a move
needs (:mod:`.relinks`).
"""
