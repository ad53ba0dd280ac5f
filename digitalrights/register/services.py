"""Operations that change the algorithm register: each checks who may do it.

A member city's confirmed officials (with their second factor) write,
publish, withdraw and delete its entries; the secretariat may take a
published entry off the site. No person is recorded with an entry: the
register names services and roles, never the official who typed it.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import AlgorithmEntry, EntryState
from .selectors import city_access_for_register, entry_access_for_official

MODERATE_PERMISSION = "register.change_algorithmentry"

logger = logging.getLogger(__name__)


@dataclass
class EntryData:
    """What an official writes about one system (the model's own fields)."""

    title: str = ""
    summary: str = ""
    language: str = "en"
    department: str = ""
    status: str = "in_use"
    started_on: date | None = None
    retired_on: date | None = None
    risk: str = "minimal"
    purpose: str = ""
    data: str = ""
    uses_personal_data: bool = False
    how_it_works: str = ""
    supplier: str = ""
    code_url: str = ""
    human_oversight: str = ""
    objection: str = ""
    contact: str = ""
    contact_email: str = ""
    more_info_url: str = ""


DATA_FIELDS = [f.name for f in dataclasses.fields(EntryData)]


class EntryChanged(ValidationError):
    """Someone saved the entry after the person opened it."""


def entry_version(entry: AlgorithmEntry) -> str:
    """Return a token that changes whenever the entry is saved."""
    return entry.updated_at.isoformat() if entry.updated_at else ""


def entry_data_of(entry: AlgorithmEntry) -> EntryData:
    """Return the entry's text as the form shows it."""
    return EntryData(**{name: getattr(entry, name) for name in DATA_FIELDS})


def _write(entry: AlgorithmEntry, data: EntryData, *, now: datetime) -> None:
    for name in DATA_FIELDS:
        value = getattr(data, name)
        setattr(entry, name, value.strip() if isinstance(value, str) else value)
    entry.updated_at = now
    entry.full_clean(exclude=["city"])
    entry.save()


def entry_create(
    *, user: AbstractBaseUser, geonameid: int, data: EntryData, publish: bool = False
) -> AlgorithmEntry:
    """Add an entry to the register of a member city ``user`` represents."""
    city = city_access_for_register(user=user, geonameid=geonameid)
    now = timezone.now()
    with transaction.atomic():
        entry = AlgorithmEntry(city=city, created_at=now)
        if publish:
            entry.state = EntryState.PUBLISHED
            entry.published_at = now
        _write(entry, data, now=now)
    logger.info("register: entry %s created for city %s", entry.pk, city.geonameid)
    return entry


def entry_update(
    *,
    user: AbstractBaseUser,
    entry_id: int,
    data: EntryData,
    expected_version: str = "",
    publish: bool = False,
) -> AlgorithmEntry:
    """Change an entry; a published one changes on the site at once.

    With ``expected_version`` (``entry_version`` when the form was opened),
    a save over a colleague's newer one is refused (EntryChanged) and
    changes nothing.
    """
    now = timezone.now()
    with transaction.atomic():
        entry = entry_access_for_official(user=user, entry_id=entry_id, lock=True)
        if expected_version and expected_version != entry_version(entry):
            raise EntryChanged(
                _(
                    "A colleague saved this entry while you were changing it."
                    " What you typed is below, not saved; what is saved now is"
                    " shown first. Copy what you want to keep, then save again."
                ),
                code="changed",
            )
        if publish and not entry.is_published:
            entry.state = EntryState.PUBLISHED
            entry.published_at = entry.published_at or now
        _write(entry, data, now=now)
    return entry


def entry_publish(*, user: AbstractBaseUser, entry_id: int) -> AlgorithmEntry:
    """Put a draft on the site; publishing a published entry changes nothing."""
    with transaction.atomic():
        entry = entry_access_for_official(user=user, entry_id=entry_id, lock=True)
        if entry.is_published:
            return entry
        # A draft may have been written under older rules: check it again.
        entry.full_clean(exclude=["city"])
        now = timezone.now()
        entry.state = EntryState.PUBLISHED
        entry.published_at = entry.published_at or now
        entry.updated_at = now
        entry.save(update_fields=["state", "published_at", "updated_at"])
    return entry


def _to_draft(entry: AlgorithmEntry) -> None:
    entry.state = EntryState.DRAFT
    entry.updated_at = timezone.now()
    entry.save(update_fields=["state", "updated_at"])


def entry_withdraw(*, user: AbstractBaseUser, entry_id: int) -> AlgorithmEntry:
    """Take a published entry off the site, back to a draft."""
    with transaction.atomic():
        entry = entry_access_for_official(user=user, entry_id=entry_id, lock=True)
        if entry.is_published:
            _to_draft(entry)
    return entry


def entry_delete(*, user: AbstractBaseUser, entry_id: int) -> None:
    """Delete a draft; a published entry must be withdrawn first."""
    with transaction.atomic():
        entry = entry_access_for_official(user=user, entry_id=entry_id, lock=True)
        if not entry.is_deletable:
            raise ValidationError(
                _(
                    "Only a draft can be deleted. Take the entry off the site"
                    " first if it should go."
                ),
                code="published",
            )
        entry.delete()


def entry_unpublish(*, user: AbstractBaseUser, entry_id: int) -> AlgorithmEntry:
    """Take an entry off the site for the secretariat, back to a draft."""
    if not user.has_perm(MODERATE_PERMISSION):
        raise PermissionDenied(_("You may not change the algorithm register."))
    with transaction.atomic():
        entry = AlgorithmEntry.objects.select_for_update().filter(pk=entry_id).first()
        if entry is None:
            raise ValidationError(_("This entry does not exist any more."))
        if entry.is_published:
            _to_draft(entry)
            logger.info("register: entry %s unpublished by the secretariat", entry.pk)
    return entry


def entry_import(
    *, geonameid: int, data: EntryData, published_at: datetime | None = None
) -> AlgorithmEntry:
    """Create a published entry from a trusted source (the demo loader).

    No person acts, so nobody is checked: for commands run by the site's
    operators only, like ``initiatives.services.initiative_import``.
    """
    from digitalrights.cities.models import City

    city = City.objects.select_related("membership").get(geonameid=geonameid)
    now = published_at or timezone.now()
    with transaction.atomic():
        entry = AlgorithmEntry(
            city=city, state=EntryState.PUBLISHED, published_at=now, created_at=now
        )
        _write(entry, data, now=now)
    return entry
