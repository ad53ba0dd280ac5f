from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _filing_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs):
    """Keep ``Initiative.facet_keys`` as its principles and topics change,
    from either side of the many-to-many (``topic.initiatives.add(...)``
    too)."""
    from .services import initiative_facet_keys_refresh as refresh

    if not reverse:
        if action.startswith("post_"):
            # The instance in hand says the same, should it be saved again.
            instance.facet_keys = refresh(ids=[instance.pk]).get(instance.pk, "")
    elif action == "pre_clear":  # the initiatives are not named afterwards
        instance._cleared_initiatives = list(
            instance.initiatives.values_list("pk", flat=True)
        )
    elif action == "post_clear":
        refresh(ids=getattr(instance, "_cleared_initiatives", []))
    elif action.startswith("post_"):
        refresh(ids=pk_set or [])


def _topic_deleting(sender, instance, **kwargs) -> None:
    """Deleting a topic deletes its rows in the through table without a
    many-to-many signal: its initiatives' keys are written again after.

    They are locked first, in order, before those rows go: an official's
    change to one of them waits, or is waited for, rather than crossing.
    """
    from .models import Initiative

    instance._filed_initiatives = list(
        Initiative.objects.select_for_update(of=("self",))
        .filter(topics=instance)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _topic_deleted(sender, instance, **kwargs) -> None:
    from .services import initiative_facet_keys_refresh

    initiative_facet_keys_refresh(ids=getattr(instance, "_filed_initiatives", []))


class InitiativesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "digitalrights.initiatives"
    verbose_name = _("Initiatives")

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, pre_delete

        from digitalrights.core import cache, scheduler
        from digitalrights.core.models import Topic

        from . import tasks
        from .models import Initiative

        for field in ("principles", "topics"):
            m2m_changed.connect(
                _filing_changed,
                sender=getattr(Initiative, field).through,
                dispatch_uid=f"initiatives-facet-keys-{field}",
            )
        pre_delete.connect(
            _topic_deleting, sender=Topic, dispatch_uid="initiatives-topic"
        )
        post_delete.connect(
            _topic_deleted, sender=Topic, dispatch_uid="initiatives-topic"
        )

        scheduler.register(tasks.resend_initiative_notifications, 10 * scheduler.MINUTE)
        scheduler.register(tasks.expire_kept_pictures, scheduler.HOUR)
        scheduler.register(tasks.send_initiative_digests, 10 * scheduler.MINUTE)
        scheduler.register(tasks.apply_initiative_retention, scheduler.DAY)
        scheduler.register(tasks.repair_facet_keys, scheduler.DAY)
        # The history is shown to officials and staff only, never cached.
        cache.ignore_model("initiatives.initiativeevent")
        # A picture kept for a form that came back is private to its sender.
        cache.ignore_model("initiatives.keptpicture")
        # A change waiting for moderation is not shown until it is published.
        cache.ignore_model("initiatives.initiativechange")
        cache.ignore_model("initiatives.initiativechangeimage")
