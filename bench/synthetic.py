"""A large synthetic agency for the PDF's size test and benchmark: 150 indicators and 400 budget lines.

Real agencies have 4-20 indicators; the largest (a provincial health office, say) reach about 150 and a few
hundred budget lines. Rows are created with ``bulk_create`` so that building the agency costs well under a
second and the test measures the report, not the set-up. The mix covers what the PDF must print: provisional
and pending realisations, lower-is-better and graded indicators, a PK target that differs from the Renstra,
and Markdown narratives with lists and a table.
"""

from datetime import date
from decimal import Decimal

from agencies.models import Agency, Government, Narrative, ReportYear
from budgets.models import BudgetFigure, BudgetLine, ExpenseTypeBudget
from domain.enums import BudgetLevel, Direction, ExpenseType, GovernmentLevel, RealisationStatus
from domain.sections import OBJECTIVE_SECTIONS, YEAR_SECTIONS
from indicators.models import (
    Goal,
    Indicator,
    Mission,
    Objective,
    ObjectiveNarrative,
    Realisation,
    Renstra,
    Target,
)

START, END, YEAR = 2021, 2026, 2024
GOALS, OBJECTIVES_PER_GOAL, INDICATORS_PER_OBJECTIVE = 10, 3, 5
PROGRAMS, ACTIVITIES_PER_PROGRAM, SUB_ACTIVITIES_PER_ACTIVITY = 10, 6, 5
PARAGRAPH = (
    "Capaian indikator ini dipengaruhi oleh koordinasi lintas bidang, ketersediaan data yang tepat waktu, "
    "dan dukungan anggaran yang memadai. Pemantauan dilakukan setiap triwulan melalui rapat evaluasi kinerja."
)
NARRATIVE = f"{PARAGRAPH}\n\n1. Koordinasi lintas bidang.\n2. Pemantauan triwulanan.\n3. Evaluasi tahunan.\n"
TABLE = "\n\n| Uraian | Nilai |\n|---|--:|\n| Rapat evaluasi | 4 |\n| Laporan triwulan | 4 |\n"


def _indicator_kind(number):
    """Every 10th indicator is graded (SAKIP scale), every 7th is lower-is-better, the rest numeric."""
    if number % 10 == 0:
        return {"unit": "predikat", "scale": "sakip", "direction": Direction.HIGHER}
    if number % 7 == 0:
        return {"unit": "%", "scale": None, "direction": Direction.LOWER}
    return {"unit": "%", "scale": None, "direction": Direction.HIGHER}


def _values(number, year):
    """Target and realisation of one indicator-year, as strings the way planners enter them."""
    kind = _indicator_kind(number)
    if kind["scale"]:
        return "BB", ("A" if number % 20 == 0 else "BB")
    step = year - START
    target = Decimal(60 + number % 30 + step)
    realisation = target * Decimal("0.9") + Decimal(number % 17) + Decimal("0.37")
    return f"{target}", f"{realisation:.2f}"


