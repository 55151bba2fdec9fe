"""Mail about a report's review: who is told, in Indonesian, with the address to open.

- Submitted: the reviewers of the agency's government (those who hold the reviewer's role: not its planners).
- Returned, approved, reopened: the agency's planners (its members).

Only active users with an e-mail address are mailed, each in a message of their own (no address is shown to
another). The mail leaves once the decision is committed (``transaction.on_commit``): a decision rolled back is
never announced, and a mail server that fails is logged, never undoing the decision. Each message is a template of
``templates/publication/email/``: its first line is the subject, the rest the body; links are absolute, under
``settings.LAKIP_PUBLIC_URL``.
"""

import logging

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

logger = logging.getLogger(__name__)


def _reviewers(agency):
    return agency.government.reviewers.exclude(pk__in=agency.members.values("pk"))


def _planners(agency):
    return agency.members.all()


def _addresses(users):
    return list(users.filter(is_active=True).exclude(email="").order_by("pk").values_list("email", flat=True))


def _name(user):
    return user.get_full_name() or user.get_username()


def _link(url_name, report_year):
    return settings.LAKIP_PUBLIC_URL + reverse(url_name, args=[report_year.agency.code, report_year.year])


def _send(kind, recipients, context):
    """Render ``kind``'s template and mail it to each of ``recipients`` (a callable giving a queryset of users)."""
    try:
        addresses = _addresses(recipients())
        if not addresses:
            return
        subject, _, body = render_to_string(f"publication/email/{kind}.txt", context).partition("\n")
        messages = [(subject.strip(), body.strip() + "\n", None, [address]) for address in addresses]
        send_mass_mail(messages, fail_silently=False)
    except Exception:
        report_year = context["report_year"]
        logger.exception("Mail %s of %s %s could not be sent", kind, report_year.agency.code, report_year.year)


def _after_commit(kind, recipients, context):
    transaction.on_commit(lambda: _send(kind, recipients, context))


def report_submitted(report_year, actor):
    """Tell the reviewers a report waits for them."""
    agency = report_year.agency
    context = {"report_year": report_year, "agency": agency, "actor": _name(actor)}
    _after_commit(
        "submitted", lambda: _reviewers(agency), {**context, "link": _link("publication:review", report_year)}
    )


def report_returned(report_year, actor, reason):
    """Tell the planners their report came back, and why."""
    agency = report_year.agency
    context = {"report_year": report_year, "agency": agency, "actor": _name(actor), "reason": reason}
    _after_commit("returned", lambda: _planners(agency), {**context, "link": _link("web:agency_year", report_year)})


def report_approved(version, actor):
    """Tell the planners their report is approved, as which version."""
    report_year = version.report_year
    agency = report_year.agency
    context = {"report_year": report_year, "agency": agency, "actor": _name(actor), "version": version}
    _after_commit("approved", lambda: _planners(agency), {**context, "link": _link("web:agency_year", report_year)})


def report_reopened(report_year, actor, reason):
    """Tell the planners their approved report is open again, and why."""
    agency = report_year.agency
    context = {"report_year": report_year, "agency": agency, "actor": _name(actor), "reason": reason}
    _after_commit("reopened", lambda: _planners(agency), {**context, "link": _link("web:agency_year", report_year)})
