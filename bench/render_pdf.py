"""Benchmark of the LAKIP PDF: ``.venv/bin/python bench/render_pdf.py [--runs 5]``.

For each demo agency and for the large synthetic agency (150 indicators, 400 budget lines) it reports the
median of N runs (wall-clock and CPU seconds) of the whole ``render_lakip`` command (queries, engine,
templates, WeasyPrint, file write) and of WeasyPrint alone rendering the same saved HTML; their ratio is the
overhead of everything that is not WeasyPrint. It runs on a throw-away SQLite database, so it never touches
the project's own data.

Targets (issue #3): a demo agency under 2 s, the large one under 15 s, overhead ratio at most 1.2.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMOS = ["bengkalis-2024", "bengkulu-2024", "belitung-timur-2024"]
YEAR = 2024


def medians(action, runs):
    """Median wall-clock and CPU seconds of ``runs`` calls. On a shared machine the CPU time is the steadier
    figure: wall-clock time also counts the time other processes held the cores."""
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        action()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="lakip-bench-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lakip_site.settings")
    os.environ.setdefault("DEBUG", "1")
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()

    from django.core.management import call_command
    from pypdf import PdfReader

    from agencies.models import Agency
    from bench.synthetic import build_large_agency
    from interchange.importer import import_file
    from reports.pdf import html_to_pdf, render_html

    call_command("migrate", verbosity=0)
    agencies = [Agency.objects.get(code=import_file(ROOT / "demo" / f"{n}.lakip.json").agency_code) for n in DEMOS]
    agencies.append(build_large_agency())

    print(f"{args.runs} runs each, median seconds (wall-clock / CPU); load average {os.getloadavg()[0]:.2f}")
    print(f"{'agency':28} {'pages':>5} {'render_lakip':>13} {'WeasyPrint':>13} {'ratio':>11}")
    for agency in agencies:
        output = workdir / f"{agency.code}.pdf"
        saved = workdir / f"{agency.code}.html"
        saved.write_text(render_html(agency=agency, year=YEAR), encoding="utf-8")

        def command(agency=agency, output=output):
            arguments = ["--agency", agency.code, "--year", str(YEAR), "-o", str(output)]
            call_command("render_lakip", *arguments, stdout=StringIO())

        def weasyprint_alone(saved=saved):
            html_to_pdf(saved.read_text(encoding="utf-8"))

        whole, whole_cpu = medians(command, args.runs)
        alone, alone_cpu = medians(weasyprint_alone, args.runs)
        pages = len(PdfReader(output).pages)
        print(
            f"{agency.code:28} {pages:5} {whole:6.2f} / {whole_cpu:5.2f} {alone:6.2f} / {alone_cpu:5.2f}"
            f" {whole / alone:4.2f} / {whole_cpu / alone_cpu:4.2f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
