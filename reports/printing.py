"""WeasyPrint in a child process with a time limit, and the fingerprint that spares renders of unchanged reports.

A runaway layout (WeasyPrint's line breaking is quadratic in the length of an unbroken word) must not hold a
worker: the parent waits for the child at most the time limit, renews its lease while it waits, and kills the
child when the limit passes. The child is forked, so it starts at once with WeasyPrint already imported; it gets
the finished HTML and never touches the database connection it inherits. It also arms an alarm of its own, so it
dies at the limit even when its parent was killed first.
"""

import hashlib
import multiprocessing
import signal
import time
from dataclasses import dataclass
from functools import cache

import weasyprint

from reports import pdf

# The files WeasyPrint reads besides the HTML: the print stylesheet, its images and the fonts.
PRINT_ASSETS = ("reports", "fonts")
# Seconds a killed child may take to go, and the margin of the child's own alarm over the parent's limit.
KILL_GRACE = 5


class RenderError(Exception):
    """The render failed; the message (in Bahasa Indonesia) is shown to the planner as the reason."""


class RenderTimeout(RenderError):
    """The render passed its time limit and was killed."""


@dataclass(frozen=True)
class Printed:
    data: bytes
    pages: int
    seconds: float


@cache
def assets_digest():
    """SHA-256 of the print assets and the WeasyPrint version: what the HTML alone does not pin down."""
    digest = hashlib.sha256(f"weasyprint {weasyprint.__version__}\n".encode())
    for folder in PRINT_ASSETS:
        for path in sorted(p for p in (pdf.STATIC_ROOT / folder).rglob("*") if p.is_file()):
            digest.update(f"{path.relative_to(pdf.STATIC_ROOT)}\n".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def fingerprint(html):
    """The fingerprint of a report: its HTML (every figure, text and setting it prints) and the print assets."""
    return hashlib.sha256(f"{assets_digest()}\n{html}".encode()).hexdigest()


def _print_in_child(html, sender, time_limit):
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGALRM, signal.SIG_DFL)
    signal.alarm(time_limit + KILL_GRACE)
    try:
        sender.send(("pdf", pdf.print_pdf(html)))
    except Exception as error:  # the parent records any failure as the render's reason
        sender.send(("error", f"{type(error).__name__}: {error}"))
    finally:
        sender.close()


def print_with_limit(html, *, time_limit, heartbeat, heartbeat_every):
    """Render ``html`` to PDF in a child process; raise RenderTimeout after ``time_limit`` seconds.

    ``heartbeat()`` is called every ``heartbeat_every`` seconds while the child works, so the render's lease
    stays alive exactly as long as this process does.
    """
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_print_in_child, args=(html, sender, time_limit), daemon=True)
    start = time.monotonic()
    child.start()
    sender.close()
    try:
        while not receiver.poll(min(heartbeat_every, max(0.0, start + time_limit - time.monotonic()))):
            if time.monotonic() - start >= time_limit:
                raise RenderTimeout(f"Render melebihi batas waktu {time_limit} detik dan dihentikan.")
            heartbeat()
        try:
            kind, payload = receiver.recv()
        except EOFError:
            child.join(KILL_GRACE)
            raise RenderError(f"Proses render berhenti tanpa hasil (kode keluar {child.exitcode}).") from None
    finally:
        if child.is_alive():
            child.kill()
        child.join(KILL_GRACE)
        receiver.close()
    if kind == "error":
        raise RenderError(f"Render gagal: {payload}")
    data, pages = payload
    return Printed(data=data, pages=pages, seconds=time.monotonic() - start)
