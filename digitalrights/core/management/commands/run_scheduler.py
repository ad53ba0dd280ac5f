import signal
import time

from django.core.management.base import BaseCommand

from digitalrights.core.scheduler import due_jobs


class Command(BaseCommand):
    help = "Enqueue periodic jobs when they are due (run exactly one per deployment)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Enqueue what is due now, then exit."
        )

    def handle(self, *args, once: bool = False, **options):
        running = True

        def stop(signum, frame):
            nonlocal running
            running = False

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        next_runs: dict[str, float] = {}
        while running:
            for job in due_jobs(next_runs, time.monotonic()):
                result = job.task.enqueue()
                self.stdout.write(f"Enqueued {job.task.module_path} ({result.id}).")
            if once:
                return
            time.sleep(1)
