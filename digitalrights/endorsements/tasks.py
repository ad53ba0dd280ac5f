"""Background work for endorsements, run by the task worker."""

import logging

from django_tasks import task

from . import services

logger = logging.getLogger(__name__)


@task()
def send_confirmations() -> int:
    """Send every confirmation email that is due; return how many were sent."""
    return services.endorsement_send_confirmations()


@task()
def expire_pending() -> int:
    """Delete endorsements nobody confirmed within the week."""
    return services.endorsement_expire()


@task()
def recount() -> int:
    """Check every city's count against its confirmed endorsements; repair."""
    wrong = services.tally_recount(repair=True)
    for city_id, (stored, actual) in wrong.items():
        logger.warning(
            "Endorsement count of city %s was %s, not %s; repaired.",
            city_id,
            stored,
            actual,
        )
    return len(wrong)


@task()
def notify_milestone(*, notice_id: int) -> bool:
    """Tell the secretariat and the city that a milestone was reached."""
    return services.milestone_notify(notice_id=notice_id)


@task()
def run_invalidation(*, invalidation_id: int) -> int:
    """Void the endorsements an invalidation's filter matches."""
    return services.invalidation_run(invalidation_id=invalidation_id)
