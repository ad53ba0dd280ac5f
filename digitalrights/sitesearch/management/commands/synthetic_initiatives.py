from django.core.management.base import BaseCommand

from digitalrights.sitesearch.synthetic import synthetic_load


class Command(BaseCommand):
    help = (
        "Load a large synthetic data set (member cities, initiatives, toolkit"
        " resources) for benchmarks. Never in production."
    )

    def add_arguments(self, parser):
        parser.add_argument("--cities", type=int, default=1000)
        parser.add_argument("--initiatives", type=int, default=100_000)
        parser.add_argument("--resources", type=int, default=5000)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, cities, initiatives, resources, seed, **options):
        made = synthetic_load(
            cities=cities, initiatives=initiatives, resources=resources, seed=seed
        )
        self.stdout.write(
            "Made {cities} member cities, {initiatives} initiatives and"
            " {resources} resources.".format(**made)
        )
