from django.core.management.base import BaseCommand

from digitalrights.endorsements.services import endorsements_reencrypt


class Command(BaseCommand):
    help = (
        "Encrypt every kept email address again with the first key of "
        "PERSONAL_DATA_ENCRYPTION_KEYS, so that older keys can be dropped."
    )

    def handle(self, *args, **options) -> None:
        count = endorsements_reencrypt()
        self.stdout.write(f"Encrypted {count} address(es) again with the current key.")
