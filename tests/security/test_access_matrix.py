"""The access matrix: every URL pattern of the site and the admin, opened and posted to by every role, and nobody
sees or changes what is not theirs.

The patterns are the resolver's (``django.urls.get_resolver()``, walked through every include, the admin's too),
not a list written here: a pattern this module cannot fill fails ``test_every_url_pattern_is_known``, so a new view
cannot slip past. What a pattern needs and who may open it is the table below: ``SITE`` by URL name, ``ADMIN_SITE``
for the admin's own pages, ``ADMIN_KINDS`` for the pages of each registered model (``admin.site._registry``).

Roles (``tests/security/world.py``): the planner of agency A, the planner of agency B (same government), the
reviewer of that government, the reviewer of another government (agency C), a staff user without agency, an
anonymous visitor, and a superuser as the positive control.

Targets: every pattern is filled with agency A's objects (for a model's admin pages, A's row of that model), then
with agency C's, which the reviewer of A's government and both planners may not see, with C's reviewer as the
positive control (the staff user without agency and the anonymous visitor meet C's pages as they meet A's, and the
superuser is A's control: they are not asked twice). An address that names objects by id is also asked with A's code
and C's objects ("A+C") by those who see A: 404 for everyone, the superuser too. Pages that belong to no agency (the
list of agencies, the desk's queue, the admin's index, the public index) and an admin model's list and add page
(the same page whatever the target; its POST names A's row) are asked once.

Expectations:

- GET by a role that may see the target: the page (200), or a redirect within that agency (a download sent to its
  status page). A refused role gets 404 (agency pages hide that the agency exists), 403, 405 (an action asked by
  GET) or a redirect to log in, or for the admin to its index ("does not exist"); never a word of the target.
- Every response to every role, whatever its status, is searched for the markers of the agencies and governments
  the role may not see (a page of one's own agency must not list another's either); on a public page, only the
  agency without an approved version (B) must be absent.
- POST by every role that may not change the target (payload: the form of the page as the superuser's browser
  would post it, with its numbers and texts changed, or the table's small payload): nothing changes. A digest of
  every data table (with the history and review tables, users, groups, the admin log and the task queue), of the
  stored files and of the mail outbox is taken before and after each POST, which runs in a savepoint rolled back
  afterwards.
- Reviewer-only pages (the review page and the reviewer's actions) refuse the planner of the agency; the planner's
  actions (submit, withdraw) refuse the reviewer; in the admin a planner cannot change a reviewer's note or an
  approved version, and nobody edits the stored PDFs' rows.
- Public pages: everyone, anonymous included, gets 200; they show A's approved version and never name B.
- The payloads are proven: posted by one who may (A's planner or reviewer; the superuser in the admin), each
  changes A's data (``test_the_payload_changes_data_when_one_who_may_posts_it`` and its admin twin), so a refused
  role's POST that changes nothing was refused, not merely badly filled.

The number of requests tried (role x address x method) is printed at the end of the run.
"""

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from tests.security import matrix
from tests.security.matrix import DENY, DENY_KNOWN, MAYBE, OK, PUBLIC
from tests.security.world import APPROVED_YEAR, SUBMITTED_YEAR, WORKSPACE_YEAR

# Each test runs in its own savepoint inside the module's transaction (``conftest.world``).
pytestmark = pytest.mark.django_db

# --- Who may open a site page ------------------------------------------------------------------------------------

AGENCY = "agency"  # the planner of the agency, the reviewer of its government, the superuser
PLANNER_ACTION = "planner_action"  # as AGENCY, but the reviewer (not a planner) must change nothing
REVIEW = "review"  # the reviewer of the agency's government and the superuser; its planner is refused
SIGNED_IN = "signed_in"  # anyone signed in (what they see is narrowed to their agencies)
REVIEWERS = "reviewers"  # anyone who reviews a government
ANYONE = "anyone"  # signing in and out: no rule but the markers and no change
STAFF = "staff"  # the admin's pages without an object: staff users
STAFF_MAYBE = "staff_maybe"  # as STAFF, but the page may refuse a staff user (no model of theirs)


