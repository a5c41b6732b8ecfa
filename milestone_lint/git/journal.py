"""One journal makes every writing command undoable: all of it happens, or none of it.

A writing command (``new handoff``, ``new milestone``, ``check --fix``, ``init``,
``baseline``) runs inside :func:`transaction`:

1. It takes the workspace's lock (``flock``; two commands never plan from the same tree, so
   two ``new handoff`` never take one number), and first undoes whatever a killed run left in
   the journal, saying so.
2. It plans its steps (``mkdir``, ``move``, ``create``, ``replace``, ``stage``) against the
   tree as it is under the lock (a tracked file's move carries its index entry, and the
   journal alone writes the index lines that move it, as ``git mv`` would), then
   :meth:`Transaction.apply` saves what undoing needs (a
   private copy of the git index, a backup and the mode of every file it will rewrite), writes
   the whole list of steps to the journal and syncs it, and only then makes the steps.
3. Leaving the ``with`` block normally removes the journal: that is the commit point. Any
   exception, or SIGINT, SIGTERM or SIGHUP, undoes every step in reverse, index included,
   before the command exits. After a SIGKILL or a power loss the journal is still there, and
   the next writing command undoes it first.

Every undo is conditional (a move is reverted only if it happened, a created file removed
only if it holds what was written), so undoing is right after an interruption at any point,
and repeating an undo is harmless. Files are written whole (a temporary file in the same
folder, then a link or a rename) and handled as bytes, so line endings, a BOM and the
encoding are kept; a rewritten file keeps its mode. Nothing is written outside the
workspace: paths are checked to lie inside it, and each file is made in a folder opened
component by component without following a symbolic link (:func:`open_folder`).

The journal lives under the git directory (``.git/milestone-lint/``), or, outside git, in
``.milestone-lint/`` in the folder the command works in (dot-entries are not part of a tree).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import signal
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from milestone_lint.errors import MilestoneLintError
from milestone_lint.paths import display

STATE_DIR = "milestone-lint"
OUTSIDE_GIT_STATE_DIR = ".milestone-lint"
JOURNAL = "journal.json"
LOCK_WAIT = 10.0
_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)
# Seconds to sleep before each step: lets a test (or a curious user) interrupt a run between
# two steps with a real signal. Never set in normal use.
STEP_DELAY_VARIABLE = "MILESTONE_LINT_STEP_DELAY"


class Interrupted(MilestoneLintError):
    """A signal stopped a writing command; its changes were undone."""

    def __init__(self, signum: int) -> None:
        name = signal.Signals(signum).name
        super().__init__(f"interrupted by {name}")
        self.signum = signum
        self.exit_code = 128 + signum


class Workspace:
    """Where a writing command works: the top of the work tree (or the folder outside git),
    the git index file when there is one, and the folder for the journal and the lock."""

    def __init__(self, top: Path, index: Path | None, state: Path) -> None:
        self.top = top
        self.index = index
        self.state = state

    @property
    def in_git(self) -> bool:
        return self.index is not None

    def path(self, rel: str) -> Path:
        return self.top / rel

    def rel(self, path: Path) -> str:
        """``path`` relative to the top, refused when it leaves the workspace."""
        absolute = Path(os.path.abspath(path))
        try:
            rel = absolute.relative_to(self.top).as_posix()
        except ValueError:
            raise MilestoneLintError(
                f"{display(str(path))}: outside {display(str(self.top))}; milestone-lint writes"
                " only inside the repository"
            ) from None
        return "" if rel == "." else rel


def open_workspace(cwd: Path) -> Workspace:
    """The git work tree holding ``cwd``, else ``cwd`` itself."""
    from milestone_lint.git.top import ask_top

    found = ask_top(cwd, (STATE_DIR, "index"))
    if found is None:
        top = Path(os.path.abspath(cwd))
        return Workspace(top, None, top / OUTSIDE_GIT_STATE_DIR)
    top, (state, index) = found
    return Workspace(top, index.absolute(), state.absolute())


# --- small file-system primitives --------------------------------------------------------------


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every system can sync a folder
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


# Every file the tool writes is reached without following a symbolic link: its folder is
# opened one component at a time from the file system's root with O_NOFOLLOW, and the file is
# made inside that open folder (a temporary file created with O_EXCL, then a link or a rename,
# which never write through a link at the destination). A committed link on the way (a
# `.milestone-lint-cache/.gitignore` pointing at ~/.config/git/ignore) is then an error, never
# a write outside the repository.
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_FOLDER = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | _NOFOLLOW


def open_folder(folder: Path, create: bool = False, mode: int = 0o777) -> int:
    """A descriptor of the absolute ``folder``, each of its components opened without
    following a link (OSError ELOOP or ENOTDIR when one is a link or not a folder); missing
    ones are made (with ``mode``) when ``create``. Give a path whose part that may hold
    links (the repository's own place) is resolved already."""
    if not folder.is_absolute() or ".." in folder.parts:
        raise OSError(errno.EINVAL, "not an absolute path without ..", str(folder))
    fd = os.open(folder.anchor, _FOLDER)
    try:
        for part in folder.parts[1:]:
            try:
                inner = os.open(part, _FOLDER, dir_fd=fd)
            except FileNotFoundError:
                if not create:
                    raise
                with contextlib.suppress(FileExistsError):  # made meanwhile: opened below
                    os.mkdir(part, mode, dir_fd=fd)
                inner = os.open(part, _FOLDER, dir_fd=fd)
            os.close(fd)
            fd = inner
    except BaseException:
        os.close(fd)
        raise
    return fd


def _folder_of(path: Path, top: Path | None) -> Path:
    """The folder ``path`` is written in, as :func:`open_folder` takes it: below ``top``
    (refused unless ``path`` lies lexically inside it), with ``top``'s own links resolved;
    without ``top``, the folder's links resolved (the tool's own state under the git
    directory, where nothing is committed)."""
    parent = Path(os.path.abspath(path)).parent
    if top is None:
        return Path(os.path.realpath(parent))
    try:
        below = parent.relative_to(os.path.abspath(top))
    except ValueError:
        raise MilestoneLintError(
            f"{display(str(path))}: outside {display(str(top))}; milestone-lint writes only"
            " inside the repository"
        ) from None
    return Path(os.path.realpath(top)) / below


def _write_temp(folder: int, name: str, data: bytes, mode: int | None, sync: bool = True) -> str:
    """A new file beside its destination in the open ``folder``, written and (unless not
    ``sync``) synced; its name, for the caller to link or rename."""
    temp = f".{name}.milestone-lint-{os.getpid()}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW
    fd = os.open(temp, flags, 0o666 if mode is None else 0o600, dir_fd=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if mode is not None:
                os.fchmod(handle.fileno(), mode)
            if sync:
                handle.flush()
                os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp, dir_fd=folder)
        raise
    return temp


def write_new_file(path: Path, data: bytes, top: Path | None = None) -> None:
    """Create ``path`` whole, never replacing anything (FileExistsError if something, a
    link included, is there); ``top``: the folder it must lie in, reached without links."""
    folder = open_folder(_folder_of(path, top))
    try:
        temp = _write_temp(folder, path.name, data, None)
        try:
            try:
                # Fails if anything is there: no overwrite, ever.
                os.link(temp, path.name, src_dir_fd=folder, dst_dir_fd=folder)
            except FileExistsError:
                raise
            except OSError:  # a file system without hard links
                try:
                    os.stat(path.name, dir_fd=folder, follow_symlinks=False)
                except FileNotFoundError:
                    os.rename(temp, path.name, src_dir_fd=folder, dst_dir_fd=folder)
                else:
                    raise FileExistsError(17, "File exists", str(path)) from None
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp, dir_fd=folder)
    finally:
        os.close(folder)


