from django.core.management.base import BaseCommand, CommandError

from digitalrights.monitoring.synthetic import (
    LAST_YEAR,
    SyntheticDataExists,
    synthetic_load,
)


class Command(BaseCommand):
    help = (
        "Load a large synthetic monitoring data set (member cities × yearly"
        " cycles × indicators, every assessment published) for benchmarks."
        " Never in production; refused if already loaded."
    )

    def add_arguments(self, parser):
        parser.add_argument("--cities", type=int, default=1000)
        parser.add_argument("--cycles", type=int, default=10)
        parser.add_argument("--indicators", type=int, default=25)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--last-year",
            type=int,
            default=LAST_YEAR,
            help="The year of the latest cycle (default %(default)s).",
        )

    def handle(self, *args, cities, cycles, indicators, seed, last_year, **options):
        try:
            loaded = synthetic_load(
                cities=cities,
                cycles=cycles,
                indicators=indicators,
                seed=seed,
                last_year=last_year,
            )
        except (SyntheticDataExists, ValueError, RuntimeError) as error:
            raise CommandError(str(error)) from error
        seconds = ", ".join(
            f"{step} {time:.1f} s" for step, time in loaded.seconds.items()
        )
        self.stdout.write(
            f"Made {loaded.assessments:,} published assessments of"
            f" {loaded.cities:,} member cities in {loaded.cycles} cycles"
            f" ({loaded.versions} framework versions, {loaded.indicators}"
            f" indicators), {loaded.answers:,} answers, {loaded.links:,} evidence"
            f" links, {loaded.evidence_initiatives:,} initiatives cited,"
            f" {loaded.reviews:,} reviews, {loaded.events:,} history entries"
            + (
                f", {loaded.scores:,} stored scores (of every published assessment)"
                if loaded.scores is not None
                else ""
            )
            + f" ({seconds})."
        )
