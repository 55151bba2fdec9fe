"""Benchmark of the realisation grid: ``.venv/bin/python bench/realisation_grid.py [--runs 20]``.

On the large synthetic agency (150 indicators, 400 budget lines) it times, with Django's test Client logged in as
a planner, the GET of ``/agencies/<code>/2024/realisations/``, the live preview of one row, and a POST saving ten
changed values (posted as static/js/grid.js posts them: the changed boxes only), and prints the median and the
95th percentile of N runs of each. It runs on a throw-away SQLite database, so it never touches the project's data.

Target (issue 14): median under 300 ms.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
YEAR = 2024
CHANGED = 10


def timings(action, runs):
    """Wall-clock milliseconds of ``runs`` calls, each checked by ``action`` itself."""
    spent = []
    for run in range(runs):
        start = time.perf_counter()
        action(run)
        spent.append((time.perf_counter() - start) * 1000)
    return spent


def p95(values):
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="lakip-bench-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lakip_site.settings")
    os.environ.setdefault("DEBUG", "1")
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()

    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from bench.synthetic import build_large_agency

    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    agency = build_large_agency()
    planner = get_user_model().objects.create_user("perencana")  # force_login: no password needed
    planner.agencies.add(agency)
    client = Client()
    client.force_login(planner)
    page = reverse("web:realisations", args=[agency.code, YEAR])
    preview = reverse("web:realisation_preview", args=[agency.code, YEAR])
    # The value boxes of the first rows, by the grid's names (the formset's default prefix, one form a row).
    names = [f"form-{row}-value" for row in range(CHANGED)]

    def get(run):
        assert client.get(page).status_code == 200

    def live(run):
        response = client.post(f"{preview}?row=IKU-1", {names[0]: f"{50 + run},5"})
        assert response.status_code == 200 and b"achievement" in response.content

    def save(run):
        response = client.post(page, {name: f"{50 + run},{n}" for n, name in enumerate(names, start=1)})
        assert response.status_code == 302, response.status_code

    print(f"{agency.code}: {args.runs} runs each; load average {os.getloadavg()[0]:.2f}")
    print(f"{'request':36} {'median ms':>10} {'p95 ms':>10}")
    for label, action in [
        ("GET realisations/", get),
        ("POST realisations/preview/ (1 row)", live),
        (f"POST realisations/ ({CHANGED} changed)", save),
    ]:
        spent = timings(action, args.runs)
        print(f"{label:36} {statistics.median(spent):10.1f} {p95(spent):10.1f}", flush=True)


if __name__ == "__main__":
    main()
