"""Per-file findings kept between runs, keyed by what the file holds (as ruff's cache).

One JSON file per root and settings: ``<cache-dir>/<key>.json``, where the key hashes the
tool's version, this format's number, the effective configuration, the enabled rules and the
root. An entry is a file's path, its git blob id (so the working tree and the index share
entries: a file staged unchanged has the same id), its kind, its findings (suppressions
applied) and the questions its rules asked of the rest of the tree with their answers
(:class:`milestone_lint.rules.base.World`): the entry is used only while every answer holds.

The cache is an optimisation, never a source of errors: a missing, corrupt, foreign or
unwritable cache is judged afresh and, where it can be, rewritten whole (temporary file in the
same folder, then rename). Nothing in it is trusted to be code: it is JSON, read with bounds.
"""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path
from typing import Any, NamedTuple

from milestone_lint.config.schema import Config

FORMAT = 1
_IGNORE_ALL = "# Written by milestone-lint: nothing in this folder belongs in git.\n*\n"


def blob_id(data: bytes) -> str:
    """Git's id of a blob with these bytes (what ``git hash-object`` prints)."""
    digest = hashlib.sha1(b"blob %d\0" % len(data), usedforsecurity=False)
    digest.update(data)
    return digest.hexdigest()


def _plain(value: object) -> object:
    """Configuration values as JSON can spell them, in one order whatever the run."""
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "items"):
        return {str(k): _plain(v) for k, v in sorted(value.items())}
    return value


def settings_key(config: Config, rules: list[str], root: str) -> str:
    """What every cached finding of a root depends on besides the file itself."""
    import milestone_lint

    material = {
        "version": milestone_lint.__version__,
        "format": FORMAT,
        "config": _plain(config._asdict()),
        "rules": sorted(rules),
        "root": root,
    }
    text = json.dumps(material, sort_keys=True, default=repr)
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


class Entry(NamedTuple):
    """One file's cached judgement. ``findings``: [code, message, line, column, end line,
    end column]; ``asked``: [question, subject, answer]; ``stat``: the file's [ctime_ns,
    mtime_ns, size, inode] when its content was hashed (None: not to be trusted, hash it
    again)."""

    blob: str
    kind: str
    findings: list[list[Any]]
    asked: list[list[Any]]
    stat: list[int] | None = None


def _entry(raw: object) -> Entry | None:
    """An entry as read, or None when it is not one this version wrote."""
    if not isinstance(raw, list) or len(raw) != 5:
        return None
    blob, kind, findings, asked, stat = raw
    if not (isinstance(blob, str) and isinstance(kind, str)):
        return None
    if stat is not None and not (
        isinstance(stat, list) and len(stat) == 4 and all(type(n) is int for n in stat)
    ):
        return None
    if not isinstance(findings, list) or not isinstance(asked, list):
        return None
    for f in findings:
        if not (
            isinstance(f, list)
            and len(f) == 6
            and isinstance(f[0], str)
            and isinstance(f[1], str)
            and all(type(n) is int for n in f[2:])
        ):
            return None
    for a in asked:
        if not (isinstance(a, list) and len(a) == 3 and isinstance(a[0], str)):
            return None
    return Entry(blob, kind, findings, asked, stat)


class RootCache:
    """The cache file of one root under one set of settings."""

    def __init__(self, folder: Path, key: str) -> None:
        self.folder = folder
        self.path = folder / f"{key}.json"
        self._entries: dict[str, Any] | None = None
        self._changed = False

    def _load(self) -> dict[str, Any]:
        if self._entries is None:
            self._entries = {}
            try:
                with open(self.path, "rb") as handle:
                    data = json.loads(handle.read())
            except (OSError, ValueError, RecursionError):
                return self._entries
            if (
                isinstance(data, dict)
                and data.get("tool") == "milestone-lint"
                and data.get("format") == FORMAT
                and isinstance(data.get("files"), dict)
            ):
                self._entries = data["files"]
        return self._entries

    def holds(self, path: str) -> bool:
        """Whether the cache has an entry for ``path`` at all."""
        return path in self._load()

    def lookup(
        self, path: str, kind: str, blob: str | None = None, stat: list[int] | None = None
    ) -> Entry | None:
        """The entry of ``path`` when it was made as this kind from this content: the same
        blob, or (without reading the file) the same modification time, size and inode."""
        entry = _entry(self._load().get(path))
        if entry is None or entry.kind != kind:
            return None
        if stat is not None and entry.stat == stat:
            return entry
        if blob is not None and entry.blob == blob:
            if stat != entry.stat:
                self.put(path, entry._replace(stat=stat))  # touched, not changed
            return entry
        return None

    def put(self, path: str, entry: Entry) -> None:
        self._load()[path] = list(entry)
        self._changed = True

    def save(self, present: frozenset[str] | set[str]) -> None:
        """Write the cache whole, without entries of files no longer in the root; any
        failure leaves the previous file (or none): the next run judges afresh."""
        entries = self._load()
        gone = [p for p in entries if p not in present]
        if not self._changed and not gone:
            return
        for path in gone:
            del entries[path]
        # A file changed again within the clock's resolution of its hashing would keep its
        # times and size: as git does for its index, a stat that recent (its ctime, first) is
        # not trusted (the next run hashes the file once more, and keeps the stat then).
        recent = time.time_ns() - 2_000_000_000
        for raw in entries.values():
            stat = raw[4] if isinstance(raw, list) and len(raw) == 5 else None
            if isinstance(stat, list) and stat and isinstance(stat[0], int) and stat[0] > recent:
                raw[4] = None
        payload = json.dumps(
            {"tool": "milestone-lint", "format": FORMAT, "files": entries},
            separators=(",", ":"),
        ).encode()
        from milestone_lint.git.journal import replace_file

        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text(_IGNORE_ALL, encoding="utf-8")
            replace_file(self.path, payload, None, sync=False)
        except OSError:
            pass  # read-only checkout, full disk, a file in the way: run without a cache
