"""Validating a raw TOML table into a :class:`Config`: one error, naming file, table and key.

Which keys there are, what each accepts and which field it fills come from the declarations
(:data:`.schema.TABLES`); what is checked here is only what one value cannot say alone: rule
codes against the registry, synonyms against the summary's sections, and which ``[limits]``
keys a kind's own table may hold.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from milestone_lint.config.checks import CODE_TABLE, CODES, Invalid, describe, refuse_bad_glob
from milestone_lint.config.schema import (
    FILE_KINDS,
    KIND_LIMITS,
    TABLES,
    Config,
    KindLimits,
    Setting,
)
from milestone_lint.errors import MilestoneLintError

# Tables written inside the top-level one (``[limits]``, ``[summary]``, …).
_SUBTABLES = tuple(table for table in TABLES if table)


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
            from milestone_lint.rules.registry import CODES as REGISTERED

            self._known_codes = REGISTERED
        return self._known_codes

    def build(self, raw: Mapping[str, Any]) -> Config:
        fields: dict[str, Any] = {}
        general: dict[str, Any] = {}  # the [limits] keys every kind has
        for table, settings in TABLES.items():
            own = self._sub(raw, table, "") if table else raw
            nested = _SUBTABLES if not table else FILE_KINDS if table == "limits" else ()
            for setting, value in self._read_table(own, table, settings, nested):
                (general if setting.owner is KindLimits else fields)[setting.field] = value
        limits = self._sub(raw, "limits", "")
        fields["limits"] = {kind: self._kind_limits(kind, limits, general) for kind in FILE_KINDS}
        self._check_synonym_sections(fields)
        return Config(**fields)

    def _fail(self, table: str, message: str) -> MilestoneLintError:
        name = ".".join(p for p in (self.prefix, table) if p)
        where = f"[{name}] " if name else ""
        return MilestoneLintError(f"{self.origin}: {where}{message}")

    def _sub(self, raw: Mapping[str, Any], name: str, table: str) -> Mapping[str, Any]:
        value = raw.get(name, {})
        if not isinstance(value, dict):
            raise self._fail(table, f'"{name}" must be a table, got {describe(value)}')
        return value

    def _read_table(
        self,
        raw: Mapping[str, Any],
        table: str,
        settings: tuple[Setting, ...],
        nested: tuple[str, ...],
    ) -> Iterator[tuple[Setting, Any]]:
        """Each key of ``raw`` with its checked value; ``nested`` tables are read apart."""
        known = [s.key for s in settings] + list(nested)
        for key, value in raw.items():
            if key in nested:
                continue
            setting = next((s for s in settings if s.key == key), None)
            if setting is None:
                raise self._fail(table, f'unknown key "{key}"{_closest(key, known)}')
            if setting.kind is CODE_TABLE:
                yield setting, self._code_table(self._sub(raw, key, table), key)
                continue
            try:
                checked = setting.kind.parse(value)
            except Invalid as problem:
                raise self._fail(table, f'"{key}"{problem}') from None
            if setting.kind is CODES:
                self._check_codes(table, key, checked)
            yield setting, checked

    def _kind_limits(
        self, kind: str, limits: Mapping[str, Any], general: dict[str, Any]
    ) -> KindLimits:
        """The user's kind table beats the user's [limits], which beats the built-in limits."""
        table = f"limits.{kind}"
        own: dict[str, Any] = {}
        for setting, value in self._read_table(
            self._sub(limits, kind, "limits"), table, TABLES["limits"], ()
        ):
            if setting.owner is not KindLimits:
                raise self._fail(
                    table, f'"{setting.key}" applies to a whole root; set it in [limits]'
                )
            own[setting.field] = value
        return KIND_LIMITS[kind]._replace(**general)._replace(**own)

    def _check_codes(self, table: str, key: str, codes: tuple[str, ...]) -> None:
        for code in codes:
            problem = unknown_code(code, self.known_codes)
            if problem:
                raise self._fail(table, f'"{key}" names {problem}')

    def _check_synonym_sections(self, fields: Mapping[str, Any]) -> None:
        """Synonyms are for sections a summary has: a name that is none is a typo."""
        from milestone_lint.convention.headings import normalize
        from milestone_lint.convention.vocabulary import SUMMARY_SECTIONS, SUMMARY_SYNONYMS

        sections = [*SUMMARY_SECTIONS, *fields.get("summary_required_sections", ())]
        known = {normalize(name) for name in sections} | set(SUMMARY_SYNONYMS)
        for name in fields.get("summary_synonyms", {}):
            if normalize(name) not in known:
                raise self._fail(
                    "summary.synonyms",
                    f'"{name}" is not a summary section{_closest(name, sections)}',
                )

    def _code_table(
        self, raw: Mapping[str, Any], name: str
    ) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """``"glob" = [codes]`` entries, each named by its glob when it is wrong."""
        out: list[tuple[str, tuple[str, ...]]] = []
        for glob, value in raw.items():
            try:
                codes = CODE_TABLE.parse(value)
                refuse_bad_glob(glob)
            except Invalid as problem:
                raise self._fail(name, f'"{glob}"{problem}') from None
            self._check_codes(name, glob, codes)
            out.append((glob, codes))
        return tuple(out)
