"""Extraction beyond one machine, on a Dask cluster.

Per-article extraction is a pure function of the article and the registry, so any
concurrent.futures.Executor can run it; a Dask `distributed` client provides one
(`client.get_executor()`), and `extract_corpus` maps its batches on it exactly as on the local
process pool. Caching, assembling, validating and publishing stay on the machine that builds.

    arms-data build --dask tcp://scheduler:8786       (an existing cluster)
    arms-data build --dask local                      (a LocalCluster on this machine's cores)
"""

from __future__ import annotations

import logging
import os
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def dask_executor(address: str, workers: int | None = None) -> Iterator:
    """An Executor on the Dask cluster at `address` ('local': a LocalCluster of worker processes,
    one thread each, started here and stopped on exit)."""
    from distributed import Client, LocalCluster

    if address == "local":
        cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR)
        client = Client(cluster)
    else:
        cluster, client = None, Client(address)
    try:
        yield client.get_executor()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
