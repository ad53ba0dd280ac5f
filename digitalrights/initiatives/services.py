"""Operations that change initiatives: each checks who may do it.

Officials of a member city propose and keep its initiatives; the secretariat
moderates them. Every change of state goes through ``_transition``, which
writes an ``InitiativeEvent``; the other side is emailed once per event.
"""

from __future__ import annotations

import copy
import logging
import smtplib
import uuid
import warnings
from collections import defaultdict
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from digitalrights.core.emails import email_send_each
from digitalrights.core.models import Principle, Topic
from digitalrights.membership.models import Representation, RepresentationStatus

from .models import (
    DECLINED_KEPT_DAYS,
    EDITABLE_STATES,
    KEPT_PICTURE_HOURS,
    MAX_IMAGES,
    MAX_LINKS,
    RETENTION_WARNING_DAYS,
    SUBMITTABLE_STATES,
    UNFINISHED_KEPT_DAYS,
    UNFINISHED_STATES,
    ChangeState,
    EventKind,
    Initiative,
    InitiativeChange,
    InitiativeChangeImage,
    InitiativeEvent,
    InitiativeImage,
    InitiativeLink,
    KeptPicture,
    ModerationState,
    facet_keys_of,
)
from .selectors import (
    RENDITIONS,
    city_access_for_initiatives,
    initiative_access_for_official,
)

MODERATE_PERMISSION = "initiatives.change_initiative"
IMAGE_MAX_BYTES = 5 * 1024 * 1024
IMAGE_MAX_PIXELS = 6000
IMAGE_FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}

logger = logging.getLogger(__name__)


@dataclass
class LinkData:
    url: str = ""
    label: str = ""


@dataclass
class ImageData:
    """A picture as the form sends it: a new upload, or one already there."""

    upload: UploadedFile | None = None
    kept: KeptPicture | None = None  # chosen with an earlier, refused form
    image_id: int | None = None  # an InitiativeImage of this initiative
    alt: str = ""
    caption: str = ""
    remove: bool = False


@dataclass
class InitiativeData:
    title: str = ""
    summary: str = ""
    body: str = ""
    language: str = "en"
    principles: list[int] = field(default_factory=list)
    topics: list[int] = field(default_factory=list)
    status: str = "running"
    started_on: date | None = None
    ended_on: date | None = None
    contact: str = ""
    contact_email: str = ""
    code_url: str = ""
    licence: str = ""
    links: list[LinkData] = field(default_factory=list)
    images: list[ImageData] = field(default_factory=list)


class InitiativeChanged(ValidationError):
    """Someone saved the initiative after the person opened it."""


class InitiativeFrozen(ValidationError):
    """The initiative's state does not let its officials change it now."""


def frozen_error(initiative: Initiative) -> InitiativeFrozen:
    """Return the error that says why an initiative cannot change now."""
    if not initiative.is_open_to_officials:
        text = _(
            "%(city)s is no longer a member of the coalition, so its initiatives"
            " cannot change here. What you typed is below, not saved: copy what"
            " you want to keep."
        ) % {"city": initiative.city.name}
    elif initiative.state == ModerationState.SUBMITTED:
        text = _(
            "A colleague sent this initiative to the secretariat while you were"
            " changing it. What you typed is below, not saved; what is saved now"
            " is shown first. To save yours, take it back as a draft."
        )
    else:
        text = _(
            "This initiative is “%(state)s” now, so it cannot change. What you"
            " typed is below, not saved: copy what you want to keep."
        ) % {"state": initiative.get_state_display()}
    return InitiativeFrozen(text, code="frozen")


def initiative_version(initiative: Initiative) -> str:
    """Return a token that changes whenever the initiative or its change is saved."""
    stamp = initiative.updated_at.isoformat() if initiative.updated_at else ""
    change = (
        InitiativeChange.objects.filter(initiative_id=initiative.pk)
        .values_list("updated_at", flat=True)
        .first()
    )
    return f"{stamp}|{change.isoformat()}" if change else stamp


# Checks shared by the form and the service -------------------------------------

_web_address = URLValidator(schemes=["http", "https"])


def web_address_check(url: str) -> str:
    """Return ``url`` if it is an http(s) address, or raise ValidationError."""
    url = url.strip()
    try:
        _web_address(url)
    except ValidationError:
        raise ValidationError(
            _("Give a web address that starts with http:// or https://."),
            code="not_a_link",
        ) from None
    return url


def links_clean(links: Iterable[LinkData]) -> list[LinkData]:
    """Return the links given, without empty rows, or raise ValidationError."""
    cleaned = []
    for link in links:
        url, label = link.url.strip(), link.label.strip()
        if not url and not label:
            continue
        if not url:
            raise ValidationError(
                {"links": _("Give the web address of “%(label)s”.") % {"label": label}}
            )
        if len(url) > 500 or len(label) > 200:
            raise ValidationError(
                {"links": _("A link may have 500 characters and its label 200.")}
            )
        try:
            web_address_check(url)
        except ValidationError as error:
            raise ValidationError({"links": error.messages}) from None
        cleaned.append(LinkData(url=url, label=label))
    if len(cleaned) > MAX_LINKS:
        raise ValidationError(
            {"links": _("Give at most %(count)s links.") % {"count": MAX_LINKS}},
            code="too_many_links",
        )
    return cleaned


