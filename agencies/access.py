"""Who may see which agency: the one access rule shared by the admin, the pages and the PDF.

A superuser sees every agency; an Inspektorat reviewer of a government sees that government's agencies;
a planner sees the agencies they are a member of. Everything an agency owns (plan, realisations, budget)
follows its agency, so ``scope_queryset`` narrows any of those models by the lookup from the model to
its agency. Keeping the rule in one module means no view, admin page or PDF can forget it.
"""

from django.db.models import Q
from django.shortcuts import get_object_or_404

from agencies.models import Agency, Government, ReportYear

# The lookup from each model to the agency that owns it ("" for the agency itself).
AGENCY_LOOKUPS = {
    "agencies.agency": "",
    "agencies.reportyear": "agency",
    "agencies.narrative": "report_year__agency",
    "agencies.findingnote": "report_year__agency",
    "indicators.renstra": "agency",
    "indicators.renstrayear": "renstra__agency",
    "indicators.mission": "renstra__agency",
    "indicators.goal": "renstra__agency",
    "indicators.objective": "renstra__agency",
    "indicators.objectivenarrative": "objective__renstra__agency",
    "indicators.indicator": "agency",
    "indicators.target": "indicator__agency",
    "indicators.realisation": "indicator__agency",
    "indicators.evidencefile": "realisation__indicator__agency",
    "budgets.budgetline": "agency",
    "budgets.budgetfigure": "line__agency",
    "budgets.objectivebudget": "objective__renstra__agency",
    "budgets.expensetypebudget": "report_year__agency",
    "review.reviewnote": "report_year__agency",
    "review.reviewreply": "note__report_year__agency",
    "review.reportversion": "report_year__agency",
    # The consumers' models (stored PDFs, uploads), named by label only: this module imports none of them.
    "reports.storedpdf": "report_year__agency",
    "reports.renderstate": "report_year__agency",
    "interchange.workbookupload": "report_year__agency",
}


def agencies_for(user):
    """The agencies ``user`` may see and edit, as a queryset (empty for anonymous or inactive users)."""
    if not user.is_authenticated or not user.is_active:
        return Agency.objects.none()
    if user.is_superuser:
        return Agency.objects.all()
    return Agency.objects.filter(Q(government__in=user.reviewed_governments.all()) | Q(pk__in=user.agencies.all()))


def agency_ids_for(user):
    """The ids of ``agencies_for(user)``, cached on the user object (which lives for one request).

    The admin asks this for every permission check of a page; one query per request is enough.
    """
    if not hasattr(user, "_lakip_agency_ids"):
        user._lakip_agency_ids = frozenset(agencies_for(user).values_list("pk", flat=True))
    return user._lakip_agency_ids


def can_access_agency(user, agency):
    """Whether ``user`` may see and edit ``agency`` and everything it owns."""
    if user.is_authenticated and user.is_active and user.is_superuser:
        return True
    return agency.pk in agency_ids_for(user)


def can_review_agency(user, agency):
    """Whether ``user`` may decide the state of ``agency``'s reports: a reviewer of its government (Inspektorat)
    or a superuser. A planner of the agency may not approve their own report."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or agency.government.reviewers.filter(pk=user.pk).exists()


def governments_for(user):
    """The governments ``user`` reviews or has an agency in."""
    if not user.is_authenticated or not user.is_active:
        return Government.objects.none()
    if user.is_superuser:
        return Government.objects.all()
    return Government.objects.filter(Q(reviewers=user) | Q(agencies__in=agencies_for(user))).distinct()


def agency_lookup(model):
    """The lookup from ``model`` to its agency, or None when the model does not belong to one."""
    return AGENCY_LOOKUPS.get(model._meta.label_lower)


def scope_queryset(queryset, user):
    """``queryset`` narrowed to the rows of agencies ``user`` may access; unchanged for other models."""
    if queryset.model is Government:
        return queryset.filter(pk__in=governments_for(user).values("pk"))
    lookup = agency_lookup(queryset.model)
    if lookup is None or (user.is_active and user.is_superuser):
        return queryset
    field = f"{lookup}__in" if lookup else "pk__in"
    return queryset.filter(**{field: agencies_for(user)})


def filter_by_agency(queryset, agency_id):
    """``queryset`` narrowed to the rows of one agency; unchanged for models that belong to none."""
    lookup = agency_lookup(queryset.model)
    if lookup is None:
        return queryset
    return queryset.filter(**{lookup or "pk": agency_id})


def agency_id_of(obj):
    """The id of the agency that owns ``obj`` (following ``AGENCY_LOOKUPS``), or None if it has none."""
    lookup = agency_lookup(type(obj))
    if lookup is None:
        return None
    if lookup == "":
        return obj.pk
    *path, last = lookup.split("__")
    for name in path:
        obj = getattr(obj, name, None)
        if obj is None:
            return None
    return getattr(obj, f"{last}_id", None)


def get_agency_or_404(user, code):
    """The agency with ``code`` if ``user`` may access it; 404 otherwise, so codes of others do not leak."""
    return get_object_or_404(agencies_for(user).select_related("government"), code=code)


def get_report_year_or_404(user, code, year):
    """The report year ``year`` of the agency ``code``, for a user who may see that agency; else a 404.

    Only a report year the agency has opens: a page or a PDF of any other year would be empty, and an absurd
    year in an address must cost nothing.
    """
    return get_object_or_404(
        ReportYear.objects.select_related("agency"), agency=get_agency_or_404(user, code), year=year
    )
