from django.core.management.base import BaseCommand

from digitalrights.demo.services import demo_load, demo_staff_account


class Command(BaseCommand):
    help = "Load the demo content (cities, members, pages, translations); idempotent."

    def add_arguments(self, parser):
        parser.add_argument(
            "--quick",
            action="store_true",
            help="Load only cities of a million people or more (for tests).",
        )
        parser.add_argument(
            "--no-staff",
            action="store_true",
            help="Do not create the demo staff account.",
        )

    def handle(self, *args, quick: bool = False, no_staff: bool = False, **options):
        demo_load(quick=quick)
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS("Demo content is loaded."))
        if no_staff:
            return
        email, password = demo_staff_account()
        if password:
            self.stdout.write(
                self.style.WARNING(
                    f"Demo staff account created. Sign in at /admin/ with the "
                    f"address {email} and the password: {password}\n"
                    "It is shown only this once; `make demo-password` sets a new one."
                )
            )
        else:
            self.stdout.write(
                f"Sign in at /admin/ with the address {email} and the password "
                "shown when it was created, or run `make demo-password` for a new one."
            )
