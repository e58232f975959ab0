"""Starting a server for the load test and the benchmark: a free port, then wait for it."""

import socket
import time
import urllib.request


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):  # nosec B310 (our own server)
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)