def replace_file(
    path: Path, data: bytes, mode: int | None, sync: bool = True, top: Path | None = None
) -> None:
    """Replace (or create) ``path`` whole with ``data``, with ``mode`` (None: the umask's);
    a link at ``path`` is replaced, never written through. ``top``: the folder it must lie
    in, reached without links. Without ``sync``, for what may be lost (a cache), nothing
    waits for the disk."""
    folder = open_folder(_folder_of(path, top))
    try:
        replace_in(folder, path.name, data, mode, sync)
    finally:
        os.close(folder)


def replace_in(folder: int, name: str, data: bytes, mode: int | None, sync: bool = True) -> None:
    """:func:`replace_file` for a file ``name`` of a folder already open (:func:`open_folder`)."""
    temp = _write_temp(folder, name, data, mode, sync)
    try:
        os.replace(temp, name, src_dir_fd=folder, dst_dir_fd=folder)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp, dir_fd=folder)
        raise


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read(path: Path) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        return None


# --- the transaction ---------------------------------------------------------------------------


class Transaction:
    """The steps of one writing command: planned, recorded, made, and undone on failure."""

    def __init__(self, workspace: Workspace, command: str) -> None:
        self.workspace = workspace
        self.command = command
        self.steps: list[dict[str, Any]] = []
        self._data: dict[str, bytes] = {}
        self._index_moves: list[str] = []  # update-index lines, staged by the next stage()
        self._applied = False
        self.recorded = False  # the journal is written: from here on, failures are undone

    # Planning: nothing is touched until apply().

    def _inside(self, rel: str) -> str:
        """Refuse a path that leaves the workspace or passes through a symbolic link."""
        path = self.workspace.path(rel)
        resolved = self.workspace.rel(path)
        parent = path.parent
        while parent != self.workspace.top and self.workspace.top in parent.parents:
            if parent.is_symlink():
                raise MilestoneLintError(
                    f"{display(resolved)}: {display(self.workspace.rel(parent))} is a symbolic"
                    " link; milestone-lint does not write through links (nothing was changed)"
                )
            parent = parent.parent
        if path.is_symlink():
            raise MilestoneLintError(
                f"{display(resolved)}: is a symbolic link; milestone-lint does not write"
                " through links (nothing was changed)"
            )
        return resolved

    def mkdir(self, rel: str) -> None:
        self.steps.append({"op": "mkdir", "path": self._inside(rel)})

    def move(self, src: str, dst: str, entry: tuple[str, str] | None = None) -> None:
        """Rename ``src`` to ``dst``; with ``entry`` (a tracked file's index mode and object
        id) the index renames it too, as ``git mv`` would, when the transaction stages."""
        src, dst = self._inside(src), self._inside(dst)
        self.steps.append({"op": "move", "src": src, "dst": dst})
        if entry is not None:
            mode, sha = entry
            # Mode 0 with a null object removes the old path's entry.
            self._index_moves += [f"0 {'0' * len(sha)}\t{src}", f"{mode} {sha}\t{dst}"]

    def create(self, rel: str, data: bytes) -> None:
        rel = self._inside(rel)
        self._data[rel] = data
        self.steps.append({"op": "create", "path": rel, "sha256": _digest(data)})

    def replace(self, rel: str, data: bytes) -> None:
        rel = self._inside(rel)
        self._data[rel] = data
        self.steps.append({"op": "replace", "path": rel})

    def planned(self, rel: str) -> bytes:
        """The bytes a planned ``create`` or ``replace`` step writes at ``rel`` (a preview
        shows them without applying anything)."""
        return self._data[rel]

    def stage(self, add: Sequence[str] = ()) -> None:
        """Index changes: the tracked moves recorded so far, then the paths in ``add``
        (nothing is recorded when there is neither, so the index is not even saved)."""
        index_info, self._index_moves = self._index_moves, []
        if not self.workspace.in_git or not (index_info or add):
            return
        self.steps.append(
            {"op": "stage", "index_info": index_info, "add": [self._inside(p) for p in add]}
        )

    # Applying.

    def apply(self) -> None:
        """Save what undoing needs, record every step, then make them in order."""
        if self._applied:
            raise RuntimeError("a transaction is applied once")
        self._applied = True
        self.stage()  # tracked moves no stage() has taken yet
        state = self.workspace.state
        state.mkdir(mode=0o700, parents=True, exist_ok=True)
        if any(step["op"] == "stage" for step in self.steps):
            self._save_index()
        for number, step in enumerate(self.steps):
            if step["op"] == "replace":
                step["backup"] = f"backup-{number}"  # taken just before the step is made
        record = {"command": self.command, "pid": os.getpid(), "started": time.time()}
        record["steps"] = self.steps
        replace_file(state / JOURNAL, json.dumps(record).encode(), 0o600)
        _fsync_dir(state)
        self.recorded = True
        delay = float(os.environ.get(STEP_DELAY_VARIABLE, "0") or 0)
        for step in self.steps:
            if delay:
                time.sleep(delay)
            self._make(step)

    def _save_index(self) -> None:
        index = self.workspace.index
        assert index is not None
        lock = index.with_name(index.name + ".lock")
        if lock.exists():
            raise MilestoneLintError(
                f"{display(str(lock))}: the git index is locked (another git command is running,"
                " or one crashed); wait, or remove the lock, then retry (nothing was changed)"
            )
        saved = _read(index)
        if saved is not None:
            replace_file(self.workspace.state / "index", saved, 0o600)

    def _make(self, step: dict[str, Any]) -> None:
        op = step["op"]
        ws = self.workspace
        if op == "mkdir":
            ws.path(step["path"]).mkdir()
        elif op == "move":
            source, target = ws.path(step["src"]), ws.path(step["dst"])
            if os.path.lexists(target):
                raise FileExistsError(17, "File exists", str(target))
            os.rename(source, target)
        elif op == "create":
            write_new_file(ws.path(step["path"]), self._data[step["path"]], ws.top)
        elif op == "replace":
            # The file may reach its path only by an earlier step (a moved handoff): its
            # backup is taken now, before it changes, and the undo finds it by name.
            path = ws.path(step["path"])
            before = path.read_bytes()
            mode = path.stat().st_mode & 0o7777
            replace_file(ws.state / step["backup"], before, 0o600)
            _fsync_dir(ws.state)
            replace_file(path, self._data[step["path"]], mode, top=ws.top)
        elif op == "stage":
            from milestone_lint.git import read as gitread

            if step["index_info"]:
                lines = "".join(line + "\0" for line in step["index_info"]).encode()
                gitread.git(["update-index", "-z", "--index-info"], ws.top, stdin=lines)
            if step["add"]:
                gitread.git(
                    ["--literal-pathspecs", "update-index", "--add", "--", *step["add"]], ws.top
                )


