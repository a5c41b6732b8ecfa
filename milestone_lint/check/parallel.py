"""Sharing a whole-tree run among the CPUs: forked children, each sending back its results.

``multiprocessing`` costs an import, a pool of workers beside an idle parent, and a task
queue; a run needs none of that. Here the parent forks one child per extra CPU, judges the
first share itself, then reads each child's pickled results from a pipe. The children inherit
the run's state (its configuration, its layout, a git source's blobs) and pickle nothing but
what they found. A child that fails, or cannot be forked, has its share judged by the parent.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def usable_cpus() -> int:
    """The CPUs this process may run on (its affinity, e.g. `taskset` or a container's cpuset),
    not all the machine has: a process pinned to one CPU gains nothing from forking."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether forking is possible and safe: a POSIX system, more than one usable CPU, and no
    other thread (a thread holding a lock at the fork would leave the child stuck on it; the
    MCP server runs its tools in threads)."""
    if not hasattr(os, "fork") or usable_cpus() < 2:
        return False
    threading = sys.modules.get("threading")
    return threading is None or threading.active_count() == 1


def _child(work: Callable[[T], R], share: T, out: int) -> None:
    """In the child: do the share, send the pickled result, leave without cleanup (the
    parent's buffers and exit handlers are not the child's to run)."""
    import pickle
    import signal

    code = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        data = pickle.dumps(work(share), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(out, "wb") as pipe:
            pipe.write(data)
        code = 0
    finally:
        os._exit(code)


def map_forked(work: Callable[[T], R], shares: Sequence[T]) -> list[R]:
    """``[work(share) for share in shares]``, the shares after the first in forked children."""
    # Here, not at import: the commit path imports this module and never forks.
    import pickle
    import signal

    children: list[tuple[int, int, int]] = []  # pid, read end, share index
    try:
        for index in range(1, len(shares)):
            read, write = os.pipe()
            try:
                pid = os.fork()
            except OSError:
                os.close(read)
                os.close(write)
                break  # no more processes to be had: the parent does the rest
            if pid == 0:
                os.close(read)
                _child(work, shares[index], write)
            os.close(write)
            children.append((pid, read, index))
        results: dict[int, R] = {0: work(shares[0])}
        while children:
            pid, read, index = children[0]
            with os.fdopen(read, "rb") as pipe:
                children[0] = (pid, -1, index)  # the pipe is closed by the with, whatever happens
                data = pipe.read()
            _, status = os.waitpid(pid, 0)
            children.pop(0)
            if status == 0 and data:
                results[index] = pickle.loads(data)
        return [results[i] if i in results else work(shares[i]) for i in range(len(shares))]
    finally:
        for pid, read, _ in children:  # interrupted: no child outlives the run
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGTERM)
                os.waitpid(pid, 0)
            if read >= 0:
                with contextlib.suppress(OSError):
                    os.close(read)
