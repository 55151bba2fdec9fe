"""The world of the access matrix, built once per module in a transaction rolled back at its end, with its files
under a temporary MEDIA_ROOT; and the count of the requests tried, printed at the end of the run."""

import pytest
from django.db import transaction
from django.test.utils import override_settings


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    from tests.security.world import build_world

    media = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=str(media)), django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


def pytest_terminal_summary(terminalreporter):
    from tests.security.matrix import TRIED, TRIED_TRIPLES

    if not TRIED:
        return
    by_method = {method: sum(n for (_, m), n in TRIED.items() if m == method) for method in ("GET", "POST")}
    by_role = {}
    for (role, _), count in TRIED.items():
        by_role[role] = by_role.get(role, 0) + count
    terminalreporter.write_line(
        f"access matrix: {sum(TRIED.values())} requests tried (role x address x method; "
        f"{len(TRIED_TRIPLES)} distinct): GET {by_method['GET']}, POST {by_method['POST']}; by role: "
        + ", ".join(f"{role} {count}" for role, count in sorted(by_role.items()))
    )