# --- undoing -----------------------------------------------------------------------------------


def _undo_step(workspace: Workspace, step: dict[str, Any]) -> None:
    op = step["op"]
    if op == "mkdir":
        folder = workspace.path(step["path"])
        if folder.is_dir() and not folder.is_symlink() and not any(folder.iterdir()):
            folder.rmdir()
    elif op == "move":
        source, target = workspace.path(step["src"]), workspace.path(step["dst"])
        if os.path.lexists(target) and not os.path.lexists(source):
            os.rename(target, source)
    elif op == "create":
        path = workspace.path(step["path"])
        if path.is_symlink() or not path.is_file():
            return
        data = _read(path)
        if data is not None and _digest(data) == step["sha256"]:
            path.unlink()
        elif data is not None:
            raise MilestoneLintError(
                f"{display(step['path'])} was changed since it was created; left in place"
            )
    elif op == "replace":
        backup = _read(workspace.state / step.get("backup", "-"))
        path = workspace.path(step["path"])
        if backup is not None and _read(path) != backup:
            # The rewrite kept the file's mode: the file's mode now is the one to keep.
            replace_file(path, backup, path.stat().st_mode & 0o7777, top=workspace.top)
    elif op == "stage":
        _restore_index(workspace)


def _restore_index(workspace: Workspace) -> None:
    """Put back the saved index, through git's own lock protocol (index.lock, then rename)."""
    index = workspace.index
    if index is None:
        return
    saved = _read(workspace.state / "index")
    if _read(index) == saved:
        return
    lock = index.with_name(index.name + ".lock")
    try:
        fd = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        raise MilestoneLintError(
            f"{display(str(lock))}: the git index is locked, so it could not be put back; when"
            " no git command is running, remove the lock and run any milestone-lint writing"
            " command to finish undoing"
        ) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            if saved is not None:
                handle.write(saved)
                handle.flush()
                os.fsync(handle.fileno())
        if saved is None:
            index.unlink(missing_ok=True)
            lock.unlink()
        else:
            os.replace(lock, index)
    except BaseException:
        lock.unlink(missing_ok=True)
        raise


