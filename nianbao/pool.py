"""Run a pure function over many items on a process pool that survives its workers dying.

Parsing is CPU work, so `extract` and `crawl` spread it over one process per core. Two things
must never cost a whole run:
- a worker that dies (the kernel's out-of-memory killer on a 200 MB page, a crash in the HTML
  parser's C code, a stray `kill`): the items not finished yet are run again; the first ones,
  where the culprit is, one at a time in a process of their own, so only the item that kills
  its process is given up (`on_death(item)` stands for its result), and the rest go back to a
  full pool;
- Ctrl-C: workers ignore SIGINT (the terminal sends it to the whole process group); the main
  process cancels what is queued and waits only for the pages in hand. Workers are not killed
  then: one killed while writing its result leaves half a message in the result pipe, and the
  executor's manager thread waits for the rest of it forever (the interpreter then never exits).
"""

from __future__ import annotations

import signal
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many items a process pool costs more to start than it saves.
MIN_PARALLEL = 24


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # a forked worker inherits the CLI's SIGTERM handler (raise, unwind like Ctrl-C); a worker
    # told to stop (_stop, a `kill`) must die as before, not send the exception back as a result
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, initializer=_ignore_sigint)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Shut a broken pool down: queued work cancelled, what is left of its workers terminated."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for p in processes:
        p.terminate()
    for p in processes:
        p.join(5)


def run(fn: Callable[[T], R], items: Sequence[T], *, workers: int, on_death: Callable[[T], R],
        progress: Callable[[int, int], None] | None = None) -> list[R]:
    """`[fn(item) for item in items]`, in order, on `workers` processes (in this process when
    `workers` is 1 or there are few items). `fn` must not raise; `on_death(item)` is the result
    of an item whose process died twice under it."""
    total = len(items)
    out: list[R] = []

    def tick() -> None:
        if progress:
            progress(len(out), total)

    if workers <= 1 or total < MIN_PARALLEL:
        for item in items:
            out.append(fn(item))
            tick()
        return out
    _run_pool(fn, items, workers, on_death, out, tick)
    return out


def _run_pool(fn: Callable[[T], R], items: Sequence[T], workers: int, on_death: Callable[[T], R],
              out: list[R], tick: Callable[[], None]) -> None:
    start = 0
    while start < len(items):
        todo = items[start:]
        chunk = max(1, min(16, len(todo) // (4 * workers)))
        pool = _pool(workers)
        try:
            for result in pool.map(fn, todo, chunksize=chunk):
                out.append(result)
                tick()
            pool.shutdown()
            return
        except BrokenProcessPool:
            _stop(pool)
        except BaseException:  # Ctrl-C, or anything else: the queue is dropped, the pages in hand end
            pool.shutdown(wait=True, cancel_futures=True)
            raise
        # a worker died: results arrive in order, so the culprit is among the items handed out
        # and not yet returned: the chunks running and queued, about two per worker. Should it
        # lie further on, the next pool dies on it too and it is among the suspects then.
        start = len(out)
        suspects = items[start:start + (2 * workers + 2) * chunk]
        _one_by_one(fn, suspects, on_death, out, tick)
        start = len(out)


def _one_by_one(fn: Callable[[T], R], items: Sequence[T], on_death: Callable[[T], R],
                out: list[R], tick: Callable[[], None]) -> None:
    pool = _pool(1)
    try:
        for item in items:
            try:
                out.append(pool.submit(fn, item).result())
            except BrokenProcessPool:
                out.append(on_death(item))
                _stop(pool)
                pool = _pool(1)
            tick()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
