"""factory_boy factories for the people and places every test needs: users, governments, agencies."""

import factory
from django.contrib.auth import get_user_model

from agencies.models import Agency, Government
from domain.enums import GovernmentLevel

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
