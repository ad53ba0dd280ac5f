"""What member cities do for digital rights, told by their officials.

An official proposes an initiative for a city they represent; the
secretariat publishes it, asks for changes or declines it. Only published
initiatives are public: on the city's page, in the directory, in search, in
the feeds and in the open data.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.conf import global_settings, settings
from django.core.validators import MaxLengthValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from digitalrights.cities.geography import normalise_name as fold
from digitalrights.cities.models import City
from digitalrights.core.models import HistoryEntry, Principle, Topic
from digitalrights.membership.models import private_storage

MAX_LINKS = 10
MAX_IMAGES = 6
KEPT_PICTURE_HOURS = 24
# Retention (services.initiatives_retention_apply): a declined initiative
# is deleted a year after the decision; unfinished work (a draft, or one
# sent back for changes) after two years without a change, and never
# sooner than RETENTION_WARNING_DAYS after its officials were warned.
DECLINED_KEPT_DAYS = 365
UNFINISHED_KEPT_DAYS = 730
RETENTION_WARNING_DAYS = 30


def written_languages() -> list[tuple[str, str]]:
    """Return the languages a text may be written in, as model choices."""
    return list(global_settings.LANGUAGES)


spdx_identifier = RegexValidator(
    r"^[A-Za-z0-9.+\-]+( (AND|OR|WITH) [A-Za-z0-9.+\-]+)*$",
    _("Give the licence as an SPDX identifier, such as EUPL-1.2 or MIT."),
)


class InitiativeStatus(models.TextChoices):
    """How far the work itself has got."""

    PLANNED = "planned", _("Planned")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")
    STOPPED = "stopped", _("Stopped")


class ModerationState(models.TextChoices):
    """Where the initiative is in the secretariat's moderation."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Waiting for the secretariat")
    CHANGES_REQUESTED = "changes", _("Changes asked for")
    PUBLISHED = "published", _("Published")
    DECLINED = "declined", _("Declined")


SUBMITTABLE_STATES = [ModerationState.DRAFT, ModerationState.CHANGES_REQUESTED]
# The city's unfinished work, deleted when untouched for long (retention).
UNFINISHED_STATES = SUBMITTABLE_STATES
EDITABLE_STATES = [*SUBMITTABLE_STATES, ModerationState.PUBLISHED]
DELETABLE_STATES = SUBMITTABLE_STATES


class InitiativeQuerySet(models.QuerySet):
    def published(self) -> InitiativeQuerySet:
        return self.filter(state=ModerationState.PUBLISHED)


# The columns the directory filters published initiatives by (its facets).
FACET_COLUMNS = ("status", "language", "country_code", "city")


