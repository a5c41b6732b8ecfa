"""Configuration: the declared options (:mod:`.schema`) and where they are read from."""

from milestone_lint.config.loader import LoadedConfig, find_repo_root, load_config
from milestone_lint.config.schema import Config, KindLimits

__all__ = ["Config", "KindLimits", "LoadedConfig", "find_repo_root", "load_config"]
