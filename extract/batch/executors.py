"""Where documents are parsed: a ``concurrent.futures`` executor, local or on Dask.

The runner only ever calls ``pool.executor.submit(run_task, task)`` and waits on
the ``concurrent.futures.Future`` objects it gets back. A local process pool and
Dask's ``client.get_executor()`` both give exactly that, so the choice of where to
run is made here and nowhere else. Dask is imported only when a cluster is asked for.

``cluster`` spellings: ``None`` (a local process pool of ``workers`` processes),
``local:N`` (a Dask ``LocalCluster`` of N single-threaded worker processes) or a
scheduler address such as ``tcp://HOST:8786`` (workers there need this package
installed and must see the files at the same paths). On Dask a document whose
worker died is retried on another worker (``DASK_RETRIES``); when every try
dies, Dask raises ``KilledWorker`` and the runner records that as the reason.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import os
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Optional

from ..errors import CouncilExtractError

DASK_RETRIES = 2  # a document whose worker died is tried again on another worker this many times


class ClusterError(CouncilExtractError):
    """A ``--cluster`` value that cannot be used (bad spelling, Dask missing, scheduler unreachable)."""

    exit_code = 2


@dataclass
class Pool:
    """An executor plus what the runner needs to know about it."""

    executor: cf.Executor
    slots: int  # tasks that can run at once (the runner keeps about twice this many in flight)
    label: str  # "2 local processes", "Dask LocalCluster, 3 workers", ...
    client: Any = None  # the Dask client, when there is one
    renew: Optional[Callable[[], cf.Executor]] = None  # a fresh executor after the old one broke (local pool)

    def replace_broken(self) -> bool:
        """Swap a broken executor for a fresh one; False when this kind cannot (Dask retries by itself)."""
        if self.renew is None:
            return False
        old = self.executor
        self.executor = self.renew()
        old.shutdown(wait=False, cancel_futures=True)
        return True


def default_workers() -> int:
    """The cores this process may use (affinity-aware), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


@contextmanager
def open_pool(workers: Optional[int] = None, cluster: Optional[str] = None) -> Iterator[Pool]:
    """An executor for the batch, shut down (pending tasks cancelled) on the way out."""
    if cluster:
        with _dask_pool(cluster, workers) as pool:
            yield pool
        return
    count = workers or default_workers()

    def start() -> cf.Executor:
        return cf.ProcessPoolExecutor(max_workers=count, mp_context=_mp_context(), initializer=_init_local_worker)

    pool = Pool(start(), count, f"{count} local process{'es' if count != 1 else ''}", renew=start)
    try:
        yield pool
    except BaseException:  # Ctrl-C or a bug: stop now rather than wait for documents in progress
        _kill_workers(pool.executor)
        raise
    finally:
        pool.executor.shutdown(wait=True, cancel_futures=True)


def _kill_workers(executor: cf.Executor) -> None:
    """Kill a process pool's workers (their per-document children die with them)."""
    for process in list((getattr(executor, "_processes", None) or {}).values()):
        try:
            process.kill()
        except Exception:
            pass


def _mp_context() -> Any:
    """``fork`` where there is one: workers start at once with the parent's imports, and
    need no importable ``__main__`` (stdin scripts, notebooks). Safe here because the
    parent has no threads when the pool starts its workers, and workers never touch the
    parent's open database. ``spawn`` elsewhere (macOS, Windows)."""
    linux = sys.platform.startswith("linux")  # macOS has fork, but system libraries there are not fork-safe
    return multiprocessing.get_context("fork" if linux else "spawn")


def _init_local_worker() -> None:
    """Runs in each pool worker: die with the parent (so a killed run leaves no orphans),
    ignore Ctrl-C (the parent decides what to do), load the parsers once."""
    import signal

    from .worker import set_parent_death_signal, warm

    set_parent_death_signal()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    warm()


def _warm_one_dask_worker() -> bool:
    """Load the parsers in a Dask worker, so each document's child process inherits them."""
    from .worker import warm

    warm()
    return True


def _warm_dask_workers(client: Any) -> None:
    """Warm every worker now (as the local pool's initializer does); a worker that cannot warm
    up still parses, only slower, so failures here are not fatal."""
    try:
        client.run(_warm_one_dask_worker)
    except Exception:  # a worker leaving mid-call: the task path still works
        pass


def parse_cluster(spec: str) -> tuple[str, Any]:
    """``local:N`` -> ("local", N); ``tcp://host:8786`` -> ("address", spec); else ``ClusterError``."""
    spec = spec.strip()
    if spec.startswith("local"):
        _, _, count = spec.partition(":")
        try:
            n = int(count) if count else default_workers()
        except ValueError:
            n = 0
        if n < 1:
            raise ClusterError(f"--cluster {spec!r}: use local:N with N a number of workers, e.g. local:4")
        return "local", n
    if "://" in spec or ":" in spec:
        return "address", spec
    raise ClusterError(f"--cluster {spec!r}: use tcp://HOST:8786 for a running scheduler or local:N")


@contextmanager
def _dask_pool(spec: str, workers: Optional[int]) -> Iterator[Pool]:
    kind, value = parse_cluster(spec)
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ClusterError("--cluster needs Dask: pip install 'council-extract[dask]'") from None
    cluster = None
    try:
        if kind == "local":
            cluster = LocalCluster(n_workers=value, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=50)
            client = Client(cluster)
            label = f"Dask LocalCluster, {value} worker{'s' if value != 1 else ''}"
        else:
            client = Client(value, timeout="10s")
            label = f"Dask scheduler {value}"
    except OSError as exc:
        if cluster is not None:
            cluster.close()
        raise ClusterError(f"--cluster {spec}: cannot reach the scheduler ({exc}); is it running?") from None
    try:
        _warm_dask_workers(client)
        slots = sum(client.nthreads().values()) or (workers or 1)
        executor = client.get_executor(pure=False, retries=DASK_RETRIES)
        yield Pool(executor, slots, label, client=client)
        executor.shutdown(wait=False)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