@dataclass(frozen=True)
class Site:
    """One site pattern: who may open it, how to fill it, and what to post to it.

    ``kwargs(world, target)`` gives the address's arguments beyond ``code`` and ``year`` (a dict, or a list of
    dicts for several addresses); ``forms_on`` names the pages whose form posts here (their payload is harvested
    as the superuser sees them); ``payload`` is posted when no form is found, ``fill`` always.
    """

    access: str
    year: int = WORKSPACE_YEAR
    kwargs: Callable | None = None
    forms_on: tuple = ()
    payload: dict = field(default_factory=dict)
    fill: dict = field(default_factory=dict)
    per_target: bool = True
    must_show: Callable | None = None
    ids: bool = False  # its arguments name objects by id: also asked with A's code and C's objects


def _global(access, **options):
    return Site(access, per_target=False, **options)


def _pk(attribute):
    return lambda world, target: {"pk": getattr(target, attribute).pk}


def _note(world, target):
    return {"note_id": target.note.pk}


def _section(world, target):
    return {"key": target.objects["agencies.narrative"].key}


def _objective(world, target):
    return {"objective_id": target.objective.pk}


def _objective_section(world, target):
    return {"objective_id": target.objective.pk, "key": target.objects["indicators.objectivenarrative"].key}


def _version_files(world, target):
    from publication.views import actions

    kinds = getattr(actions, "VERSION_FILES", {"pdf": None})
    return [{"number": target.version.number, "kind": kind} for kind in kinds]


def _history(world, target):
    """One history page per model the workspace shows the history of, with the target's row of that model."""
    from web.views import history

    return [{"model": name, "pk": target.objects[label].pk} for name, (label, *_) in history.HISTORY_MODELS.items()]


def _token(world, target):
    return {"token": target.version.token}


def _agency_name(world, target):
    return [target.agency.name]


REASON = {"reason": "Mohon perbaiki realisasi dan jelaskan selisihnya."}
APPROVAL = {
    "reviewer_name": "Reviewer Luar",
    "reviewer_nip": "",
    "reviewer_title": "Inspektur",
    "reviewed_city": "Kota",
    "reviewed_on": date(2026, 1, 15).isoformat(),
}

