"""Background work for monitoring, run by the task worker."""

from django_tasks import task

from . import emails


@task()
def notify_assessment_event(*, event_id: int) -> int:
    """Email whoever acts next that an assessment changed state."""
    return emails.assessment_event_notify(event_id=event_id)


@task()
def resend_assessment_notifications() -> int:
    """Send the emails about assessments that failed earlier."""
    return emails.assessment_notifications_resend()


@task()
def send_comments_digest(*, assessment_id: int) -> int:
    """Tell the other side of the comments left on an assessment, if due."""
    return emails.comments_digest_send(assessment_id=assessment_id)


@task()
def send_comments_digests() -> int:
    """Send every digest of comments that is due."""
    return emails.comments_digests_send()
