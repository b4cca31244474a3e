"""Work on every core: the stages whose items do not depend on each other.

Cleaning a seed, a MinHash signature, aligning a pair of reprints, rendering
an article page and its corpus.json record each need only their own inputs.
`run_jobs` runs such jobs in worker processes forked from the build
itself: a worker starts with everything the build holds, finds its job by
number in the list it inherited, and sends back only the result. Nothing is
pickled on the way in, so a job can be any function call. Few jobs, or one
core, run here: forking would cost more than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Generic, TypeVar, cast

from reader import settings
from reader.progress import QUIET, Progress

T = TypeVar("T")


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


# The jobs of the `run_jobs` call under way, as each forked worker inherits them.
_JOBS: Sequence[Callable[[], object]] = ()


def run_jobs(
    jobs: Sequence[Callable[[], T]], progress: Progress = QUIET, alongside: Callable[[], object] | None = None
) -> list[T]:
    """Each job's result, in order. `alongside` is other work for this process, which would
    otherwise only wait: it runs while the workers work (after the jobs, when they run here)."""
    global _JOBS
    cores = os.cpu_count() or 1
    if len(jobs) < settings.PARALLEL_MIN_JOBS or cores < 2 or "fork" not in multiprocessing.get_all_start_methods():
        results = [_advanced(job(), progress) for job in jobs]
        if alongside:
            alongside()
        return results
    _JOBS = jobs
    try:
        with ProcessPoolExecutor(cores, mp_context=multiprocessing.get_context("fork")) as pool:
            # Chunks of jobs, so a worker asks for work a few dozen times, not once per job.
            mapped = pool.map(_run, range(len(jobs)), chunksize=max(1, min(32, len(jobs) // (cores * 8))))
            if alongside:
                alongside()
            return [_advanced(cast(T, result), progress) for result in mapped]
    finally:
        _JOBS = ()


def _run(index: int) -> object:
    return _JOBS[index]()


def _advanced(result: T, progress: Progress) -> T:
    progress.advance()
    return result
