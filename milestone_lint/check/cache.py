"""Per-file findings kept between runs, keyed by what the file holds (as ruff's cache).

One JSON file per root and settings: ``<cache-dir>/<key>.json``, where the key hashes the
tool's version, this format's number, the effective configuration, the enabled rules and the
root. An entry is a file's path, its git blob id (so the working tree and the index share
entries: a file staged unchanged has the same id), its kind, its findings (suppressions
applied) and the questions its rules asked of the rest of the tree with their answers
(:class:`milestone_lint.rules.base.World`): the entry is used only while every answer holds.

The cache is an optimisation, never a source of errors: a missing, corrupt, foreign or
unwritable cache is judged afresh and, where it can be, rewritten whole (temporary file in the
same folder, then rename). It is the tool's, never the repository's: anyone can compute a blob
id, so an entry is never trusted to be true, only to be well formed (known codes, positions
inside the file, bounded messages; anything else and the file is judged afresh), and a folder
that is tracked, reached through a link, or holds what the tool did not write is not used
(:func:`untrusted`). Every file is opened without following links, FIFOs and devices never
(``O_NONBLOCK``, then a regular file or nothing), and read within :data:`MAX_BYTES`.
"""

# No ``from __future__ import annotations``: NamedTuple compiles string annotations into
# ForwardRefs at import (about 50 µs a field, on every commit); real ones cost nothing.

import hashlib
import json
import os
import re
import stat as stats
import time
from pathlib import Path
from typing import Any, NamedTuple

from milestone_lint.check.documents import MAX_FINDINGS, MAX_MARKS
from milestone_lint.config.schema import Config
from milestone_lint.rules.registry import CODES

FORMAT = 1
_IGNORE_ALL = "# Written by milestone-lint: nothing in this folder belongs in git.\n*\n"
# A cache file past this is neither read nor written. The corpus trees' entries average 325
# bytes (183 files: 31 KB), so 32 MiB holds ~100,000 files; parsing it takes ~1.4 s and
# ~220 MB here (124 MiB took 5.4 s and 845 MB): beyond that a cache costs more memory than a
# linter may, and a /dev/zero behind its name is read no further.
MAX_BYTES = 32 * 1024 * 1024
# Rules quote at most diagnostics.EXCERPT (80) characters of a file, twice at most: their
# longest message is under 400 characters. A longer one was not written by this version.
MAX_MESSAGE = 2_000
# No file with more lines than documents.MAX_MARKS is judged (it is reported at line 1).
MAX_LINE = MAX_MARKS + 1
# Where a file's size is not known (the index source hashes nothing): a column SARIF and
# JUnit readers can hold (32-bit).
MAX_COLUMN = 2**31 - 1
MAX_SUBJECT = 4_096  # a link target or a file name asked about (PATH_MAX)
_ANSWERS: dict[str, type] = {"exists": bool, "named": list, "future": bool, "sources": list}
_OWN_NAME = re.compile(r"[0-9a-f]{32}\.json|\.gitignore|\..+\.milestone-lint-\d+\.tmp")
MAX_ENTRIES = 1_000  # cache files in one folder (one per root and settings)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


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


def _is_int(value: object, low: int, high: int) -> bool:
    return type(value) is int and low <= value <= high


def _finding(row: object, lines: int, columns: int) -> bool:
    """Whether ``row`` is a finding this version could have made in a file of that many
    lines and columns at most (0, 0 for the end: none known)."""
    if not (isinstance(row, list) and len(row) == 6):
        return False
    code, message, line, column, end_line, end_column = row
    if code not in CODES or not (isinstance(message, str) and len(message) <= MAX_MESSAGE):
        return False
    if not (_is_int(line, 1, lines) and _is_int(column, 1, columns)):
        return False
    if end_line == 0 and end_column == 0:
        return True
    return (
        _is_int(end_line, line, lines)
        and _is_int(end_column, 1, columns + 1)  # an end may be just past the last character
        and (end_line > line or end_column >= column)
    )


def _question(row: object) -> bool:
    """Whether ``row`` is a question a rule asks (:class:`~milestone_lint.rules.base.World`)
    with an answer of its kind."""
    if not (isinstance(row, list) and len(row) == 3):
        return False
    question, subject, answer = row
    kind = _ANSWERS.get(question) if isinstance(question, str) else None
    if kind is None or not (isinstance(subject, str) and len(subject) <= MAX_SUBJECT):
        return False
    if kind is list:
        return isinstance(answer, list) and all(
            isinstance(name, str) and len(name) <= MAX_SUBJECT for name in answer
        )
    return type(answer) is kind


