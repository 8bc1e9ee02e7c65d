"""Extraction on a Dask cluster: the same code, fanned out.

``dask_extract(documents, address)`` sends documents in batches to the
workers of a ``distributed`` cluster (``"local"`` starts a LocalCluster here;
``"tcp://host:8786"`` joins an existing scheduler). Each worker process loads
the spaCy model once (``load_model`` is cached per process) and returns plain
:class:`~kg.types.Extraction` records; the caller writes them, in input order,
with one writer.
"""
from __future__ import annotations

from collections import deque
from typing import Iterable, Iterator

from kg.errors import KGError
from kg.extract.link import Link, set_user_entries, user_entries
from kg.extract.pipeline import batches
from kg.types import Document, Extraction

__all__ = ["dask_extract"]


def _extract_batch(batch: list[Document], model: str | None, gazetteer: dict[str, Link]) -> list[Extraction]:
    from kg.extract.nlp import load_model
    from kg.extract.pipeline import extract

    set_user_entries(gazetteer)  # the user's --gazetteer, loaded on the machine that runs kg build
    return list(extract(batch, load_model(model)))


def dask_extract(documents: Iterable[Document], address: str, model: str | None = None, batch_size: int = 32,
                 workers: int = 2, in_flight: int = 8) -> Iterator[Extraction]:
    """Yield Extractions in input order, computed on a Dask cluster.

    At most ``in_flight`` batches are submitted at a time, so memory stays bounded
    however many documents there are. The user gazetteer loaded here (``--gazetteer``)
    travels with every batch, so workers on other machines link with it too.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise KGError("--dask needs the distributed package: pip install 'dask[distributed]'") from None
    cluster = None
    if address == "local":
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    else:
        try:
            client = Client(address, timeout="20s")
        except OSError as e:
            raise KGError(f"{address}: cannot reach the Dask scheduler ({e}); is it running?") from None
    try:
        queue: deque = deque()
        gazetteer = user_entries()
        for batch in batches(documents, batch_size):
            queue.append(client.submit(_extract_batch, batch, model, gazetteer, pure=False))
            if len(queue) >= in_flight:
                yield from queue.popleft().result()
        while queue:
            yield from queue.popleft().result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
