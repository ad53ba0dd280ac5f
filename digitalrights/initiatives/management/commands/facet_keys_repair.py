from django.core.management.base import BaseCommand

from digitalrights.initiatives.services import initiatives_facet_keys_repair


class Command(BaseCommand):
    help = (
        "Write again every initiative's facet keys (its principles and topics"
        " as the directory's indexes hold them) that differ from its"
        " principles and topics. Run after a release; the scheduler runs it"
        " daily."
    )

    def handle(self, *args, **options) -> None:
        repaired = initiatives_facet_keys_repair()
        self.stdout.write(f"Repaired the facet keys of {repaired} initiative(s).")
