"""Every configuration key, declared once: on the field of :class:`Config` (or, for the
``limits`` tables, of :class:`KindLimits`) that it fills, with its TOML key, what it accepts, its
default and its documentation.

The validator, the JSON schema, ``milestone-lint config`` and the commit gate read
:data:`SETTINGS`, and a test holds the README's table to it, so a key cannot be accepted without
being documented, nor documented without being checked. Adding a key is one annotated field.
"""

# No ``from __future__ import annotations``: the declarations are read from the fields'
# annotations when this module is imported, so they must be objects, not strings.

from collections.abc import Mapping
from types import MappingProxyType
from typing import Annotated, Any, NamedTuple

from milestone_lint.config import (
    BASELINE_KEY,
    CACHE_DIR_KEY,
    DEFAULT_ROOTS,
    EXTEND_KEY,
    ROOTS_KEY,
)
from milestone_lint.config.checks import (
    BOOLEAN,
    CODE_TABLE,
    CODES,
    FOLDER,
    GLOBS,
    NAMES,
    OPTIONAL_FILE,
    PATH,
    STRINGS,
    SYNONYMS,
    SYSTEM_FILES,
    WHOLE_NUMBER,
    Kind,
    one_of,
)
from milestone_lint.convention.vocabulary import SUMMARY_SECTIONS

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


class Key(NamedTuple):
    """A field's TOML side: its dotted key (``limits.words``), what it accepts, what it means."""

    path: str
    kind: Kind
    doc: str


class KindLimits(NamedTuple):
    """The limits that apply to one kind of file (handoff, summary or lessons): the keys of
    ``[limits]``, overridden per kind by ``[limits.<kind>]``."""

    words: Annotated[  # no default for every kind: each has its own (KIND_LIMITS)
        int,
        Key(
            "limits.words",
            WHOLE_NUMBER,
            "Words in a whole file (handoff 1200, summary 500, lessons 800).",
        ),
    ]
    bullet_words: Annotated[
        int, Key("limits.bullet-words", WHOLE_NUMBER, "Words in one list item.")
    ] = 25
    paragraph_words: Annotated[
        int, Key("limits.paragraph-words", WHOLE_NUMBER, "Words in one paragraph (handoffs: 80).")
    ] = 40
    section_bullets: Annotated[
        int, Key("limits.section-bullets", WHOLE_NUMBER, "List items in one section.")
    ] = 12


KIND_LIMITS: Mapping[str, KindLimits] = MappingProxyType(
    {
        "handoff": KindLimits(words=1200, paragraph_words=80),
        "summary": KindLimits(words=500),
        "lessons": KindLimits(words=800),
    }
)
"""Each kind's limits when the configuration sets none (the user's ``[limits]`` beats these)."""
FILE_KINDS = tuple(KIND_LIMITS)