def undo(workspace: Workspace) -> list[str]:
    """Undo the journal's steps in reverse; what could not be undone (journal then kept)."""
    journal = workspace.state / JOURNAL
    try:
        record = json.loads(journal.read_bytes())
        steps = record["steps"]
    except FileNotFoundError:
        return []
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return [f"{display(str(journal))}: unreadable journal ({exc}); remove it by hand"]
    problems: list[str] = []
    for step in reversed(steps):
        try:
            _undo_step(workspace, step)
        except MilestoneLintError as exc:
            problems.append(str(exc))
        except OSError as exc:
            problems.append(f"{display(str(exc.filename or ''))}: {exc.strerror}")
    if not problems:
        _clear(workspace)
    return problems


def _clear(workspace: Workspace) -> None:
    """Remove the journal (the commit point, or the end of an undo), then what it needed."""
    state = workspace.state
    (state / JOURNAL).unlink(missing_ok=True)
    _fsync_dir(state)
    for leftover in state.iterdir():
        if leftover.name == "index" or leftover.name.startswith(("backup-", ".")):
            leftover.unlink(missing_ok=True)


def recover(workspace: Workspace) -> None:
    """Undo what an interrupted run left behind, saying so; refuse to go on if it cannot."""
    journal = workspace.state / JOURNAL
    if not journal.exists():
        return
    try:
        record = json.loads(journal.read_bytes())
        what = f"`{record.get('command', 'a writing command')}` (pid {record.get('pid', '?')})"
    except (OSError, ValueError, AttributeError):
        what = "a writing command"
    problems = undo(workspace)
    if problems:
        raise MilestoneLintError(
            f"an interrupted {what} left changes that could not be undone: {'; '.join(problems)}"
        )
    from milestone_lint.terminal import echo

    echo(
        f"milestone-lint: an interrupted {what} had left changes behind; they were undone", err=True
    )


