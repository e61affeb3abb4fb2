"""Load generator of the bank, library and training scenarios of bench/run.py.

A scenario's setup (bench/bank.py, bench/library.py, bench/training.py) prints JSON with
``users`` (a label and a session key, or none for a guest), ``session_cookie`` and
``endpoints`` (a label, a path, and optionally ``users``: the labels of the users who
request it, all by default; ``matches``: what the page finds for each user). For each
endpoint and user this makes `--warmup` uncounted GETs, then exactly `--requests` GETs at
`--concurrency` simultaneous users with bench/load.py's run_phase. Prints one JSON line:
the setup's own figures (everything but users and endpoints) and a row per URL and user.

    python bench/urls_load.py --host http://127.0.0.1:PORT --setup bank.json

Runs in its own process because importing locust monkey-patches the standard library
with gevent (see bench/load.py).
"""

import argparse
import json
import logging
import sys

import gevent
from load import HEADERS, run_phase

NOT_FIGURES = ("users", "endpoints", "session_cookie")


def headers_for(setup, user):
    if not user["session"]:
        return dict(HEADERS)
    return {**HEADERS, "Cookie": f"{setup['session_cookie']}={user['session']}"}


def pairs(setup):
    """(endpoint, user) in the order they are measured."""
    for endpoint in setup["endpoints"]:
        labels = endpoint.get("users")
        for user in setup["users"]:
            if labels is None or user["label"] in labels:
                yield endpoint, user


def measure(host, setup, *, requests, concurrency, warmup, timeout):
    rows = []
    for endpoint, user in pairs(setup):
        headers = headers_for(setup, user)
        if warmup > 0:
            run_phase(host, endpoint["path"], warmup, concurrency, timeout, headers)
            gevent.sleep(0.1)
        row = run_phase(host, endpoint["path"], requests, concurrency, timeout, headers)
        row.update(label=endpoint["label"], user=user["label"])
        if "matches" in endpoint:
            row["matches"] = endpoint["matches"][user["label"]]
        rows.append(row)
    figures = {key: value for key, value in setup.items() if key not in NOT_FIGURES}
    return {
        **figures,
        "requests": requests,
        "warmup": warmup,
        "concurrency": concurrency,
        "rows": rows,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", required=True, help="base URL, e.g. http://127.0.0.1:8000")
    parser.add_argument("--setup", required=True, help="the JSON a scenario's setup printed")
    parser.add_argument("--requests", type=int, default=20, help="per URL and user (20)")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--warmup", type=int, default=2, help="uncounted requests first (2)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per phase")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    with open(args.setup, encoding="utf-8") as setup_file:
        setup = json.load(setup_file)
    result = measure(
        args.host,
        setup,
        requests=args.requests,
        concurrency=args.concurrency,
        warmup=args.warmup,
        timeout=args.timeout,
    )
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
