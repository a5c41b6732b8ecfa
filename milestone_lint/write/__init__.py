"""Stage: the commands that write the tree, each through the journal: ``new handoff``
(:mod:`.handoff`), ``new milestone`` (:mod:`.milestone`, its drafts from :mod:`.draft`, whose
near-duplicate bullets :mod:`.similar` finds), ``check --fix`` (:mod:`.fix`), ``init``
(:mod:`.init`); the one slug maker (:mod:`.names`) and the one link rewriter a move needs
(:mod:`.relinks`).
"""
