"""Extraction on a Dask cluster: the same code, fanned out.

``dask_extract(documents, address)`` sends documents in batches to the
workers of a ``distributed`` cluster (``"local"`` starts a LocalCluster here;
``"tcp://host:8786"`` joins an existing scheduler; :func:`check_address` refuses
anything else before a build starts). Each worker process loads
the spaCy model once (``load_model`` is cached per process) and returns plain
:class:`~kg.types.Extraction` records; the caller writes them, in input order,
with one writer.
"""
from __future__ import annotations

from typing import Iterable, Iterator

from kg.errors import InputError, KGError, WorkerError
from kg.extract.link import Link, set_user_entries, user_entries
from kg.extract.pipeline import batches, in_order
from kg.types import Document, Extraction, Failure

__all__ = ["check_address", "dask_extract"]

#: how long to keep trying to reach a scheduler before giving up
CONNECT_TIMEOUT = "20s"
_ADDRESS_HINT = "give 'local' (a LocalCluster on this machine) or a scheduler address such as tcp://HOST:8786"


def check_address(address: str) -> None:
    """Raise :class:`InputError` unless ``address`` is "local" or a scheduler address with a
    protocol and, for tcp and tls, a port."""
    if address == "local":
        return
    try:
        from distributed.comm.addressing import parse_address, parse_host_port
    except ImportError:
        raise KGError("--dask needs the distributed package: pip install 'dask[distributed]'") from None
    try:
        protocol, location = parse_address(address, strict=True)
        if protocol in ("tcp", "tls"):
            parse_host_port(location)
    except ValueError:
        raise InputError(f"--dask {address!r} is not a scheduler address; {_ADDRESS_HINT}") from None


def _extract_batch(batch: list[Document], model: str | None,
                   gazetteer: dict[str, Link]) -> list[Extraction | Failure]:
    from kg.extract.nlp import load_model
    from kg.extract.pipeline import extract

    set_user_entries(gazetteer)  # the user's --gazetteer, loaded on the machine that runs kg build
    return list(extract(batch, load_model(model), failures=True))


def dask_extract(documents: Iterable[Document], address: str, model: str | None = None, batch_size: int = 32,
                 workers: int = 2, in_flight: int = 8) -> Iterator[Extraction | Failure]:
    """Yield Extractions in input order, computed on a Dask cluster (a document the rules fail on
    yields a :class:`~kg.types.Failure`, as with :func:`~kg.extract.pipeline.extract_parallel`).

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
        check_address(address)
        try:
            client = Client(address, timeout=CONNECT_TIMEOUT)
        except OSError as e:
            raise WorkerError(f"{address}: cannot reach the Dask scheduler ({e}); is it running?") from None
    try:
        gazetteer = user_entries()
        tasks = (client.submit(_extract_batch, batch, model, gazetteer, pure=False)
                 for batch in batches(documents, batch_size))
        yield from in_order(tasks, in_flight, lambda future: _result(future, address))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _result(future, address: str) -> list[Extraction | Failure]:
    """A batch's Extractions; kg's own errors (a worker without the model) pass through as they are,
    any other failure of the task or the cluster becomes a :class:`WorkerError`."""
    try:
        return future.result()
    except KGError:
        raise
    except Exception as e:  # a worker that died, a lost connection, an exception in the task
        raise WorkerError(f"{address}: a Dask task failed ({type(e).__name__}: {e})") from None
