"""Benchmark of the Excel preview: ``.venv/bin/python bench/excel_preview.py [--runs 10] [--cells 50]``.

On the large synthetic agency (150 indicators, 400 budget lines) it writes the year's workbook, changes about 50
cells (realisations, their TW I, and the budget lines' realisasi) with openpyxl, and times what the worker does
for an upload: load the snapshot, read the workbook, list its changes and problems, check the changed targets
(``interchange.workbook.preview_workbook``, the task's work without the file storage). It reports the median of
N runs (wall-clock and CPU seconds) and the time to write the workbook. It runs on a throw-away SQLite database,
so it never touches the project's own data.

Target (issue 14): the preview under 2 s.
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
YEAR = 2024


def medians(action, runs):
    wall, cpu, result = [], [], None
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = action()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu), result


def changed_workbook(data, cells):
    """The workbook ``data`` with ``cells`` cells changed: a third each in Realisasi, Realisasi TW I, Anggaran."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    realisations, budget = book["Realisasi"], book["Anggaran"]
    per_kind = cells // 3
    for row in realisations.iter_rows(min_row=2, max_row=per_kind + 1):
        row[3].value = 12.5
        row[5].value = 3
    for row in budget.iter_rows(min_row=2, max_row=cells - 2 * per_kind + 1):
        row[4].value = 1000
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--cells", type=int, default=50)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="lakip-bench-excel-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "lakip_site.settings"
    os.environ.setdefault("DEBUG", "1")
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()

    from django.core.management import call_command

    from bench.synthetic import build_large_agency
    from interchange.workbook import preview_workbook, write_workbook
    from performance.snapshot import load_snapshot

    call_command("migrate", verbosity=0)
    agency = build_large_agency()
    write_wall, write_cpu, data = medians(lambda: write_workbook(load_snapshot(agency, YEAR), YEAR), args.runs)
    upload = changed_workbook(data, args.cells)

    wall, cpu, result = medians(lambda: preview_workbook(agency, YEAR, upload), args.runs)
    print(f"{args.runs} runs, median seconds (wall-clock / CPU); load average {os.getloadavg()[0]:.2f}")
    print(f"write workbook ({len(data):,} bytes): {write_wall:.3f} / {write_cpu:.3f}")
    print(f"preview of {len(result.changes)} changed cells, {len(result.problems)} problems: {wall:.3f} / {cpu:.3f}")
    print("target under 2 s:", "met" if wall < 2 else "MISSED")


if __name__ == "__main__":
    main()