def image_check(upload: UploadedFile) -> str:
    """Return the file extension of an acceptable picture, or raise.

    The type is read from the content (Pillow), never from the name; SVG is
    refused, as an SVG can carry script, and an image that claims more
    pixels than allowed is refused before it is decoded.
    """
    from PIL import Image, UnidentifiedImageError

    too_large = _("A picture must be at most %(pixels)s pixels wide and high.") % {
        "pixels": IMAGE_MAX_PIXELS
    }
    not_an_image = _("A picture must be a PNG, JPEG or WebP image.")
    if upload.size > IMAGE_MAX_BYTES:
        raise ValidationError(
            _("The picture is larger than %(size)s MB. Please send a smaller file.")
            % {"size": IMAGE_MAX_BYTES // (1024 * 1024)},
            code="too_large",
        )
    try:
        upload.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                image_format = image.format
                width, height = image.size
                if width > IMAGE_MAX_PIXELS or height > IMAGE_MAX_PIXELS:
                    raise ValidationError(too_large, code="too_many_pixels")
                image.verify()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
        raise ValidationError(too_large, code="too_many_pixels") from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(not_an_image, code="not_an_image") from error
    finally:
        upload.seek(0)
    if image_format not in IMAGE_FORMATS:
        raise ValidationError(not_an_image, code="not_an_image")
    return IMAGE_FORMATS[image_format]


# Writing the text, links and pictures ------------------------------------------


def _text_apply(initiative: Initiative, data: InitiativeData) -> None:
    initiative.title = data.title.strip()
    initiative.summary = data.summary.strip()
    initiative.body = data.body.strip().replace("\r\n", "\n")
    initiative.language = data.language
    initiative.status = data.status
    initiative.started_on = data.started_on
    initiative.ended_on = data.ended_on
    initiative.contact = data.contact.strip()
    initiative.contact_email = data.contact_email.strip()
    initiative.code_url = (
        web_address_check(data.code_url) if data.code_url.strip() else ""
    )
    initiative.licence = data.licence.strip()
    if initiative.licence and not initiative.code_url:
        raise ValidationError(
            {"licence": _("Give the address of the source code too.")}
        )
    if (
        initiative.started_on
        and initiative.ended_on
        and initiative.ended_on < initiative.started_on
    ):
        raise ValidationError(
            {"ended_on": _("An initiative cannot end before it started.")}
        )
    initiative.updated_at = timezone.now()
    # The slug and country code are derived on save.
    initiative.full_clean(
        exclude=["city", "created_by", "slug", "country_code"],
        validate_constraints=False,
    )


def _vocabulary(data: InitiativeData) -> tuple[list[Principle], list[Topic]]:
    numbers = set(data.principles)
    principles = list(Principle.objects.filter(number__in=numbers))
    if not numbers or len(principles) != len(numbers):
        raise ValidationError(
            {"principles": _("Choose the principles this initiative serves.")}
        )
    wanted = set(data.topics)
    topics = list(Topic.objects.filter(pk__in=wanted))
    if len(topics) != len(wanted):
        raise ValidationError({"topics": _("Choose topics from the list.")})
    return principles, topics


def _links_apply(initiative: Initiative, links: list[LinkData]) -> None:
    initiative.links.all().delete()
    InitiativeLink.objects.bulk_create(
        InitiativeLink(
            initiative=initiative, url=link.url, label=link.label, position=i
        )
        for i, link in enumerate(links)
    )


def _collection():
    """Return the image collection initiatives' pictures go into."""
    from wagtail.models import Collection

    root = Collection.get_first_root_node()
    found = root.get_children().filter(name="Initiatives").first()
    return found or root.add_child(name="Initiatives")


def _without_metadata(upload: UploadedFile, extension: str) -> ContentFile:
    """Return the picture drawn again, without its metadata but its colours.

    A photo's EXIF data can say where and when it was taken, and with what;
    none of it is needed, and the original file is public. Its colour
    profile (ICC) is kept, so that colours look as the camera took them;
    when a JPEG must become RGB (a CMYK photo), its colours are converted
    with that profile, into sRGB.
    """
    import io

    from PIL import Image, ImageOps

    upload.seek(0)
    with Image.open(upload) as original:
        image_format = original.format
        profile = original.info.get("icc_profile")
        image = ImageOps.exif_transpose(original)
        if extension == "jpg" and image.mode not in ("RGB", "L"):
            image, profile = _to_srgb(image, profile)
        buffer = io.BytesIO()
        options = {"quality": 90} if extension in ("jpg", "webp") else {}
        if profile:
            options["icc_profile"] = profile
        image.save(buffer, format=image_format, **options)
    # An address nobody can guess: the original is never linked.
    return ContentFile(
        buffer.getvalue(), name=f"initiative-{uuid.uuid4().hex[:16]}.{extension}"
    )


def _to_srgb(image, profile: bytes | None):
    """Return ``image`` in RGB and the profile that then describes it."""
    import io

    from PIL import ImageCms

    if profile:
        srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
        try:
            converted = ImageCms.profileToProfile(
                image,
                ImageCms.ImageCmsProfile(io.BytesIO(profile)),
                srgb,
                outputMode="RGB",
            )
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: converted plainly below, without it
        else:
            return converted, srgb.tobytes()
    # The profile was for the other colour space: it would now mislead.
    return image.convert("RGB"), None


# Files written while a save runs, removed if the save rolls back.
_written_files: ContextVar[list | None] = ContextVar("written_files", default=None)


def _file_written(field_file) -> None:
    """Note a file just stored, so that a rollback can remove it."""
    written = _written_files.get()
    if written is not None and field_file:
        written.append((field_file.storage, field_file.name))


@contextmanager
def _files_removed_on_rollback():
    """Delete the files stored inside the block when it fails.

    Their rows roll back with the transaction; the files would stay, with
    nothing pointing at them. Use it around the outermost ``atomic`` of a
    service (a rollback decided by a caller's own transaction is not seen).
    """
    written: list = []
    token = _written_files.set(written)
    try:
        yield
    except BaseException:
        for storage, name in written:
            try:
                storage.delete(name)
            except OSError:
                logger.warning("Could not remove %s after a rollback.", name)
        raise
    finally:
        _written_files.reset(token)


def _wagtail_image(upload: UploadedFile, *, alt: str, user):
    from wagtail.images import get_image_model

    extension = image_check(upload)
    image = get_image_model()(
        title=alt[:255],
        description=alt[:255],
        file=_without_metadata(upload, extension),
        collection=_collection(),
        uploaded_by_user=user if user is not None and user.pk else None,
    )
    image._set_image_file_metadata()
    image.save()
    _file_written(image.file)
    # Made now, so that showing the page never has to write.
    for rendition in image.get_renditions(*RENDITIONS).values():
        _file_written(rendition.file)
    return image


def _image_describe(image, alt: str) -> None:
    """Give the Wagtail image its picture's text alternative as title (admin)."""
    alt = alt[:255]
    if (image.title, image.description) != (alt, alt):
        image.title = image.description = alt
        image.save(update_fields=["title", "description"])


def _images_clean(mine: set[int], images: list[ImageData]) -> None:
    """Refuse pictures without a text alternative, too many, or not this one's.

    ``mine`` holds the ids of the pictures the person was shown.
    """
    kept = 0
    for image in images:
        if image.image_id is not None and image.image_id not in mine:
            raise ValidationError(
                {"images": _("This picture is not one of this initiative's.")}
            )
        if image.remove or (
            image.image_id is None and image.upload is None and image.kept is None
        ):
            continue
        kept += 1
        if not image.alt.strip():
            raise ValidationError(
                {
                    "images": _(
                        "Say what each picture shows, for people who cannot see it."
                    )
                }
            )
        if len(image.alt) > 300 or len(image.caption) > 300:
            raise ValidationError(
                {"images": _("A text alternative or caption may have 300 characters.")}
            )
    kept += len(mine - {i.image_id for i in images if i.image_id is not None})
    if kept > MAX_IMAGES:
        raise ValidationError(
            {"images": _("Add at most %(count)s pictures.") % {"count": MAX_IMAGES}}
        )


def _pictures_write(
    pictures: dict,
    images: list[ImageData],
    *,
    user,
    add: Callable[..., object],
    remove: Callable[[object], None],
    describe: Callable[[object], None],
) -> None:
    """Describe, remove and add pictures as the form says.

    ``pictures`` are the ones the person was shown, by id (an initiative's
    own, or a pending change's); ``add`` stores a new one, ``remove`` takes
    one away, ``describe`` follows a new text alternative.
    """
    _images_clean(set(pictures), images)
    position = max((p.position for p in pictures.values()), default=-1) + 1
    for data in images:
        if data.image_id is not None:
            picture = pictures[data.image_id]
            if data.remove:
                remove(picture)
                continue
            picture.alt, picture.caption = data.alt.strip(), data.caption.strip()
            picture.save(update_fields=["alt", "caption"])
            describe(picture)
        elif (data.upload or data.kept) is not None and not data.remove:
            alt = data.alt.strip()
            source = data.upload if data.upload is not None else data.kept.file
            if data.kept is not None:
                _kept_picture_forget(data.kept)
            add(
                image=_wagtail_image(source, alt=alt, user=user),
                alt=alt,
                caption=data.caption.strip(),
                position=position,
            )
            position += 1


def _images_apply(initiative: Initiative, images: list[ImageData], user) -> None:
    _pictures_write(
        {i.pk: i for i in initiative.images.select_related("image")},
        images,
        user=user,
        # Its InitiativeImage goes with the Wagtail image.
        remove=lambda picture: picture.image.delete(),
        add=lambda **fields: InitiativeImage.objects.create(
            initiative=initiative, **fields
        ),
        describe=lambda picture: _image_describe(picture.image, picture.alt),
    )


TEXT_FIELDS = [
    "title",
    "summary",
    "body",
    "language",
    "status",
    "started_on",
    "ended_on",
    "contact",
    "contact_email",
    "code_url",
    "licence",
]


def _write(
    initiative: Initiative, data: InitiativeData, *, user, creating: bool = False
) -> Initiative:
    """Save text, vocabulary, links and pictures together (in a transaction)."""
    _text_apply(initiative, data)
    principles, topics = _vocabulary(data)
    links = links_clean(data.links)
    if creating:
        initiative.save()
    else:
        initiative.save(update_fields=[*TEXT_FIELDS, "slug", "updated_at"])
    initiative.principles.set(principles)
    initiative.topics.set(topics)
    _links_apply(initiative, links)
    _images_apply(initiative, data.images, user)
    _pages_retire()
    return initiative


# Changes to a published initiative, held for the secretariat ----------------------


def _content(
    initiative: Initiative,
    principles: Iterable[Principle],
    topics: Iterable[Topic],
    links: Iterable[LinkData | InitiativeLink],
) -> dict:
    """Return what a pending change keeps of the text, vocabulary and links."""
    content = {name: getattr(initiative, name) for name in TEXT_FIELDS}
    for name in ("started_on", "ended_on"):
        content[name] = content[name].isoformat() if content[name] else None
    content["principles"] = sorted(p.pk for p in principles)
    content["topics"] = sorted(t.pk for t in topics)
    content["links"] = [{"url": link.url, "label": link.label} for link in links]
    return content


def change_data(content: dict) -> InitiativeData:
    """Return a pending change's content as the form's data (no pictures)."""
    values = {name: content.get(name) or "" for name in TEXT_FIELDS}
    for name in ("started_on", "ended_on"):
        values[name] = date.fromisoformat(content[name]) if content.get(name) else None
    return InitiativeData(
        **values,
        principles=list(content.get("principles", [])),
        topics=list(content.get("topics", [])),
        links=[LinkData(**link) for link in content.get("links", [])],
    )


def _unchanged(initiative: Initiative, content: dict, images: list[ImageData]) -> bool:
    """Return whether the form holds what is published, to the letter."""
    published = _content(
        initiative,
        initiative.principles.all(),
        initiative.topics.all(),
        initiative.links.all(),
    )
    if content != published:
        return False
    pictures = {p.pk: p for p in initiative.images.all()}
    for image in images:
        if image.image_id is None:
            if image.upload is not None or image.kept is not None:
                return False
            continue
        picture = pictures.get(image.image_id)
        if (
            picture is None
            or image.remove
            or (picture.alt, picture.caption)
            != (image.alt.strip(), image.caption.strip())
        ):
            return False
    return True


def _change_picture_remove(picture: InitiativeChangeImage) -> None:
    """Take a picture out of a change; delete it if nothing else shows it."""
    if picture.picture_id is None:
        picture.image.delete()  # new with the change: its row goes with it
    else:
        picture.delete()  # the published one stays until the change is


def _change_write(
    initiative: Initiative, data: InitiativeData, *, user
) -> InitiativeChange | None:
    """Hold what an official saved for a published initiative, for moderation.

    The published initiative does not change. The pictures the form showed
    are the change's own once there is a change, else the published ones.
    Return None, and hold nothing, when nothing differs from what is
    published.
    """
    candidate = copy.copy(initiative)
    _text_apply(candidate, data)  # checked the same way; never saved
    principles, topics = _vocabulary(data)
    links = links_clean(data.links)
    content = _content(candidate, principles, topics, links)
    images = list(data.images)
    change = InitiativeChange.objects.filter(initiative=initiative).first()
    now = timezone.now()
    if change is None:
        _images_clean(set(initiative.images.values_list("pk", flat=True)), images)
        if _unchanged(initiative, content, images):
            return None
        change = InitiativeChange.objects.create(
            initiative=initiative,
            created_by=user if user is not None and user.pk else None,
            created_at=now,
            content=content,
        )
        # The change starts with the published pictures, by their new ids.
        ids = {
            picture.pk: InitiativeChangeImage.objects.create(
                change=change,
                image_id=picture.image_id,
                picture=picture,
                alt=picture.alt,
                caption=picture.caption,
                position=picture.position,
            ).pk
            for picture in initiative.images.all()
        }
        images = [
            replace(image, image_id=ids[image.image_id])
            if image.image_id is not None
            else image
            for image in images
        ]
    change.content = content
    change.state = ChangeState.WAITING
    change.updated_at = now
    change.save(update_fields=["content", "state", "updated_at"])
    _pictures_write(
        {p.pk: p for p in change.images.select_related("image")},
        images,
        user=user,
        remove=_change_picture_remove,
        add=lambda **fields: InitiativeChangeImage.objects.create(
            change=change, **fields
        ),
        # A published picture's image is renamed when the change is published.
        describe=lambda picture: (
            _image_describe(picture.image, picture.alt)
            if picture.picture_id is None
            else None
        ),
    )
    return change


def _change_apply(initiative: Initiative, change: InitiativeChange) -> None:
    """Make a pending change the initiative's own, and forget the change."""
    data = change_data(change.content)
    _text_apply(initiative, data)
    initiative.save(update_fields=[*TEXT_FIELDS, "slug", "updated_at"])
    # A topic removed from the vocabulary meanwhile is simply left out.
    initiative.principles.set(Principle.objects.filter(number__in=data.principles))
    initiative.topics.set(Topic.objects.filter(pk__in=data.topics))
    _links_apply(initiative, links_clean(data.links))
    published = {p.pk: p for p in initiative.images.select_related("image")}
    kept = set()
    for position, picture in enumerate(change.images.all()):
        if picture.picture_id in published:
            shown = published[picture.picture_id]
            kept.add(shown.pk)
            shown.alt, shown.caption = picture.alt, picture.caption
            shown.position = position
            shown.save(update_fields=["alt", "caption", "position"])
            _image_describe(shown.image, shown.alt)
        else:
            InitiativeImage.objects.create(
                initiative=initiative,
                image_id=picture.image_id,
                alt=picture.alt,
                caption=picture.caption,
                position=position,
            )
    change.delete()  # its rows only: the Wagtail images are the initiative's
    for pk, picture in published.items():
        if pk not in kept:
            picture.image.delete()
    _pages_retire()


def _change_forget(change: InitiativeChange) -> None:
    """Delete a pending change and the pictures that came with it."""
    for picture in change.images.filter(picture__isnull=True).select_related("image"):
        picture.image.delete()
    change.delete()


def _pages_retire() -> None:
    """Retire cached pages once the change is committed.

    Saving the row retires them too, but before the vocabulary and links are
    written and committed; a page built in between must not stay cached.
    """
    from digitalrights.core.cache import page_cache_clear

    transaction.on_commit(page_cache_clear)


# Pictures kept while a form comes back -----------------------------------------


def kept_picture_create(*, user: AbstractBaseUser, upload: UploadedFile) -> KeptPicture:
    """Keep a chosen picture for the person's next save of the form.

    Only an acceptable picture is kept (``image_check``); it stays in the
    private storage until it is used or expires (``kept_pictures_expire``).
    """
    image_check(upload)
    name = (upload.name or "").replace("\\", "/").rsplit("/", 1)[-1][:200]
    upload.seek(0)
    return KeptPicture.objects.create(user=user, file=upload, name=name or "?")


def _kept_picture_forget(kept: KeptPicture) -> None:
    """Delete a kept picture and, once committed, its file."""
    name, storage = kept.file.name, kept.file.storage
    KeptPicture.objects.filter(pk=kept.pk).delete()
    transaction.on_commit(lambda: storage.delete(name))


def kept_pictures_discard(*, user: AbstractBaseUser, tokens: list[str]) -> None:
    """Forget the pictures the person kept and then chose to remove."""
    from .selectors import kept_pictures_of

    with transaction.atomic():
        for kept in kept_pictures_of(user=user, tokens=tokens).values():
            _kept_picture_forget(kept)


def kept_pictures_expire(*, now: datetime | None = None) -> int:
    """Delete kept pictures nobody used within ``KEPT_PICTURE_HOURS``."""
    now = now or timezone.now()
    before = now - timezone.timedelta(hours=KEPT_PICTURE_HOURS)
    count = 0
    with transaction.atomic():
        for kept in KeptPicture.objects.filter(created_at__lt=before):
            _kept_picture_forget(kept)
            count += 1
    return count


# History and emails -------------------------------------------------------------


def _record(
    initiative: Initiative,
    *,
    kind: str,
    by: AbstractBaseUser | None,
    by_secretariat: bool,
    message: str = "",
    from_state: str = "",
    to_state: str = "",
    notify: bool = True,
) -> InitiativeEvent:
    event = InitiativeEvent(
        initiative=initiative,
        kind=kind,
        actor=by if by is not None and by.pk else None,
        by_secretariat=by_secretariat,
        message=message,
        from_state=from_state,
        to_state=to_state,
    )
    if not notify:
        # Nobody else needs to hear of it: nothing is due.
        event.notified_at = event.at
    event.full_clean(exclude=["initiative", "actor"])
    event.save()
    if notify and kind in DIGEST_KINDS:
        from .tasks import send_initiative_digest

        transaction.on_commit(
            lambda: send_initiative_digest.enqueue(initiative_id=initiative.pk)
        )
    elif notify:
        from .tasks import notify_initiative_event

        transaction.on_commit(
            lambda: notify_initiative_event.enqueue(event_id=event.pk)
        )
    return event


def _transition(
    initiative: Initiative,
    *,
    to: str,
    allowed_from: Iterable[str],
    by: AbstractBaseUser | None,
    by_secretariat: bool,
    message: str = "",
    notify: bool = True,
) -> Initiative:
    """Move a locked initiative to ``to`` and write it in its history."""
    if initiative.state not in allowed_from:
        raise ValidationError(
            _(
                "This initiative is “%(state)s” now, so this cannot be done."
                " Reload the page to see where it stands."
            )
            % {"state": initiative.get_state_display()}
        )
    before = initiative.state
    initiative.state = to
    now = timezone.now()
    fields = ["state"]
    if to == ModerationState.SUBMITTED:
        initiative.submitted_at = now
        fields.append("submitted_at")
    if to == ModerationState.PUBLISHED and initiative.published_at is None:
        initiative.published_at = now
        fields.append("published_at")
    initiative.save(update_fields=fields)
    _pages_retire()
    _record(
        initiative,
        kind=EventKind.TRANSITION,
        by=by,
        by_secretariat=by_secretariat,
        message=message,
        from_state=before,
        to_state=to,
        notify=notify,
    )
    return initiative


def secretariat_recipients() -> list[tuple[str, str]]:
    """Return who moderates, as (address, language) pairs.

    The address in Membership settings, in the site's language; without
    one, every active staff member who may moderate initiatives, each in the
    language they chose for the admin, so that nothing goes unread.
    """
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    from digitalrights.membership.models import MembershipSettings

    address = MembershipSettings.load().notify_secretariat
    if address:
        return [(address, settings.LANGUAGE_CODE)]
    staff = (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(
            Q(is_superuser=True)
            | Q(
                user_permissions__codename="change_initiative",
                user_permissions__content_type__app_label="initiatives",
            )
            | Q(
                groups__permissions__codename="change_initiative",
                groups__permissions__content_type__app_label="initiatives",
            )
        )
        .exclude(email="")
        .select_related("wagtail_userprofile")
        .distinct()
    )
    shipped = {code for code, _name in settings.LANGUAGES}
    recipients = {}
    for user in staff:
        profile = getattr(user, "wagtail_userprofile", None)
        language = getattr(profile, "preferred_language", "") or ""
        recipients[user.email] = (
            language if language in shipped else settings.LANGUAGE_CODE
        )
    return sorted(recipients.items())


def _officials_of(initiative: Initiative) -> list[tuple[str, str]]:
    return [
        (r.user.email, r.language)
        for r in Representation.objects.filter(
            city_id=initiative.city_id, status=RepresentationStatus.CONFIRMED
        ).select_related("user")
        if r.user.email and r.user.is_active
    ]


def initiative_event_notify(*, event_id: int) -> int:
    """Email the other side about one history entry; never twice.

    The city's officials hear of the secretariat's decisions, each in their
    own language; the secretariat hears of submissions and of changes to
    published initiatives. The entry stays locked while the emails go out
    and is marked sent only after, so a failed send is tried again
    (``initiative_notifications_resend``). Return the number of emails sent.
    """
    from django.urls import reverse_lazy
    from django.utils.text import format_lazy

    with transaction.atomic():
        event = (
            InitiativeEvent.objects.select_for_update(of=("self",))
            .select_related("initiative", "initiative__city__membership")
            .filter(pk=event_id, notified_at__isnull=True)
            .first()
        )
        if event is None:
            return 0
        if event.kind in DIGEST_KINDS:
            return 0  # told in the initiative's digest instead
        initiative = event.initiative
        site = settings.SITE_URL.rstrip("/")
        if event.by_secretariat:
            people = _officials_of(initiative)
            template = "initiatives/email/to_city"
            page = reverse_lazy("initiatives_officials:edit", args=[initiative.pk])
        else:
            people = secretariat_recipients()
            template = "initiatives/email/to_secretariat"
            page = reverse_lazy("initiatives_moderate", args=[initiative.pk])
        context = {
            "event": event,
            "initiative": initiative,
            "title": initiative.title,
            "city_name": initiative.city.name,
            "city_is_member": initiative.city.is_member,
            "state": ModerationState(event.to_state).label if event.to_state else "",
            "url": format_lazy("{}{}", site, page),
            "public_url": format_lazy(
                "{}{}",
                site,
                reverse_lazy(
                    "initiatives:detail",
                    kwargs={"pk": initiative.pk, "slug": initiative.slug},
                ),
            ),
        }
        sent = email_send_each(
            people, template, context, what=f"Initiative notice {event.pk}"
        )
        event.notified_at = timezone.now()
        event.save(update_fields=["notified_at"])
    return sent


RESEND_AFTER_MINUTES = 5


def initiative_notifications_resend(*, now: datetime | None = None) -> int:
    """Send again what a failed task left unsent, a few minutes on."""
    now = now or timezone.now()
    before = now - timezone.timedelta(minutes=RESEND_AFTER_MINUTES)
    sent = 0
    due = InitiativeEvent.objects.filter(
        notified_at__isnull=True, at__lt=before
    ).exclude(kind__in=DIGEST_KINDS)
    for event_id in due.values_list("pk", flat=True):
        sent += initiative_event_notify(event_id=event_id)
    return sent


# Changes sent by officials reach the secretariat as one email per initiative
# and hour at most, however often they save.
DIGEST_KINDS = [EventKind.CHANGE_SENT]
DIGEST_EVERY = timezone.timedelta(hours=1)


def initiative_digest_send(*, initiative_id: int, now: datetime | None = None) -> int:
    """Tell the secretariat of the changes sent for one initiative, once.

    One email covers every change sent since the last one, and goes out at
    most once per ``DIGEST_EVERY``; before that, nothing is sent and
    ``initiative_digests_send`` tries again later. Nothing is sent when no
    change waits any more (published, declined or taken back meanwhile).
    The entries stay locked while the email goes out and are marked after,
    so a retry never sends twice. Return the number of emails sent.
    """
    from django.db.models import Max
    from django.urls import reverse_lazy
    from django.utils.text import format_lazy

    now = now or timezone.now()
    digested = InitiativeEvent.objects.filter(
        initiative_id=initiative_id, kind__in=DIGEST_KINDS
    )
    with transaction.atomic():
        events = list(
            digested.select_for_update(of=("self",))
            .filter(notified_at__isnull=True)
            .order_by("at", "pk")
        )
        if not events:
            return 0
        last = digested.filter(notified_at__isnull=False).aggregate(
            last=Max("notified_at")
        )["last"]
        if last is not None and last > now - DIGEST_EVERY:
            return 0
        initiative = Initiative.objects.select_related("city").get(pk=initiative_id)
        sent = 0
        if InitiativeChange.objects.filter(
            initiative_id=initiative_id, state=ChangeState.WAITING
        ).exists():
            site = settings.SITE_URL.rstrip("/")
            context = {
                "initiative": initiative,
                "title": initiative.title,
                "city_name": initiative.city.name,
                "count": len(events),
                "events": events,
                "url": format_lazy(
                    "{}{}",
                    site,
                    reverse_lazy("initiatives_moderate", args=[initiative_id]),
                ),
            }
            sent = email_send_each(
                secretariat_recipients(),
                "initiatives/email/digest",
                context,
                what=f"Initiative digest {events[-1].pk}",
            )
        InitiativeEvent.objects.filter(pk__in=[e.pk for e in events]).update(
            notified_at=now
        )
    return sent


def initiative_digests_send(*, now: datetime | None = None) -> int:
    """Send the digests that are due, or that a failed task left unsent."""
    now = now or timezone.now()
    due = (
        InitiativeEvent.objects.filter(kind__in=DIGEST_KINDS, notified_at__isnull=True)
        .values_list("initiative_id", flat=True)
        .distinct()
    )
    return sum(
        initiative_digest_send(initiative_id=initiative_id, now=now)
        for initiative_id in list(due)
    )


# What officials do ----------------------------------------------------------------


def initiative_create(
    *, user: AbstractBaseUser, geonameid: int, data: InitiativeData
) -> Initiative:
    """Start a draft initiative for a member city the official represents."""
    city = city_access_for_initiatives(user=user, geonameid=geonameid)
    with _files_removed_on_rollback(), transaction.atomic():
        initiative = Initiative(city=city, created_by=user)
        _write(initiative, data, user=user, creating=True)
        _record(
            initiative,
            kind=EventKind.TRANSITION,
            by=user,
            by_secretariat=False,
            to_state=ModerationState.DRAFT,
            notify=False,
        )
    return initiative


def initiative_update(
    *,
    user: AbstractBaseUser,
    initiative_id: int,
    data: InitiativeData,
    expected_version: str = "",
    take_back: bool = False,
) -> Initiative:
    """Change an initiative as its city's official.

    A draft (or one sent back for changes) changes quietly. A published one
    does not change: what was saved is held as its pending change
    (``InitiativeChange``) for the secretariat to publish, send back or
    decline, written in the history, and the secretariat is told; saving
    again changes the same pending change. With ``expected_version``,
    refuse with InitiativeChanged if someone saved it after the person
    opened it. One waiting for the secretariat is refused with
    InitiativeFrozen, unless ``take_back``: then it becomes a draft again
    first (as ``initiative_withdraw``), in the same transaction.
    """
    with _files_removed_on_rollback(), transaction.atomic():
        initiative = initiative_access_for_official(
            user=user, initiative_id=initiative_id, lock=True
        )
        if take_back and initiative.state == ModerationState.SUBMITTED:
            _transition(
                initiative,
                to=ModerationState.DRAFT,
                allowed_from=[ModerationState.SUBMITTED],
                by=user,
                by_secretariat=False,
                notify=False,
            )
        if initiative.state not in EDITABLE_STATES:
            raise frozen_error(initiative)
        if expected_version and expected_version != initiative_version(initiative):
            raise InitiativeChanged(
                _(
                    "Someone else saved this initiative after you opened it."
                    " What you typed is below, not saved: compare it with"
                    " theirs (open the page in another tab), then save again"
                    " to keep yours."
                ),
                code="changed",
            )
        if initiative.state != ModerationState.PUBLISHED:
            _write(initiative, data, user=user)
        elif _change_write(initiative, data, user=user) is not None:
            _record(
                initiative,
                kind=EventKind.CHANGE_SENT,
                by=user,
                by_secretariat=False,
            )
    return initiative


def initiative_change_withdraw(
    *, user: AbstractBaseUser, initiative_id: int
) -> Initiative:
    """Forget the change an official sent for a published initiative."""
    with transaction.atomic():
        initiative = initiative_access_for_official(
            user=user, initiative_id=initiative_id, lock=True
        )
        change = InitiativeChange.objects.filter(initiative=initiative).first()
        if change is None:
            raise ValidationError(_no_change_waits())
        _change_forget(change)
        _record(
            initiative,
            kind=EventKind.CHANGE_WITHDRAWN,
            by=user,
            by_secretariat=False,
            notify=False,
        )
    return initiative


def initiative_submit(*, user: AbstractBaseUser, initiative_id: int) -> Initiative:
    """Send a draft to the secretariat; it waits there, unchanged."""
    with transaction.atomic():
        initiative = initiative_access_for_official(
            user=user, initiative_id=initiative_id, lock=True
        )
        return _transition(
            initiative,
            to=ModerationState.SUBMITTED,
            allowed_from=SUBMITTABLE_STATES,
            by=user,
            by_secretariat=False,
        )


def initiative_withdraw(*, user: AbstractBaseUser, initiative_id: int) -> Initiative:
    """Take a submitted initiative back as a draft, before the secretariat decides."""
    with transaction.atomic():
        initiative = initiative_access_for_official(
            user=user, initiative_id=initiative_id, lock=True
        )
        return _transition(
            initiative,
            to=ModerationState.DRAFT,
            allowed_from=[ModerationState.SUBMITTED],
            by=user,
            by_secretariat=False,
            notify=False,
        )


def initiative_delete(*, user: AbstractBaseUser, initiative_id: int) -> None:
    """Delete a draft, with its pictures (never a public or waiting one)."""
    with transaction.atomic():
        initiative = initiative_access_for_official(
            user=user, initiative_id=initiative_id, lock=True
        )
        if not initiative.is_deletable:
            raise ValidationError(
                _("Only a draft can be deleted. This initiative is “%(state)s”.")
                % {"state": initiative.get_state_display()}
            )
        _initiative_remove(initiative)


def _initiative_remove(initiative: Initiative) -> None:
    """Delete an initiative with its history, pictures and any pending change."""
    change = InitiativeChange.objects.filter(initiative=initiative).first()
    if change is not None:
        _change_forget(change)
    for picture in initiative.images.select_related("image"):
        picture.image.delete()
    initiative.delete()


# Retention ----------------------------------------------------------------------


def _last_touched() -> Greatest:
    """Return an expression: when an initiative was last saved or moved."""
    last_event = (
        InitiativeEvent.objects.filter(initiative=OuterRef("pk"))
        .order_by("-at")
        .values("at")[:1]
    )
    return Greatest("updated_at", Coalesce(Subquery(last_event), "updated_at"))


def _unfinished() -> QuerySet[Initiative]:
    """Return the unfinished initiatives, each with ``last_touched``."""
    return Initiative.objects.filter(state__in=UNFINISHED_STATES).annotate(
        last_touched=_last_touched()
    )


def initiative_retention_warn(
    *, initiative_id: int, now: datetime | None = None
) -> int:
    """Warn the officials that an untouched initiative will be deleted; once.

    Sent RETENTION_WARNING_DAYS before it may be deleted; a save since the
    warning calls for a new one later. Return the number of emails sent.
    """
    from django.urls import reverse_lazy
    from django.utils.text import format_lazy

    now = now or timezone.now()
    warn_before = now - timezone.timedelta(
        days=UNFINISHED_KEPT_DAYS - RETENTION_WARNING_DAYS
    )
    with transaction.atomic():
        initiative = (
            _unfinished()
            .select_for_update(of=("self",))
            .select_related("city__membership")
            .filter(pk=initiative_id, last_touched__lt=warn_before)
            .exclude(retention_warned_at__gte=F("last_touched"))
            .first()
        )
        if initiative is None:
            return 0
        deleted_on = max(
            initiative.last_touched + timezone.timedelta(days=UNFINISHED_KEPT_DAYS),
            now + timezone.timedelta(days=RETENTION_WARNING_DAYS),
        )
        site = settings.SITE_URL.rstrip("/")
        context = {
            "initiative": initiative,
            "title": initiative.title,
            "city_name": initiative.city.name,
            "city_is_member": initiative.city.is_member,
            "last_touched": initiative.last_touched,
            "deleted_on": deleted_on,
            "url": format_lazy(
                "{}{}",
                site,
                reverse_lazy("initiatives_officials:edit", args=[initiative.pk]),
            ),
        }
        sent = email_send_each(
            _officials_of(initiative),
            "initiatives/email/retention_warning",
            context,
            what=f"Retention warning of initiative {initiative.pk}",
        )
        Initiative.objects.filter(pk=initiative.pk).update(retention_warned_at=now)
    return sent


def initiatives_retention_apply(*, now: datetime | None = None) -> dict[str, int]:
    """Delete what is kept too long, after warning where it is due.

    A declined initiative goes DECLINED_KEPT_DAYS after the decision. An
    unfinished one (a draft, or one sent back for changes) goes once
    untouched for UNFINISHED_KEPT_DAYS, and only if its officials were
    warned at least RETENTION_WARNING_DAYS before and nobody touched it
    since; those due for a warning get it (``initiative_retention_warn``).
    Return how many were deleted and warned.
    """
    now = now or timezone.now()
    days = timezone.timedelta
    deleted = warned = 0
    declined = (
        Initiative.objects.filter(state=ModerationState.DECLINED)
        .annotate(last_touched=_last_touched())
        .filter(last_touched__lt=now - days(days=DECLINED_KEPT_DAYS))
    )
    expired = _unfinished().filter(
        last_touched__lt=now - days(days=UNFINISHED_KEPT_DAYS),
        retention_warned_at__gte=F("last_touched"),
        retention_warned_at__lte=now - days(days=RETENTION_WARNING_DAYS),
    )
    for initiative_id in [
        *declined.values_list("pk", flat=True),
        *expired.values_list("pk", flat=True),
    ]:
        with transaction.atomic():
            initiative = (
                Initiative.objects.select_for_update(of=("self",))
                .filter(pk=initiative_id)
                .first()
            )
            if initiative is not None:
                _initiative_remove(initiative)
                deleted += 1
    due = (
        _unfinished()
        .filter(
            last_touched__lt=now
            - days(days=UNFINISHED_KEPT_DAYS - RETENTION_WARNING_DAYS)
        )
        .exclude(retention_warned_at__gte=F("last_touched"))
    )
    for initiative_id in list(due.values_list("pk", flat=True)):
        try:
            initiative_retention_warn(initiative_id=initiative_id, now=now)
        except (smtplib.SMTPException, OSError):
            # Not marked: tried again at the next run, and not deleted before.
            logger.exception(
                "Retention warning for initiative %s failed.", initiative_id
            )
            continue
        warned += 1
    return {"deleted": deleted, "warned": warned}


# What the secretariat does -------------------------------------------------------


def _moderator_check(user: AbstractBaseUser) -> None:
    if not user.is_authenticated or not user.has_perm(MODERATE_PERMISSION):
        raise PermissionDenied(_("Only the secretariat can moderate initiatives."))


def _locked(initiative_id: int) -> Initiative:
    initiative = (
        Initiative.objects.select_for_update(of=("self",))
        .select_related("city", "city__membership")
        .filter(pk=initiative_id)
        .first()
    )
    if initiative is None:
        raise ValidationError(_("This initiative no longer exists."))
    return initiative


def _member_required(initiative: Initiative) -> Initiative:
    """Refuse to publish or ask more of a city that has left the coalition.

    A former member's initiatives stay as they are; the secretariat may
    still take them away: unpublish, decline, decline a change.
    """
    if not initiative.city.is_member:
        raise ValidationError(
            _(
                "%(city)s is no longer a member of the coalition, so this cannot"
                " be done. You can still take its initiatives off the site and"
                " decline what it sent."
            )
            % {"city": initiative.city.name}
        )
    return initiative


def _message_required(message: str, text: str) -> str:
    message = message.strip()
    if not message:
        raise ValidationError({"message": text})
    return message


def initiative_publish(
    *, by: AbstractBaseUser, initiative_id: int, message: str = ""
) -> Initiative:
    """Publish a submitted initiative: it appears on the city's page."""
    _moderator_check(by)
    with transaction.atomic():
        return _transition(
            _member_required(_locked(initiative_id)),
            to=ModerationState.PUBLISHED,
            allowed_from=[ModerationState.SUBMITTED],
            by=by,
            by_secretariat=True,
            message=message.strip(),
        )


def initiative_request_changes(
    *, by: AbstractBaseUser, initiative_id: int, message: str
) -> Initiative:
    """Send a submitted initiative back to its city, saying what to change."""
    _moderator_check(by)
    message = _message_required(message, _("Say what the city should change."))
    with transaction.atomic():
        return _transition(
            _member_required(_locked(initiative_id)),
            to=ModerationState.CHANGES_REQUESTED,
            allowed_from=[ModerationState.SUBMITTED],
            by=by,
            by_secretariat=True,
            message=message,
        )


def initiative_decline(
    *, by: AbstractBaseUser, initiative_id: int, reason: str
) -> Initiative:
    """Decline a submitted initiative, with the reason the city will read."""
    _moderator_check(by)
    reason = _message_required(reason, _("Give the reason, for the city to read."))
    with transaction.atomic():
        return _transition(
            _locked(initiative_id),
            to=ModerationState.DECLINED,
            allowed_from=[ModerationState.SUBMITTED],
            by=by,
            by_secretariat=True,
            message=reason,
        )


def initiative_unpublish(
    *, by: AbstractBaseUser, initiative_id: int, message: str
) -> Initiative:
    """Take a published initiative off the site and ask the city for changes.

    A former member's too: its officials cannot change it then, but could
    again if the city came back.
    """
    _moderator_check(by)
    message = _message_required(
        message, _("Say why it is taken off the site and what should change.")
    )
    with transaction.atomic():
        initiative = _transition(
            _locked(initiative_id),
            to=ModerationState.CHANGES_REQUESTED,
            allowed_from=[ModerationState.PUBLISHED],
            by=by,
            by_secretariat=True,
            message=message,
        )
        # Off the site, the officials go on from their latest version.
        change = InitiativeChange.objects.filter(initiative=initiative).first()
        if change is not None:
            _change_apply(initiative, change)
        return initiative


def _no_change_waits() -> str:
    return _(
        "No change to this initiative waits for the secretariat now."
        " Reload the page to see where it stands."
    )


def _change_waiting(
    initiative: Initiative, states: Iterable[str] = (ChangeState.WAITING,)
) -> InitiativeChange:
    """Return the initiative's pending change if it is in ``states``, or raise."""
    change = InitiativeChange.objects.filter(
        initiative=initiative, state__in=list(states)
    ).first()
    if change is None or initiative.state != ModerationState.PUBLISHED:
        raise ValidationError(_no_change_waits())
    return change


def initiative_change_publish(
    *, by: AbstractBaseUser, initiative_id: int, message: str = ""
) -> Initiative:
    """Publish the change waiting on a published initiative: the site shows it."""
    _moderator_check(by)
    with transaction.atomic():
        initiative = _member_required(_locked(initiative_id))
        _change_apply(initiative, _change_waiting(initiative))
        _record(
            initiative,
            kind=EventKind.CHANGE_PUBLISHED,
            by=by,
            by_secretariat=True,
            message=message.strip(),
        )
    return initiative


def initiative_change_return(
    *, by: AbstractBaseUser, initiative_id: int, message: str
) -> Initiative:
    """Send a waiting change back to the city, saying what to change in it."""
    _moderator_check(by)
    message = _message_required(message, _("Say what the city should change."))
    with transaction.atomic():
        initiative = _member_required(_locked(initiative_id))
        change = _change_waiting(initiative)
        change.state = ChangeState.RETURNED
        change.save(update_fields=["state"])
        _record(
            initiative,
            kind=EventKind.CHANGE_RETURNED,
            by=by,
            by_secretariat=True,
            message=message,
        )
    return initiative


def initiative_change_decline(
    *, by: AbstractBaseUser, initiative_id: int, reason: str
) -> Initiative:
    """Decline a pending change: the published version stays as it is."""
    _moderator_check(by)
    reason = _message_required(reason, _("Give the reason, for the city to read."))
    with transaction.atomic():
        initiative = _locked(initiative_id)
        _change_forget(
            _change_waiting(initiative, [ChangeState.WAITING, ChangeState.RETURNED])
        )
        _record(
            initiative,
            kind=EventKind.CHANGE_DECLINED,
            by=by,
            by_secretariat=True,
            message=reason,
        )
    return initiative


# Loaders ----------------------------------------------------------------------


def initiative_import(
    *,
    geonameid: int,
    data: InitiativeData,
    published_at: datetime | None = None,
) -> Initiative:
    """Create a published initiative from a trusted source (the demo loader).

    No person acts, so nobody is checked or emailed: for commands run by the
    site's operators only, like ``cities.services.member_upsert``.
    """
    from digitalrights.cities.models import City

    city = City.objects.select_related("membership").get(geonameid=geonameid)
    with _files_removed_on_rollback(), transaction.atomic():
        initiative = Initiative(city=city)
        _write(initiative, data, user=None, creating=True)
        initiative.state = ModerationState.PUBLISHED
        initiative.submitted_at = initiative.published_at = (
            published_at or timezone.now()
        )
        initiative.save(update_fields=["state", "submitted_at", "published_at"])
        _record(
            initiative,
            kind=EventKind.TRANSITION,
            by=None,
            by_secretariat=True,
            to_state=ModerationState.PUBLISHED,
            notify=False,
        )
    return initiative


FACET_KEYS_BATCH = 500


def _filing(**where) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
    """Return each initiative's principle numbers and topic ids, as the
    many-to-many tables hold them (their rows that match ``where``)."""
    principles: dict[int, list[int]] = defaultdict(list)
    topics: dict[int, list[int]] = defaultdict(list)
    for filed, relation, column in (
        (principles, Initiative.principles, "principle_id"),
        (topics, Initiative.topics, "topic_id"),
    ):
        rows = relation.through.objects.filter(**where)
        for owner, value in rows.values_list("initiative_id", column).iterator(
            chunk_size=10_000
        ):
            filed[owner].append(value)
    return principles, topics


def initiative_facet_keys_refresh(*, ids: Iterable[int]) -> dict[int, str]:
    """Write ``facet_keys`` of the initiatives ``ids`` from their principles
    and topics; return each one's keys.

    The signals in ``apps.py`` call it whenever either changes, from either
    side. Each batch of initiatives is locked before its many-to-many rows
    are read: a change another transaction commits meanwhile (which locks
    the initiative too, as ``initiative_update`` does) is then read rather
    than overwritten with what was there before it.
    """
    ids = sorted(set(ids))
    written: dict[int, str] = {}
    for start in range(0, len(ids), FACET_KEYS_BATCH):
        batch = ids[start : start + FACET_KEYS_BATCH]
        with transaction.atomic():
            initiatives = list(
                Initiative.objects.select_for_update()
                .filter(pk__in=batch)
                .order_by("pk")
                .only("facet_keys")
            )
            principles, topics = _filing(initiative_id__in=batch)
            changed = []
            for initiative in initiatives:
                keys = facet_keys_of(principles[initiative.pk], topics[initiative.pk])
                written[initiative.pk] = keys
                if initiative.facet_keys != keys:
                    initiative.facet_keys = keys
                    changed.append(initiative)
            Initiative.objects.bulk_update(changed, ["facet_keys"])
    return written


def initiatives_facet_keys_repair() -> int:
    """Write again every initiative's ``facet_keys`` that differs from its
    principles and topics; return how many differed.

    Daily (``tasks.repair_facet_keys``) and ``manage.py facet_keys_repair``:
    during a release, a process still running the code from before the keys
    changes principles and topics without them.
    """
    principles, topics = _filing()
    stored = Initiative.objects.values_list("pk", "facet_keys")
    differ = [
        pk
        for pk, keys in stored.iterator(chunk_size=10_000)
        if keys != facet_keys_of(principles[pk], topics[pk])
    ]
    # Read without locks, so written again with them (and read again).
    written = initiative_facet_keys_refresh(ids=differ)
    return len(written)
