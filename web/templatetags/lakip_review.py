"""``{% year_review report_year as review %}``: what the frame of every page of a report year shows about its review.

The frame (``templates/web/year_base.html``) is shared by the pages of ``web`` and of the other consumers that sit
under a year (the Excel and files pages), so it asks here rather than each view passing it: why the year accepts
no change (``web.locking``, "" when it does) and how many review notes are open on each tab (``web.asides``).
It writes no figure: those are ``lakip_format``'s.
"""

from dataclasses import dataclass, field

from django import template

from web.asides import open_notes_by_tab
from web.locking import lock_message

register = template.Library()


@dataclass(frozen=True)
class YearReview:
    lock: str
    open_notes: dict = field(default_factory=dict)


@register.simple_tag
def year_review(report_year):
    return YearReview(lock=lock_message(report_year), open_notes=open_notes_by_tab(report_year))
