from django.core.management.base import BaseCommand

from digitalrights.demo.services import demo_remove


class Command(BaseCommand):
    help = "Delete every object the demo loader created, and nothing else."

    def handle(self, *args, **options):
        removed = demo_remove()
        self.stdout.write(self.style.SUCCESS(f"Removed {removed} demo objects."))