SITE = {
    "login": _global(ANYONE),
    "logout": _global(ANYONE),
    # The planner's workspace (web).
    "web:agency_list": _global(SIGNED_IN),
    "web:agency_detail": Site(AGENCY),
    "web:agency_year": Site(AGENCY),
    "web:realisations": Site(AGENCY, forms_on=("web:realisations",)),
    "web:realisation_preview": Site(AGENCY, forms_on=("web:realisations",)),
    "web:evidence": Site(AGENCY),
    "web:evidence_upload": Site(AGENCY, forms_on=("web:evidence",), payload={"indicator": "IKU-1"}),
    "web:evidence_file": Site(AGENCY, kwargs=_pk("evidence"), ids=True),
    "web:evidence_delete": Site(AGENCY, kwargs=_pk("evidence"), ids=True),
    "web:targets": Site(AGENCY, forms_on=("web:targets",)),
    "web:budget": Site(AGENCY, forms_on=("web:budget",)),
    "web:narratives": Site(AGENCY, forms_on=("web:narratives",), payload={"key": "lampiran-luar", "text": "Teks."}),
    "web:narrative": Site(
        AGENCY, kwargs=_section, forms_on=("web:narratives",), payload={"action": "save", "text": "Teks baru."}
    ),
    "web:narrative_delete": Site(AGENCY, kwargs=_section),
    "web:objective_narratives": Site(
        AGENCY,
        kwargs=_objective,
        forms_on=("web:narratives",),
        payload={"key": "lain-luar", "text": "Teks."},
        ids=True,
    ),
    "web:objective_narrative": Site(
        AGENCY,
        kwargs=_objective_section,
        forms_on=("web:narratives",),
        payload={"action": "save", "text": "Baru."},
        ids=True,
    ),
    "web:objective_narrative_delete": Site(AGENCY, kwargs=_objective_section, ids=True),
    "web:agency_settings": Site(AGENCY, forms_on=("web:agency_settings",)),
    "web:findings": Site(AGENCY),
    "web:history": Site(AGENCY, kwargs=_history, ids=True),
    "web:finding_note": Site(
        AGENCY,
        forms_on=("web:findings",),
        payload={"rule": "missing_realisation", "subject": "IKU-2", "text": "Dijelaskan oleh orang luar."},
    ),
    # The stored PDF (reports) and the files (interchange).
    "reports:lakip_pdf": Site(AGENCY),
    "reports:lakip_pdf_previous": Site(AGENCY),
    "reports:lakip_status": Site(AGENCY),
    "reports:lakip_render": Site(AGENCY, forms_on=("reports:lakip_status", "web:agency_year")),
    "interchange:files": Site(AGENCY),
    "interchange:download_excel": Site(AGENCY),
    "interchange:download_lakip": Site(AGENCY),
    "interchange:download_results": Site(AGENCY),
    "interchange:upload_excel": Site(AGENCY, forms_on=("interchange:files",)),
    "interchange:upload_lakip": Site(AGENCY, forms_on=("interchange:files",)),
    "interchange:upload": Site(AGENCY, kwargs=_pk("upload"), ids=True),
    "interchange:apply": Site(AGENCY, kwargs=_pk("upload"), forms_on=("interchange:upload",), ids=True),
    "interchange:cancel": Site(AGENCY, kwargs=_pk("upload"), forms_on=("interchange:upload",), ids=True),
    # The review workflow (publication): the planner's side.
    "publication:submit": Site(PLANNER_ACTION, forms_on=("web:agency_year",)),
    "publication:withdraw": Site(PLANNER_ACTION, year=SUBMITTED_YEAR, forms_on=("web:agency_year",)),
    "publication:reply": Site(
        AGENCY,
        kwargs=_note,
        forms_on=("web:realisations", "web:agency_year", "publication:review"),
        payload={"text": "Jawaban dari orang luar."},
        ids=True,
    ),
    "publication:version_file": Site(AGENCY, year=APPROVED_YEAR, kwargs=_version_files),
    # The reviewer's desk.
    "publication:desk": _global(REVIEWERS),
    "publication:review": Site(REVIEW, year=SUBMITTED_YEAR),
    "publication:add_note": Site(
        REVIEW,
        year=SUBMITTED_YEAR,
        forms_on=("publication:review",),
        payload={"subject": "report", "text": "Catatan dari orang luar."},
    ),
    "publication:close_note": Site(REVIEW, kwargs=_note, forms_on=("publication:review",), ids=True),
    "publication:return": Site(REVIEW, year=SUBMITTED_YEAR, forms_on=("publication:review",), fill=REASON),
    "publication:approve": Site(REVIEW, year=SUBMITTED_YEAR, forms_on=("publication:review",), fill=APPROVAL),
    "publication:reopen": Site(REVIEW, year=APPROVED_YEAR, forms_on=("publication:review",), fill=REASON),
    # Public pages: no login.
    "publication:public_index": _global(PUBLIC),
    "publication:public_government": Site(
        PUBLIC, kwargs=lambda world, target: {"government": target.government.code}, must_show=_agency_name
    ),
    "publication:public_pdf": Site(PUBLIC, kwargs=_token),
    "publication:verify": _global(PUBLIC, forms_on=("publication:verify",), payload={"sha256": "0" * 64}),
    "publication:verify_version": Site(PUBLIC, kwargs=_token, must_show=_agency_name),
}

# --- The admin ---------------------------------------------------------------------------------------------------


