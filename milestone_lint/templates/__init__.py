"""Stage: templates shipped with the package (handoff, milestone files, init's README, config)."""

from __future__ import annotations

from importlib import resources
from string import Template


def render(name: str, **values: str) -> str:
    text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    return Template(text).substitute(values)
