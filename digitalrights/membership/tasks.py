"""Background work for membership, run by the task worker."""

from django_tasks import task

from . import services


@task()
def notify_representation(*, representation_id: int) -> bool:
    """Email the secretariat of a request, or the person of its outcome."""
    return services.representation_notify(representation_id=representation_id)


@task()
def notify_application_event(*, event_id: int) -> int:
    """Email the other side of an application about what just happened."""
    return services.application_event_notify(event_id=event_id)


@task()
def delete_unverified_accounts() -> int:
    """Delete sign-ups never verified within a week."""
    return services.accounts_unverified_delete()


@task()
def resend_notifications() -> int:
    """Send the emails that failed earlier."""
    return services.notifications_resend()