def _autocomplete(world, target):
    """The autocomplete of the first registered model with an autocomplete field, empty term: every choice the
    user may pick."""
    for model, model_admin in admin.site._registry.items():
        for name in model_admin.autocomplete_fields:
            query = f"app_label={model._meta.app_label}&model_name={model._meta.model_name}&field_name={name}&term="
            return [f"{reverse('admin:autocomplete')}?{query}"]
    return [reverse("admin:autocomplete")]


def _view_on_site(world, target):
    agency = target.agency
    return [reverse("admin:view_on_site", args=[ContentType.objects.get_for_model(agency).pk, agency.pk])]


def _app_lists(world, target):
    """The index of an app of agency data and of the superuser's ``auth``."""
    return [reverse("admin:app_list", kwargs={"app_label": label}) for label in ("indicators", "auth")]


ADMIN_SITE = {
    "admin:index": _global(STAFF),
    "admin:login": _global(ANYONE),
    "admin:logout": _global(ANYONE),
    "admin:password_change": _global(STAFF, forms_on=("admin:password_change",)),
    "admin:password_change_done": _global(STAFF),
    "admin:autocomplete": _global(STAFF_MAYBE, kwargs=_autocomplete),
    "admin:jsi18n": _global(STAFF),
    "admin:view_on_site": Site(STAFF_MAYBE, kwargs=_view_on_site),
    "admin:app_list": _global(STAFF_MAYBE, kwargs=_app_lists),
    "catch_all": _global(STAFF_MAYBE, kwargs=lambda world, target: ["/admin/tidak-ada-kqz/"]),
}

# The pages of each registered model, by the suffix of their URL name.
ADMIN_KINDS = matrix.MODEL_KINDS + ("object_redirect",)

# Models no agency owns: the superuser's alone.
GLOBAL_MODELS = {"auth.user", "auth.group", "django_tasks_database.dbtaskresult"}
# Who may change a model's rows in the admin when it is not everyone who may see them.
SUPERUSER, REVIEWERS_ONLY, NOBODY = "superuser", "reviewers", "nobody"
CHANGERS = {
    "agencies.government": SUPERUSER,  # set up by the administrator; its reviewers and planners only read it
    "review.reportversion": SUPERUSER,  # an approved version is the record of the approval
    "review.reviewnote": REVIEWERS_ONLY,  # the reviewer writes and closes a note; the planner answers it
    "reports.storedpdf": NOBODY,  # workers write these rows
    "reports.renderstate": NOBODY,
}
DELETERS = {"agencies.agency": SUPERUSER}


def _owner(label):
    if label in GLOBAL_MODELS:
        return "global"
    if label == "agencies.government":
        return "government"
    return "agency"


def _sees(role, owner, target):
    if role.is_superuser:
        return True
    if owner == "global":
        return False
    if owner == "government":
        return target.government_key in role.governments
    return target.key in role.agencies


def _sees_module(role, owner):
    if role.is_superuser:
        return True
    if owner == "global" or not role.is_staff:
        return False
    return bool(role.governments if owner == "government" else role.agencies)


def _may(rule, role, owner, target):
    if rule == NOBODY:
        return False
    if rule == SUPERUSER:
        return role.is_superuser
    if rule == REVIEWERS_ONLY:
        return role.is_superuser or target.key in role.reviewer_of
    return _sees(role, owner, target)


def _may_change(role, label, target):
    return _may(CHANGERS.get(label), role, _owner(label), target)


def _may_delete(role, label, target):
    return _may(DELETERS.get(label, CHANGERS.get(label)), role, _owner(label), target)


# --- The cases ---------------------------------------------------------------------------------------------------

ROUTES = matrix.routes()
ROLES_FOR_C = ("planner_a", "planner_b", "reviewer", "other_reviewer")
# The admin's pages of one object; a model's list and add page are the same page whichever agency is the target.
OBJECT_KINDS = ("change", "delete", "history", "simple_history", "password_change")
# "A+C": agency A's code with agency C's objects, asked by those who may see A: an id of another agency's object
# under one's own agency's address is a 404 for everyone, the superuser too.
MIXED = "A+C"
ROLES_FOR_MIXED = ("planner_a", "reviewer", "superuser")


