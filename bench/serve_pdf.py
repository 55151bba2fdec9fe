"""Serving a stored PDF through a real server: ``.venv/bin/python bench/serve_pdf.py [--requests 200] [--runs 5]``.

Renders the PDF of the largest demo agency (Belitung Timur) once through the worker's task, starts a server
(``DEBUG=0``) on a free port, logs in a planner of the agency, and times ``--requests`` downloads of
``/agencies/<code>/2024/lakip.pdf``, each on a new connection, from the request to the last byte. Prints p50, p95
and the largest time of each run, and the median of the runs; every response is checked to be the stored file.
Issue #13's target: p95 under 50 ms.

Two servers: gunicorn (2 sync workers), as production would run, and ``manage.py runserver``. runserver writes the
status line and the headers in separate small writes without TCP_NODELAY, so a share of its responses wait for
the client's delayed ACK (about 40 ms on Linux) whatever the view does.

It runs on a throw-away SQLite database and media folder, so it never touches the project's own data.
"""

import argparse
import hashlib
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO, CODE, YEAR = "belitung-timur-2024", "bkpsdm-belitung-timur", 2024
SETTINGS = {
    "DEBUG": "0",
    "PDF_RENDER_DELAY": "0",
    "SECRET_KEY": "bench-" + "x" * 50,
    "ALLOWED_HOSTS": "127.0.0.1",
    "LOG_LEVEL": "ERROR",
}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def wait_for(port, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not start")


def download(port, path, cookie):
    """Seconds from sending the request to reading the last byte, and the body."""
    start = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path, headers={"Cookie": cookie})
    response = connection.getresponse()
    body = response.read()
    seconds = time.perf_counter() - start
    connection.close()
    assert response.status == 200, f"{response.status} {response.reason}"
    return seconds, body


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--servers", nargs="+", choices=["gunicorn", "runserver"], default=["gunicorn", "runserver"])
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="lakip-bench-serve-"))
    os.environ.update(SETTINGS)
    os.environ.pop("REDIS_URL", None)
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    os.environ["DJANGO_SETTINGS_MODULE"] = "lakip_site.settings"
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()

    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command

    from agencies.models import Agency
    from interchange.importer import import_file
    from reports.tasks import queue_render, render_report

    call_command("migrate", verbosity=0)
    import_file(ROOT / "demo" / f"{DEMO}.lakip.json")
    agency = Agency.objects.get(code=CODE)
    report_year = agency.report_years.get(year=YEAR)
    queue_render(report_year)
    print("render:", render_report.call(report_year.pk))
    stored = report_year.pdf_state.current
    user = get_user_model().objects.create_user("perencana-bench", is_staff=True)
    agency.members.add(user)
    session = SessionStore()
    session.update({"_auth_user_id": str(user.pk), "_auth_user_backend": settings.AUTHENTICATION_BACKENDS[0]})
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    cookie = f"{settings.SESSION_COOKIE_NAME}={session.session_key}"

    for name in args.servers:
        print(f"\n{name}:")
        measure(name, stored, cookie, args)


def measure(name, stored, cookie, args):
    port = free_port()
    if name == "gunicorn":
        gunicorn = str(Path(sys.executable).parent / "gunicorn")
        command = [gunicorn, "--workers", "2", "--bind", f"127.0.0.1:{port}", "lakip_site.wsgi"]
    else:
        command = [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
    try:
        wait_for(port)
        path = f"/agencies/{CODE}/{YEAR}/lakip.pdf"
        for _ in range(20):
            download(port, path, cookie)
        load = os.getloadavg()[0]
        print(f"{stored.pages} pages, {stored.size} bytes; {args.requests} requests a run; load average {load:.2f}")
        p50s, p95s = [], []
        for run in range(args.runs):
            times = []
            for _ in range(args.requests):
                seconds, body = download(port, path, cookie)
                assert hashlib.sha256(body).hexdigest() == stored.sha256
                times.append(seconds * 1000)
            p50s.append(percentile(times, 0.5))
            p95s.append(percentile(times, 0.95))
            print(f"run {run + 1}: p50 {p50s[-1]:.1f} ms, p95 {p95s[-1]:.1f} ms, max {max(times):.1f} ms")
        print(f"median of {args.runs} runs: p50 {statistics.median(p50s):.1f} ms, p95 {statistics.median(p95s):.1f} ms")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
