"""Building the next chunk of a file while the database writes the last one.

A write pass alternates two kinds of work: building a chunk's rows (Python, holding the
interpreter lock) and waiting for Neo4j to write them (a socket read, which releases it).
:func:`prefetched` runs the building in a thread of its own, one chunk ahead, so that the
two overlap. The writes stay in one thread and in file order: only the building moves.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from typing import TypeVar

__all__ = ["prefetched"]

T = TypeVar("T")

#: Chunks built ahead of the one being written; each holds a chunk's rows in memory.
AHEAD = 1


class _End:
    """Put after the last item; carries the producer's exception, if it raised one."""

    def __init__(self, error: BaseException | None = None) -> None:
        self.error = error


def prefetched(items: Iterator[T], ahead: int = AHEAD) -> Iterator[T]:
    """Yield ``items`` as they are, computing each next one in a background thread.

    Parameters
    ----------
    items
        An iterator whose ``next`` is worth running beside the caller's work.
    ahead
        How many items may wait, built, for the caller.

    Yields
    ------
    T
        The items, in order.

    Raises
    ------
    BaseException
        Whatever ``items`` raised, in the caller's thread, after the items before it.

    Examples
    --------
    >>> list(prefetched(iter(range(5))))
    [0, 1, 2, 3, 4]
    """
    waiting: queue.Queue[T | _End] = queue.Queue(maxsize=ahead)
    stop = threading.Event()

    def hand_over(item: T | _End) -> bool:
        """Queue ``item`` for the caller; False if the caller stopped first."""
        while not stop.is_set():
            try:
                waiting.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not hand_over(item):
                    return
            end = _End()
        except BaseException as error:  # handed to the caller, who decides
            end = _End(error)
        hand_over(end)

    producer = threading.Thread(target=produce, name="linkwatch-prefetch", daemon=True)
    producer.start()
    try:
        while True:
            item = waiting.get()
            if isinstance(item, _End):
                if item.error is not None:
                    raise item.error
                return
            yield item
    finally:
        stop.set()
        producer.join()
        close = getattr(items, "close", None)
        if close is not None:
            close()  # a generator's files and the like, released now rather than when collected
