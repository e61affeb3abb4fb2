"""Benchmark the site as deployed: gunicorn + production settings on a fresh database.

Measures the home page against /healthz (no database, no session) in the same run, so
the figures that matter are ratios against that baseline rather than absolute numbers,
which depend on the machine. See bench/README.md.

    .venv/bin/python bench/run.py [--requests 2000] [--concurrency 8]

This process only manages the server and reports; the load comes from bench/load.py in a
subprocess, because locust monkey-patches the standard library with gevent on import.
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


def fetch(url):
    """GET url without following redirects; return (status, location header)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers=PROXY_HEADERS)
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


def preflight(base_url):
    """Check each endpoint once, so a redirect or an error page fails fast and clearly."""
    for _label, path in ENDPOINTS:
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


def ratio(numerator, denominator):
    return numerator / denominator if numerator is not None and denominator else None


def print_report(report):
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


def fmt(value):
    return f"{value:>8.1f}" if value is not None else f"{'-':>8}"


def fmt_ratio(value):
    return f"{value:.3f}" if value is not None else "-"


def benchmark(args):
    workdir = Path(tempfile.mkdtemp(prefix="lms-bench-"))
    process = None
    try:
        env = server_environment(workdir)
        print(f"Preparing a fresh database in {workdir} ...", flush=True)
        started = time.monotonic()
        prepare_site(env, workdir)
        print(f"  prepared in {time.monotonic() - started:.1f} s", flush=True)
        port = free_port()
        base_url = f"http://{HOST}:{port}"
        log_path = workdir / "gunicorn.log"
        print(f"Starting gunicorn on {base_url} ...", flush=True)
        process = start_gunicorn(env, port, args.workers, log_path)
        wait_until_healthy(process, base_url, log_path, args.startup_timeout)
        preflight(base_url)

        results = {}
        for label, path in ENDPOINTS:
            print(
                f"Measuring {path} ({args.warmup} warm-up + {args.requests} requests) ...",
                flush=True,
            )
            results[label] = run_load(base_url, path, args)
        if process.poll() is not None:
            raise BenchError(f"gunicorn died during the run:\n{tail(log_path)}")
    finally:
        if process is not None:
            stop_gunicorn(process)
        shutil.rmtree(workdir, ignore_errors=True)

    base, subject = results[BASELINE], results[SUBJECT]
    return {
        "timestamp": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "settings": "lms.settings.production",
        "server": "gunicorn",
        "workers": args.workers,
        "requests": args.requests,
        "concurrency": args.concurrency,
        "warmup": args.warmup,
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "endpoints": results,
        "baseline": BASELINE,
        "ratios": {
            "rps": ratio(subject["rps"], base["rps"]),
            "p50": ratio(subject["p50_ms"], base["p50_ms"]),
        },
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
    args = parser.parse_args()
    if args.requests < 1 or args.concurrency < 1 or args.warmup < 0:
        parser.error("--requests and --concurrency must be positive, --warmup not negative")

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
    failed = [label for label, row in report["endpoints"].items() if row["errors"]]
    if failed:
        print(f"bench: errors on {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
