"""Validating a raw TOML table into a :class:`Config`: one error, naming file, table and key."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from milestone_lint.config.schema import (
    FILE_KINDS,
    HANDOFF_OPTIONS,
    LIMIT_OPTIONS,
    SUBTABLE_NAMES,
    SUGGEST_OPTIONS,
    SUMMARY_OPTIONS,
    TOP_LEVEL,
    Config,
    KindLimits,
    Option,
    TypeProblem,
    resolve_limits,
    string_list,
)
from milestone_lint.errors import MilestoneLintError


def _closest(word: str, choices: list[str]) -> str:
    import difflib

    match = difflib.get_close_matches(word, choices, n=1, cutoff=0.5)
    return f'; did you mean "{match[0]}"?' if match else f"; valid keys: {', '.join(choices)}"


def unknown_code(code: str, known: frozenset[str]) -> str | None:
    """What is wrong with a code or prefix that matches no rule (None when it matches one)."""
    if any(k.startswith(code) for k in known):
        return None
    import difflib  # only to suggest a fix: not on the path of a valid configuration

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
            except TypeProblem as problem:
                raise self._fail(
                    table, f'"{key}" must be {problem}, got {_describe(value)}'
                ) from None
        return values

    def _check_codes(self, table: str, key: str, codes: tuple[str, ...]) -> None:
        for code in codes:
            problem = unknown_code(code, self.known_codes)
            if problem:
                raise self._fail(table, f'"{key}" names {problem}')

    def _check_synonym_sections(self, summary: Mapping[str, Any]) -> None:
        """Synonyms are for sections a summary has: a name that is none is a typo."""
        from milestone_lint.convention.headings import normalize
        from milestone_lint.convention.vocabulary import SUMMARY_SECTIONS, SUMMARY_SYNONYMS

        sections = list(SUMMARY_SECTIONS)
        sections += list(summary.get("required-sections", ()))
        known = {normalize(name) for name in sections} | set(SUMMARY_SYNONYMS)
        for name in summary.get("synonyms", {}):
            if normalize(name) not in known:
                raise self._fail(
                    "summary.synonyms",
                    f'"{name}" is not a summary section{_closest(name, sections)}',
                )

    def _check_glob(self, table: str, key: str, pattern: str) -> None:
        """A glob that cannot match what its author meant: empty, or an unclosed ``[``."""
        problem = ""
        if not pattern.strip():
            problem = "an empty pattern matches nothing; remove it"
        elif "[" in pattern and "]" not in pattern[pattern.index("[") :]:
            problem = 'an unclosed "["; close it, or write "[[]" for a literal bracket'
        if problem:
            raise self._fail(table, f'"{key}": the glob "{pattern}" is malformed: {problem}')

    def _sub(self, raw: Mapping[str, Any], name: str) -> Mapping[str, Any]:
        value = raw.get(name, {})
        if not isinstance(value, dict):
            raise self._fail("", f'"{name}" must be a table, got {_describe(value)}')
        return value

    def build(self, raw: Mapping[str, Any]) -> Config:
        top = self._read_table(raw, "", TOP_LEVEL, SUBTABLE_NAMES)
        for key in ("select", "ignore", "extend-select"):
            if key in top:  # codes are case-insensitive: "ml3" is ML3
                top[key] = tuple(code.upper() for code in top[key])
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
            kind_limits[kind] = resolve_limits(kind, own, general)

        summary = self._read_table(self._sub(raw, "summary"), "summary", SUMMARY_OPTIONS, ())
        self._check_synonym_sections(summary)
        for key in ("roots", "exclude"):
            for pattern in top.get(key, ()):
                self._check_glob("", key, pattern)
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
            baseline=top.get("baseline", defaults.baseline),
            cache_dir=top.get("cache-dir", defaults.cache_dir),
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
                checked = string_list(codes)
            except TypeProblem:
                raise self._fail(
                    "per-file-ignores",
                    f'"{glob}" must be a list of rule codes, got {_describe(codes)}',
                ) from None
            self._check_glob("per-file-ignores", glob, glob)
            checked = tuple(code.upper() for code in checked)
            self._check_codes("per-file-ignores", glob, checked)
            out.append((glob, checked))
        return tuple(out)


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
