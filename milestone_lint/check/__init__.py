"""Stage: the check run. The commit gate (:mod:`.gate`), the run from options to exit code
(:mod:`.run`: configuration loaded, report printed), and the judging itself
(:mod:`.engine`: the documents of a root read once (:mod:`.documents`), rules selected
(:mod:`.selection`), suppression comments applied (:mod:`.suppressions`), findings cached
(:mod:`.cache`) and shared among CPUs (:mod:`.parallel`), old debt hidden (:mod:`.baseline`)).
"""