class Config(NamedTuple):
    """A validated configuration: ``Config()`` is the default one. Paths in globs are relative
    to the config file's folder. Each field but ``limits`` is one key; ``limits`` holds the
    :class:`KindLimits` keys, per kind."""

    extend: Annotated[
        str,
        Key(
            EXTEND_KEY,
            OPTIONAL_FILE,
            "Another configuration file (relative to this one's folder, inside the repository)"
            " whose settings this one inherits and overrides key by key, tables merged (roots,"
            " baseline and cache-dir excepted: they are each file's own).",
        ),
    ] = ""
    roots: Annotated[
        tuple[str, ...], Key(ROOTS_KEY, GLOBS, "Folders holding a handoff tree; globs allowed.")
    ] = DEFAULT_ROOTS
    numbering: Annotated[
        str,
        Key(
            "numbering",
            one_of("auto", "global", "per-directory"),
            "Handoff numbering: auto, global or per-directory.",
        ),
    ] = "auto"
    number_width: Annotated[
        int,
        Key("number-width", WHOLE_NUMBER, "Digits a handoff number must have; 0: any one width."),
    ] = 0
    epics: Annotated[
        bool, Key("epics", BOOLEAN, "Allow E<N>-<slug>/ epic folders holding milestones.")
    ] = False
    select: Annotated[
        tuple[str, ...], Key("select", CODES, "Rule codes or prefixes to enable.")
    ] = ("ML",)
    ignore: Annotated[
        tuple[str, ...], Key("ignore", CODES, "Rule codes or prefixes to disable.")
    ] = ()
    extend_select: Annotated[
        tuple[str, ...],
        Key("extend-select", CODES, "Codes or prefixes enabled on top of select."),
    ] = ()
    warn: Annotated[
        tuple[str, ...],
        Key(
            "warn",
            CODES,
            "Codes or prefixes reported as warnings: printed, failing the run only with --strict.",
        ),
    ] = ()
    exclude: Annotated[tuple[str, ...], Key("exclude", GLOBS, "Globs of paths never linted.")] = ()
    respect_gitignore: Annotated[
        bool,
        Key(
            "respect-gitignore",
            BOOLEAN,
            "Leave out what git ignores (untracked) when judging the working tree.",
        ),
    ] = True
    baseline: Annotated[
        str, Key(BASELINE_KEY, PATH, "Baseline file: problems recorded there are not reported.")
    ] = ""
    cache_dir: Annotated[
        str,
        Key(
            CACHE_DIR_KEY,
            FOLDER,
            "Folder of the per-file findings cache (keyed by content); --no-cache skips it."
            ' Default (""): <git dir>/milestone-lint/cache, outside git .milestone-lint-cache.'
            " Never a root, inside or around one, or the repository's top.",
        ),
    ] = ""
    system_files: Annotated[
        tuple[str, ...],
        Key(
            "system-files",
            SYSTEM_FILES,
            "Known 0- files of a milestone; the summary and lessons ones are required.",
        ),
    ] = ("0-milestone-summary.md", "0-lessons-learned.md")
    generic_names: Annotated[
        tuple[str, ...],
        Key("generic-names", NAMES, "Words that name no achievement in a milestone slug."),
    ] = DEFAULT_GENERIC_NAMES
    per_file_ignores: Annotated[
        tuple[tuple[str, tuple[str, ...]], ...],
        Key(
            "per-file-ignores",
            CODE_TABLE,
            "Globs of paths → rule codes or prefixes not reported there.",
        ),
    ] = ()
    limits: Mapping[str, KindLimits] = KIND_LIMITS
    context_tokens: Annotated[
        int,
        Key(
            "limits.context-tokens",
            WHOLE_NUMBER,
            "Estimated tokens of all 0- files of a root.",
        ),
    ] = 12000
    summary_required_sections: Annotated[
        tuple[str, ...],
        Key("summary.required-sections", STRINGS, "Sections a milestone summary must have."),
    ] = DEFAULT_SUMMARY_SECTIONS
    summary_synonyms: Annotated[
        Mapping[str, tuple[str, ...]],
        Key(
            "summary.synonyms",
            SYNONYMS,
            "Extra heading names per section, added to the built-in ones.",
        ),
    ] = MappingProxyType({})
    handoff_required_sections: Annotated[
        tuple[str, ...],
        Key("handoff.required-sections", STRINGS, "Sections every handoff must have."),
    ] = ()
    handoff_require_for: Annotated[
        tuple[str, ...],
        Key(
            "handoff.require-for",
            GLOBS,
            "Globs of files that need a handoff on the branch when changed (ML402, with"
            " --since); files in the roots never count.",
        ),
    ] = ("**",)
    suggest_min_handoffs: Annotated[
        int,
        Key(
            "suggest.min-handoffs",
            WHOLE_NUMBER,
            "Pending handoffs before a milestone is suggested.",
        ),
    ] = 3
    suggest_branches: Annotated[
        tuple[str, ...],
        Key("suggest.branches", STRINGS, "Branch globs whose merge delivers a feature."),
    ] = ("feature/*", "feat/*", "fix/*", "hotfix/*")

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


# --- the declarations, read from the fields ---------------------------------------------------


class Setting(NamedTuple):
    """One declared key: where it is written, what it accepts and means, the field it fills."""

    table: str  # "" for the top level, else "limits", "summary", …
    key: str  # as written in its table: "words"
    kind: Kind
    doc: str
    owner: type[Config] | type[KindLimits]  # KindLimits: the keys of every kind's limits
    field: str
    default: Any  # None: no default for every kind (see KIND_LIMITS)

    @property
    def path(self) -> str:
        """The dotted key, as the README writes it: ``limits.words``."""
        return f"{self.table}.{self.key}" if self.table else self.key

    @property
    def written(self) -> Any:
        """The default as TOML writes it: a table as a dict, a tuple as a list."""
        if isinstance(self.default, Mapping) or self.kind is CODE_TABLE:
            return dict(self.default)
        return list(self.default) if isinstance(self.default, tuple) else self.default


def _declared(owner: type[Config] | type[KindLimits]) -> list[Setting]:
    found: list[Setting] = []
    for field, hint in owner.__annotations__.items():
        for key in getattr(hint, "__metadata__", ()):
            if isinstance(key, Key):
                table, _, name = key.path.rpartition(".")
                default = owner._field_defaults.get(field)
                found.append(Setting(table, name, key.kind, key.doc, owner, field, default))
    return found


def _all_settings() -> tuple[Setting, ...]:
    config = _declared(Config)
    top = (s for s in config if not s.table)
    return (*top, *_declared(KindLimits), *(s for s in config if s.table))


SETTINGS = _all_settings()
"""Every key, in the order the README, the schema and ``milestone-lint config`` show them: the
top-level keys, then each table's."""
TABLES: Mapping[str, tuple[Setting, ...]] = MappingProxyType(
    {
        t: tuple(s for s in SETTINGS if s.table == t)
        for t in dict.fromkeys(s.table for s in SETTINGS)
    }
)
"""The declared keys by table ("" for the top level)."""
BY_FIELD: Mapping[str, Setting] = MappingProxyType(
    {s.field: s for s in SETTINGS if s.owner is Config}
)
"""The key that fills each field of :class:`Config`."""
