"""Load generators of the benchmark: wrk when installed, else a small threaded Python client.

Both ask for one path again and again for a given time and give (requests/s, p50 ms, p95 ms);
`download` times whole downloads one after the other.
"""

import http.client
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

import requests

# wrk prints its summary through this script: requests, duration, p50, p95 (µs), errors.
WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), e.connect + e.read + e.write + e.status
    + e.timeout))
end
"""


def load(base: str, path: str, headers: dict, seconds: float, connections: int):
    """(requests/s, p50 ms, p95 ms) of `connections` clients asking for `path` for `seconds`."""
    if shutil.which("wrk"):
        return load_wrk(base + path, headers, seconds, connections)
    host, port = base.removeprefix("http://").split(":")
    latencies: list[float] = []
    failures: list[int] = []
    deadline = time.perf_counter() + seconds

    def client():
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            # A new connection each time: gunicorn's sync worker closes it after every response.
            connection = http.client.HTTPConnection(host, int(port), timeout=60)
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            connection.close()
            latencies.append(time.perf_counter() - start)
            if response.status != 200:
                failures.append(response.status)

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if failures:
        sys.exit(f"GET {path}: {len(failures)} responses not 200, e.g. {failures[0]}")
    cuts = statistics.quantiles(latencies, n=20, method="inclusive")
    return round(len(latencies) / elapsed, 1), round(cuts[9] * 1000, 1), round(cuts[18] * 1000, 1)


def load_wrk(url: str, headers: dict, seconds: float, connections: int):
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(WRK_SCRIPT)
        script.flush()
        command = ["wrk", "-t", "1", "-c", str(connections), "-d", f"{max(1, round(seconds))}s"]
        command += ["-s", script.name, "--timeout", "60s"]
        for key, value in headers.items():
            command += ["-H", f"{key}: {value}"]
        output = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout
    found = re.search(r"^BENCH (\d+) (\d+) (\d+) (\d+) (\d+)$", output, re.MULTILINE)
    count, duration, p50, p95, errors = (int(n) for n in found.groups())
    if errors:
        sys.exit(f"{url}: {errors} failed requests (errors or status >= 400)")
    return round(count / (duration / 1e6), 1), round(p50 / 1000, 1), round(p95 / 1000, 1)


def download(url: str, headers: dict, times: int):
    """The time of one full download (after one untimed), `times` times, one after the other."""
    requests.get(url, headers=headers, timeout=300).raise_for_status()
    seconds = []
    for _ in range(times):
        start = time.perf_counter()
        response = requests.get(url, headers=headers, timeout=300)
        response.raise_for_status()
        if not response.content.startswith(b"PK"):
            sys.exit(f"{url}: not an XLSX file")
        seconds.append(time.perf_counter() - start)
    mean = statistics.fmean(seconds)
    return (
        round(1 / mean, 2),
        round(statistics.median(seconds) * 1000, 1),
        round(max(seconds) * 1000, 1),
    )