def _entry(raw: object, size: int | None = None) -> Entry | None:
    """An entry as read, or None when it is not one this version could have written for a
    file of ``size`` bytes (None: not known): a file of n bytes has at most n + 1 lines."""
    if not isinstance(raw, list) or len(raw) != 5:
        return None
    blob, kind, findings, asked, stat = raw
    if not (isinstance(blob, str) and isinstance(kind, str)):
        return None
    # Every entry of a warm run passes through here (1,400 on a large tree): the common
    # entry (a stat, no finding, no question) is checked without a call per element.
    if stat is not None:
        if type(stat) is not list or len(stat) != 4:
            return None
        ctime, mtime, length, inode = stat
        if not (
            type(ctime) is int
            and type(mtime) is int
            and type(length) is int
            and type(inode) is int
            and 0 <= ctime < 2**64
            and 0 <= mtime < 2**64
            and 0 <= length < 2**64
            and 0 <= inode < 2**64
        ):
            return None
    if type(findings) is not list or type(asked) is not list:
        return None
    if findings:
        if len(findings) > MAX_FINDINGS:
            return None
        lines = MAX_LINE if size is None else min(MAX_LINE, size + 1)
        columns = MAX_COLUMN if size is None else size + 1
        if not all(_finding(f, lines, columns) for f in findings):
            return None
    if asked and (len(asked) > MAX_FINDINGS or not all(_question(a) for a in asked)):
        return None
    return Entry(blob, kind, findings, asked, stat)


def read_bounded(folder: int, name: str, limit: int) -> bytes | None:
    """The bytes of the regular file ``name`` in the open ``folder`` when it holds at most
    ``limit``; None when it is missing, a link, a FIFO, a device, a folder or larger (never
    waiting on a FIFO, never reading more than ``limit`` + 1 bytes)."""
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | _NOFOLLOW, dir_fd=folder)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stats.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        return None if total > limit else b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(fd)


def untrusted(folder: Path) -> str | None:
    """Why the cache folder (its links resolved up to the part the repository may hold) is
    not to be used, or None: a component is a link or not a folder, or it holds anything but
    the cache's own regular files (a folder of the tree: its ``*`` .gitignore would hide new
    files from git), or one larger than :data:`MAX_BYTES`."""
    from milestone_lint.git.journal import open_folder

    try:
        fd = open_folder(folder)
    except FileNotFoundError:
        return None  # made on first use
    except OSError:
        return "is a symbolic link, reached through one, or not a folder"
    try:
        return _foreign(fd)
    finally:
        os.close(fd)


def _foreign(folder: int) -> str | None:
    """What in the open cache ``folder`` the tool did not write, or None."""
    try:
        with os.scandir(folder) as entries:
            for count, entry in enumerate(entries):
                if count >= MAX_ENTRIES:
                    return f"holds over {MAX_ENTRIES:,} files"
                if not _OWN_NAME.fullmatch(entry.name):
                    return f"holds files that are not the cache's ({entry.name})"
                info = entry.stat(follow_symlinks=False)
                if not stats.S_ISREG(info.st_mode):
                    return f"holds {entry.name}, which is not a regular file"
                if info.st_size > MAX_BYTES:
                    return f"holds {entry.name}, over {MAX_BYTES >> 20} MiB"
    except OSError as exc:
        return f"cannot be listed ({exc.strerror})"
    return None


class RootCache:
    """The cache file of one root under one set of settings, in ``folder`` (an absolute
    path whose links are resolved up to the part the repository may hold: the rest is
    opened without following any)."""

    def __init__(self, folder: Path, key: str) -> None:
        self.folder = folder
        self.path = folder / f"{key}.json"
        self._entries: dict[str, Any] | None = None
        self._changed = False
        self._usable = True  # False: something not the tool's is in the way, never written

    def _load(self) -> dict[str, Any]:
        if self._entries is None:
            self._entries = {}
            from milestone_lint.git.journal import open_folder

            try:
                folder = open_folder(self.folder)
            except FileNotFoundError:
                return self._entries
            except OSError:
                self._usable = False
                return self._entries
            try:
                # Asked here too: a hook's run takes the folder as given, unchecked.
                if _foreign(folder) is not None:
                    self._usable = False
                    return self._entries
                try:
                    os.stat(self.path.name, dir_fd=folder, follow_symlinks=False)
                except FileNotFoundError:
                    return self._entries
                raw = read_bounded(folder, self.path.name, MAX_BYTES)
            except OSError:
                raw = None
            finally:
                os.close(folder)
            if raw is None:
                self._usable = False  # a link, a FIFO, a device, too large: left alone
                return self._entries
            try:
                data = json.loads(raw)
            except (ValueError, RecursionError):
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
        blob, or (without reading the file) the same modification time, size and inode; and
        when it is well formed for a file of that size (else None: judged afresh)."""
        entry = _entry(self._load().get(path), stat[2] if stat is not None else None)
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
        failure leaves the previous file (or none): the next run judges afresh. Nothing is
        written where the load found something in the way, nor past :data:`MAX_BYTES`."""
        entries = self._load()
        gone = [p for p in entries if p not in present]
        if not self._usable or (not self._changed and not gone):
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
        if len(payload) > MAX_BYTES:
            return
        from milestone_lint.git.journal import open_folder, replace_in

        try:
            folder = open_folder(self.folder, create=True)
        except OSError:
            return  # read-only checkout, a file or a link in the way: run without a cache
        try:
            _ignore_all(folder)
            replace_in(folder, self.path.name, payload, None, sync=False)
        except OSError:
            pass  # full disk, no permission: run without a cache
        finally:
            os.close(folder)


def _ignore_all(folder: int) -> None:
    """A ``.gitignore`` of ``*`` in the open ``folder``, made only where there is none (a
    link there is left alone, never written through)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW
    try:
        fd = os.open(".gitignore", flags, 0o666, dir_fd=folder)
    except FileExistsError:
        return
    with os.fdopen(fd, "wb") as handle:
        handle.write(_IGNORE_ALL.encode())
