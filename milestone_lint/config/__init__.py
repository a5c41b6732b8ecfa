"""Configuration: the declared options (:mod:`.schema`) and where they are read from
(:mod:`.loader`)."""
