from django.core.management.base import BaseCommand

from digitalrights.demo.services import demo_staff_password_reset


class Command(BaseCommand):
    help = "Give the demo staff account a new random password and print it."

    def handle(self, *args, **options):
        email, password = demo_staff_password_reset()
        self.stdout.write(
            f"Sign in at /admin/ with the address {email} and: {password}"
        )
