"""Jobs on every core, or in one process: results in order, run by forked workers once there are enough of
them. (On a Dask cluster: tests/test_dask.py, with a real scheduler and workers.)"""

import io
import os

import pytest

from reader import settings
from reader.parallel import Local, Serial, executing, executor_for, run_jobs
from reader.progress import Progress


def test_enough_jobs_run_in_other_processes_and_come_back_in_order(monkeypatch):
    if (os.cpu_count() or 1) < 2:
        pytest.skip("one core: every job runs in this process")
    monkeypatch.setattr(settings, "PARALLEL_MIN_JOBS", 4)
    parent = os.getpid()
    # Forked workers inherit the jobs: here even a closure runs (a cluster needs picklable jobs).
    results = run_jobs([lambda n=n: (n * n, os.getpid()) for n in range(50)])
    assert [square for square, _ in results] == [n * n for n in range(50)]
    assert parent not in {pid for _, pid in results}


def test_few_jobs_run_here():
    parent = os.getpid()
    assert run_jobs([os.getpid] * (settings.PARALLEL_MIN_JOBS - 1)) == [parent] * (settings.PARALLEL_MIN_JOBS - 1)


@pytest.mark.parametrize("minimum", [4, 1000], ids=["in workers", "here"])
def test_a_failing_job_raises_its_error(monkeypatch, minimum):
    monkeypatch.setattr(settings, "PARALLEL_MIN_JOBS", minimum)

    def fails():
        raise ValueError("job 7 failed")

    jobs = [lambda: 1] * 7 + [fails] + [lambda: 1] * 8
    with pytest.raises(ValueError, match="job 7 failed"):
        run_jobs(jobs)


def test_each_finished_job_advances_the_progress_line(monkeypatch):
    monkeypatch.setattr(settings, "PARALLEL_MIN_JOBS", 4)
    progress = Progress(io.StringIO(), enabled=True)
    progress.stage("rendering pages", 12)
    run_jobs([lambda: None] * 12, progress)
    assert progress.done == 12
    assert progress.stream.getvalue().endswith("rendering pages: 12/12")


@pytest.mark.parametrize("minimum", [4, 1000], ids=["in workers", "here"])
def test_work_alongside_runs_once_whether_the_jobs_run_in_workers_or_here(monkeypatch, minimum):
    monkeypatch.setattr(settings, "PARALLEL_MIN_JOBS", minimum)
    done = []
    assert run_jobs([lambda: 2] * 10, alongside=lambda: done.append(os.getpid())) == [2] * 10
    assert done == [os.getpid()]
    run_jobs([], alongside=lambda: done.append("with no jobs too"))
    assert done[-1] == "with no jobs too"


def test_jobs_1_runs_every_job_in_this_process_in_order(monkeypatch):
    monkeypatch.setattr(settings, "PARALLEL_MIN_JOBS", 4)
    order = []
    with executing(executor_for(jobs=1)) as executor:
        assert isinstance(executor, Serial)
        results = run_jobs([lambda n=n: order.append(n) or os.getpid() for n in range(50)])
    assert results == [os.getpid()] * 50 and order == list(range(50))


def test_the_executor_is_chosen_from_the_options(monkeypatch):
    monkeypatch.delenv("DASK_SCHEDULER_ADDRESS", raising=False)
    assert isinstance(executor_for(), Local) and executor_for(jobs=3).workers == 3
    assert isinstance(executor_for(jobs=1), Serial)


def test_a_bug_in_a_job_keeps_its_traceback_under_jobs_1():
    def broken():
        return {}["boom"]

    with executing(Serial()), pytest.raises(KeyError) as raised:
        run_jobs([broken])
    assert any(entry.name == "broken" for entry in raised.traceback)
