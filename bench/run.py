"""Benchmark the site as deployed: gunicorn + production settings on a fresh database.

Six scenarios, all by default. "pages" measures the home page against /healthz (no
database, no session) in the same run, so the figures that matter are ratios against that
baseline rather than absolute numbers, which depend on the machine. "exam" has N learners
start one timed exam at the same moment, autosave answers and submit, then checks that
every answer acknowledged to a learner is in the database. "bank" fills the question bank
with 10,000 questions and measures its list, search, filters and chooser as a superuser
and as a lecturer. "library" fills the digital library with 10,000 items and measures its
search (a folded, an exact and a quoted-phrase query, and the JSON API) as a guest and as a
signed-in learner. "import" writes 10,000 questions to GIFT and Moodle XML files, imports
each in one transaction and exports it again, against the bank's one-question-at-a-time
service measured in the same run. "training" builds a cohort of 300 with results and
attendance, times issuing its certificates in one batch against one alone, and measures
the manager's cohort, issue, register and dashboard pages, the learner's results and
certificates, and the public verification page. See bench/README.md.

    .venv/bin/python bench/run.py [--requests 2000] [--concurrency 8] [--exam-learners 200]

This process only manages the server and reports; the load comes from bench/load.py,
bench/exam_load.py and bench/urls_load.py in subprocesses, because
locust monkey-patches the standard library with gevent on import. bench/exam.py prepares
the exam and checks the answers; bench/bank.py prepares the question bank; bench/library.py
the library.
"""

import argparse
import contextlib
import datetime
import json
import os
import platform
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BENCH_DIR.parent
RESULTS_FILE = BENCH_DIR / "results" / "latest.json"
HOST = "127.0.0.1"
# The production settings trust this header (SECURE_PROXY_SSL_HEADER); without it the site
# would answer every request as if it came over plain http from outside the proxy.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}
# (label, path): the baseline comes first so a broken home page still leaves a reference.
ENDPOINTS = [("healthz", "/healthz"), ("home", "/")]
BASELINE, SUBJECT = "healthz", "home"
# The bank scenario measures 8 URLs x 2 users. A list page of the 10,000-question bank
# costs a worker 150-350 ms, so two workers serve 5-7 a second: 20 counted requests per
# URL and user (plus 2 uncounted, which prime each one) keep it near a minute.
BANK_REQUESTS = 20
BANK_WARMUP = 2
# The library scenario measures 4 URLs x 2 users (a guest, a learner), as the bank does.
LIBRARY_REQUESTS = 20
LIBRARY_WARMUP = 2
# The training scenario measures 8 URLs, each as the one user it is for; the cohort and
# issue pages of 300 members are the slow ones.
TRAINING_REQUESTS = 20
TRAINING_WARMUP = 2


class BenchError(Exception):
    """A failure that ends the run with a message instead of a traceback."""


def free_port():
    """Ask the kernel for a free port so the bench never collides with a running server."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def server_environment(workdir):
    """The environment a deployment would set, pointing every writable path into workdir."""
    env = os.environ.copy()
    # Whatever the developer's shell points at (a shared cache, a mail server, another
    # database) must not be touched; the bench stays on 127.0.0.1 and its own files.
    for name in ("REDIS_URL", "EMAIL_HOST", "CSRF_TRUSTED_ORIGINS", "DJANGO_SETTINGS_MODULE"):
        env.pop(name, None)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "lms.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": HOST,
            # TLS is the proxy's job; the bench speaks http and sends X-Forwarded-Proto.
            "SECURE_SSL_REDIRECT": "false",
            "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
            "STATIC_ROOT": str(workdir / "static"),
            "MEDIA_ROOT": str(workdir / "media"),
            "LOG_LEVEL": "WARNING",
            # The verification page is throttled per IP; the bench measures the page itself.
            "CERTIFICATE_VERIFY_RATE": "1000000/m",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def manage(env, *args):
    """Run one manage.py command; its output is shown only when it fails."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    check_manage(args, result.returncode, result.stdout + result.stderr)


def check_manage(args, returncode, output):
    if returncode != 0:
        raise BenchError(f"`manage.py {' '.join(args)}` failed (exit {returncode}):\n{output}")


