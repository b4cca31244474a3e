"""Where the work of a stage runs: this process, worker processes, or a Dask cluster.

Cleaning a seed, an article's 5-gram sample, aligning a pair of reprints,
rendering an article page and its corpus.json record, scanning one archive for
copies: each needs only its own inputs. A stage hands such jobs, calls of plain
data that pickle (a `functools.partial` of a module-level function, never a
closure), to `run_jobs`, and the executor in force runs them:

- `Local(workers)`, the default: worker processes on this machine, one a core.
  They are forked from the build, so a job reaches its worker by number, not
  pickled; few jobs, or one worker, run here, where forking would cost more.
- `Serial()` (`--jobs 1`): everything in this process, in order, for debugging.
- `Cluster(address)` (`--scheduler tcp://HOST:PORT`): a Dask distributed
  scheduler's workers. Jobs are pickled to them; the results are the same.

`executing(executor)` sets the executor for the work inside it.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from contextvars import ContextVar
from functools import partial
from typing import Any, Generic, TypeVar, cast

from reader import settings
from reader.progress import QUIET, Progress

T = TypeVar("T")
S = TypeVar("S")


class Deferred(Generic[T]):
    """Work for this process while a stage's workers work (`run_jobs(..., alongside=d.run)`), or, when
    nothing ran it there (the stage came from the cache, or ran here), when its result is asked for."""

    def __init__(self, work: Callable[[], T]) -> None:
        self._work = work
        self._done = False
        self._value: T | None = None

    def run(self) -> None:
        if not self._done:
            self._value, self._done = self._work(), True

    def result(self) -> T:
        self.run()
        return cast(T, self._value)


class Serial:
    """Every job in this process, in order: `--jobs 1`, where a traceback leads straight to the bug."""

    def run(
        self, jobs: Sequence[Callable[[], T]], progress: Progress, alongside: Callable[[], object] | None
    ) -> list[T]:
        results = [_advanced(job(), progress) for job in jobs]
        if alongside:
            alongside()
        return results

    def map_shared(self, function: Callable[[S, Any], T], shared: S, items: Sequence[Any]) -> Iterator[T]:
        return (function(shared, item) for item in items)


# The jobs of the `Local.run` call under way, as each forked worker inherits them.
_JOBS: Sequence[Callable[[], object]] = ()


class Local:
    """Worker processes forked from this one (`workers`, default every core)."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or os.cpu_count() or 1

    def _forks(self, jobs: int) -> bool:
        forking = "fork" in multiprocessing.get_all_start_methods()
        return forking and self.workers > 1 and jobs >= settings.PARALLEL_MIN_JOBS

    def run(
        self, jobs: Sequence[Callable[[], T]], progress: Progress, alongside: Callable[[], object] | None
    ) -> list[T]:
        global _JOBS
        if not self._forks(len(jobs)):
            return Serial().run(jobs, progress, alongside)
        _JOBS = jobs
        try:
            with ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("fork")) as pool:
                # Chunks of jobs, so a worker asks for work fewer times than once a job; small ones
                # (some 32 a worker), so the worker left with the last chunk does not work long alone.
                chunk = max(1, min(32, len(jobs) // (self.workers * 32)))
                mapped = pool.map(_run, range(len(jobs)), chunksize=chunk)
                if alongside:
                    alongside()
                return [_advanced(cast(T, result), progress) for result in mapped]
        finally:
            _JOBS = ()

    def map_shared(self, function: Callable[[S, Any], T], shared: S, items: Sequence[Any]) -> Iterator[T]:
        """`function(shared, item)` for each item, in order, one item a job (each a whole archive's scan:
        forked workers inherit `shared`, however large, instead of receiving it pickled)."""
        global _JOBS
        jobs = [partial(function, shared, item) for item in items]
        if self.workers < 2 or len(jobs) < 2 or "fork" not in multiprocessing.get_all_start_methods():
            yield from Serial().map_shared(function, shared, items)
            return
        _JOBS = jobs
        try:
            with ProcessPoolExecutor(
                min(self.workers, len(jobs)), mp_context=multiprocessing.get_context("fork")
            ) as pool:
                yield from (cast(T, result) for result in pool.map(_run, range(len(jobs))))
        finally:
            _JOBS = ()


def _run(index: int) -> object:
    return _JOBS[index]()


class Cluster:
    """The workers of a Dask distributed scheduler at `address` ("tcp://HOST:PORT"). Each job is
    pickled to a worker (so it must be a call of plain data), and the results come back in order."""

    def __init__(self, address: str) -> None:
        from distributed import Client  # imported only when a cluster is asked for

        self.address = address
        self.client = Client(address, set_as_default=False)  # type: ignore[no-untyped-call]

    def run(
        self, jobs: Sequence[Callable[[], T]], progress: Progress, alongside: Callable[[], object] | None
    ) -> list[T]:
        futures = self.client.map(_call, jobs, pure=False)
        if alongside:
            alongside()
        return [_advanced(cast(T, future.result()), progress) for future in futures]

    def map_shared(self, function: Callable[[S, Any], T], shared: S, items: Sequence[Any]) -> Iterator[T]:
        """`function(shared, item)` on the cluster, item by item; `shared` is sent to every worker once."""
        sent = self.client.scatter(shared, broadcast=True)  # type: ignore[no-untyped-call]
        futures = self.client.map(function, [sent] * len(items), items, pure=False)
        return (future.result() for future in futures)

    def close(self) -> None:
        self.client.close()  # type: ignore[no-untyped-call]


def _call(job: Callable[[], T]) -> T:
    return job()


Executor = Serial | Local | Cluster
_EXECUTOR: ContextVar[Executor | None] = ContextVar("executor", default=None)  # None: Local()


@contextmanager
def executing(executor: Executor) -> Iterator[Executor]:
    """Run the work inside on `executor` (closing a cluster's connection afterwards)."""
    token = _EXECUTOR.set(executor)
    try:
        yield executor
    finally:
        _EXECUTOR.reset(token)
        if isinstance(executor, Cluster):
            executor.close()


def executor_for(jobs: int | None = None, scheduler: str | None = None) -> Executor:
    """The executor the command line asks for: a cluster (`--scheduler`, else the
    `DASK_SCHEDULER_ADDRESS` environment variable), one process (`--jobs 1`), or N worker processes."""
    address = scheduler or os.environ.get("DASK_SCHEDULER_ADDRESS")
    if address:
        return Cluster(address)
    if jobs == 1:
        return Serial()
    return Local(jobs)


def current() -> Executor:
    return _EXECUTOR.get() or Local()


def run_jobs(
    jobs: Sequence[Callable[[], T]], progress: Progress = QUIET, alongside: Callable[[], object] | None = None
) -> list[T]:
    """Each job's result, in order, from the executor in force. `alongside` is other work for this
    process, which would otherwise only wait: it runs while the workers work (after the jobs, when
    they run here)."""
    return current().run(jobs, progress, alongside)


def _advanced(result: T, progress: Progress) -> T:
    progress.advance()
    return result
