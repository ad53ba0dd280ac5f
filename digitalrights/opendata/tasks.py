"""Background work for the open data, run by the task worker."""

from django_tasks import task

from . import dumps


@task()
def write_dumps() -> int:
    """Write the bulk files and their data package again; return how many."""
    return len(dumps.dump_write())
