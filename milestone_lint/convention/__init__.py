"""Stage: the convention's vocabulary, read alike by the rules, the drafter, the restore pack
and the fixer: section names and their synonyms (:mod:`.vocabulary`), template slots and the
TODOs a written file leaves (:mod:`.placeholders`), a lesson's Problem/Solution markers and
layout (:mod:`.lessons`), heading matching (:mod:`.headings`), dates (:mod:`.dates`), the
token estimate (:mod:`.tokens`) and what a link target means (:mod:`.links`).
"""