def _spec(route):
    if route.model:
        return None
    return SITE.get(route.key) or ADMIN_SITE.get(route.key)


def _is_known(route):
    if route.model:
        return route.kind in ADMIN_KINDS
    return _spec(route) is not None


def _cases():
    cases = []
    for route in ROUTES:
        if not _is_known(route):
            continue
        if route.model:
            per_object = _owner(route.model) != "global" and route.kind in OBJECT_KINDS
            targets = ("A", "C") if per_object else ("A",)
        else:
            spec = _spec(route)
            targets = (("A", "C") if spec.per_target else (None,)) + ((MIXED,) if spec.ids else ())
        cases.extend(pytest.param(route, target, id=f"{route.key}@{target or '-'}") for target in targets)
    return cases


def test_every_url_pattern_is_known(world):
    """A pattern the table cannot fill (a new view, an admin page of a new kind, a model registered in the admin
    without a row in the world) fails here: teach the table, do not skip it."""
    unknown = [f"{route.route} ({route.key})" for route in ROUTES if not _is_known(route)]
    unknown += [
        f"{route.route}: the world has no row of {route.model} for agency A"
        for route in ROUTES
        if route.model
        and route.kind in ADMIN_KINDS
        and _owner(route.model) == "agency"
        and route.model not in world.targets["A"].objects
    ]
    assert not unknown, "Patterns the access matrix cannot fill:\n" + "\n".join(sorted(set(unknown)))


def test_the_table_names_no_pattern_that_is_gone():
    names = {route.key for route in ROUTES}
    assert sorted(set(SITE) - names) == []
    assert sorted(set(ADMIN_SITE) - names) == []


@pytest.mark.parametrize(("route", "target_key"), _cases())
def test_nobody_sees_or_changes_what_is_not_theirs(route, target_key, world):
    if target_key == MIXED:
        target = replace(world.targets["C"], key=MIXED, agency=world.targets["A"].agency)
    else:
        target = world.targets[target_key or "A"]
    chosen = {"C": ROLES_FOR_C, MIXED: ROLES_FOR_MIXED}.get(target_key, world.roles)
    roles = [world.roles[key] for key in chosen]
    if route.model:
        problems = _walk_admin_model(world, route, target, roles)
    else:
        problems = _walk_site(world, route, _spec(route), target, roles)
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(problems)


# --- Site pages --------------------------------------------------------------------------------------------------


def _expect_site(access, role, target):
    """(what a GET meets, what a POST meets or None when the role is not asked to post)."""
    key = target.key
    if key == MIXED:
        return DENY, DENY
    if access == PUBLIC:
        return PUBLIC, MAYBE
    if access == ANYONE:
        return MAYBE, MAYBE
    if access == SIGNED_IN:
        return (OK, None) if role.signed_in else (DENY, DENY)
    if access == REVIEWERS:
        return (OK, None) if role.is_superuser or role.reviewer_of else (DENY, DENY)
    if access in (STAFF, STAFF_MAYBE):
        if role.is_staff:
            return (OK if access == STAFF else MAYBE), None
        return DENY, DENY
    if role.is_superuser:
        return OK, None
    if key not in role.agencies:
        return DENY, DENY
    if access == PLANNER_ACTION and key not in role.planner_of:
        return DENY_KNOWN, DENY_KNOWN
    if access == REVIEW and key not in role.reviewer_of:
        return DENY_KNOWN, DENY_KNOWN
    return OK, None


def _route_named(name):
    return next(route for route in ROUTES if route.name == name)


def _site_addresses(route, spec, world, target):
    """The addresses of ``route`` for ``target``, each with the arguments that filled it."""
    extra = spec.kwargs(world, target) if spec.kwargs else {}
    if isinstance(extra, list) and extra and isinstance(extra[0], str):
        return [(url, {}) for url in extra]
    found = []
    for more in extra if isinstance(extra, list) else [extra]:
        kwargs = {}
        if "code" in route.converters:
            kwargs["code"] = target.agency.code
        if "year" in route.converters:
            kwargs["year"] = spec.year
        kwargs.update(more)
        found.append((reverse(route.name, kwargs=kwargs), kwargs))
    return found


