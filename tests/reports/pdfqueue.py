"""Helpers for the tests of the PDF queue: jobs are kept by the dummy backend and run here, one by one.

No worker runs during the tests: ``run_queued`` does what a worker does (calls the task with the job's
arguments), so a test sees each job and its outcome. WeasyPrint is replaced by ``fake_print`` where the PDF's
content does not matter.
"""

import hashlib

import pytest
from django_tasks import task_backends

from reports import signals


def fake_print(html):
    """A small PDF-looking file that differs with the HTML, and its 'page count'."""
    return b"%PDF-1.7\n% " + hashlib.sha256(html.encode()).hexdigest().encode() + b"\n%%EOF\n", 3


def jobs(report_year=None):
    """The jobs waiting in the dummy backend (of one report year, if given)."""
    waiting = task_backends["default"].results
    return [job for job in waiting if report_year is None or job.args == [report_year.pk]]


def run_queued(limit=20):
    """Run every waiting job, as a worker would, including the ones they queue; return their outcomes."""
    waiting = task_backends["default"].results
    outcomes = []
    while waiting:
        assert len(outcomes) < limit, f"the jobs keep queueing each other: {outcomes}"
        job = waiting.pop(0)
        outcomes.append(job.task.call(*job.args, **job.kwargs))
    return outcomes


@pytest.fixture
def pdf_queue(settings, tmp_path, monkeypatch):
    """An empty queue, the stored PDFs in a temporary MEDIA_ROOT, no wait for the data to settle.

    Changes noted by earlier tests of this process were rolled back before their commit; they are forgotten so
    that each test sees only its own.
    """
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PDF_RENDER_DELAY = 0
    monkeypatch.setattr(signals._pending, "agency_ids", set(), raising=False)
    task_backends["default"].clear()
    yield task_backends["default"]
    task_backends["default"].clear()
