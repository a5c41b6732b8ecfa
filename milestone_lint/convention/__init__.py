"""Stage: the convention's vocabulary, read alike by the rules, the drafter, the restore pack
and the fixer: section names and their synonyms, markers and placeholders
(:mod:`.vocabulary`), heading matching (:mod:`.headings`), dates (:mod:`.dates`) and what a
link target means (:mod:`.links`).
"""