def _site_payload(world, spec, url, kwargs):
    data = dict(spec.payload)
    for page in spec.forms_on:
        page_route = _route_named(page)
        page_url = reverse(
            page, kwargs={name: value for name, value in kwargs.items() if name in page_route.converters}
        )
        harvested = matrix.harvest(world, page_url, url)
        if harvested is not None:
            data.update(harvested)
            break
    data.update(spec.fill)
    return data


def _within(target):
    code = f"/{target.agency.code}/"
    return lambda location: code in location or location.startswith(("/publik/", "/verifikasi/"))


def _walk_site(world, route, spec, target, roles):
    problems = []
    public = spec.access == PUBLIC
    must_show = spec.must_show(world, target) if spec.must_show else ()
    allowed_redirect = _within(target) if spec.per_target else None
    for url, kwargs in _site_addresses(route, spec, world, target):
        baseline = payload = None
        for role in roles:
            get_expect, post_expect = _expect_site(spec.access, role, target)
            answer = matrix.ask(world, role, "GET", url)
            problems += matrix.judge(
                world,
                role,
                "GET",
                url,
                answer,
                get_expect,
                public=public,
                allowed_redirect=allowed_redirect,
                must_show=must_show,
            )
            if post_expect is None:
                continue
            if baseline is None:
                payload = _site_payload(world, spec, url, kwargs)
                baseline = matrix.digest()
            answer = matrix.ask(world, role, "POST", url, payload, baseline=baseline)
            problems += matrix.judge(world, role, "POST", url, answer, post_expect, public=public)
    return problems


# --- The admin's pages of a model --------------------------------------------------------------------------------


def _admin_object(world, label, target):
    if _owner(label) == "global":
        return world.global_objects.get(label)
    if _owner(label) == "government":
        return target.government
    return target.objects.get(label)


def _admin_url(label, kind, *args):
    app_label, model_name = label.split(".")
    return reverse(f"admin:{app_label}_{model_name}_{kind}", args=args)


def _admin_address(route, obj):
    label, kind = route.model, route.kind
    if kind in ("changelist", "add"):
        return _admin_url(label, kind)
    if kind == "object_redirect":
        return _admin_url(label, "change", obj.pk).removesuffix("change/")
    if kind == "simple_history":
        record = obj.history.order_by("-history_id").first()
        return _admin_url(label, kind, obj.pk, record.history_id)
    return _admin_url(label, kind, obj.pk)


def _expect_admin(kind, role, label, target):
    """(what a GET meets, what a POST meets or None when the role may do what the POST does)."""
    owner = _owner(label)
    sees, module = _sees(role, owner, target), _sees_module(role, owner)
    changes = _may_change(role, label, target)
    refused = DENY if not sees else MAYBE
    if kind == "changelist":
        return (OK if module else DENY), (None if changes else (MAYBE if module else DENY))
    if kind == "add":
        return (MAYBE if module else DENY), (None if changes else (MAYBE if module else DENY))
    if kind == "change":
        return (OK if sees else DENY), (None if changes else refused)
    if kind == "delete":
        return (MAYBE if sees else DENY), (None if _may_delete(role, label, target) else refused)
    if kind == "history":
        return (OK if sees else DENY), (None if sees else DENY)
    if kind == "simple_history":
        return (MAYBE if sees else DENY), (None if changes else refused)
    if kind == "object_redirect":
        return (MAYBE if role.is_staff else DENY), (None if changes else (MAYBE if role.is_staff else DENY))
    if kind == "password_change":
        return (OK if role.is_superuser else DENY), (None if role.is_superuser else DENY)
    raise AssertionError(f"unknown admin page kind {kind}")


