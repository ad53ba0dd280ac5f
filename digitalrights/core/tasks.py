"""Periodic housekeeping, run by the worker when the scheduler enqueues it."""

from django.core.management import call_command
from django_tasks import task


@task()
def publish_scheduled_pages() -> None:
    """Publish and unpublish pages whose scheduled time has come."""
    call_command("publish_scheduled", verbosity=0)


@task()
def clear_expired_sessions() -> None:
    """Delete expired sessions (staff sign-ins) from the database."""
    call_command("clearsessions", verbosity=0)


@task()
def prune_task_results() -> None:
    """Delete finished task results older than a week."""
    call_command("prune_db_task_results", min_age_days=7, verbosity=0)
