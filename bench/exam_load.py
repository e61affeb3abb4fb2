"""Load generator of the exam scenario of bench/run.py: N learners sit one timed exam.

Every simulated learner is already signed in (bench/exam.py made their sessions). They
wait for each other, then all start the exam within the same moment, open the attempt
page, save an answer to a random question every few seconds via the JSON autosave
endpoint with increasing sequence numbers, and submit. Prints one JSON line of figures
per step; writes every acknowledged save (HTTP 200, "ok": true) to --acks as JSON lines,
which bench/exam.py checks against the database afterwards. Usage (normally run.py's):

    python bench/exam_load.py --host http://127.0.0.1:PORT --exam exam.json --acks acks.jsonl

Runs in its own process because importing locust monkey-patches the standard library
with gevent (see bench/load.py).
"""

import argparse
import collections
import json
import logging
import random
import re
import sys
import time

import gevent
from gevent.event import Event
from load import percentile
from locust import FastHttpUser, constant, task
from locust.env import Environment

STEPS = ("start", "page", "save", "submit")
ATTEMPT_URL = re.compile(r"/thi/luot/(\d+)/")


def _cookie_header(exam, learner):
    cookies = [f"{exam['session_cookie']}={learner['session']}"]
    if exam["csrf_cookie"]:
        cookies.append(f"{exam['csrf_cookie']}={learner['csrf']}")
    return "; ".join(cookies)


