"""Batch throughput of the PDF workers: ``.venv/bin/python bench/batch_render.py [--runs 3] [--workers 1 2]``.

Queues every demo agency plus synthetic ones (two large: 150 indicators, 400 budget lines; two medium: 40
indicators, 100 lines), starts N real worker processes (``manage.py lakip_worker --batch``, the database queue)
and times until they have rendered the queue. Before each run the stored PDFs are removed, so every job renders.
For each worker count it reports the median of the runs: PDFs per minute, pages per second per worker, and the
speed-up over the first worker count; then the render time per page of each agency (WeasyPrint in its child
process, from the stored ``render_seconds``) for each worker count: a time per page that grows with the workers
means they share cores (with each other or with other processes).

It runs on a throw-away SQLite database and media folder (``DATABASE_URL`` may name a PostgreSQL database
instead), so it never touches the project's own data. Issue #13's target: at least 1,7× from 1 to 2 workers.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMOS = ["bengkalis-2024", "bengkulu-2024", "belitung-timur-2024"]
SYNTHETIC = [("opd-sintetis-besar-1", 150, 400), ("opd-sintetis-besar-2", 150, 400)]
SYNTHETIC += [("opd-sintetis-sedang-1", 40, 100), ("opd-sintetis-sedang-2", 40, 100)]


def setup_environment():
    workdir = Path(tempfile.mkdtemp(prefix="lakip-bench-batch-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    os.environ["DJANGO_SETTINGS_MODULE"] = "lakip_site.settings"
    os.environ.setdefault("DEBUG", "1")
    os.environ.pop("REDIS_URL", None)
    sys.path.insert(0, str(ROOT))


def run_batch(workers):
    """Reset every render, queue them all, let ``workers`` worker processes render them; return seconds."""
    from agencies.models import ReportYear
    from reports.models import RenderState, StoredPdf
    from reports.tasks import queue_render

    for stored in StoredPdf.objects.all():
        stored.delete()
    RenderState.objects.all().delete()
    for report_year in ReportYear.objects.all():
        queue_render(report_year)
    command = [sys.executable, "manage.py", "lakip_worker", "--batch", "-v", "0"]
    start = time.perf_counter()
    processes = [subprocess.Popen(command, cwd=ROOT) for _ in range(workers)]  # noqa: S603
    for process in processes:
        process.wait()
    seconds = time.perf_counter() - start
    states = list(RenderState.objects.values_list("state", flat=True))
    assert states and set(states) == {RenderState.State.FRESH}, f"not all rendered: {states}"
    return seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    setup_environment()

    import django

    django.setup()

    from django.core.management import call_command

    from bench.synthetic import build_large_agency
    from interchange.importer import import_file
    from reports.models import StoredPdf

    call_command("migrate", verbosity=0)
    for name in DEMOS:
        import_file(ROOT / "demo" / f"{name}.lakip.json")
    for code, indicators, lines in SYNTHETIC:
        build_large_agency(code=code, indicators=indicators, budget_lines=lines)

    print(f"load average before: {os.getloadavg()[0]:.2f}; {os.cpu_count()} processors; {args.runs} runs each")
    timings, per_page = {}, {}
    for workers in args.workers:
        timings[workers] = []
        for _ in range(args.runs):
            timings[workers].append(run_batch(workers))
            for stored in StoredPdf.objects.select_related("report_year__agency"):
                key = (stored.report_year.agency.code, stored.pages)
                per_page.setdefault(key, {}).setdefault(workers, []).append(float(stored.render_seconds) / stored.pages)
    pdfs = StoredPdf.objects.count()
    pages = sum(StoredPdf.objects.values_list("pages", flat=True))
    print(f"{pdfs} PDFs, {pages} pages per batch")
    print(f"{'workers':>7} {'seconds':>8} {'PDF/min':>8} {'pages/s/worker':>15} {'speed-up':>9}   (all runs, s)")
    base = statistics.median(timings[args.workers[0]])
    for workers, runs in timings.items():
        seconds = statistics.median(runs)
        print(
            f"{workers:7} {seconds:8.1f} {pdfs / seconds * 60:8.1f} {pages / seconds / workers:15.1f}"
            f" {base / seconds:8.2f}×   {' '.join(f'{run:.1f}' for run in runs)}"
        )
    print(f"\nrender time per page (WeasyPrint's child process), ms, median of {args.runs}, by number of workers:")
    print(f"  {'agency':28} {'pages':>5} " + " ".join(f"{workers:>6}" for workers in args.workers))
    for (code, count), values in per_page.items():
        figures = " ".join(f"{statistics.median(values[workers]) * 1000:6.0f}" for workers in args.workers)
        print(f"  {code:28} {count:5} {figures}")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
