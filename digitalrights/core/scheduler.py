"""The one scheduler: which periodic jobs run, and how often.

``manage.py run_scheduler`` enqueues each job when it is due; the task
worker (``manage.py db_worker``) runs it. Run exactly one scheduler per
deployment. Other areas add their jobs with ``register`` from their
``AppConfig.ready``; the scheduler knows none of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django_tasks.base import Task

from . import tasks


@dataclass(frozen=True)
class Job:
    task: Task
    every_seconds: int


MINUTE = 60
HOUR = 60 * MINUTE
DAY = 24 * HOUR

JOBS: list[Job] = [
    Job(tasks.publish_scheduled_pages, MINUTE),
    Job(tasks.clear_expired_sessions, DAY),
    Job(tasks.prune_task_results, DAY),
]


def register(task: Task, every_seconds: int) -> None:
    """Run ``task`` every so many seconds (call from ``AppConfig.ready``)."""
    if all(job.task is not task for job in JOBS):
        JOBS.append(Job(task, every_seconds))


def due_jobs(next_runs: dict[str, float], now: float) -> list[Job]:
    """Return the jobs due at ``now`` and book their next run in ``next_runs``."""
    due = []
    for job in JOBS:
        name = job.task.module_path
        if next_runs.get(name, 0) <= now:
            due.append(job)
            next_runs[name] = now + job.every_seconds
    return due
