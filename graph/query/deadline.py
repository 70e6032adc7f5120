"""Work that must stop at a deadline: run it in a worker process and kill the process.

pyoxigraph cannot cancel a running query, so the only way to stop one is to end the
process that runs it. This module is the one place that does it, for the CLI
(``query --timeout``) and for the endpoint (``serve --timeout``):

- a **worker** is a process that builds its state once (``setup()``: a store opened
  read-only, or the CLI's store inherited by ``fork``) and then answers jobs sent over a
  pipe. A job is a picklable callable ``job(state) -> value``;
- a **deadline** is an absolute :func:`time.monotonic` time. Waiting for a free worker
  counts against it (a request's deadline runs from its arrival), and so does the work;
- a job still running at its deadline, or whose caller went away, costs its worker: the
  process is killed and a fresh one takes its place. Nothing the job did is kept.

:class:`WorkerPool` is the blocking form (the CLI); :class:`AsyncWorkerPool` the asyncio
form (the endpoint), which also stops a job when the task awaiting it is cancelled (the
client disconnected).

>>> with WorkerPool(int, method="fork") as pool:
...     pool.run(_Add(2), deadline_after(30))
2
"""

from __future__ import annotations

import asyncio
import math
import multiprocessing
import queue
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from ..errors import ActorGraphError, QueryError, QueryTimeoutError, UsageError

__all__ = [
    "DeadlineExceeded",
    "WorkerDied",
    "WorkerPool",
    "AsyncWorkerPool",
    "deadline_after",
    "check_timeout",
    "MAX_TIMEOUT",
]

S = TypeVar("S")

#: The longest timeout accepted, in seconds (one day): beyond it a deadline means nothing.
MAX_TIMEOUT = 86_400.0


class DeadlineExceeded(QueryTimeoutError):
    """The deadline passed; ``queued`` tells whether no worker ever became free."""

    def __init__(self, queued: bool):
        self.queued = queued
        super().__init__("no worker became free in time" if queued else "the work ran too long")


class WorkerDied(QueryError):
    """The worker process ended without an answer (a crash in the library, or a kill)."""

    def __init__(self) -> None:
        super().__init__("the worker process ended without an answer")


def deadline_after(seconds: float) -> float:
    """The deadline ``seconds`` from now (a :func:`time.monotonic` time)."""
    return time.monotonic() + seconds


def check_timeout(seconds: float, option: str = "--timeout") -> float:
    """``seconds`` if it is a usable timeout, else :class:`UsageError`.

    >>> check_timeout(2.5)
    2.5
    >>> check_timeout(float("inf"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    actorgraph.errors.UsageError: --timeout must be a number of seconds above 0 ...
    """
    if not (math.isfinite(seconds) and 0 < seconds <= MAX_TIMEOUT):
        raise UsageError(
            f"{option} must be a number of seconds above 0 and at most {MAX_TIMEOUT:g} "
            f"(one day), not {seconds:g}"
        )
    return seconds


@dataclass(eq=False)
class _Worker:
    process: multiprocessing.process.BaseProcess
    connection: Any  # multiprocessing.connection.Connection


def _worker_main(setup: Callable[[], Any], connection) -> None:
    """A worker process: build the state, then answer jobs until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the pool stops its workers itself
    state = setup()
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return
        connection.send(_outcome(job, state))


def _outcome(job: Callable[[Any], Any], state: Any) -> tuple[bool, Any]:
    """``(True, value)``, or ``(False, (error class, message))``; never raises."""
    try:
        return True, job(state)
    except ActorGraphError as error:
        return False, (type(error), str(error), vars(error))
    except Exception:  # a bug: keep the worker alive and tell the operator
        traceback.print_exc(file=sys.stderr)
        return False, (QueryError, "internal error; see the log", {})


def _unwrap(outcome: tuple[bool, Any]) -> Any:
    """The value, or the worker's error raised again: same class, message and attributes."""
    ok, value = outcome
    if ok:
        return value
    kind, message, attributes = value
    error = kind.__new__(kind)
    Exception.__init__(error, message)
    error.__dict__.update(attributes)
    raise error


class _Pool(Generic[S]):
    """Starting and killing workers; the subclasses decide how callers wait."""

    def __init__(
        self,
        setup: Callable[[], S],
        size: int = 1,
        method: str = "forkserver",
        preload: Sequence[str] = (),
    ):
        self._context = multiprocessing.get_context(method)
        if method == "forkserver" and preload:
            self._context.set_forkserver_preload(list(preload))
        self._setup = setup
        self._lock = threading.Lock()
        self._all: set[_Worker] = set()
        self._closing = False
        self.size = size

    def _start(self) -> _Worker:
        receiver, sender = self._context.Pipe()
        process = self._context.Process(
            target=_worker_main, args=(self._setup, sender), daemon=True
        )
        process.start()
        sender.close()
        worker = _Worker(process, receiver)
        with self._lock:
            self._all.add(worker)
        return worker

    def _stop(self, worker: _Worker) -> None:
        worker.process.kill()
        worker.process.join(5)
        worker.connection.close()
        with self._lock:
            self._all.discard(worker)

    def close(self) -> None:
        """Kill every worker; jobs still running end with :class:`WorkerDied`."""
        with self._lock:
            self._closing = True
            workers = list(self._all)
        for worker in workers:
            self._stop(worker)

    @property
    def closing(self) -> bool:
        with self._lock:
            return self._closing

    def __enter__(self):
        return self

    def __exit__(self, *_exc) -> None:
        self.close()