class Initiative(index.Indexed, models.Model):
    """A city's initiative for digital rights: a case study others learn from."""

    city = models.ForeignKey(
        City,
        verbose_name=_("city"),
        on_delete=models.PROTECT,
        related_name="initiatives",
    )
    # Copied from the city so that search can filter on it without a join.
    country_code = models.CharField(_("country code"), max_length=2, editable=False)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, editable=False)
    summary = models.TextField(
        _("summary"),
        validators=[MaxLengthValidator(600)],
        help_text=_("Two or three sentences: what the city does and why."),
    )
    body = models.TextField(
        _("description"),
        validators=[MaxLengthValidator(20000)],
        help_text=_(
            "What was done, for whom, with what result and what others can"
            " learn from it. Leave an empty line between paragraphs."
        ),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=written_languages,
        default="en",
        help_text=_("The language this text is written in."),
    )
    principles = models.ManyToManyField(
        Principle,
        verbose_name=_("principles"),
        related_name="initiatives",
        help_text=_("The principles of the declaration this initiative serves."),
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), related_name="initiatives", blank=True
    )
    # The principles and topics again, as " p1 p3 t12 " (``facet_keys``),
    # kept up to date from the two tables above
    # (``services.initiative_facet_keys_refresh``):
    # the directory's indexes hold it beside the other facets, so that a
    # filter by principle or topic needs no join.
    facet_keys = models.TextField(default="", blank=True, editable=False)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=InitiativeStatus.choices,
        default=InitiativeStatus.RUNNING,
    )
    started_on = models.DateField(_("started on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    contact = models.CharField(
        _("contact"),
        max_length=200,
        blank=True,
        help_text=_("The team or role to ask about it, such as 'Digital Office'."),
    )
    contact_email = models.EmailField(
        _("contact address"),
        blank=True,
        help_text=_(
            "A work address that may be shown on the page; not a personal one."
        ),
    )
    code_url = models.URLField(
        _("source code"),
        blank=True,
        help_text=_("Where the open-source code is published, if there is any."),
    )
    licence = models.CharField(
        _("licence"),
        max_length=100,
        blank=True,
        validators=[spdx_identifier],
        help_text=_("The code's licence as an SPDX identifier, such as EUPL-1.2."),
    )
    state = models.CharField(
        _("moderation"),
        max_length=10,
        choices=ModerationState.choices,
        default=ModerationState.DRAFT,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created on"), default=timezone.now)
    updated_at = models.DateTimeField(_("last changed"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted on"), null=True, blank=True)
    published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    # When its officials were last told that it will be deleted, unchanged.
    retention_warned_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = InitiativeQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.SearchField("folded_text"),
        index.AutocompleteField("title"),
        index.FilterField("id"),
        index.FilterField("state"),
        index.FilterField("city"),
        index.FilterField("country_code"),
        index.FilterField("language"),
        index.FilterField("status"),
        index.FilterField("published_at"),
    ]

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["state", "-published_at"]),
            models.Index(fields=["city", "state"]),
            # The directory's filters and counts read only these columns of
            # published initiatives: from these indexes alone (on PostgreSQL),
            # not from rows that carry the whole text (site search). One per
            # facet held in a column, so that a filter reads only its own
            # entries (3,500 of 100,000 for one country) and the newest
            # first come from the first.
            models.Index(
                fields=["-published_at", "-id"],
                include=["status", "language", "country_code", "city", "facet_keys"],
                condition=Q(state="published"),
                name="initiatives_published_facets",
            ),
            *(
                models.Index(
                    fields=[facet],
                    include=[
                        "id",
                        "published_at",
                        *(f for f in FACET_COLUMNS if f != facet),
                        "facet_keys",
                    ],
                    condition=Q(state="published"),
                    name=f"initiatives_pub_{facet}"[:30],
                )
                for facet in FACET_COLUMNS
            ),
            # The API's pages by title (opendata.initiatives.ORDERS).
            models.Index(
                fields=["title", "id"],
                condition=Q(state="published"),
                name="initiatives_pub_title",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gte=models.F("started_on")),
                name="initiative_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.slug = slugify(self.title)[:200] or "initiative"
        self.country_code = self.city.country_code
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("initiatives:detail", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.state == ModerationState.PUBLISHED

    @property
    def is_open_to_officials(self) -> bool:
        """Return whether its city's officials may act on it at all.

        Only while the city is a member: a former member's initiatives stay
        as they are, read-only to its officials (load the city with
        ``select_related("city__membership")`` to spare queries).
        """
        return self.city.is_member

    @property
    def is_editable(self) -> bool:
        """Return whether the city's officials may change it now.

        Not while it waits for the secretariat, not once declined, and not
        once the city has left the coalition.
        """
        return self.state in EDITABLE_STATES and self.is_open_to_officials

    @property
    def is_submittable(self) -> bool:
        return self.state in SUBMITTABLE_STATES and self.is_open_to_officials

    @property
    def is_withdrawable(self) -> bool:
        """Return whether its officials may take it back from the secretariat."""
        return self.state == ModerationState.SUBMITTED and self.is_open_to_officials

    @property
    def is_deletable(self) -> bool:
        """Return whether its officials may delete it: a draft, not waiting."""
        return self.state in DELETABLE_STATES and self.is_open_to_officials

    def folded_text(self) -> str:
        """Return the text without accents or case, so 'bogota' finds Bogotá."""
        return fold(f"{self.title} {self.summary} {self.body}")

    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.body.split("\n\n") if p.strip()]


# How ``Initiative.facet_keys`` spells a principle and a topic: a letter and
# the number or id, each key between spaces (" p1 p3 t12 ").
FACET_KEY_LETTERS = {"principle": "p", "topic": "t"}


def facet_key(facet: str, value: int) -> str:
    """Return how ``facet_keys`` holds one value of a facet, spaces around."""
    return f" {FACET_KEY_LETTERS[facet]}{int(value)} "


def facet_keys_of(principles: Iterable[int], topics: Iterable[int]) -> str:
    """Return ``Initiative.facet_keys`` for these principle numbers and topic ids."""
    keys = [f"p{int(n)}" for n in sorted(set(principles))]
    keys += [f"t{int(t)}" for t in sorted(set(topics))]
    return f" {' '.join(keys)} " if keys else ""


class InitiativeLink(models.Model):
    """A web page about the initiative: its site, a report, a news story."""

    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="links",
    )
    url = models.URLField(_("address"), max_length=500)
    label = models.CharField(_("what it is"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("link")
        verbose_name_plural = _("links")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.label or self.url


class InitiativeImage(models.Model):
    """A picture of the initiative, with the text that stands in for it."""

    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="images",
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    alt = models.CharField(
        _("text alternative"),
        max_length=300,
        help_text=_("What the picture shows, for people who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("picture")
        verbose_name_plural = _("pictures")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.alt


class ChangeState(models.TextChoices):
    """Where a change to a published initiative is in moderation."""

    WAITING = "waiting", _("Waiting for the secretariat")
    RETURNED = "returned", _("Changes asked for")


class InitiativeChange(models.Model):
    """A change to a published initiative, held until the secretariat agrees.

    The site shows the initiative as it was published meanwhile. There is
    at most one per initiative: its officials keep changing the same one
    until the secretariat publishes it, asks for changes to it or declines
    it. ``content`` holds the text, dates, contact, vocabulary and links as
    the form gave them (``services.CHANGE_FIELDS``); the pictures are
    ``InitiativeChangeImage`` rows.
    """

    initiative = models.OneToOneField(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="pending_change",
    )
    state = models.CharField(
        _("moderation"),
        max_length=10,
        choices=ChangeState.choices,
        default=ChangeState.WAITING,
    )
    content = models.JSONField(_("content"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("first sent by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("first sent on"), default=timezone.now)
    updated_at = models.DateTimeField(_("last changed"), default=timezone.now)

    class Meta:
        verbose_name = _("change waiting for moderation")
        verbose_name_plural = _("changes waiting for moderation")
        indexes = [models.Index(fields=["state", "updated_at"])]

    def __str__(self) -> str:
        return str(self.initiative)


class InitiativeChangeImage(models.Model):
    """A picture as a pending change has it: kept, described again, or new.

    ``picture`` is the published picture it stands for (its Wagtail image is
    the same); a new picture has none, and its Wagtail image is deleted if
    the change is declined.
    """

    change = models.ForeignKey(
        InitiativeChange,
        verbose_name=_("change"),
        on_delete=models.CASCADE,
        related_name="images",
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    picture = models.ForeignKey(
        InitiativeImage,
        verbose_name=_("published picture"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    alt = models.CharField(_("text alternative"), max_length=300)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("picture of a change")
        verbose_name_plural = _("pictures of a change")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.alt


class EventKind(models.TextChoices):
    TRANSITION = "transition", _("Moderation")
    # Before changes waited for moderation (review #4): live at once.
    EDIT = "edit", _("Changed")
    CHANGE_SENT = "change_sent", _("Change sent to the secretariat")
    CHANGE_WITHDRAWN = "change_withdrawn", _("Change taken back")
    CHANGE_PUBLISHED = "change_published", _("Change published")
    CHANGE_RETURNED = "change_returned", _("Changes asked for to the change")
    CHANGE_DECLINED = "change_declined", _("Change declined")


class InitiativeEvent(HistoryEntry):
    """One entry of an initiative's history: who did what, when and why."""

    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    from_state = models.CharField(
        _("from"), max_length=10, choices=ModerationState.choices, blank=True
    )
    to_state = models.CharField(
        _("to"), max_length=10, choices=ModerationState.choices, blank=True
    )

    class Meta(HistoryEntry.Meta):
        verbose_name = _("history entry")
        verbose_name_plural = _("history entries")

    def __str__(self) -> str:
        return f"{self.initiative} – {self.get_kind_display()}"


def kept_picture_path(kept: KeptPicture, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"initiatives/kept/{uuid.uuid4().hex}.{extension[:5]}"


class KeptPicture(models.Model):
    """A picture an official chose, kept while their form comes back to them.

    Browsers forget a chosen file when a form is shown again, so a picture
    sent with a form that had an error waits here, in the private storage
    (never public), for the same person's next save; it is deleted once
    used, and after ``KEPT_PICTURE_HOURS`` in any case.
    """

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("kept for"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=kept_picture_path
    )
    name = models.CharField(_("file name"), max_length=200)
    created_at = models.DateTimeField(_("kept since"), default=timezone.now)

    class Meta:
        verbose_name = _("kept picture")
        verbose_name_plural = _("kept pictures")
        indexes = [models.Index(fields=["created_at"])]

    def __str__(self) -> str:
        return self.name
