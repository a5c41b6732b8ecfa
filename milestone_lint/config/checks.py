"""What a configuration key accepts: each kind of value checks and converts a TOML value and
says its JSON schema, so the validator and the schema cannot disagree about a key's type.

Light on purpose (no imports beyond typing): the commit gate imports the declarations.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, NamedTuple


class Invalid(Exception):
    """A value a key does not accept. The message follows the quoted key: ``"roots"`` +
    `` must be a list of strings, got a string ('x')``."""

    @classmethod
    def expected(cls, what: str, got: Any) -> Invalid:
        return cls(f" must be {what}, got {describe(got)}")


class Kind(NamedTuple):
    """How a key's TOML value is checked and converted, and the JSON schema that says so."""

    parse: Callable[[Any], Any]
    schema: Mapping[str, Any]


def describe(value: Any) -> str:
    """A TOML value as an error message names it: its kind, and a scalar's text."""
    kind = {
        bool: "a boolean",
        int: "a number",
        float: "a number",
        str: "a string",
        list: "a list",
        dict: "a table",
    }.get(type(value), type(value).__name__)
    return f"{kind} ({value!r})" if not isinstance(value, (dict, list)) else kind


def _strings(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise Invalid.expected("a list of strings", value)
    return tuple(value)


def _whole_number(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise Invalid.expected("a whole number >= 0", value)
    return value


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise Invalid.expected("true or false", value)
    return value


def _path(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise Invalid.expected("a file path", value)
    return value


def _optional_file(value: Any) -> str:
    if not isinstance(value, str):
        raise Invalid.expected('a file path ("": none)', value)
    return value


def _folder(value: Any) -> str:
    if not isinstance(value, str):
        raise Invalid.expected('a folder path ("": the default place)', value)
    return value


def _globs(value: Any) -> tuple[str, ...]:
    patterns = _strings(value)
    for pattern in patterns:
        refuse_bad_glob(pattern)
    return patterns


def refuse_bad_glob(pattern: str) -> None:
    """Refuse a glob that cannot match what its author meant (empty, an unclosed ``[``, a
    reversed range…): the compiler that matches globs says why."""
    from milestone_lint.globs import glob_problem

    problem = glob_problem(pattern)
    if problem:
        raise Invalid(f': the glob "{pattern}" is malformed: {problem}')


def _codes(value: Any) -> tuple[str, ...]:
    return tuple(code.upper() for code in _strings(value))  # "ml3" is ML3


def _names(value: Any) -> tuple[str, ...]:
    return tuple(name.lower() for name in _strings(value))


def _system_files(value: Any) -> tuple[str, ...]:
    names = _strings(value)
    for name in names:
        if not name.startswith("0-"):
            raise Invalid(f' entry "{name}" must start with "0-"')
    if not any("summary" in n for n in names) or not any("lesson" in n for n in names):
        raise Invalid(
            ' must name a summary file (containing "summary") and a lessons file (containing'
            ' "lesson")'
        )
    return names


def _code_entry(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise Invalid.expected("a list of rule codes", value)
    return _codes(value)


def _synonym_table(value: Any) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, list) and all(isinstance(i, str) for i in v)
        for k, v in value.items()
    ):
        raise Invalid.expected('a table of section name = ["synonym", …]', value)
    return {k: tuple(v) for k, v in value.items()}


def one_of(*choices: str) -> Kind:
    """A string among ``choices``."""

    def parse(value: Any) -> str:
        if value not in choices:
            raise Invalid.expected("one of " + ", ".join(f'"{c}"' for c in choices), value)
        return str(value)

    return Kind(parse, {"enum": list(choices)})


_STRINGS_SCHEMA = {"type": "array", "items": {"type": "string"}}

STRINGS = Kind(_strings, _STRINGS_SCHEMA)
CODES = Kind(_codes, _STRINGS_SCHEMA)
"""Rule codes or prefixes, upper-cased; the validator checks them against the registry."""
GLOBS = Kind(_globs, _STRINGS_SCHEMA)
NAMES = Kind(_names, _STRINGS_SCHEMA)
"""Words compared without case, lower-cased."""
SYSTEM_FILES = Kind(_system_files, _STRINGS_SCHEMA)
WHOLE_NUMBER = Kind(_whole_number, {"type": "integer", "minimum": 0})
BOOLEAN = Kind(_boolean, {"type": "boolean"})
PATH = Kind(_path, {"type": "string", "minLength": 1})
OPTIONAL_FILE = Kind(_optional_file, {"type": "string"})
"""A file path, or "" for none (``config`` prints the default so, and it reads back)."""
FOLDER = Kind(_folder, {"type": "string"})
"""A folder path, or "" for the key's default place (decided where it is used)."""
SYNONYMS = Kind(_synonym_table, {"type": "object", "additionalProperties": _STRINGS_SCHEMA})
CODE_TABLE = Kind(_code_entry, {"type": "object", "additionalProperties": _STRINGS_SCHEMA})
"""A table of glob = [codes], which is its own TOML table: ``parse`` checks one entry's codes,
and the validator reads the table entry by entry, naming the glob where one is wrong."""
