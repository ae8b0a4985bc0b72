"""Run many small pure jobs on several cores: forked workers and this process share a
queue of slices and take the next one until none is left.

Used for the event, era, theme and actor pages, the bulk of a large site: at 10,000
events they take half of the rendering time, and the timeline and the downloads the
other half. A forked worker starts with a copy of everything already in memory (the
dataset, the Jinja environment), so nothing has to be sent to it. It writes what it
renders, slice by slice, to an unnamed temporary file, which this process reads once
the queue is empty. (At 10,000 events a worker renders about 90 MB of Markdown; through
a pipe the worker kept waiting for this busy process to read, and handing it back took
about a second, four times what the file takes.)

The jobs are pure, so a worker that fails or dies costs nothing but time: this process
renders its slices again (and, if a job itself is at fault, raises its error here).
Fork is unsafe in a process that runs other threads (MkDocs' live-reload server does),
so only the command line asks for workers. Where fork does not exist (Windows), or with
no worker, everything runs in this process.
"""

from __future__ import annotations

import multiprocessing
import pickle
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager


@contextmanager
def run_in_background(jobs: Sequence[Callable], workers: int, size: int = 50) -> Iterator[Callable[[], list]]:
    """Start running ``jobs`` in ``workers`` forked processes, in slices of ``size``, and
    yield a function that joins in, then returns every job's result in order."""
    slices = [range(start, min(start + size, len(jobs))) for start in range(0, len(jobs), size)]
    if workers < 1 or len(slices) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield lambda: [job() for job in jobs]
        return

    context = multiprocessing.get_context("fork")
    next_slice = context.Value("i", 0)  # shared by every process; holds its own lock

    def run_slices(finished: Callable[[int, list], None]) -> None:
        while True:
            with next_slice.get_lock():
                index = next_slice.value
                next_slice.value += 1
            if index >= len(slices):
                return
            finished(index, [jobs[i]() for i in slices[index]])

    def worker(handback) -> None:
        # Each slice is written as soon as it is done, so that little is left to write
        # when the queue runs dry and this process is waited for.
        run_slices(lambda index, values: pickle.dump((index, values), handback, protocol=pickle.HIGHEST_PROTOCOL))
        handback.flush()

    handbacks = [tempfile.TemporaryFile() for _ in range(workers)]
    processes = [context.Process(target=worker, args=(handback,), daemon=True) for handback in handbacks]
    for process in processes:
        process.start()

    def results() -> list:
        done: dict[int, list] = {}
        run_slices(done.__setitem__)
        for process, handback in zip(processes, handbacks):
            process.join()
            if process.exitcode == 0:  # otherwise its slices are missing, and rendered below
                handback.seek(0)
                while handback.peek(1):
                    index, values = pickle.load(handback)
                    done[index] = values
        for index, indices in enumerate(slices):
            if index not in done:
                done[index] = [jobs[i]() for i in indices]
        return [result for index in range(len(slices)) for result in done[index]]

    try:
        yield results
    finally:  # also when the caller failed: the workers' pages are no longer wanted
        for process in processes:
            if process.is_alive():
                process.kill()
            process.join()
        for handback in handbacks:
            handback.close()
