"""Load generator of the library scenario of bench/run.py: the library's search, three ways.

For each URL that bench/library.py prints (the search page with a folded, an exact and a
quoted-phrase query; the JSON API with the folded one) and each user (a guest, a signed-in
learner), it makes `--warmup` uncounted GETs, then exactly `--requests` GETs at
`--concurrency` simultaneous users (with the learner's session cookie), with bench/load.py's
run_phase. Prints one JSON line: the figures per URL and user. Usage (normally run.py's):

    python bench/library_load.py --host http://127.0.0.1:PORT --library library.json

Runs in its own process because importing locust monkey-patches the standard library
with gevent (see bench/load.py).
"""

import argparse
import json
import logging
import sys

import gevent
from load import HEADERS, run_phase


def headers_for(library, user):
    if not user["session"]:
        return dict(HEADERS)
    return {**HEADERS, "Cookie": f"{library['session_cookie']}={user['session']}"}


def measure(host, library, *, requests, concurrency, warmup, timeout):
    results = []
    for endpoint in library["endpoints"]:
        for user in library["users"]:
            headers = headers_for(library, user)
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
        "items": library["items"],
        "issuing_bodies": library["issuing_bodies"],
        "subjects": library["subjects"],
        "queries": library["queries"],
        "requests": requests,
        "warmup": warmup,
        "concurrency": concurrency,
        "rows": results,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", required=True, help="base URL, e.g. http://127.0.0.1:8000")
    parser.add_argument("--library", required=True, help="the JSON of bench/library.py setup")
    parser.add_argument("--requests", type=int, default=20, help="per URL and user (20)")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--warmup", type=int, default=2, help="uncounted requests first (2)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per phase")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    with open(args.library, encoding="utf-8") as library_file:
        library = json.load(library_file)
    result = measure(
        args.host,
        library,
        requests=args.requests,
        concurrency=args.concurrency,
        warmup=args.warmup,
        timeout=args.timeout,
    )
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
