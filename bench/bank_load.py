"""Load generator of the question bank scenario of bench/run.py: the bank list, filtered.

For each URL that bench/bank.py prints (the list, a search, filters, page 100, the
question chooser's search) and each signed-in user (a superuser, a lecturer), it makes
`--warmup` uncounted GETs, then exactly `--requests` GETs at `--concurrency` simultaneous
users with that user's session cookie, with bench/load.py's run_phase. Prints one JSON
line: the figures per URL and user. Usage (normally run.py's):

    python bench/bank_load.py --host http://127.0.0.1:PORT --bank bank.json --requests 20

Runs in its own process because importing locust monkey-patches the standard library
with gevent (see bench/load.py).
"""

import argparse
import json
import logging
import sys

import gevent
from load import HEADERS, run_phase


def measure(host, bank, *, requests, concurrency, warmup, timeout):
    results = []
    for endpoint in bank["endpoints"]:
        for user in bank["users"]:
            headers = {**HEADERS, "Cookie": f"{bank['session_cookie']}={user['session']}"}
            if warmup > 0:
                run_phase(host, endpoint["path"], warmup, concurrency, timeout, headers)
                gevent.sleep(0.1)
            row = run_phase(host, endpoint["path"], requests, concurrency, timeout, headers)
            row.update(
                label=endpoint["label"],
                user=user["label"],
                matches=endpoint["matches"][user["label"]],
            )
            results.append(row)
    return {
        "questions": bank["questions"],
        "categories": bank["categories"],
        "tags": bank["tags"],
        "authors": bank["authors"],
        "search": bank["search"],
        "requests": requests,
        "warmup": warmup,
        "concurrency": concurrency,
        "rows": results,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", required=True, help="base URL, e.g. http://127.0.0.1:8000")
    parser.add_argument("--bank", required=True, help="the JSON printed by bench/bank.py setup")
    parser.add_argument("--requests", type=int, default=20, help="per URL and user (20)")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--warmup", type=int, default=2, help="uncounted requests first (2)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per phase")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    with open(args.bank, encoding="utf-8") as bank_file:
        bank = json.load(bank_file)
    result = measure(
        args.host,
        bank,
        requests=args.requests,
        concurrency=args.concurrency,
        warmup=args.warmup,
        timeout=args.timeout,
    )
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
