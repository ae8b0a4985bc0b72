"""Rendering on several cores gives exactly what one core gives, and survives a lost worker."""

from __future__ import annotations

import os
import time

import pytest
from conftest import REPO
from explainer.cli import read_data_files, read_schemas, read_site_info
from explainer.pages import render
from explainer.pages.parallel import run_in_background
from explainer.pipeline import load_dataset

MAIN = os.getpid()


def square(n):
    return n * n


@pytest.mark.parametrize("workers", [0, 1, 3])
def test_results_come_back_complete_and_in_order(workers):
    jobs = [lambda n=n: square(n) for n in range(1001)]
    with run_in_background(jobs, workers, size=7) as results:
        assert results() == [n * n for n in range(1001)]


def slow_pid():
    time.sleep(0.002)
    return os.getpid()


def test_the_work_is_shared_with_a_forked_worker():
    jobs = [slow_pid for _ in range(400)]
    with run_in_background(jobs, 1, size=5) as results:
        pids = results()
    assert MAIN in pids and set(pids) - {MAIN}, "both processes should have rendered slices"


def die_in_a_worker(n, marker):
    time.sleep(0.001)
    if os.getpid() != MAIN:
        marker.touch()
        os._exit(9)  # a worker killed part-way: no result, no error message
    return n


def test_a_lost_worker_costs_only_time(tmp_path):
    marker = tmp_path / "a worker died"
    jobs = [lambda n=n: die_in_a_worker(n, marker) for n in range(300)]
    with run_in_background(jobs, 1, size=10) as results:
        assert results() == list(range(300))
    assert marker.exists()


def test_an_error_in_a_job_is_raised_here():
    def broken():
        raise ValueError("a bug in a renderer")

    with pytest.raises(ValueError, match="a bug in a renderer"):
        with run_in_background([broken] * 20, 1, size=2) as results:
            results()


def test_the_site_rendered_by_two_processes_is_the_same(monkeypatch):
    data = load_dataset(read_data_files(REPO / "data"))
    site, schemas = read_site_info(REPO), read_schemas(REPO)
    one = render.render_site(data, site, schemas, jobs=1)
    monkeypatch.setattr(render, "PARALLEL_FROM_EVENTS", 1)  # the real data is small: force the forking path
    assert render.render_site(data, site, schemas, jobs=2) == one
    assert list(render.render_site(data, site, schemas, jobs=3)) == list(one)
