"""The cost of loading a root's milestone context into a fresh session: ML308."""

from __future__ import annotations

from collections.abc import Iterator

from milestone_lint.convention.tokens import estimated_tokens
from milestone_lint.diagnostics import Finding
from milestone_lint.rules.base import RootContext, Rule
from milestone_lint.rules.examples import CLEAN_SUMMARY, configured, in_summary


def _check_context_budget(ctx: RootContext) -> Iterator[Finding]:
    sizes: list[tuple[int, str]] = []
    for path in ctx.layout.system_file_paths():
        text = ctx.store.text(path)
        if text is not None:
            sizes.append((estimated_tokens(text), path))
    total = sum(size for size, _ in sizes)
    limit = ctx.config.context_tokens
    if total > limit:
        size, largest = max(sizes)
        yield Finding(
            "",
            f"the milestones' 0- files hold about {total} tokens (limit {limit}); distil the"
            f" largest ({largest}, {size} tokens) or group old milestones into an epic",
        )


_RETOLD = CLEAN_SUMMARY.replace(
    "- Login with OAuth device flow\n",
    "- Login with OAuth device flow\n- Read the device flow spec on Monday\n"
    "- Drafted the token table on Tuesday\n- Wrote the refresh call on Wednesday\n"
    "- Found the clock skew bug on Thursday\n- Fixed the clock skew bug on Friday\n",
)

ML308 = Rule(
    code="ML308",
    name="context-budget",
    summary="The 0- files of a root together exceed limits.context-tokens estimated tokens.",
    what=(
        "Adds up the estimated tokens (characters / 4, rounded up) of every milestone and"
        " epic system file (0-milestone-summary.md, 0-lessons-learned.md, …) of a root and"
        " reports the root when the total exceeds `limits.context-tokens`. Off by default."
    ),
    why=(
        "A fresh session loads every milestone summary and lesson to rebuild context; past a"
        " budget, that context crowds out the work itself."
    ),
    # The budget lowered to 120 tokens (12,000 by default) keeps the example short to read.
    bad=configured(in_summary(_RETOLD), "[limits]\ncontext-tokens = 120\n"),
    good=configured(in_summary(CLEAN_SUMMARY), "[limits]\ncontext-tokens = 120\n"),
    config_keys=("limits.context-tokens",),
    default_enabled=False,
    check_root=_check_context_budget,
)

RULES = (ML308,)