def prepare_site(env, workdir):
    """Migrate, collect static files and seed the demo content, as `make setup` does.

    collectstatic (compressing every file, CPU-bound) needs no database, so it runs
    alongside migrate + seed_demo; that saves about ten seconds on two cores.
    """
    args = ("collectstatic", "--noinput", "-v0")
    log_path = workdir / "collectstatic.log"
    with open(log_path, "wb") as log:
        static = subprocess.Popen(
            [sys.executable, "manage.py", *args],
            cwd=PROJECT_DIR,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        manage(env, "migrate", "--noinput")
        manage(env, "seed_demo")
        returncode = static.wait()
    finally:
        if static.poll() is None:
            static.kill()
            static.wait()
    check_manage(args, returncode, log_path.read_text(errors="replace"))


def start_gunicorn(env, port, workers, log_path):
    """Start gunicorn in its own process group so stop_gunicorn can end all its workers."""
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "lms.wsgi:application",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        "--threads",
        "1",
    ]
    with open(log_path, "wb") as log:
        return subprocess.Popen(
            command,
            cwd=PROJECT_DIR,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def stop_gunicorn(process):
    """TERM the master (it stops its workers gracefully), then KILL the group if it lingers."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
        return
    except subprocess.TimeoutExpired:
        pass
    # The master is not reaped yet, so its pid still names its own group (start_new_session):
    # this reaches only gunicorn's master and workers.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=5)


def fetch(url, headers=None):
    """GET url without following redirects; return (status, location header)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers={**PROXY_HEADERS, **(headers or {})})
    try:
        with opener.open(request, timeout=5) as response:
            response.read()
            return response.status, response.headers.get("Location")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location")


def wait_until_healthy(process, base_url, log_path, timeout):
    """Poll /healthz until it answers 200; fail early if gunicorn exits."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchError(f"gunicorn exited with {process.returncode}:\n{tail(log_path)}")
        try:
            if fetch(base_url + "/healthz")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise BenchError(f"/healthz did not answer 200 within {timeout:g} s:\n{tail(log_path)}")


def endpoints_for(scenario):
    """The page scenario's endpoints; the exam scenario alone still needs the baseline."""
    return ENDPOINTS if scenario in ("all", "pages") else ENDPOINTS[:1]


def preflight(base_url, endpoints):
    """Check each endpoint once, so a redirect or an error page fails fast and clearly."""
    for _label, path in endpoints:
        status, location = fetch(base_url + path)
        if status != 200:
            hint = f" -> {location}" if location else ""
            raise BenchError(f"GET {path} answered {status}{hint} instead of 200.")


def tail(path, lines=30):
    try:
        return "\n".join(Path(path).read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no server log)"


