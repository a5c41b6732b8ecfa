"""Stage: the convention's vocabulary, read alike by the rules, the drafter, the restore pack
and the fixer: section names and their synonyms (:mod:`.vocabulary`), template slots
(:mod:`.placeholders`), heading matching (:mod:`.headings`), dates (:mod:`.dates`), the token
estimate (:mod:`.tokens`) and what a link target means (:mod:`.links`).
"""
