"""On a Dask cluster: a real scheduler and two workers on loopback run find-copies and a build, byte for byte as here."""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys

import pytest

from bench.project import copy_project

from .conftest import ROOT, free_port, wait_for
from .warcs import article_page, response

pytestmark = pytest.mark.slow

ALASKA = "russian-chinese-bombers-patrol-near-alaska-joint-artifex-news"
AT = "china-russia-circle-wagons-asia-pacific-asia-times"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_project(ROOT, tmp_path_factory.mktemp("dask") / "project")


@pytest.fixture(scope="module")
def cluster(project):
    """`dask scheduler` and two `dask worker` processes, as a cluster runs them, importing the project."""
    from distributed import Client

    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": str(project)}
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "cwd": project, "env": env}
    scheduler = ["distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", str(port)]
    worker = ["distributed.cli.dask_worker", address, "--nworkers", "1", "--nthreads", "1", "--host", "127.0.0.1"]
    processes = [subprocess.Popen([sys.executable, "-m", *scheduler, "--dashboard-address", ":0"], **quiet)]
    try:
        for _ in range(2):
            processes.append(subprocess.Popen([sys.executable, "-m", *worker, "--dashboard-address", ":0"], **quiet))
        client = wait_for(lambda: _connected(Client, address), timeout=60)
        client.wait_for_workers(2, timeout=60)
        yield address, client
        client.close()
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            process.wait(timeout=30)


def _connected(client_type, address):
    try:
        return client_type(address, timeout=2, set_as_default=False)
    except OSError:
        return None


def run(project, *args):
    result = subprocess.run(
        [sys.executable, "build_site.py", *map(str, args)], capture_output=True, text=True, cwd=project
    )
    assert result.returncode == 0, result.stderr
    return result


def computed(client) -> dict[str, float]:
    """The seconds the cluster's workers spent computing tasks of each function: proof the work went there."""
    return client.run_on_scheduler(
        lambda dask_scheduler: {
            name: p.all_durations.get("compute", 0.0) for name, p in dask_scheduler.task_prefixes.items()
        }
    )


def test_find_copies_on_the_cluster_finds_what_a_local_run_finds(cluster, project, articles_by_id, tmp_path):
    address, client = cluster
    texts = {a: [p.text for p in articles_by_id[a].paragraphs if p.kind != "title"] for a in (ALASKA, AT)}
    haystack = tmp_path / "haystack"
    haystack.mkdir()
    for number, article_id in enumerate(texts):
        page = article_page("A copy", texts[article_id], site=f"Site {number}").encode()
        (haystack / f"crawl-{number}.warc.gz").write_bytes(response(f"https://copies.example/{number}", page))
    local = run(project, "find-copies", haystack, "--json", tmp_path / "local.json", "--jobs", "1")
    remote = run(project, "find-copies", haystack, "--json", tmp_path / "dask.json", "--scheduler", address)
    assert (tmp_path / "dask.json").read_bytes() == (tmp_path / "local.json").read_bytes()
    assert remote.stdout.replace("dask.json", "local.json") == local.stdout
    assert (
        b'"article": "china-russia-circle-wagons-asia-pacific-global-research"' in (tmp_path / "dask.json").read_bytes()
    )
    assert computed(client).get("scan", 0) > 0


def test_a_build_on_the_cluster_writes_the_same_pages(cluster, project, tmp_path):
    address, client = cluster
    before = computed(client).get("call", 0.0)  # Dask names a task after its function, less the leading "_"
    run(project, "build", "--docs", tmp_path / "local", "--jobs", "1")
    run(project, "build", "--docs", tmp_path / "dask", "--scheduler", address)
    compared = filecmp.dircmp(tmp_path / "local", tmp_path / "dask")
    assert _identical(compared)
    run(project, "export", tmp_path / "local.json", "--jobs", "1")
    env_run = subprocess.run(
        [sys.executable, "build_site.py", "export", str(tmp_path / "dask.json")],
        capture_output=True, text=True, cwd=project, env={**os.environ, "DASK_SCHEDULER_ADDRESS": address},
    )  # fmt: skip
    assert env_run.returncode == 0, env_run.stderr
    assert (tmp_path / "dask.json").read_bytes() == (tmp_path / "local.json").read_bytes()
    assert computed(client).get("call", 0.0) > before  # the seeds, samples, alignments, pages and records went there


def _identical(compared: filecmp.dircmp) -> bool:
    mismatched = filecmp.cmpfiles(compared.left, compared.right, compared.common_files, shallow=False)[1:]
    if compared.left_only or compared.right_only or any(mismatched):
        return False
    return all(_identical(sub) for sub in compared.subdirs.values())
