from django.core.management.base import BaseCommand, CommandError

from digitalrights.endorsements.services import tally_recount


class Command(BaseCommand):
    help = (
        "Check that every city's endorsement count equals its confirmed "
        "endorsements; with --repair, correct the counts that differ."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--repair", action="store_true", help="Correct the counts that differ."
        )

    def handle(self, *args, repair: bool, **options) -> None:
        wrong = tally_recount(repair=repair)
        for city_id, (stored, actual) in sorted(wrong.items()):
            self.stdout.write(f"City {city_id}: count {stored}, confirmed {actual}")
        if not wrong:
            self.stdout.write("Every count equals its confirmed endorsements.")
        elif repair:
            self.stdout.write(f"Repaired {len(wrong)} count(s).")
        else:
            raise CommandError(
                f"{len(wrong)} count(s) differ; run again with --repair to fix them."
            )