def run_load(base_url, path, args):
    """Run bench/load.py against one path and return its JSON result."""
    command = [
        sys.executable,
        str(BENCH_DIR / "load.py"),
        "--host",
        base_url,
        "--path",
        path,
        "--requests",
        str(args.requests),
        "--concurrency",
        str(args.concurrency),
        "--warmup",
        str(args.warmup),
    ]
    result = subprocess.run(
        command, cwd=PROJECT_DIR, capture_output=True, text=True, timeout=600, check=False
    )
    if result.returncode != 0 or not result.stdout.strip():
        raise BenchError(f"load generator failed for {path}:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def exam_script(env, *args, timeout=600, script="exam.py"):
    """Run bench/exam.py (Django, with the bench's settings and database); return its JSON.

    ``script`` runs another such script of bench/ instead (bank.py).
    """
    result = subprocess.run(
        [sys.executable, str(BENCH_DIR / script), *args],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0 or not result.stdout.strip():
        raise BenchError(f"bench/{script} {args[0]} failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def prepare_exam(env, workdir, args):
    """Create the exam and its signed-in learners; return (exam file path, quiz id)."""
    exam = exam_script(
        env,
        "setup",
        "--learners",
        str(args.exam_learners),
        "--questions",
        str(args.exam_questions),
    )
    path = workdir / "exam.json"
    path.write_text(json.dumps(exam))
    return path, exam["quiz_id"]


def exam_timeout(args):
    """Generous: every request may queue behind all the others on two workers."""
    return 120 + args.exam_rounds * args.exam_interval * 1.5 + args.exam_learners * 0.5


def run_exam(base_url, env, workdir, exam_path, quiz_id, args):
    """The exam under load, then the acknowledged answers checked against the database."""
    acks = workdir / "acks.jsonl"
    timeout = exam_timeout(args)
    command = [
        sys.executable,
        str(BENCH_DIR / "exam_load.py"),
        "--host",
        base_url,
        "--exam",
        str(exam_path),
        "--acks",
        str(acks),
        "--rounds",
        str(args.exam_rounds),
        "--interval",
        str(args.exam_interval),
        "--timeout",
        str(timeout),
    ]
    result = subprocess.run(
        command, cwd=PROJECT_DIR, capture_output=True, text=True, timeout=timeout + 60, check=False
    )
    if result.returncode != 0 or not result.stdout.strip():
        raise BenchError(f"exam load generator failed:\n{result.stderr}")
    report = json.loads(result.stdout.strip().splitlines()[-1])
    report["check"] = exam_script(env, "check", "--quiz", str(quiz_id), "--acks", str(acks))
    return report


@dataclass(frozen=True)
class UrlScenario:
    """A scenario whose setup script prints URLs and users for bench/urls_load.py."""

    name: str
    script: str
    setup_args: Callable  # args -> the setup script's options
    requests: Callable  # args -> counted requests per URL and user
    warmup: int
    describe: Callable  # args -> the start of its progress line


URL_SCENARIOS = (
    UrlScenario(
        "bank",
        "bank.py",
        lambda args: ["--questions", str(args.bank_questions)],
        lambda args: args.bank_requests,
        BANK_WARMUP,
        lambda args: f"Question bank: {args.bank_questions} questions",
    ),
    UrlScenario(
        "library",
        "library.py",
        lambda args: ["--items", str(args.library_items)],
        lambda args: args.library_requests,
        LIBRARY_WARMUP,
        lambda args: f"Library: {args.library_items} items",
    ),
    UrlScenario(
        "training",
        "training.py",
        lambda args: ["--members", str(args.training_members)],
        lambda args: args.training_requests,
        TRAINING_WARMUP,
        lambda args: f"Training: a cohort of {args.training_members}",
    ),
)


def prepare_urls(env, workdir, scenario, args):
    """Run the scenario's setup (data, signed-in users); return (file path, its JSON)."""
    setup = exam_script(
        env, "setup", *scenario.setup_args(args), script=scenario.script, timeout=900
    )
    path = workdir / f"{scenario.name}.json"
    path.write_text(json.dumps(setup))
    return path, setup


def _headers(setup, user):
    if not user["session"]:
        return {}
    return {"Cookie": f"{setup['session_cookie']}={user['session']}"}


def preflight_urls(base_url, setup, name):
    """Every URL of a scenario answers 200 for each of its users, and finds something.

    Not a login redirect, not an error page; a URL with ``matches`` must find at least
    one row for every user.
    """
    for endpoint in setup["endpoints"]:
        for user in setup["users"]:
            if "users" in endpoint and user["label"] not in endpoint["users"]:
                continue
            status, location = fetch(base_url + endpoint["path"], _headers(setup, user))
            if status != 200:
                hint = f" -> {location}" if location else ""
                raise BenchError(
                    f"{name}: GET {endpoint['path']} as {user['label']} answered "
                    f"{status}{hint} instead of 200."
                )
            if "matches" in endpoint and not endpoint["matches"][user["label"]]:
                raise BenchError(f"{name}: {endpoint['label']} finds nothing for {user['label']}.")


def run_urls(base_url, setup_path, *, requests, warmup, args, name):
    """bench/urls_load.py against every URL of a scenario, as each user; return its JSON."""
    command = [
        sys.executable,
        str(BENCH_DIR / "urls_load.py"),
        "--host",
        base_url,
        "--setup",
        str(setup_path),
        "--requests",
        str(requests),
        "--concurrency",
        str(args.concurrency),
        "--warmup",
        str(warmup),
    ]
    result = subprocess.run(
        command, cwd=PROJECT_DIR, capture_output=True, text=True, timeout=900, check=False
    )
    if result.returncode != 0 or not result.stdout.strip():
        raise BenchError(f"{name} load generator failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def ratio(numerator, denominator):
    return numerator / denominator if numerator is not None and denominator else None


def print_report(report):
    print_pages(report)
    if report.get("exam"):
        print_exam(report["exam"], report["endpoints"][BASELINE])
    if report.get("bank"):
        print_bank(report["bank"], report["endpoints"][BASELINE])
    if report.get("library"):
        print_library(report["library"], report["endpoints"][BASELINE])
    if report.get("training"):
        print_training(report["training"], report["endpoints"][BASELINE])
    if report.get("imports"):
        print_imports(report["imports"])


def print_pages(report):
    rows = report["endpoints"]
    print()
    print(
        f"{report['requests']} requests per endpoint after {report['warmup']} warm-up, "
        f"concurrency {report['concurrency']}, gunicorn {report['workers']} sync workers, "
        f"{report['cpu_count']} CPUs"
    )
    header = (
        f"{'endpoint':<9} {'path':<9} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
        f"{'errors':>7} {'load CPU':>9}"
    )
    print(header)
    print("-" * len(header))
    for label, row in rows.items():
        print(
            f"{label:<9} {row['path']:<9} {row['rps']:>8.1f} {fmt(row['p50_ms'])} "
            f"{fmt(row['p95_ms'])} {fmt(row['p99_ms'])} {row['errors']:>7} "
            f"{row['load_generator_cpu']:>8.0%}"
        )
        if row["error_kinds"]:
            print(f"{'':<9} errors: {row['error_kinds']}")
    ratios = report["ratios"]
    print("-" * len(header))
    if SUBJECT in rows:
        print(
            f"{SUBJECT}/{BASELINE}: req/s ratio {fmt_ratio(ratios['rps'])}, "
            f"p50 ratio {fmt_ratio(ratios['p50'])}"
        )
    busy = [label for label, row in rows.items() if row["load_generator_cpu"] >= 0.9]
    if busy:
        print(
            f"Note: the load generator used a full core on {', '.join(busy)}; those figures "
            "are partly its limit, not the site's."
        )


def print_exam(exam, baseline):
    print()
    spread = exam["start_spread_s"]
    print(
        f"Exam: {exam['learners']} learners, {exam['questions']} questions, "
        f"{exam['rounds']} saves each (every ~{exam['interval_s']:g} s), starts sent within "
        f"{spread:.2f} s; {exam['elapsed_s']:.1f} s in all"
        if spread is not None
        else f"Exam: {exam['learners']} learners; no start was sent"
    )
    header = (
        f"{'step':<9} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7} "
        f"{'p50/healthz':>12}"
    )
    print(header)
    print("-" * len(header))
    for step, row in exam["steps"].items():
        print(
            f"{step:<9} {row['requests']:>8} {fmt(row['p50_ms'])} {fmt(row['p95_ms'])} "
            f"{fmt(row['p99_ms'])} {row['errors']:>7} "
            f"{fmt_ratio(ratio(row['p50_ms'], baseline['p50_ms'])):>12}"
        )
        if row["error_kinds"]:
            print(f"{'':<9} errors: {row['error_kinds']}")
    print("-" * len(header))
    check = exam["check"]
    print(
        f"answers acknowledged: {check['acknowledged_slots']} (attempt, question) pairs; "
        f"answers lost: {check['lost']}"
    )
    for example in check["lost_examples"]:
        print(f"  lost: {example}")
    print(f"attempts by state: {check['attempts']}")
    if exam["not_finished"]:
        print(f"learners who did not finish in time: {exam['not_finished']}")
    if exam["load_generator_cpu"] >= 0.9:
        print("Note: the load generator used a full core; the exam figures are partly its limit.")


def print_url_rows(result, baseline):
    """The table of a URL scenario: one row per URL and user, p50 against /healthz's."""
    with_matches = any("matches" in row for row in result["rows"])
    matches = f" {'matches':>7}" if with_matches else ""
    header = (
        f"{'endpoint':<15} {'user':<8}{matches} {'req/s':>7} {'p50 ms':>8} "
        f"{'p95 ms':>8} {'p99 ms':>8} {'errors':>7} {'p50/healthz':>12}"
    )
    print(header)
    print("-" * len(header))
    for row in result["rows"]:
        found = f" {row['matches']:>7}" if with_matches else ""
        print(
            f"{row['label']:<15} {row['user']:<8}{found} {row['rps']:>7.1f} "
            f"{fmt(row['p50_ms'])} {fmt(row['p95_ms'])} {fmt(row['p99_ms'])} "
            f"{row['errors']:>7} {fmt_ratio(ratio(row['p50_ms'], baseline['p50_ms'])):>12}"
        )
        if row["error_kinds"]:
            print(f"{'':<15} errors: {row['error_kinds']}")
    print("-" * len(header))


def print_busy_generator(result):
    busy = [
        f"{row['label']}/{row['user']}"
        for row in result["rows"]
        if row["load_generator_cpu"] >= 0.9
    ]
    if busy:
        print(f"Note: the load generator used a full core on {', '.join(busy)}.")


def print_bank(bank, baseline):
    print()
    print(
        f"Question bank: {bank['questions']} questions, {bank['categories']} categories, "
        f"{bank['tags']} tags, {bank['authors']} authors; {bank['requests']} requests per URL "
        f"and user after {bank['warmup']} warm-up, concurrency {bank['concurrency']}; "
        f'search "{bank["search"]}"'
    )
    print_url_rows(bank, baseline)
    print("matches: questions the list (or chooser) finds for that user; pages show 50 (20).")
    print_busy_generator(bank)


def print_library(library, baseline):
    print()
    queries = library["queries"]
    print(
        f"Library: {library['items']} items, {library['issuing_bodies']} issuing bodies, "
        f"{library['subjects']} subjects; {library['requests']} requests per URL and user "
        f"after {library['warmup']} warm-up, concurrency {library['concurrency']}"
    )
    print(
        f'queries: folded "{queries["folded"]}", exact "{queries["exact"]}", '
        f"phrase {queries['phrase']}"
    )
    print_url_rows(library, baseline)
    print("matches: items and case studies the search finds for that user; pages show 20.")
    print_busy_generator(library)


def print_training(training, baseline):
    print()
    issuing = training["issuing"]
    print(
        f"Training: a cohort of {training['members']} members, {training['courses']} courses, "
        f"{training['exams']} required exams, {training['sessions']} sessions taken; "
        f"{training['requests']} requests per URL after {training['warmup']} warm-up, "
        f"concurrency {training['concurrency']}"
    )
    print(
        f"certificates_issue: 1 alone {issuing['single_ms']:.1f} ms; "
        f"{issuing['batch_count']} in one batch {issuing['batch_ms']:.1f} ms, "
        f"{fmt_ratio(issuing['per_certificate_ms'])} ms each "
        f"(x{fmt_ratio(ratio(issuing['per_certificate_ms'], issuing['single_ms']))} of one alone)"
    )
    print_url_rows(training, baseline)
    print_busy_generator(training)


def url_failures(result):
    """Why a URL scenario (bank, library, training) failed, or an empty list."""
    if not result:
        return []
    return [f"errors on {row['label']} as {row['user']}" for row in result["rows"] if row["errors"]]


def print_imports(imports):
    print()
    print(
        f"Import: {imports['questions']} questions per file, one transaction each; baseline: "
        f"question_create one at a time, {imports['create_ms_per_question']:.2f} ms per "
        f"question over {imports['baseline_questions']} questions"
    )
    header = (
        f"{'format':<10} {'MB':>6} {'created':>8} {'errors':>7} {'read s':>7} {'import s':>9} "
        f"{'export s':>9} {'ms/question':>12} {'vs create':>10}"
    )
    print(header)
    print("-" * len(header))
    for name, row in imports["formats"].items():
        per_question = row["import_s"] * 1000 / max(row["created"], 1)
        print(
            f"{name:<10} {row['bytes'] / 1e6:>6.2f} {row['created']:>8} {row['errors']:>7} "
            f"{row['read_s']:>7.2f} {row['import_s']:>9.2f} {row['export_s']:>9.2f} "
            f"{per_question:>12.3f} {row['ratio_to_create']:>10.3f}"
        )
    print("-" * len(header))
    print("vs create: the import's time per question / question_create's (lower is better).")


def import_failures(imports):
    """Why the import scenario failed, or an empty list."""
    if not imports:
        return []
    return [
        f"{name}: {row['created']} of {imports['questions']} imported"
        for name, row in imports["formats"].items()
        if row["created"] != imports["questions"] or row["errors"]
    ]


def exam_failures(exam):
    """Why the exam scenario failed, or an empty list."""
    if not exam:
        return []
    failures = [f"errors on {step}" for step, row in exam["steps"].items() if row["errors"]]
    if exam["check"]["lost"]:
        failures.append(f"{exam['check']['lost']} acknowledged answers lost")
    if exam["not_finished"]:
        failures.append(f"{exam['not_finished']} learners did not finish")
    return failures


def fmt(value):
    return f"{value:>8.1f}" if value is not None else f"{'-':>8}"


def fmt_ratio(value):
    return f"{value:.3f}" if value is not None else "-"


def benchmark(args):
    workdir = Path(tempfile.mkdtemp(prefix="lms-bench-"))
    process = None
    endpoints = endpoints_for(args.scenario)
    exam = imports = None
    measured = {}  # URL scenario name -> the JSON of bench/urls_load.py
    try:
        env = server_environment(workdir)
        print(f"Preparing a fresh database in {workdir} ...", flush=True)
        started = time.monotonic()
        prepare_site(env, workdir)
        if args.scenario in ("all", "exam"):
            exam_path, quiz_id = prepare_exam(env, workdir, args)
        url_scenarios = [item for item in URL_SCENARIOS if args.scenario in ("all", item.name)]
        prepared = {item.name: prepare_urls(env, workdir, item, args) for item in url_scenarios}
        print(f"  prepared in {time.monotonic() - started:.1f} s", flush=True)
        if args.scenario in ("all", "import"):
            # Before the server starts: the import runs in one process, as the admin's does.
            print(f"Import: {args.import_questions} questions per file ...", flush=True)
            imports = exam_script(
                env,
                "run",
                "--questions",
                str(args.import_questions),
                script="imports.py",
                timeout=1800,
            )
        port = free_port()
        base_url = f"http://{HOST}:{port}"
        log_path = workdir / "gunicorn.log"
        print(f"Starting gunicorn on {base_url} ...", flush=True)
        process = start_gunicorn(env, port, args.workers, log_path)
        wait_until_healthy(process, base_url, log_path, args.startup_timeout)
        preflight(base_url, endpoints)
        for name, (_path, setup) in prepared.items():
            preflight_urls(base_url, setup, name)

        results = {}
        for label, path in endpoints:
            print(
                f"Measuring {path} ({args.warmup} warm-up + {args.requests} requests) ...",
                flush=True,
            )
            results[label] = run_load(base_url, path, args)
        if args.scenario in ("all", "exam"):
            print(
                f"Exam: {args.exam_learners} learners start together, save "
                f"{args.exam_rounds} answers each, submit ...",
                flush=True,
            )
            exam = run_exam(base_url, env, workdir, exam_path, quiz_id, args)
        for item in url_scenarios:
            path, setup = prepared[item.name]
            print(
                f"{item.describe(args)}, {len(setup['endpoints'])} URLs x "
                f"{len(setup['users'])} users, {item.requests(args)} requests each ...",
                flush=True,
            )
            measured[item.name] = run_urls(
                base_url,
                path,
                requests=item.requests(args),
                warmup=item.warmup,
                args=args,
                name=item.name,
            )
        if process.poll() is not None:
            raise BenchError(f"gunicorn died during the run:\n{tail(log_path)}")
    finally:
        if process is not None:
            stop_gunicorn(process)
        shutil.rmtree(workdir, ignore_errors=True)

    base, subject = results[BASELINE], results.get(SUBJECT)
    return {
        "timestamp": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "settings": "lms.settings.production",
        "server": "gunicorn",
        "scenario": args.scenario,
        "workers": args.workers,
        "requests": args.requests,
        "concurrency": args.concurrency,
        "warmup": args.warmup,
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "endpoints": results,
        "baseline": BASELINE,
        "ratios": {
            "rps": ratio(subject["rps"], base["rps"]) if subject else None,
            "p50": ratio(subject["p50_ms"], base["p50_ms"]) if subject else None,
        },
        "exam": exam,
        "bank": measured.get("bank"),
        "library": measured.get("library"),
        "training": measured.get("training"),
        "imports": imports,
    }


def raise_keyboard_interrupt(signum, frame):
    raise KeyboardInterrupt


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000, help="per endpoint (2000)")
    parser.add_argument("--concurrency", type=int, default=8, help="simultaneous users (8)")
    parser.add_argument("--warmup", type=int, default=50, help="uncounted requests first (50)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument("--startup-timeout", type=float, default=30.0, help="seconds (30)")
    parser.add_argument(
        "--scenario",
        choices=["all", "pages", "exam", "bank", "library", "training", "import"],
        default="all",
        help="what to run (all)",
    )
    parser.add_argument(
        "--exam-learners", type=int, default=200, help="learners sitting the exam (200)"
    )
    parser.add_argument("--exam-questions", type=int, default=20, help="exam questions (20)")
    parser.add_argument("--exam-rounds", type=int, default=5, help="saves per learner (5)")
    parser.add_argument(
        "--exam-interval", type=float, default=3.0, help="mean seconds between saves (3)"
    )
    parser.add_argument(
        "--bank-questions", type=int, default=10_000, help="questions in the bank (10000)"
    )
    parser.add_argument(
        "--bank-requests",
        type=int,
        default=BANK_REQUESTS,
        help=f"per bank URL and user ({BANK_REQUESTS})",
    )
    parser.add_argument(
        "--library-items", type=int, default=10_000, help="items in the library (10000)"
    )
    parser.add_argument(
        "--library-requests",
        type=int,
        default=LIBRARY_REQUESTS,
        help=f"per library URL and user ({LIBRARY_REQUESTS})",
    )
    parser.add_argument(
        "--training-members", type=int, default=300, help="members of the cohort (300)"
    )
    parser.add_argument(
        "--training-requests",
        type=int,
        default=TRAINING_REQUESTS,
        help=f"per training URL ({TRAINING_REQUESTS})",
    )
    parser.add_argument(
        "--import-questions", type=int, default=10_000, help="questions per import file (10000)"
    )
    args = parser.parse_args()
    if args.import_questions < 1:
        parser.error("--import-questions must be positive")
    if args.training_members < 2 or args.training_requests < 1:
        parser.error("--training-members must be at least 2, --training-requests positive")
    if args.library_items < 1 or args.library_requests < 1:
        parser.error("--library-items and --library-requests must be positive")
    if args.bank_questions < 1 or args.bank_requests < 1:
        parser.error("--bank-questions and --bank-requests must be positive")
    if args.requests < 1 or args.concurrency < 1 or args.warmup < 0:
        parser.error("--requests and --concurrency must be positive, --warmup not negative")
    if args.exam_learners < 1 or args.exam_questions < 1 or args.exam_rounds < 0:
        parser.error("--exam-learners and --exam-questions must be positive")

    # A plain `kill` should clean up like Ctrl-C does: stop gunicorn, remove the temp dir.
    signal.signal(signal.SIGTERM, raise_keyboard_interrupt)
    try:
        report = benchmark(args)
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("bench: interrupted", file=sys.stderr)
        return 130

    print_report(report)
    RESULTS_FILE.parent.mkdir(exist_ok=True)
    RESULTS_FILE.write_text(json.dumps(report, indent=2) + "\n")
    print(f"\nResults written to {RESULTS_FILE.relative_to(PROJECT_DIR)}")
    failures = {
        "pages": [label for label, row in report["endpoints"].items() if row["errors"]],
        "exam": exam_failures(report["exam"]),
        "bank": url_failures(report["bank"]),
        "library": url_failures(report["library"]),
        "training": url_failures(report["training"]),
        "import": import_failures(report["imports"]),
    }
    for scenario, failed in failures.items():
        if failed:
            print(f"bench: {scenario}: {'; '.join(failed)}", file=sys.stderr)
    return 1 if any(failures.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
