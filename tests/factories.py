"""factory_boy factories: build exactly the agency a test needs, from the people to the plan and the budget.

The plan and the budget hang together the way the models demand, so each factory derives what it can:

- ``RenstraFactory`` saves a Renstra, whose ``save()`` creates one ``RenstraYear`` per year of the period.
- ``ObjectiveFactory(goal=goal)`` takes the goal's Renstra; without a goal it gets a Renstra of its own.
- ``IndicatorFactory`` belongs to exactly one owner: the ``objective`` it is given or creates, or the ``goal``
  or ``budget_line`` passed instead. Its agency is the owner's.
- ``TargetFactory(indicator=..., year=2024, renstra_value="51")`` points at that year's ``RenstraYear`` of the
  Renstra the indicator belongs to (for a budget-line indicator, the agency's Renstra covering the year).
- ``BudgetLineFactory(parent=program)`` is a kegiatan under the program, ``BudgetLineFactory(parent=activity)``
  a sub kegiatan; the level, the agency and a Kepmendagri-style code follow from the parent.

Values default to plain ones; a test passes the figures it checks (from the domain brief or a demo agency).
"""

import factory
from django.contrib.auth import get_user_model

from agencies.models import Agency, Government, ReportYear
from budgets.models import BudgetFigure, BudgetLine
from domain.enums import CHILD_LEVEL, BudgetLevel, GovernmentLevel
from indicators.models import Goal, Indicator, Objective, Realisation, Renstra, RenstraYear, Target

PASSWORD = "rahasia-uji-123"


class UserFactory(factory.django.DjangoModelFactory):
    """An active user with the known test ``PASSWORD``; pass ``is_staff=True`` for an admin user."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"pengguna{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.test")
    is_active = True
    password = factory.django.Password(PASSWORD)


class GovernmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Government
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"kab-uji-{n}")
    name = factory.Sequence(lambda n: f"Pemerintah Kabupaten Uji {n}")
    level = GovernmentLevel.KABUPATEN


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("code",)

    government = factory.SubFactory(GovernmentFactory)
    code = factory.Sequence(lambda n: f"opd-uji-{n}")
    name = factory.Sequence(lambda n: f"Badan Uji {n}")
    short_name = "BU"


class ReportYearFactory(factory.django.DjangoModelFactory):
    """The report of one agency-year (signature, totals, review state); one per agency and year."""

    class Meta:
        model = ReportYear
        django_get_or_create = ("agency", "year")

    agency = factory.SubFactory(AgencyFactory)
    year = 2024


class RenstraFactory(factory.django.DjangoModelFactory):
    """A Renstra 2021–2026 with its RenstraYear rows (made by ``Renstra.save()``)."""

    class Meta:
        model = Renstra
        django_get_or_create = ("agency", "start_year")

    agency = factory.SubFactory(AgencyFactory)
    start_year = 2021
    end_year = 2026
    vision = "Terwujudnya aparatur yang profesional"


class GoalFactory(factory.django.DjangoModelFactory):
    """A tujuan of a Renstra."""

    class Meta:
        model = Goal

    renstra = factory.SubFactory(RenstraFactory)
    code = factory.Sequence(lambda n: f"T{n + 1}")
    text = factory.Sequence(lambda n: f"Meningkatnya kualitas layanan kepegawaian {n + 1}")


class ObjectiveFactory(factory.django.DjangoModelFactory):
    """A sasaran; in the goal's Renstra when ``goal`` is given, else in a Renstra of its own, without a goal."""

    class Meta:
        model = Objective

    goal = None
    renstra = factory.Maybe(
        "goal", yes_declaration=factory.SelfAttribute("goal.renstra"), no_declaration=factory.SubFactory(RenstraFactory)
    )
    code = factory.Sequence(lambda n: f"S{n + 1}")
    text = factory.Sequence(lambda n: f"Meningkatnya profesionalitas ASN {n + 1}")


def _owner_agency(indicator):
    if indicator.goal is not None:
        return indicator.goal.renstra.agency
    if indicator.objective is not None:
        return indicator.objective.renstra.agency
    return indicator.budget_line.agency