class WorkerPool(_Pool[S]):
    """A blocking pool: :meth:`run` waits in the calling thread."""

    def __init__(self, setup: Callable[[], S], size: int = 1, **options):
        super().__init__(setup, size, **options)
        self._idle: queue.Queue[_Worker] = queue.Queue()
        for _ in range(size):
            self._idle.put(self._start())

    def run(
        self,
        job: Callable[[S], Any],
        deadline: float,
        cancelled: threading.Event | None = None,
    ) -> Any:
        """``job(state)`` from a worker, or :class:`DeadlineExceeded` at ``deadline``.

        Setting ``cancelled`` stops the job as the deadline would. Errors the job raises
        come back as the same :mod:`actorgraph.errors` class with the same message.
        """
        try:
            worker = self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise DeadlineExceeded(queued=True) from None
        try:
            worker.connection.send(job)
            while not worker.connection.poll(_slice(deadline, cancelled)):
                if time.monotonic() >= deadline or (cancelled and cancelled.is_set()):
                    self._replace(worker)
                    raise DeadlineExceeded(queued=False)
            outcome = worker.connection.recv()
        except (EOFError, OSError):
            self._replace(worker)
            raise WorkerDied() from None
        self._idle.put(worker)
        return _unwrap(outcome)

    def _replace(self, worker: _Worker) -> None:
        self._stop(worker)
        if not self.closing:
            self._idle.put(self._start())


def _slice(deadline: float, cancelled: threading.Event | None) -> float:
    remaining = max(0.0, deadline - time.monotonic())
    return min(remaining, 0.1) if cancelled is not None else remaining


class AsyncWorkerPool(_Pool[S]):
    """An asyncio pool: :meth:`run` is a coroutine; cancelling it kills the job's worker.

    Create it inside the event loop that will use it (it starts the workers there).
    """

    def __init__(self, setup: Callable[[], S], size: int = 1, **options):
        super().__init__(setup, size, **options)
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        for _ in range(size):
            self._idle.put_nowait(self._start())
        self._restarts: set[asyncio.Task] = set()

    async def run(self, job: Callable[[S], Any], deadline: float) -> Any:
        """``job(state)`` from a worker, or :class:`DeadlineExceeded` at ``deadline``."""
        loop = asyncio.get_running_loop()
        if self._idle.empty():
            try:
                worker = await asyncio.wait_for(self._idle.get(), _left(deadline))
            except TimeoutError:
                raise DeadlineExceeded(queued=True) from None
        else:
            worker = self._idle.get_nowait()
        try:
            worker.connection.send(job)
            await _readable(loop, worker.connection, deadline)
            outcome = worker.connection.recv()
        except TimeoutError:
            self._replace(worker)
            raise DeadlineExceeded(queued=False) from None
        except asyncio.CancelledError:
            self._replace(worker)
            raise
        except (EOFError, OSError):
            self._replace(worker)
            raise WorkerDied() from None
        self._idle.put_nowait(worker)
        return _unwrap(outcome)

    def _replace(self, worker: _Worker) -> None:
        """Kill ``worker`` and reap it now; start its successor off the event loop.

        Reaping at once matters: a killed writer's lock on the store is only seen as free
        once its process is gone, and the next write may come at once.
        """
        self._stop(worker)  # SIGKILL then join: milliseconds

        async def restart() -> None:
            if self.closing:
                return
            fresh = await asyncio.to_thread(self._start)
            if self.closing:
                await asyncio.to_thread(self._stop, fresh)
            else:
                self._idle.put_nowait(fresh)

        task = asyncio.get_running_loop().create_task(restart())
        self._restarts.add(task)
        task.add_done_callback(self._restarts.discard)


def _left(deadline: float) -> float:
    return max(0.0, deadline - time.monotonic())


async def _readable(loop: asyncio.AbstractEventLoop, connection, deadline: float) -> None:
    """Return once ``connection`` has data (or was closed); TimeoutError at ``deadline``."""
    if connection.poll(0):
        return
    ready = loop.create_future()
    descriptor = connection.fileno()

    def wake() -> None:
        if not ready.done():
            ready.set_result(None)

    def late() -> None:
        if not ready.done():
            ready.set_exception(TimeoutError())

    loop.add_reader(descriptor, wake)
    timer = loop.call_later(_left(deadline), late)
    try:
        await ready
    finally:
        timer.cancel()
        loop.remove_reader(descriptor)


@dataclass(frozen=True)
class _Add:
    """A job for the doctest: the state plus ``n``."""

    n: int

    def __call__(self, state: int) -> int:
        return state + self.n
