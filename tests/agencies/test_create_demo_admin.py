"""``create_demo_admin``: the demo logins of ``make run``, safe to run again, never with DEBUG off."""

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


@pytest.fixture
def debug_on(settings):
    settings.DEBUG = True


def test_creates_a_superuser_a_planner_of_the_first_agency_and_a_reviewer(debug_on, import_demo, capsys):
    bengkalis = import_demo("bengkalis-2024")
    call_command("create_demo_admin")
    users = get_user_model().objects
    assert users.get(username="admin").is_superuser
    assert list(users.get(username="perencana").agencies.all()) == [bengkalis]
    assert list(users.get(username="inspektur").reviewed_governments.all()) == [bengkalis.government]
    assert "lakip-demo" in capsys.readouterr().out


def test_running_twice_keeps_one_of_each_user_and_a_working_password(debug_on, import_demo):
    import_demo("bengkalis-2024")
    call_command("create_demo_admin", password="rahasia-baru-1")
    call_command("create_demo_admin", password="rahasia-baru-2")
    assert get_user_model().objects.filter(username__in=["admin", "perencana", "inspektur"]).count() == 3
    assert authenticate(username="admin", password="rahasia-baru-2") is not None
    assert authenticate(username="admin", password="rahasia-baru-1") is None


def test_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("create_demo_admin")
    assert not get_user_model().objects.filter(username="admin").exists()


def test_unknown_agency_is_an_error(debug_on):
    with pytest.raises(CommandError):
        call_command("create_demo_admin", agency="tidak-ada")
