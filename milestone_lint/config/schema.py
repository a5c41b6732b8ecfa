"""Every configuration key, declared once with its type, default and documentation.

Validation, defaults and the README's table all come from these declarations, so a key cannot
be accepted without being documented, nor documented without being checked.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from milestone_lint.errors import MilestoneLintError

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
DEFAULT_SUMMARY_SECTIONS = (
    "Date completed",
    "Changes",
    "Decisions",
    "Discoveries",
    "Current system state",
)


@dataclass(frozen=True)
class KindLimits:
    """The limits that apply to one kind of file (handoff, summary or lessons)."""

    words: int
    bullet_words: int
    paragraph_words: int
    section_bullets: int


@dataclass(frozen=True)
class Config:
    """A validated configuration. Paths in globs are relative to :attr:`base`."""

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
    limits: Mapping[str, KindLimits] = field(default_factory=lambda: default_limits())
    context_tokens: int = 12000
    summary_required_sections: tuple[str, ...] = DEFAULT_SUMMARY_SECTIONS
    summary_synonyms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    handoff_required_sections: tuple[str, ...] = ()
    suggest_min_handoffs: int = 3
    suggest_branches: tuple[str, ...] = ("feature/*", "feat/*", "fix/*", "hotfix/*")
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()

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


@dataclass(frozen=True)
class Option:
    key: str
    check: Check
    default: object
    doc: str


class _TypeProblem(Exception):
    pass


def _string_list(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _TypeProblem("a list of strings")
    return tuple(value)


def _positive_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise _TypeProblem("a whole number >= 0")
    return value


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _TypeProblem("true or false")
    return value


def _synonym_table(value: Any) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, list) and all(isinstance(i, str) for i in v)
        for k, v in value.items()
    ):
        raise _TypeProblem('a table of section name = ["synonym", …]')
    return {k: tuple(v) for k, v in value.items()}


def _numbering(value: Any) -> str:
    if value not in NUMBERING_MODES:
        raise _TypeProblem("one of " + ", ".join(f'"{m}"' for m in NUMBERING_MODES))
    return str(value)


TOP_LEVEL = (
    Option("roots", _string_list, ["handoffs"], "Folders holding a handoff tree; globs allowed."),
    Option("numbering", _numbering, "auto", "Handoff numbering: auto, global or per-directory."),
    Option(
        "number-width", _positive_int, 0, "Digits a handoff number must have; 0: any one width."
    ),
    Option("epics", _bool, False, "Allow E<N>-<slug>/ epic folders holding milestones."),
    Option("select", _string_list, ["ML"], "Rule codes or prefixes to enable."),
    Option("ignore", _string_list, [], "Rule codes or prefixes to disable."),
    Option("extend-select", _string_list, [], "Codes or prefixes enabled on top of select."),
    Option("exclude", _string_list, [], "Globs of paths never linted."),
    Option(
        "system-files",
        _string_list,
        ["0-milestone-summary.md", "0-lessons-learned.md"],
        "Known 0- files of a milestone; the summary and lessons ones are required.",
    ),
    Option(
        "generic-names",
        _string_list,
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
        _string_list,
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
    Option("required-sections", _string_list, [], "Sections every handoff must have."),
)
SUGGEST_OPTIONS = (
    Option("min-handoffs", _positive_int, 3, "Pending handoffs before a milestone is suggested."),
    Option(
        "branches",
        _string_list,
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


# --- validation -----------------------------------------------------------------------------


def _closest(word: str, choices: list[str]) -> str:
    match = difflib.get_close_matches(word, choices, n=1, cutoff=0.5)
    return f'; did you mean "{match[0]}"?' if match else f"; valid keys: {', '.join(choices)}"


def unknown_code(code: str, known: frozenset[str]) -> str | None:
    """What is wrong with a code or prefix that matches no rule (None when it matches one)."""
    if any(k.startswith(code) for k in known):
        return None
    hint = difflib.get_close_matches(code, sorted(known), n=1, cutoff=0.6)
    suggestion = f'did you mean "{hint[0]}"?' if hint else "codes look like ML101 or ML3"
    return f'unknown rule code "{code}"; {suggestion}'


class ConfigBuilder:
    """Validates a raw TOML table into a :class:`Config`, naming the file and key on error."""

    def __init__(
        self, origin: str, table_prefix: str, known_codes: frozenset[str] | None = None
    ) -> None:
        self.origin = origin
        self.prefix = table_prefix
        self._known_codes = known_codes

    @property
    def known_codes(self) -> frozenset[str]:
        # The rule registry imports every rule; only a config that names codes needs it.
        if self._known_codes is None:
            from milestone_lint.rules.registry import CODES

            self._known_codes = CODES
        return self._known_codes

    def _fail(self, table: str, message: str) -> MilestoneLintError:
        name = ".".join(p for p in (self.prefix, table) if p)
        where = f"[{name}] " if name else ""
        return MilestoneLintError(f"{self.origin}: {where}{message}")

    def _read_table(
        self,
        raw: Mapping[str, Any],
        table: str,
        options: tuple[Option, ...],
        extra: tuple[str, ...],
    ) -> dict[str, Any]:
        known = [o.key for o in options] + list(extra)
        values: dict[str, Any] = {}
        for key, value in raw.items():
            if key in extra:
                continue
            option = next((o for o in options if o.key == key), None)
            if option is None:
                raise self._fail(table, f'unknown key "{key}"{_closest(key, known)}')
            try:
                values[key] = option.check(value)
            except _TypeProblem as problem:
                raise self._fail(
                    table, f'"{key}" must be {problem}, got {_describe(value)}'
                ) from None
        return values

    def _check_codes(self, table: str, key: str, codes: tuple[str, ...]) -> None:
        for code in codes:
            problem = unknown_code(code, self.known_codes)
            if problem:
                raise self._fail(table, f'"{key}" names {problem}')

    def _sub(self, raw: Mapping[str, Any], name: str) -> Mapping[str, Any]:
        value = raw.get(name, {})
        if not isinstance(value, dict):
            raise self._fail("", f'"{name}" must be a table, got {_describe(value)}')
        return value

    def build(self, raw: Mapping[str, Any]) -> Config:
        top = self._read_table(raw, "", TOP_LEVEL, SUBTABLE_NAMES)
        for key in ("select", "ignore", "extend-select"):
            self._check_codes("", key, top.get(key, ()))
        if "system-files" in top:
            self._check_system_files(top["system-files"])

        limits_raw = self._sub(raw, "limits")
        general = self._read_table(limits_raw, "limits", LIMIT_OPTIONS, FILE_KINDS)
        kind_limits: dict[str, KindLimits] = {}
        for kind in FILE_KINDS:
            sub_raw = self._sub(limits_raw, kind) if kind in limits_raw else {}
            if not isinstance(sub_raw, dict):
                raise self._fail("limits", f'"{kind}" must be a table')
            own = self._read_table(sub_raw, f"limits.{kind}", LIMIT_OPTIONS, ())
            if "context-tokens" in own:
                raise self._fail(
                    f"limits.{kind}", '"context-tokens" applies to a whole root; set it in [limits]'
                )
            kind_limits[kind] = _resolve_limits(kind, own, general)

        summary = self._read_table(self._sub(raw, "summary"), "summary", SUMMARY_OPTIONS, ())
        handoff = self._read_table(self._sub(raw, "handoff"), "handoff", HANDOFF_OPTIONS, ())
        suggest = self._read_table(self._sub(raw, "suggest"), "suggest", SUGGEST_OPTIONS, ())
        pfi = self._per_file_ignores(self._sub(raw, "per-file-ignores"))

        defaults = Config()
        return Config(
            roots=top.get("roots", defaults.roots),
            numbering=top.get("numbering", defaults.numbering),
            number_width=top.get("number-width", defaults.number_width),
            epics=top.get("epics", defaults.epics),
            select=top.get("select", defaults.select),
            ignore=top.get("ignore", defaults.ignore),
            extend_select=top.get("extend-select", defaults.extend_select),
            exclude=top.get("exclude", defaults.exclude),
            system_files=top.get("system-files", defaults.system_files),
            generic_names=tuple(
                n.lower() for n in top.get("generic-names", defaults.generic_names)
            ),
            limits=kind_limits,
            context_tokens=general.get("context-tokens", defaults.context_tokens),
            summary_required_sections=summary.get(
                "required-sections", defaults.summary_required_sections
            ),
            summary_synonyms=summary.get("synonyms", {}),
            handoff_required_sections=handoff.get(
                "required-sections", defaults.handoff_required_sections
            ),
            suggest_min_handoffs=suggest.get("min-handoffs", defaults.suggest_min_handoffs),
            suggest_branches=suggest.get("branches", defaults.suggest_branches),
            per_file_ignores=pfi,
        )

    def _check_system_files(self, names: tuple[str, ...]) -> None:
        for name in names:
            if not name.startswith("0-"):
                raise self._fail("", f'"system-files" entry "{name}" must start with "0-"')
        if not any("summary" in n for n in names) or not any("lesson" in n for n in names):
            raise self._fail(
                "",
                '"system-files" must name a summary file (containing "summary") and a lessons'
                ' file (containing "lesson")',
            )

    def _per_file_ignores(self, raw: Mapping[str, Any]) -> tuple[tuple[str, tuple[str, ...]], ...]:
        out: list[tuple[str, tuple[str, ...]]] = []
        for glob, codes in raw.items():
            try:
                checked = _string_list(codes)
            except _TypeProblem:
                raise self._fail(
                    "per-file-ignores",
                    f'"{glob}" must be a list of rule codes, got {_describe(codes)}',
                ) from None
            self._check_codes("per-file-ignores", glob, checked)
            out.append((glob, checked))
        return tuple(out)


def _resolve_limits(kind: str, own: dict[str, Any], general: dict[str, Any]) -> KindLimits:
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


def _describe(value: Any) -> str:
    kind = {
        bool: "a boolean",
        int: "a number",
        float: "a number",
        str: "a string",
        list: "a list",
        dict: "a table",
    }.get(type(value), type(value).__name__)
    return f"{kind} ({value!r})" if not isinstance(value, (dict, list)) else kind


def default_config(known_codes: frozenset[str]) -> Config:
    return ConfigBuilder("<defaults>", "", known_codes).build({})


def default_limits() -> dict[str, KindLimits]:
    return {kind: _resolve_limits(kind, {}, {}) for kind in FILE_KINDS}