def build_large_agency(code="opd-sintetis", indicators=150, budget_lines=400):
    """Create the synthetic agency (150 indicators and 400 budget lines by default) and return it."""
    government, _ = Government.objects.get_or_create(
        code="prov-sintetis", defaults={"name": "Pemerintah Provinsi Sintetis", "level": GovernmentLevel.PROVINSI}
    )
    agency = Agency.objects.create(
        government=government,
        code=code,
        name="Dinas Kesehatan Provinsi Sintetis",
        short_name="Dinkes",
        city="Kota Sintetis",
        head_name="dr. NAMA KEPALA DINAS, M.Kes",
        head_title="Kepala Dinas Kesehatan Provinsi Sintetis",
        head_rank="Pembina Utama Muda (IV/c)",
        head_nip="197402101993111001",
        paper_size="F4",
    )
    report_year = ReportYear.objects.create(
        agency=agency, year=YEAR, signed_city="Kota Sintetis", signed_date=date(YEAR + 1, 2, 14)
    )
    Narrative.objects.bulk_create(
        Narrative(report_year=report_year, key=key, text=NARRATIVE * 3, position=position)
        for position, key in enumerate(YEAR_SECTIONS)
    )
    renstra = Renstra.objects.create(agency=agency, start_year=START, end_year=END, vision="Masyarakat sehat.")
    years = {y.year: y for y in renstra.years.all()}
    Mission.objects.bulk_create(Mission(renstra=renstra, position=i, text=f"Misi ke-{i + 1}.") for i in range(5))
    goals = Goal.objects.bulk_create(
        Goal(renstra=renstra, code=f"T{g + 1}", text=f"Tujuan sintetis nomor {g + 1}", position=g) for g in range(GOALS)
    )
    objective_count = -(-indicators // INDICATORS_PER_OBJECTIVE)
    objectives = Objective.objects.bulk_create(
        Objective(
            renstra=renstra,
            goal=goals[o // OBJECTIVES_PER_GOAL % GOALS],
            code=f"S{o + 1}",
            text=f"Meningkatnya mutu layanan kesehatan bidang {o + 1}",
            position=o,
        )
        for o in range(objective_count)
    )
    ObjectiveNarrative.objects.bulk_create(
        ObjectiveNarrative(objective=o, year=YEAR, key=key, text=NARRATIVE + (TABLE if key == "analysis" else ""))
        for o in objectives
        for key in OBJECTIVE_SECTIONS
    )
    created = Indicator.objects.bulk_create(
        Indicator(
            agency=agency,
            objective=objectives[n // INDICATORS_PER_OBJECTIVE],
            code=f"IKU-{n + 1}",
            name=f"Persentase layanan kesehatan sintetis yang memenuhi standar nomor {n + 1}",
            formula="Jumlah layanan memenuhi standar / jumlah layanan × 100%",
            data_source="Laporan bidang",
            national_standard="80" if n % 9 == 0 else "",
            position=n,
            **_indicator_kind(n + 1),
        )
        for n in range(indicators)
    )
    Target.objects.bulk_create(
        Target(
            indicator=indicator,
            renstra_year=years[y],
            renstra_value=_values(n + 1, y)[0],
            agreement_value="75" if y == YEAR and n % 25 == 3 else "",
            agreement_reason="Penyesuaian setelah perubahan anggaran." if y == YEAR and n % 25 == 3 else "",
        )
        for n, indicator in enumerate(created)
        for y in range(START, END + 1)
    )
    Realisation.objects.bulk_create(
        Realisation(
            indicator=indicator,
            year=y,
            value="" if y == YEAR and n % 13 == 5 else _values(n + 1, y)[1],
            status=(
                RealisationStatus.PENDING
                if y == YEAR and n % 13 == 5
                else RealisationStatus.PROVISIONAL
                if y == YEAR and n % 11 == 2
                else RealisationStatus.FINAL
            ),
            evidence=f"Laporan bidang nomor {n + 1}/{y}",
        )
        for n, indicator in enumerate(created)
        for y in range(START, YEAR + 1)
    )
    _build_budget(agency, objectives, budget_lines)
    ExpenseTypeBudget.objects.bulk_create(
        ExpenseTypeBudget(report_year=report_year, expense_type=kind, budget=budget, realisation=spent)
        for kind, budget, spent in (
            (ExpenseType.PEGAWAI, Decimal(40_000_000_000), Decimal(38_500_000_000)),
            (ExpenseType.BARANG_JASA, Decimal(55_000_000_000), Decimal(47_100_000_000)),
            (ExpenseType.MODAL, Decimal(12_000_000_000), Decimal(9_800_000_000)),
        )
    )
    return agency


def _build_budget(agency, objectives, count):
    """Programs → kegiatan → sub kegiatan up to ``count`` lines; figures on the sub kegiatan, links on kegiatan."""
    lines = []
    position = 0

    def add(parent, level, code, name):
        nonlocal position
        line = BudgetLine(agency=agency, parent=parent, level=level, code=code, name=name, position=position)
        position += 1
        lines.append(line)
        return line

    programs = []
    for p in range(PROGRAMS):
        programs.append(add(None, BudgetLevel.PROGRAM, f"1.02.{p + 1:02d}", f"Program kesehatan sintetis {p + 1}"))
    BudgetLine.objects.bulk_create(programs)
    activities = []
    for p, program in enumerate(programs):
        for a in range(ACTIVITIES_PER_PROGRAM):
            activities.append(
                add(program, BudgetLevel.ACTIVITY, f"{program.code}.2.{a + 1:02d}", f"Kegiatan {p + 1}.{a + 1}")
            )
    BudgetLine.objects.bulk_create(activities)
    subs = []
    remaining = count - len(programs) - len(activities)
    for a, activity in enumerate(activities):
        for s in range(SUB_ACTIVITIES_PER_ACTIVITY + (1 if a < remaining % len(activities) else 0)):
            if len(subs) < remaining:
                subs.append(
                    add(
                        activity,
                        BudgetLevel.SUB_ACTIVITY,
                        f"{activity.code}.{s + 1:04d}",
                        f"Sub kegiatan penyediaan layanan kesehatan sintetis {a + 1}.{s + 1}",
                    )
                )
    BudgetLine.objects.bulk_create(subs)
    links = BudgetLine.objectives.through
    links.objects.bulk_create(
        links(budgetline_id=activity.pk, objective_id=objectives[a % len(objectives)].pk)
        for a, activity in enumerate(activities)
    )
    BudgetFigure.objects.bulk_create(
        BudgetFigure(
            line=line,
            year=YEAR,
            budget=Decimal(250_000_000 + 1_000_000 * (i % 40)),
            realisation=Decimal(200_000_000 + 1_100_000 * (i % 45)),
            expense_type=ExpenseType.BARANG_JASA,
        )
        for i, line in enumerate(subs)
    )
