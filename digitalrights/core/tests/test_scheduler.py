import io

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from digitalrights.core.scheduler import DAY, JOBS, MINUTE, due_jobs


def test_every_job_is_due_at_start_then_at_its_interval():
    next_runs: dict[str, float] = {}
    assert due_jobs(next_runs, 1000.0) == JOBS
    assert due_jobs(next_runs, 1000.0 + MINUTE - 1) == []
    minutely = due_jobs(next_runs, 1000.0 + MINUTE)
    assert minutely
    assert {job.every_seconds for job in minutely} == {MINUTE}
    assert len(due_jobs(next_runs, 1000.0 + DAY)) == len(JOBS)


@pytest.mark.django_db(transaction=True)
def test_scheduler_enqueues_jobs_that_the_worker_runs():
    paths = [job.task.module_path for job in JOBS]
    call_command("run_scheduler", once=True, stdout=io.StringIO())
    jobs = DBTaskResult.objects.filter(task_path__in=paths)
    assert sorted(jobs.values_list("task_path", flat=True)) == sorted(paths)
    call_command("db_worker", batch=True, queue_name="*", no_startup_delay=True)
    assert set(jobs.values_list("status", flat=True)) == {"SUCCESSFUL"}


def test_areas_register_their_own_jobs():
    from digitalrights.endorsements import tasks as endorsement_tasks

    paths = {job.task.module_path for job in JOBS}
    assert endorsement_tasks.send_confirmations.module_path in paths
    assert endorsement_tasks.recount.module_path in paths
