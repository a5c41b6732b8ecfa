"""Stage: git and the repository. The repository's top, found once (:mod:`.top`); plumbing
reads on every hook path (:mod:`.read`, through :mod:`.spawn`); history questions through
GitPython (:mod:`.history`, never on a hook path); every change to the work tree and the
index, all or nothing (:mod:`.journal`), what an interrupted one left (:mod:`.leftover`), and
the one bounded lock both it and the suggestion take (:mod:`.lock`).
"""