def run_exam(host, exam, *, rounds, interval, timeout, acks_path):
    learners = exam["learners"]
    pool = iter(learners)
    # As a browser behind the TLS proxy would send them: the production settings check the
    # Origin of every unsafe request against the (https) host.
    origin = "https://" + host.split("://", 1)[1]
    go, everyone_done, parked = Event(), Event(), Event()
    state = {"ready": 0, "done": 0, "start_sent": []}
    samples = collections.defaultdict(list)
    errors = {step: collections.Counter() for step in STEPS}
    acks = open(acks_path, "w", encoding="utf-8")  # noqa: SIM115 - closed after the run

    class Learner(FastHttpUser):
        wait_time = constant(0)
        # Two sync workers serve N learners: requests queue, so do not give up early.
        network_timeout = 120.0
        connection_timeout = 120.0

        def on_start(self):
            self.learner = next(pool)
            self.headers = {
                "X-Forwarded-Proto": "https",
                "Cookie": _cookie_header(exam, self.learner),
                "X-CSRFToken": self.learner["csrf"],
                "Origin": origin,
                "Referer": origin + exam["quiz_path"],
            }

        @task
        def sit_exam(self):
            if getattr(self, "finished", False):
                parked.wait()  # until runner.quit(); see bench/load.py
                return
            self.finished = True
            state["ready"] += 1
            if state["ready"] >= len(learners):
                go.set()
            go.wait()
            try:
                attempt = self.start_attempt()
                if attempt is not None:
                    self.open_page(attempt)
                    self.save_answers(attempt)
                    self.submit_attempt(attempt)
            finally:
                state["done"] += 1
                if state["done"] >= len(learners):
                    everyone_done.set()

        def _check(self, response, step, ok):
            if not ok:
                code = ""
                if response.status_code == 200 or response.status_code >= 400:
                    try:
                        code = response.json().get("code", "")
                    except (ValueError, AttributeError):
                        code = ""
                kind = f"{response.status_code or type(response.error).__name__} {code}".strip()
                errors[step][kind] += 1
                response.failure(kind)
            return ok

        def start_attempt(self):
            state["start_sent"].append(time.perf_counter())
            with self.client.post(
                exam["quiz_path"],
                data="",
                headers={**self.headers, "Content-Type": "application/x-www-form-urlencoded"},
                allow_redirects=False,
                catch_response=True,
                name="start",
            ) as response:
                match = ATTEMPT_URL.search(response.headers.get("Location") or "")
                if self._check(response, "start", response.status_code == 302 and match):
                    return int(match.group(1))
            return None

        def open_page(self, attempt):
            with self.client.get(
                f"/thi/luot/{attempt}/",
                headers=self.headers,
                allow_redirects=False,
                catch_response=True,
                name="page",
            ) as response:
                self._check(response, "page", response.status_code == 200)

        def save_answers(self, attempt):
            for sequence in range(1, rounds + 1):
                gevent.sleep(interval * random.uniform(0.5, 1.5))
                slot = random.randint(1, exam["slots"])
                answer = {"choice": random.choice(exam["choices"])}
                body = {"slot": slot, "answer": answer, "sequence": sequence}
                with self.client.post(
                    f"/thi/luot/{attempt}/luu/",
                    json=body,
                    headers=self.headers,
                    allow_redirects=False,
                    catch_response=True,
                    name="save",
                ) as response:
                    ok = response.status_code == 200 and _json(response).get("ok") is True
                    if self._check(response, "save", ok):
                        ack = {"attempt": attempt, "slot": slot, "sequence": sequence}
                        acks.write(json.dumps({**ack, "answer": answer}) + "\n")

        def submit_attempt(self, attempt):
            with self.client.post(
                f"/thi/luot/{attempt}/nop-bai/",
                data="confirm=1",
                headers={**self.headers, "Content-Type": "application/x-www-form-urlencoded"},
                allow_redirects=False,
                catch_response=True,
                name="submit",
            ) as response:
                location = response.headers.get("Location") or ""
                self._check(
                    response, "submit", response.status_code == 302 and "xem-lai" in location
                )

    def on_request(name, response_time, **kwargs):
        samples[name].append(response_time)

    env = Environment(user_classes=[Learner], host=host)
    env.events.request.add_listener(on_request)
    runner = env.create_local_runner()
    started, cpu_started = time.perf_counter(), time.process_time()
    # A spawn rate equal to the user count dispatches every learner in one go; they wait
    # for each other (``go``) so the starts leave together.
    runner.start(len(learners), spawn_rate=len(learners))
    everyone_done.wait(timeout=timeout)
    elapsed = time.perf_counter() - started
    cpu_share = (time.process_time() - cpu_started) / elapsed if elapsed else 0.0
    not_done = len(learners) - state["done"]
    runner.quit()
    acks.close()

    steps = {}
    for step in STEPS:
        values = sorted(samples[step])
        steps[step] = {
            "requests": len(values),
            "p50_ms": percentile(values, 0.50),
            "p95_ms": percentile(values, 0.95),
            "p99_ms": percentile(values, 0.99),
            "max_ms": values[-1] if values else None,
            "errors": sum(errors[step].values()),
            "error_kinds": dict(errors[step]),
        }
    sent = state["start_sent"]
    return {
        "learners": len(learners),
        "rounds": rounds,
        "interval_s": interval,
        "questions": exam["slots"],
        "start_spread_s": (max(sent) - min(sent)) if sent else None,
        "not_finished": not_done,
        "elapsed_s": elapsed,
        "load_generator_cpu": cpu_share,
        "steps": steps,
    }


def _json(response):
    try:
        data = response.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", required=True, help="base URL, e.g. http://127.0.0.1:8000")
    parser.add_argument("--exam", required=True, help="the JSON printed by bench/exam.py setup")
    parser.add_argument("--acks", required=True, help="file to write acknowledged saves to")
    parser.add_argument("--rounds", type=int, default=5, help="saves per learner (5)")
    parser.add_argument("--interval", type=float, default=3.0, help="mean seconds between saves")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds for the whole run")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    # Every learner spawned at once is the point of the scenario, not a mistake.
    logging.getLogger("locust.runners").addFilter(
        lambda record: "spawn rate is very high" not in record.getMessage()
    )
    with open(args.exam, encoding="utf-8") as exam_file:
        exam = json.load(exam_file)
    result = run_exam(
        args.host,
        exam,
        rounds=args.rounds,
        interval=args.interval,
        timeout=args.timeout,
        acks_path=args.acks,
    )
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
