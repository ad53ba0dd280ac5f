"""Background work for initiatives, run by the task worker."""

from django_tasks import task

from . import services


@task()
def notify_initiative_event(*, event_id: int) -> int:
    """Email the other side of an initiative about what just happened."""
    return services.initiative_event_notify(event_id=event_id)


@task()
def resend_initiative_notifications() -> int:
    """Send the emails about initiatives that failed earlier."""
    return services.initiative_notifications_resend()


@task()
def expire_kept_pictures() -> int:
    """Delete the pictures kept for a form that nobody sent again in time."""
    return services.kept_pictures_expire()


@task()
def send_initiative_digest(*, initiative_id: int) -> int:
    """Tell the secretariat of the changes sent for an initiative, if due."""
    return services.initiative_digest_send(initiative_id=initiative_id)


@task()
def send_initiative_digests() -> int:
    """Send every digest of changes that is due."""
    return services.initiative_digests_send()


@task()
def apply_initiative_retention() -> dict[str, int]:
    """Delete declined and long-untouched initiatives, warning first."""
    return services.initiatives_retention_apply()


@task()
def repair_facet_keys() -> int:
    """Write again the facet keys that differ from principles and topics."""
    return services.initiatives_facet_keys_repair()
