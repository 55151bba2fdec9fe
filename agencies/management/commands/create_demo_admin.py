"""Demo logins for a local run: a superuser, a planner and an Inspektorat reviewer.

``make run`` calls this after importing the demo agencies, so a newcomer can log in at once. It is
idempotent (running it again resets the same users to the same password) and refuses to run with
DEBUG off, because a known password must never reach a real server.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from agencies.models import Agency

DEFAULT_PASSWORD = "lakip-demo"  # noqa: S105 (a demo login; the command refuses to run with DEBUG off)
# The review's mail (a report submitted, returned, approved) goes to the demo users at a reserved domain
# (RFC 2606), so it can never reach anyone; the console backend prints it during a local run.
DEMO_MAIL_DOMAIN = "lakip.example"


class Command(BaseCommand):
    help = (
        "Create or update the demo users: superuser 'admin', planner 'perencana' (member of the first "
        "agency) and reviewer 'inspektur' (reviewer of that agency's government). Only with DEBUG on."
    )

    def add_arguments(self, parser):
        parser.add_argument("--password", default=DEFAULT_PASSWORD, help="Password of every demo user.")
        parser.add_argument("--agency", help="Code of the planner's agency (default: the first agency by name).")

    def handle(self, *args, password, agency, **options):
        if not settings.DEBUG:
            raise CommandError("Demo users are for a local run only: set DEBUG=1 to create them.")
        member_of = self.agency(agency)

        self.user("admin", password, first_name="Administrator", is_superuser=True)
        planner = self.user("perencana", password, first_name="Perencana")
        reviewer = self.user("inspektur", password, first_name="Inspektur")
        lines = [f"  admin      / {password}   superuser: semua data"]
        if member_of is not None:
            planner.agencies.set([member_of])
            reviewer.reviewed_governments.set([member_of.government])
            lines.append(f"  perencana  / {password}   perencana {member_of.code}")
            lines.append(f"  inspektur  / {password}   reviewer {member_of.government.code}")
        else:
            self.stderr.write("No agency yet: import one (import_lakip) and run this again to link the demo users.")

        self.stdout.write(self.style.SUCCESS("Demo logins (http://127.0.0.1:8000/admin/):"))
        self.stdout.write("\n".join(lines))

    def agency(self, code):
        if code:
            try:
                return Agency.objects.select_related("government").get(code=code)
            except Agency.DoesNotExist as error:
                raise CommandError(f"No agency with code {code!r}.") from error
        return Agency.objects.select_related("government").order_by("name").first()

    def user(self, username, password, *, first_name, is_superuser=False):
        user, _ = get_user_model().objects.get_or_create(username=username)
        user.first_name = first_name
        user.email = f"{username}@{DEMO_MAIL_DOMAIN}"
        user.is_staff = True
        user.is_superuser = is_superuser
        user.is_active = True
        user.set_password(password)
        user.save()
        return user
