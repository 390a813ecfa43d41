"""The per-article stage on a Dask distributed cluster (optional extra: ``summarizer[dask]``).

Only the per-article work (tokenising each article for the story grouping) is sent to the
workers; the grouping itself (TF-IDF, the radius search and the clustering) and the briefings
run on the client, so the output is byte-identical to a local run.
"""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from .errors import SummarizerError

Item = TypeVar("Item")
Result = TypeVar("Result")
Map = Callable[[Callable[[Item], Result], Sequence[Item]], list[Result]]

CONNECT_TIMEOUT = "30s"
# A first plain TCP connection, so that a wrong host or port fails at once: Dask's client keeps
# retrying a refused connection until CONNECT_TIMEOUT.
PROBE_TIMEOUT = 5.0


@contextlib.contextmanager
def dask_map(address: str) -> Iterator[Map]:
    """A ``map`` that runs on the Dask scheduler at ``address`` and keeps the input order."""
    try:
        from dask.distributed import Client
    except ImportError:
        raise SummarizerError(
            "--dask needs the optional extra: pip install 'summarizer[dask]'"
        ) from None
    _probe(address)
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as error:
        raise SummarizerError(f"cannot reach the Dask scheduler at {address}: {error}") from None

    def run(function: Callable[[Item], Result], items: Sequence[Item]) -> list[Result]:
        # pure=False: every article is its own task, even when two are equal.
        futures = client.map(function, list(items), pure=False)
        return list(client.gather(futures))

    try:
        yield run
    finally:
        client.close()


def _probe(address: str) -> None:
    """Fail at once when nothing listens at a ``tcp://host:port`` address (other schemes, and
    addresses without a port, are left to Dask)."""
    scheme, _, location = address.rpartition("://")
    host, _, port = location.rpartition(":")
    if scheme not in ("", "tcp") or not host or not port.isdigit():
        return
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=PROBE_TIMEOUT).close()
    except OSError as error:
        reason = error.strerror or str(error) or type(error).__name__
        raise SummarizerError(f"cannot reach the Dask scheduler at {address}: {reason}") from None
