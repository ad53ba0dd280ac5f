"""Write the open data's bulk files now: ``manage.py opendata_dump``."""

from pathlib import Path

from django.core.management.base import BaseCommand

from digitalrights.opendata import dumps


class Command(BaseCommand):
    help = "Write every public collection as CSV and JSON, with datapackage.json."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--directory",
            type=Path,
            help="Write there instead of the served directory (VAR_DIR/opendata).",
        )

    def handle(self, *args, directory: Path | None = None, **options) -> None:
        written = dumps.dump_write(directory=directory)
        for name, file in written.items():
            if name.endswith(".csv"):
                self.stdout.write(f"{name}: {file.rows} rows, {file.bytes} bytes")
        self.stdout.write(f"Written to {written[dumps.PACKAGE].path.parent}")
