"""Load generator for bench/run.py: fire a fixed number of GETs at one path and print JSON.

It runs in its own process because importing locust monkey-patches the standard library
with gevent; run.py manages the gunicorn server with plain subprocesses and must not be
patched. Usage (normally called by run.py only):

    python bench/load.py --host http://127.0.0.1:PORT --path / --requests 2000 --concurrency 8

A fixed request count (rather than a fixed duration) makes two runs do the same work, so
their figures compare; the users wait for a start signal until all of them are spawned,
so every measured request is made at the full concurrency.
"""

import argparse
import collections
import json
import logging
import math
import sys
import time

# Importing locust applies gevent's monkey-patching; the stdlib modules above are plain
# data/CLI helpers that do not need to be patched.
import gevent
from gevent.event import Event
from locust import FastHttpUser, constant, task
from locust.env import Environment

# Sent on every request: the production settings trust it (SECURE_PROXY_SSL_HEADER),
# so the site behaves as it does behind the TLS-terminating proxy instead of redirecting
# every request to https.
HEADERS = {"X-Forwarded-Proto": "https"}


def percentile(sorted_values, fraction):
    """Nearest-rank percentile; locust's own stats round response times into buckets."""
    if not sorted_values:
        return None
    rank = max(1, math.ceil(fraction * len(sorted_values)))
    return sorted_values[rank - 1]


def run_phase(host, path, requests, concurrency, timeout, headers=HEADERS):
    """Make exactly `requests` GETs to `path` with `concurrency` users; return the figures.

    `headers` go with every request (bench/urls_load.py adds a session cookie).
    """
    state = {"issued": 0, "completed": 0}
    go = Event()
    finished = Event()
    parked = Event()  # never set

    class BenchUser(FastHttpUser):
        wait_time = constant(0)
        # Requests queue while the two sync workers are busy; do not give up on them early.
        network_timeout = 60.0
        connection_timeout = 60.0

        @task
        def get(self):
            go.wait()
            # Greenlets switch only on I/O, so check-and-increment cannot race.
            if state["issued"] >= requests:
                # Park here until runner.quit() kills the user: a user that already ended
                # (StopUser) makes quit() log a spurious "didn't have proper args" error.
                parked.wait()
                return
            state["issued"] += 1
            with self.client.get(
                path, headers=headers, allow_redirects=False, catch_response=True
            ) as response:
                # A redirect counts as an error too: it means the page was not served.
                if not 200 <= response.status_code < 300:
                    response.failure(response.error or f"HTTP {response.status_code}")

    samples = []
    errors = collections.Counter()

    def on_request(response_time, exception, response=None, **kwargs):
        samples.append(response_time)
        if exception is not None:
            status = getattr(response, "status_code", 0) or 0
            errors[str(status) if status else type(exception).__name__] += 1
        state["completed"] += 1
        if state["completed"] >= requests:
            finished.set()

    env = Environment(user_classes=[BenchUser], host=host)
    env.events.request.add_listener(on_request)
    env.events.spawning_complete.add_listener(lambda user_count, **kwargs: go.set())
    runner = env.create_local_runner()
    # A spawn rate equal to the user count dispatches every user in one go.
    runner.start(concurrency, spawn_rate=concurrency)
    go.wait(timeout=30)
    go.set()
    started, cpu_started = time.perf_counter(), time.process_time()
    finished.wait(timeout=timeout)
    elapsed = time.perf_counter() - started
    # Near 1.0 the load generator (one process, one core) is the bottleneck, not the site.
    cpu_share = (time.process_time() - cpu_started) / elapsed if elapsed else 0.0
    runner.quit()

    missing = requests - state["completed"]
    if missing > 0:
        errors["not completed (timeout)"] += missing
    samples.sort()
    return {
        "path": path,
        "requests": state["completed"],
        "concurrency": concurrency,
        "elapsed_s": elapsed,
        "rps": state["completed"] / elapsed if elapsed else 0.0,
        "p50_ms": percentile(samples, 0.50),
        "p95_ms": percentile(samples, 0.95),
        "p99_ms": percentile(samples, 0.99),
        "mean_ms": sum(samples) / len(samples) if samples else None,
        "max_ms": samples[-1] if samples else None,
        "errors": sum(errors.values()),
        "error_kinds": dict(errors),
        "load_generator_cpu": cpu_share,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", required=True, help="base URL, e.g. http://127.0.0.1:8000")
    parser.add_argument("--path", required=True)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--warmup", type=int, default=50, help="requests made first, not counted")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per phase")
    args = parser.parse_args()
    # Keep locust's INFO chatter (spawning, stopping) off the terminal; warnings still show.
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)

    if args.warmup > 0:
        run_phase(args.host, args.path, args.warmup, args.concurrency, args.timeout)
        gevent.sleep(0.2)
    result = run_phase(args.host, args.path, args.requests, args.concurrency, args.timeout)
    result["warmup"] = args.warmup
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
