"""Run a program with its three standard streams piped, without importing ``subprocess``.

Why: git is run on every commit, and importing ``subprocess`` (with ``threading``,
``selectors``, ``signal`` and ``locale``) costs ~5 ms there, a tenth of what the whole hook
may take. On POSIX ``os.posix_spawnp`` with pipes and ``select.poll`` does the same work;
elsewhere (Windows) ``subprocess`` does it.

A child is fed its input while its output is read (``poll``), so no amount of input or
output can deadlock; its standard input is /dev/null unless it takes input.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping
from typing import Any

# Set to False to use ``subprocess`` (where posix_spawnp is missing, or to test that path).
USE_POSIX_SPAWN = hasattr(os, "posix_spawnp")
_CHUNK = 65536


class Child:
    """A started program: ``feed`` it input early if wanted, then ``communicate``."""

    def feed(self, data: bytes) -> None:
        """Send input now, without waiting (the rest is sent by :meth:`communicate`)."""
        raise NotImplementedError

    def communicate(self, data: bytes = b"") -> tuple[int, bytes, bytes]:
        """Send the rest of the input, close it, read everything: (exit code, out, err)."""
        raise NotImplementedError


def start(argv: list[str], env: Mapping[str, str] | None = None, stdin: bool = False) -> Child:
    """Start ``argv`` (looked up on PATH); OSError when it cannot be started."""
    if USE_POSIX_SPAWN:
        return _Spawned(argv, env, stdin)
    return _Popen(argv, env, stdin)


def _above_stdio(fd: int) -> int:
    """Move a pipe end off 0-2: with a standard stream closed, a new pipe may land there, and
    the child's dup2 onto that same number would keep it close-on-exec."""
    if fd > 2:
        return fd
    import fcntl

    moved = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 3)
    os.close(fd)
    return moved


def _pipe() -> tuple[int, int]:
    read, write = os.pipe()  # both close-on-exec: the child keeps only what is dup2'ed
    return _above_stdio(read), _above_stdio(write)


class _Spawned(Child):
    def __init__(self, argv: list[str], env: Mapping[str, str] | None, stdin: bool) -> None:
        out_r, out_w = _pipe()
        err_r, err_w = _pipe()
        in_r, in_w = _pipe() if stdin else (-1, -1)
        actions: list[tuple[int, int, int] | tuple[int, int, str, int, int]] = [
            (os.POSIX_SPAWN_DUP2, in_r, 0)
            if stdin
            else (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
            (os.POSIX_SPAWN_DUP2, out_w, 1),
            (os.POSIX_SPAWN_DUP2, err_w, 2),
        ]
        try:
            self.pid = os.posix_spawnp(
                argv[0], argv, os.environ if env is None else env, file_actions=actions
            )
        except BaseException:
            for fd in (out_r, err_r, in_w):
                if fd >= 0:
                    os.close(fd)
            raise
        finally:
            for fd in (out_w, err_w, in_r):
                if fd >= 0:
                    os.close(fd)
        self.out = out_r
        self.err = err_r
        self.input = in_w
        self.pending = b""
        if in_w >= 0:
            os.set_blocking(in_w, False)

    def _write_some(self) -> None:
        try:
            written = os.write(self.input, self.pending[:_CHUNK])
        except BlockingIOError:
            return
        except BrokenPipeError:  # the program stopped reading: the rest is not wanted
            written = len(self.pending)
        self.pending = self.pending[written:]

    def feed(self, data: bytes) -> None:
        self.pending += data
        self._write_some()

    def communicate(self, data: bytes = b"") -> tuple[int, bytes, bytes]:
        import select

        self.pending += data
        out, err = self.out, self.err
        chunks: dict[int, list[bytes]] = {out: [], err: []}
        poller = select.poll()
        for fd in chunks:
            poller.register(fd, select.POLLIN)
        if self.input >= 0:
            if self.pending:
                poller.register(self.input, select.POLLOUT)
            else:
                os.close(self.input)
                self.input = -1
        reading = set(chunks)
        try:
            self._pump(poller, chunks, reading)
        except BaseException:
            # Interrupted (a signal's exception): the child must not go on working behind
            # our back, e.g. writing the git index while an undo puts it back.
            self._stop()
            raise
        _, status = os.waitpid(self.pid, 0)
        code = os.waitstatus_to_exitcode(status)
        return code, b"".join(chunks[out]), b"".join(chunks[err])

    def _stop(self) -> None:
        import signal

        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGTERM)  # git removes its lock files on SIGTERM
        with contextlib.suppress(OSError):
            os.waitpid(self.pid, 0)
        for fd in (self.out, self.err, self.input):
            with contextlib.suppress(OSError):
                if fd >= 0:
                    os.close(fd)

    def _pump(self, poller: Any, chunks: dict[int, list[bytes]], reading: set[int]) -> None:
        while reading or self.input >= 0:
            for fd, _ in poller.poll():
                if fd == self.input:
                    self._write_some()
                    if not self.pending:
                        poller.unregister(fd)
                        os.close(fd)
                        self.input = -1
                    continue
                chunk = os.read(fd, _CHUNK)
                if chunk:
                    chunks[fd].append(chunk)
                else:
                    poller.unregister(fd)
                    os.close(fd)
                    reading.discard(fd)
                    if fd == self.out:
                        self.out = -1
                    else:
                        self.err = -1


class _Popen(Child):
    def __init__(self, argv: list[str], env: Mapping[str, str] | None, stdin: bool) -> None:
        import subprocess

        self.process = subprocess.Popen(
            argv,
            stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )

    def feed(self, data: bytes) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def communicate(self, data: bytes = b"") -> tuple[int, bytes, bytes]:
        out, err = self.process.communicate(data or None)
        return self.process.returncode, out, err
