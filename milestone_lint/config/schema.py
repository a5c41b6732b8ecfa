"""Every configuration key, declared once with its type, default and documentation.

Validation, defaults and the README's table all come from these declarations, so a key cannot
be accepted without being documented, nor documented without being checked.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

from milestone_lint.convention.vocabulary import SUMMARY_SECTIONS

FILE_KINDS = ("handoff", "summary", "lessons")
NUMBERING_MODES = ("auto", "global", "per-directory")

DEFAULT_GENERIC_NAMES = (
    "milestone",
    "misc",
    "stuff",
    "updates",
    "update",
    "wip",
    "work",
    "changes",
    "final",
    "temp",
    "tmp",
    "todo",
    "untitled",
    "new",
    "other",
    "various",
    "next",
)
DEFAULT_SUMMARY_SECTIONS = SUMMARY_SECTIONS


class KindLimits(NamedTuple):
    """The limits that apply to one kind of file (handoff, summary or lessons)."""

    words: int
    bullet_words: int
    paragraph_words: int
    section_bullets: int


class Config(NamedTuple):
    """A validated configuration (built by :class:`.validate.ConfigBuilder`, which always
    gives ``limits``). Paths in globs are relative to the config file's folder."""

    roots: tuple[str, ...] = ("handoffs",)
    numbering: str = "auto"
    number_width: int = 0
    epics: bool = False
    select: tuple[str, ...] = ("ML",)
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    system_files: tuple[str, ...] = ("0-milestone-summary.md", "0-lessons-learned.md")
    generic_names: tuple[str, ...] = DEFAULT_GENERIC_NAMES
    limits: Mapping[str, KindLimits] = MappingProxyType({})
    context_tokens: int = 12000
    summary_required_sections: tuple[str, ...] = DEFAULT_SUMMARY_SECTIONS
    summary_synonyms: Mapping[str, tuple[str, ...]] = MappingProxyType({})
    handoff_required_sections: tuple[str, ...] = ()
    suggest_min_handoffs: int = 3
    suggest_branches: tuple[str, ...] = ("feature/*", "feat/*", "fix/*", "hotfix/*")
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    baseline: str = ""
    cache_dir: str = ".milestone-lint-cache"

    @property
    def summary_file(self) -> str:
        """The system file ML201 requires: the first listed whose name mentions a summary."""
        return next(n for n in self.system_files if "summary" in n)

    @property
    def lessons_file(self) -> str:
        """The system file ML202 requires: the first listed whose name mentions lessons."""
        return next(n for n in self.system_files if "lesson" in n)

    def limits_for(self, kind: str) -> KindLimits:
        return self.limits[kind]


# --- declarations ---------------------------------------------------------------------------

Check = Callable[[Any], Any]


class Option(NamedTuple):
    key: str
    check: Check
    default: object
    doc: str


class TypeProblem(Exception):
    pass


def string_list(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TypeProblem("a list of strings")
    return tuple(value)


def _positive_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise TypeProblem("a whole number >= 0")
    return value


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeProblem("true or false")
    return value


def _synonym_table(value: Any) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, list) and all(isinstance(i, str) for i in v)
        for k, v in value.items()
    ):
        raise TypeProblem('a table of section name = ["synonym", …]')
    return {k: tuple(v) for k, v in value.items()}


def _path(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise TypeProblem("a file path")
    return value


def _numbering(value: Any) -> str:
    if value not in NUMBERING_MODES:
        raise TypeProblem("one of " + ", ".join(f'"{m}"' for m in NUMBERING_MODES))
    return str(value)


TOP_LEVEL = (
    Option("roots", string_list, ["handoffs"], "Folders holding a handoff tree; globs allowed."),
    Option("numbering", _numbering, "auto", "Handoff numbering: auto, global or per-directory."),
    Option(
        "number-width", _positive_int, 0, "Digits a handoff number must have; 0: any one width."
    ),
    Option("epics", _bool, False, "Allow E<N>-<slug>/ epic folders holding milestones."),
    Option("select", string_list, ["ML"], "Rule codes or prefixes to enable."),
    Option("ignore", string_list, [], "Rule codes or prefixes to disable."),
    Option("extend-select", string_list, [], "Codes or prefixes enabled on top of select."),
    Option("exclude", string_list, [], "Globs of paths never linted."),
    Option("baseline", _path, "", "Baseline file: problems recorded there are not reported."),
    Option(
        "cache-dir",
        _path,
        ".milestone-lint-cache",
        "Folder of the per-file findings cache (keyed by content); --no-cache skips it.",
    ),
    Option(
        "system-files",
        string_list,
        ["0-milestone-summary.md", "0-lessons-learned.md"],
        "Known 0- files of a milestone; the summary and lessons ones are required.",
    ),
    Option(
        "generic-names",
        string_list,
        list(DEFAULT_GENERIC_NAMES),
        "Words that name no achievement in a milestone slug.",
    ),
)
LIMIT_OPTIONS = (
    Option(
        "words",
        _positive_int,
        None,
        "Words in a whole file (handoff 1200, summary 500, lessons 800).",
    ),
    Option("bullet-words", _positive_int, 25, "Words in one list item."),
    Option("paragraph-words", _positive_int, 40, "Words in one paragraph (handoffs: 80)."),
    Option("section-bullets", _positive_int, 12, "List items in one section."),
    Option("context-tokens", _positive_int, 12000, "Estimated tokens of all 0- files of a root."),
)
SUMMARY_OPTIONS = (
    Option(
        "required-sections",
        string_list,
        list(DEFAULT_SUMMARY_SECTIONS),
        "Sections a milestone summary must have.",
    ),
    Option(
        "synonyms",
        _synonym_table,
        {},
        "Extra heading names per section, added to the built-in ones.",
    ),
)
HANDOFF_OPTIONS = (
    Option("required-sections", string_list, [], "Sections every handoff must have."),
)
SUGGEST_OPTIONS = (
    Option("min-handoffs", _positive_int, 3, "Pending handoffs before a milestone is suggested."),
    Option(
        "branches",
        string_list,
        ["feature/*", "feat/*", "fix/*", "hotfix/*"],
        "Branch globs whose merge delivers a feature.",
    ),
)
TABLES: dict[str, tuple[Option, ...]] = {
    "": TOP_LEVEL,
    "limits": LIMIT_OPTIONS,
    "summary": SUMMARY_OPTIONS,
    "handoff": HANDOFF_OPTIONS,
    "suggest": SUGGEST_OPTIONS,
}
SUBTABLE_NAMES = ("limits", "summary", "handoff", "suggest", "per-file-ignores")

BUILTIN_KIND_LIMITS: dict[str, dict[str, int]] = {
    "handoff": {"words": 1200, "paragraph-words": 80},
    "summary": {"words": 500},
    "lessons": {"words": 800},
}


def resolve_limits(kind: str, own: dict[str, Any], general: dict[str, Any]) -> KindLimits:
    """User's kind table beats user's general table beats built-in kind and general defaults."""

    def pick(key: str) -> int:
        for source in (own, general, BUILTIN_KIND_LIMITS[kind]):
            if source.get(key) is not None:
                return int(source[key])
        default = next(o.default for o in LIMIT_OPTIONS if o.key == key)
        assert isinstance(default, int)
        return default

    return KindLimits(
        words=pick("words"),
        bullet_words=pick("bullet-words"),
        paragraph_words=pick("paragraph-words"),
        section_bullets=pick("section-bullets"),
    )