class IndicatorFactory(factory.django.DjangoModelFactory):
    """An indicator of one owner: a new sasaran by default, or the ``goal`` or ``budget_line`` given instead."""

    class Meta:
        model = Indicator

    goal = None
    budget_line = None
    objective = factory.Maybe(
        factory.LazyAttribute(lambda indicator: indicator.goal is None and indicator.budget_line is None),
        yes_declaration=factory.SubFactory(ObjectiveFactory),
        no_declaration=None,
    )
    agency = factory.LazyAttribute(_owner_agency)
    code = factory.Sequence(lambda n: f"IKU-{n + 1}")
    name = factory.Sequence(lambda n: f"Indeks Profesionalitas ASN {n + 1}")
    unit = "%"


def _renstra_year(target):
    """The RenstraYear a target of ``target.year`` points at: in the indicator's own Renstra, or for a budget-line
    indicator in the agency's Renstra whose period covers the year."""
    indicator = target.indicator
    owner = indicator.goal or indicator.objective
    if owner is not None:
        return RenstraYear.objects.get(renstra=owner.renstra, year=target.year)
    return RenstraYear.objects.get(renstra__agency=indicator.agency, year=target.year)


class TargetFactory(factory.django.DjangoModelFactory):
    """The Renstra target (and, with ``agreement_value``, the PK target) of an indicator for ``year``."""

    class Meta:
        model = Target
        exclude = ("year",)

    indicator = factory.SubFactory(IndicatorFactory)
    year = 2024
    renstra_year = factory.LazyAttribute(_renstra_year)
    renstra_value = "100"


class RealisationFactory(factory.django.DjangoModelFactory):
    """A final realisation of an indicator for 2024; pass ``status="provisional"`` or ``"pending"``."""

    class Meta:
        model = Realisation

    indicator = factory.SubFactory(IndicatorFactory)
    year = 2024
    value = "100"


def _line_code(line):
    """``2.16.01`` for a program, ``2.16.01.2.01`` for its kegiatan, ``2.16.01.2.01.0001`` for a sub kegiatan."""
    number = line.number + 1
    if line.parent is None:
        return f"2.16.{number:02d}"
    if line.parent.level == BudgetLevel.PROGRAM:
        return f"{line.parent.code}.2.{number:02d}"
    return f"{line.parent.code}.{number:04d}"


class BudgetLineFactory(factory.django.DjangoModelFactory):
    """A program; with ``parent`` a kegiatan or sub kegiatan of the parent's agency. ``objectives=[...]`` links
    the line to the sasaran it supports."""

    class Meta:
        model = BudgetLine
        skip_postgeneration_save = True

    class Params:
        number = factory.Sequence(lambda n: n)

    parent = None
    agency = factory.Maybe(
        "parent",
        yes_declaration=factory.SelfAttribute("parent.agency"),
        no_declaration=factory.SubFactory(AgencyFactory),
    )
    level = factory.LazyAttribute(lambda line: CHILD_LEVEL[line.parent.level] if line.parent else BudgetLevel.PROGRAM)
    code = factory.LazyAttribute(_line_code)
    name = factory.LazyAttribute(lambda line: f"{BudgetLevel.label_of(line.level)} {line.code}")

    @factory.post_generation
    def objectives(self, create, extracted, **kwargs):
        if create and extracted:
            self.objectives.set(extracted)


class BudgetFigureFactory(factory.django.DjangoModelFactory):
    """Pagu and realisasi of a budget line for 2024."""

    class Meta:
        model = BudgetFigure

    line = factory.SubFactory(BudgetLineFactory)
    year = 2024
    budget = 100
    realisation = 90


def reviewer_of(government, **kwargs):
    """A staff user who reviews (Inspektorat) every agency of ``government``."""
    user = UserFactory(is_staff=True, **kwargs)
    government.reviewers.add(user)
    return user


def member_of(agency, **kwargs):
    """A staff user who plans (enters data) for ``agency``."""
    user = UserFactory(is_staff=True, **kwargs)
    agency.members.add(user)
    return user
