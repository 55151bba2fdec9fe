"""The data the access matrix walks: two governments, three agencies, seven roles and one row of every model.

- Government 1 (``Satukqz``) has agency A (``Alfakqz``) and agency B (``Betakqz``); government 2 (``Duakqz``) has
  agency C (``Gamakqz``).
- Every agency's text (names, codes, texts, file names) carries its marker, and every government's name and code
  its own, so a page that shows anything of an agency or a government holds its marker: the matrix looks for the
  markers of what a role may not see in every response it gets.
- A and C each have three report years in the three states the actions need: 2023 approved (version 1, with its
  PDF, ``lakip/1`` and ``lakip-results/1``: what the public pages show and a reviewer may reopen), 2024 returned (the
  planner's workspace: every data model has a row there, an open review note with a reply, an upload, an evidence
  file, a stored PDF) and 2025 submitted (what a reviewer returns, approves or notes, what a planner withdraws). B
  has the same data, all in draft, and no version: the public pages must never name it.
- Roles: the planner of A, the planner of B, the reviewer of government 1, the reviewer of government 2, a staff
  user without agency, an anonymous visitor and a superuser (the positive control).

The approved year is approved last, with a status-only save, since the freeze guard refuses its data afterwards.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from agencies.models import FindingNote, Narrative
from budgets.models import ExpenseTypeBudget, ObjectiveBudget
from domain.enums import ReportStatus
from domain.review import NoteSubject
from indicators.models import EvidenceFile, Mission, ObjectiveNarrative, RenstraYear
from interchange.models import WorkbookUpload
from reports.models import RenderState, StoredPdf
from review.models import ReportVersion, ReviewNote, ReviewReply
from tests.factories import (
    AgencyFactory,
    BudgetFigureFactory,
    BudgetLineFactory,
    GoalFactory,
    GovernmentFactory,
    IndicatorFactory,
    ObjectiveFactory,
    RealisationFactory,
    RenstraFactory,
    ReportYearFactory,
    TargetFactory,
    UserFactory,
)

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

ROLES = ("planner_a", "planner_b", "reviewer", "other_reviewer", "nobody", "anonymous", "superuser")

# The year of each state, the same for every agency.
APPROVED_YEAR, WORKSPACE_YEAR, SUBMITTED_YEAR = 2023, 2024, 2025


@dataclass
class Target:
    """One agency and its objects, by key ("A", "B", "C")."""

    key: str
    marker: str
    agency: object
    government_key: str
    years: dict
    objects: dict  # model label -> the agency's row of that model (2024's where the model has a year)
    note: object = None
    evidence: object = None
    upload: object = None
    objective: object = None
    version: object = None

    @property
    def government(self):
        return self.agency.government


@dataclass
class Role:
    """A user of the matrix and what it may see: the keys of the agencies and governments it may access."""

    key: str
    user: object
    session: str | None
    agencies: frozenset
    governments: frozenset
    planner_of: frozenset = frozenset()
    reviewer_of: frozenset = frozenset()

    @property
    def is_staff(self):
        return self.user is not None and self.user.is_staff

    @property
    def is_superuser(self):
        return self.user is not None and self.user.is_superuser

    @property
    def signed_in(self):
        return self.user is not None


@dataclass
class World:
    targets: dict
    governments: dict  # key -> (Government, marker)
    roles: dict
    global_objects: dict = field(default_factory=dict)  # model label -> a row no agency owns
    forms: dict = field(default_factory=dict)  # the payloads harvested from the pages, by page and address


def _sha(content):
    return hashlib.sha256(content).hexdigest()


def _file(content, name):
    return ContentFile(content, name=name)


def _build_agency(key, marker, government, *, reviewer, planner, approved):
    code = f"{marker.lower()}-opd"
    agency = AgencyFactory(
        government=government,
        code=code,
        name=f"Dinas {marker}",
        short_name=marker,
        city=f"Kota {marker}",
        head_name=f"Kepala {marker}",
    )
    years = {
        year: ReportYearFactory(agency=agency, year=year) for year in (APPROVED_YEAR, WORKSPACE_YEAR, SUBMITTED_YEAR)
    }
    report_year = years[WORKSPACE_YEAR]
    renstra = RenstraFactory(agency=agency, vision=f"Visi {marker}")
    mission = Mission.objects.create(renstra=renstra, text=f"Misi {marker}")
    goal = GoalFactory(renstra=renstra, code="T1", text=f"Tujuan {marker}")
    objective = ObjectiveFactory(goal=goal, code="S1", text=f"Sasaran {marker}")
    objective_narrative = ObjectiveNarrative.objects.create(
        objective=objective, year=WORKSPACE_YEAR, key="analysis", text=f"Analisis sasaran {marker}."
    )
    indicator = IndicatorFactory(objective=objective, code="IKU-1", name=f"Indeks {marker}")
    IndicatorFactory(objective=objective, code="IKU-2", name=f"Persentase {marker}")  # no realisation: a finding
    target = TargetFactory(indicator=indicator, year=WORKSPACE_YEAR, renstra_value="100")
    realisation = RealisationFactory(indicator=indicator, year=WORKSPACE_YEAR, value="90")
    evidence = EvidenceFile.objects.create(
        realisation=realisation,
        file=_file(PDF_BYTES, "bukti.pdf"),
        name=f"bukti-{marker.lower()}.pdf",
        content_type="application/pdf",
        size=len(PDF_BYTES),
        sha256=_sha(PDF_BYTES),
        uploaded_by=planner,
    )
    program = BudgetLineFactory(agency=agency, name=f"Program {marker}", objectives=[objective])
    figure = BudgetFigureFactory(line=program, year=WORKSPACE_YEAR, budget=100, realisation=90)
    objective_budget = ObjectiveBudget.objects.create(
        objective=objective, year=WORKSPACE_YEAR, budget=Decimal(100), realisation=Decimal(90)
    )
    expense = ExpenseTypeBudget.objects.create(
        report_year=report_year, expense_type="pegawai", budget=Decimal(100), realisation=Decimal(90)
    )
    narrative = Narrative.objects.create(report_year=report_year, key="background", text=f"Latar belakang {marker}.")
    # IKU-2 has neither target nor realisation: two error findings, both explained, so the report may be submitted.
    finding_note = FindingNote.objects.create(
        report_year=report_year,
        rule="missing_realisation",
        subject="IKU-2",
        text=f"Realisasi {marker} belum tersedia dari survei.",
        written_by=planner,
    )
    FindingNote.objects.create(
        report_year=report_year,
        rule="missing_target",
        subject="IKU-2",
        text="Target indikator baru ditetapkan tahun depan.",
        written_by=planner,
    )
    note = ReviewNote.objects.create(
        report_year=report_year,
        subject=NoteSubject.REALISATION,
        indicator=indicator,
        text=f"Periksa realisasi {marker} ini.",
        written_by=reviewer,
    )
    reply = ReviewReply.objects.create(note=note, text=f"Sudah diperiksa {marker}.", written_by=planner or reviewer)
    stored_pdf = StoredPdf.objects.create(
        report_year=report_year,
        fingerprint=_sha(marker.encode()),
        sha256=_sha(PDF_BYTES),
        pages=1,
        size=len(PDF_BYTES),
        render_seconds=Decimal("1.000"),
        rendered_at=timezone.now(),
        file=_file(PDF_BYTES, "lakip.pdf"),
    )
    render_state = RenderState.objects.create(
        report_year=report_year, state=RenderState.State.FRESH, current=stored_pdf, changed_at=timezone.now()
    )
    upload = WorkbookUpload.objects.create(
        report_year=report_year,
        kind=WorkbookUpload.Kind.EXCEL,
        file=_file(b"PK\x03\x04", "lakip.xlsx"),
        name=f"lakip-{marker.lower()}.xlsx",
        status=WorkbookUpload.Status.READY,
        preview={"changes": [], "problems": []},
        uploaded_by=planner,
    )
    version = None
    if approved:
        lakip, results = b'{"format": "lakip/1"}', b'{"format": "lakip-results/1"}'
        version = ReportVersion.objects.create(
            report_year=years[APPROVED_YEAR],
            number=1,
            approved_at=timezone.now(),
            approved_by=reviewer,
            reviewer_name="Reviewer Inspektorat",
            reviewer_nip="",
            reviewer_title="Inspektur",
            reviewed_city="Kota",
            reviewed_on=date(2024, 3, 1),
            achievement=Decimal("95.00"),
            pdf=_file(PDF_BYTES, "lakip.pdf"),
            pdf_sha256=_sha(PDF_BYTES),
            lakip=_file(lakip, "lakip.json"),
            lakip_sha256=_sha(lakip),
            results=_file(results, "results.json"),
            results_sha256=_sha(results),
        )
    states = {WORKSPACE_YEAR: ReportStatus.RETURNED, SUBMITTED_YEAR: ReportStatus.SUBMITTED}
    if approved:
        states[APPROVED_YEAR] = ReportStatus.APPROVED
    for year, status in states.items():
        years[year].status = status
        years[year].save(update_fields=["status"])
    objects = {
        "agencies.agency": agency,
        "agencies.reportyear": report_year,
        "agencies.narrative": narrative,
        "agencies.findingnote": finding_note,
        "indicators.renstra": renstra,
        "indicators.renstrayear": RenstraYear.objects.get(renstra=renstra, year=WORKSPACE_YEAR),
        "indicators.mission": mission,
        "indicators.goal": goal,
        "indicators.objective": objective,
        "indicators.objectivenarrative": objective_narrative,
        "indicators.indicator": indicator,
        "indicators.target": target,
        "indicators.realisation": realisation,
        "indicators.evidencefile": evidence,
        "budgets.budgetline": program,
        "budgets.budgetfigure": figure,
        "budgets.objectivebudget": objective_budget,
        "budgets.expensetypebudget": expense,
        "reports.storedpdf": stored_pdf,
        "reports.renderstate": render_state,
        "interchange.workbookupload": upload,
        "review.reviewnote": note,
        "review.reviewreply": reply,
    }
    if version is not None:
        objects["review.reportversion"] = version
    return Target(
        key=key,
        marker=marker,
        agency=agency,
        government_key="",
        years=years,
        objects=objects,
        note=note,
        evidence=evidence,
        upload=upload,
        objective=objective,
        version=version,
    )


def _task_result():
    """One row of the task queue's table (its admin is the superuser's alone)."""
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="reports.tasks.render_pdf",
        backend_name="default",
        run_after=timezone.now(),
    )


def _session(user):
    client = Client()
    client.force_login(user)
    return client.session.session_key


def build_world():
    government_1 = GovernmentFactory(code="satukqz-kab", name="Kabupaten Satukqz")
    government_2 = GovernmentFactory(code="duakqz-kota", name="Kota Duakqz")
    # Signed in by session: no password to hash ("!" is Django's unusable one).
    users = {
        "planner_a": UserFactory(username="perencana-a", is_staff=True, password="!"),
        "planner_b": UserFactory(username="perencana-b", is_staff=True, password="!"),
        "reviewer": UserFactory(username="reviewer-1", is_staff=True, password="!"),
        "other_reviewer": UserFactory(username="reviewer-2", is_staff=True, password="!"),
        "nobody": UserFactory(username="tanpa-opd", is_staff=True, password="!"),
        "superuser": UserFactory(username="admin-uji", is_staff=True, is_superuser=True, password="!"),
    }
    government_1.reviewers.add(users["reviewer"])
    government_2.reviewers.add(users["other_reviewer"])
    targets = {
        "A": _build_agency(
            "A", "Alfakqz", government_1, reviewer=users["reviewer"], planner=users["planner_a"], approved=True
        ),
        "B": _build_agency(
            "B", "Betakqz", government_1, reviewer=users["reviewer"], planner=users["planner_b"], approved=False
        ),
        "C": _build_agency("C", "Gamakqz", government_2, reviewer=users["other_reviewer"], planner=None, approved=True),
    }
    targets["A"].agency.members.add(users["planner_a"])
    targets["B"].agency.members.add(users["planner_b"])
    for target in targets.values():
        target.government_key = "G1" if target.agency.government_id == government_1.pk else "G2"
    sees = {
        "planner_a": ({"A"}, {"G1"}, {"A"}, set()),
        "planner_b": ({"B"}, {"G1"}, {"B"}, set()),
        "reviewer": ({"A", "B"}, {"G1"}, set(), {"A", "B"}),
        "other_reviewer": ({"C"}, {"G2"}, set(), {"C"}),
        "nobody": (set(), set(), set(), set()),
        "superuser": ({"A", "B", "C"}, {"G1", "G2"}, set(), {"A", "B", "C"}),
    }
    roles = {
        key: Role(
            key=key,
            user=users[key],
            session=_session(users[key]),
            agencies=frozenset(agencies),
            governments=frozenset(governments),
            planner_of=frozenset(planner_of),
            reviewer_of=frozenset(reviewer_of),
        )
        for key, (agencies, governments, planner_of, reviewer_of) in sees.items()
    }
    roles["anonymous"] = Role(key="anonymous", user=None, session=None, agencies=frozenset(), governments=frozenset())
    global_objects = {
        "auth.user": users["planner_a"],
        "auth.group": Group.objects.create(name="kelompok-uji"),
        "django_tasks_database.dbtaskresult": _task_result(),
    }
    return World(
        targets=targets,
        governments={"G1": (government_1, "Satukqz"), "G2": (government_2, "Duakqz")},
        roles={key: roles[key] for key in ROLES},
        global_objects=global_objects,
    )
