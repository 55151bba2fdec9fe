"""The site's own login: planners who are not admin staff sign in there and land on their agencies."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_planner_without_admin_access_logs_in_and_sees_their_agency(client):
    agency = AgencyFactory()
    planner = UserFactory(is_staff=False)
    agency.members.add(planner)
    response = client.post(reverse("login"), {"username": planner.username, "password": PASSWORD}, follow=True)
    assert response.status_code == 200
    assert agency.name in response.content.decode()


def test_a_wrong_password_is_refused_with_a_message(client):
    planner = UserFactory(is_staff=False)
    response = client.post(reverse("login"), {"username": planner.username, "password": "salah"})
    assert response.status_code == 200
    assert "Nama pengguna atau kata sandi salah." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_logging_out_ends_the_session(client):
    client.force_login(UserFactory())
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
