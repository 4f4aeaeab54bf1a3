"""Work on untrusted files in a child process under limits, so that no file can hold the
process that asked for more than a few seconds nor take its memory.

The child is a fork of the caller (a worker, or an app server for the upload check): it
starts in a few milliseconds with everything already imported, sets its own limits with
``resource.setrlimit`` (CPU seconds; address space, counted above what it inherited),
runs one function and sends back its result. The caller also stops waiting after a wall
clock delay (a child that sleeps uses no CPU) and kills it.

The function runs in a copy of the caller: it must not touch the database, the cache or
anything else shared (the connections are the caller's), only compute from its arguments.
"""

import multiprocessing
import os
import resource
import signal
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

_CONTEXT = multiprocessing.get_context("fork")


class LimitReached(Exception):
    """The child ran out of CPU time or memory, or did not answer in time."""


@dataclass(frozen=True)
class Limits:
    cpu_seconds: int
    memory_mb: int

    @property
    def wall_seconds(self) -> float:
        # Time to start and to hand the result back, beyond the CPU time itself.
        return self.cpu_seconds * 2 + 2


def _address_space() -> int:
    """The bytes of address space this process holds now (what the fork inherited)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _child(connection, function, args, limits: Limits) -> None:
    # SIGXCPU at the soft limit ends the process (its default action); the hard limit one
    # second later is SIGKILL, should the first be caught or ignored.
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds + 1))
    memory = _address_space() + limits.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    signal.signal(signal.SIGXCPU, signal.SIG_DFL)
    try:
        outcome = ("ok", function(*args))
    except MemoryError:
        outcome = ("limit", "mémoire")
    except Exception as error:  # the caller decides what a failure means
        outcome = ("error", f"{type(error).__name__}: {error}"[:500])
    connection.send(outcome)
    connection.close()


class ChildError(Exception):
    """The function raised in the child (its type and message, as text)."""


def run_limited(function: Callable[..., Any], *args: Any, limits: Limits) -> Any:
    """``function(*args)`` in a forked child under ``limits``: its result, or
    ``LimitReached`` (CPU, memory, time) or ``ChildError`` (it raised)."""
    receiving, sending = _CONTEXT.Pipe(duplex=False)
    child = _CONTEXT.Process(target=_child, args=(sending, function, args, limits), daemon=True)
    child.start()
    sending.close()
    try:
        if not receiving.poll(limits.wall_seconds):
            raise LimitReached("temps")
        try:
            status, value = receiving.recv()
        except EOFError as error:
            # Killed before it could answer: SIGXCPU or SIGKILL at the CPU limit, or the
            # kernel's answer to memory it could not map.
            raise LimitReached("processeur") from error
    finally:
        receiving.close()
        if child.is_alive():
            child.kill()
        child.join()
    if status == "limit":
        raise LimitReached(value)
    if status == "error":
        raise ChildError(value)
    return value
