"""Helpers of the tests that run things at once: functions released together in threads,
and a free local port for a process of their own."""

from __future__ import annotations

import socket
import threading


def run_together(functions) -> list:
    """Call each function in its own thread, all released at once; their results."""
    barrier = threading.Barrier(len(functions))
    results: list = [None] * len(functions)

    def run(index, function):
        barrier.wait()
        results[index] = function()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
