"""The layout of a root: milestones, epics, handoffs and system entries."""

from milestone_lint.layout.model import (
    Epic,
    Folder,
    Handoff,
    Milestone,
    RootLayout,
    StrayEntry,
    build_layout,
)
from milestone_lint.layout.names import NumberedName, parse_name

__all__ = [
    "Epic",
    "Folder",
    "Handoff",
    "Milestone",
    "NumberedName",
    "RootLayout",
    "StrayEntry",
    "build_layout",
    "parse_name",
]