def _admin_payload(world, route, obj, url):
    kind, label = route.kind, route.model
    if kind == "changelist":
        return {"action": "delete_selected", "_selected_action": [str(obj.pk)], "post": "yes", "index": "0"}
    if kind == "delete":
        return {"post": "yes"}
    if kind in ("add", "change"):
        change_url = _admin_url(label, "change", obj.pk)
        return matrix.harvest(world, change_url, url, any_main_form=True) or {}
    if kind in ("simple_history", "password_change"):
        return matrix.harvest(world, url, url) or {}
    return {}


def _walk_admin_model(world, route, target, roles):
    label = route.model
    obj = _admin_object(world, label, target)
    if obj is None:
        return [f"{route.route}: the world has no row of {label} for agency {target.key}"]
    url = _admin_address(route, obj)
    admin_prefix = reverse("admin:index")
    problems = []
    baseline = payload = None
    for role in roles:
        get_expect, post_expect = _expect_admin(route.kind, role, label, target)
        answer = matrix.ask(world, role, "GET", url)
        problems += matrix.judge(
            world,
            role,
            "GET",
            url,
            answer,
            get_expect,
            allowed_redirect=lambda location: location.startswith(admin_prefix) and location != admin_prefix,
        )
        if post_expect is None:
            continue
        if baseline is None:
            payload = _admin_payload(world, route, obj, url)
            baseline = matrix.digest()
        answer = matrix.ask(world, role, "POST", url, payload, baseline=baseline)
        problems += matrix.judge(world, role, "POST", url, answer, post_expect)
    return problems


# --- The payloads would change something -------------------------------------------------------------------------

# The addresses whose payload changes agency A's data when one who may posts it (its planner, or for the review
# its reviewer): a refused role's POST that changes nothing was refused, not merely badly filled. Left out: the
# realisation preview (it computes, it stores nothing) and applying an upload (the world's upload has no change).
PROVEN = (
    "web:realisations",
    "web:evidence_upload",
    "web:evidence_delete",
    "web:targets",
    "web:budget",
    "web:narratives",
    "web:narrative",
    "web:narrative_delete",
    "web:objective_narratives",
    "web:objective_narrative",
    "web:objective_narrative_delete",
    "web:agency_settings",
    "web:finding_note",
    "reports:lakip_render",
    "interchange:upload_excel",
    "interchange:upload_lakip",
    "interchange:cancel",
    "publication:submit",
    "publication:withdraw",
    "publication:reply",
    "publication:add_note",
    "publication:close_note",
    "publication:return",
    "publication:approve",
    "publication:reopen",
)


@pytest.mark.parametrize("name", PROVEN)
def test_the_payload_changes_data_when_one_who_may_posts_it(name, world):
    spec, route, target = SITE[name], _route_named(name), world.targets["A"]
    actor = world.roles["reviewer" if spec.access == REVIEW else "planner_a"]
    for url, kwargs in _site_addresses(route, spec, world, target):
        answer = matrix.ask(
            world, actor, "POST", url, _site_payload(world, spec, url, kwargs), baseline=matrix.digest()
        )
        assert answer.changed, f"{actor.key} POST {url}: {answer.status} {answer.location}, nothing changed"


@pytest.mark.parametrize(
    "label",
    sorted(model._meta.label_lower for model in admin.site._registry if _owner(model._meta.label_lower) != "global"),
)
def test_the_admin_change_form_changes_data_when_the_superuser_posts_it(label, world):
    """Every editable change form of an agency's (or a government's) row, as the superuser posts it back with its
    texts and numbers changed, saves: the same payload from a refused role must change nothing."""
    obj = _admin_object(world, label, world.targets["A"])
    url = _admin_url(label, "change", obj.pk)
    payload = matrix.harvest(world, url, url, any_main_form=True)
    if not payload or "_save" not in payload:
        return  # a read-only admin: nobody posts its change form
    answer = matrix.ask(world, world.roles["superuser"], "POST", url, payload, baseline=matrix.digest())
    assert answer.status == 302, f"{url}: {answer.status}"
    assert set(answer.changed) - {"admin.logentry"}, f"{url}: nothing but the admin log changed"