# --- locking and signals -----------------------------------------------------------------------


@contextlib.contextmanager
def _locked(workspace: Workspace) -> Iterator[None]:
    from milestone_lint.git.lock import held

    workspace.state.mkdir(mode=0o700, parents=True, exist_ok=True)
    with held(workspace.state / "lock", LOCK_WAIT) as mine:
        if not mine:
            raise MilestoneLintError(
                "another milestone-lint command is writing in"
                f" {display(str(workspace.top))}; wait for it to finish, then retry"
            )
        yield


@contextlib.contextmanager
def _handling_signals(handler: Any) -> Iterator[None]:
    """SIGINT, SIGTERM and SIGHUP go to ``handler`` (a function, or ``signal.SIG_IGN``)."""
    previous = {}
    for signum in _SIGNALS:
        with contextlib.suppress(ValueError):  # not the main thread: leave signals alone
            previous[signum] = signal.signal(signum, handler)
    try:
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)


def _raise_interrupted(signum: int, frame: object) -> None:
    """A signal becomes an exception, so that the undo runs before the command exits."""
    raise Interrupted(signum)


@contextlib.contextmanager
def transaction(cwd: Path, command: str) -> Iterator[Transaction]:
    """Run a writing command all or nothing (see the module's documentation)."""
    workspace = open_workspace(cwd)
    with _locked(workspace):
        recover(workspace)
        tx = Transaction(workspace, command)
        try:
            with _handling_signals(_raise_interrupted):
                yield tx
        except BaseException as exc:
            with _handling_signals(signal.SIG_IGN):  # an undo is never cut short
                problems = undo(workspace) if tx.recorded else []
                if not tx.recorded and tx._applied:
                    _clear(workspace)  # what apply() saved before failing: nothing changed
            if isinstance(exc, KeyboardInterrupt):
                exc = Interrupted(signal.SIGINT)
            if not tx.recorded:
                if isinstance(exc, (MilestoneLintError, GeneratorExit)) or not isinstance(
                    exc, Exception
                ):
                    raise exc from None
                raise MilestoneLintError(
                    f"{command}: {_describe(exc)}; nothing was changed"
                ) from None
            left = f"; could not undo: {'; '.join(problems)}" if problems else ""
            reason = exc if isinstance(exc, MilestoneLintError) else _describe(exc)
            error = MilestoneLintError(
                f"{command}: {reason}; every change was undone{left}"
                if not problems
                else f"{command}: {reason}{left}"
            )
            error.exit_code = getattr(exc, "exit_code", 2)
            raise error from None
        else:
            if tx._applied:
                _clear(workspace)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        where = f"{display(str(exc.filename))}: " if exc.filename else ""
        return f"{where}{exc.strerror or type(exc).__name__}"
    return f"{type(exc).__name__}: {exc}"
