"""Who acts for which city, and the membership rules the secretariat sets."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page

from digitalrights.cities.models import City
from digitalrights.core.models import HistoryEntry
from digitalrights.core.principles import Principle


class RepresentationStatus(models.TextChoices):
    REQUESTED = "requested", _("Waiting for the secretariat")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")
    ENDED = "ended", _("Ended")


OPEN_STATUSES = [RepresentationStatus.REQUESTED, RepresentationStatus.CONFIRMED]


class Representation(models.Model):
    """A person's link to a city they act for, confirmed by the secretariat.

    Only a confirmed representation lets its person change the city's data;
    a person may represent several cities, and a city have several people.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="representations",
    )
    city = models.ForeignKey(
        City,
        verbose_name=_("city"),
        on_delete=models.PROTECT,
        related_name="representations",
    )
    role = models.CharField(
        _("role"),
        max_length=200,
        help_text=_(
            "Your job title and department, so that the secretariat can check"
            " that you work for the city (for example 'Chief Technology Officer,"
            " Digital Office')."
        ),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RepresentationStatus.choices,
        default=RepresentationStatus.REQUESTED,
        db_index=True,
    )
    language = models.CharField(
        _("language for emails"), max_length=10, default=settings.LANGUAGE_CODE
    )
    requested_at = models.DateTimeField(_("asked on"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.TextField(
        _("reason"),
        blank=True,
        help_text=_("Why the request was declined or the link ended."),
    )
    # The last status its person was emailed about: a retried task sends
    # nothing twice.
    notified_status = models.CharField(max_length=10, blank=True, editable=False)

    class Meta:
        verbose_name = _("representation")
        verbose_name_plural = _("representations")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "city"],
                condition=Q(status__in=["requested", "confirmed"]),
                name="representation_one_open_per_person_and_city",
            )
        ]
        indexes = [models.Index(fields=["status", "requested_at"])]

    def __str__(self) -> str:
        return f"{self.user} – {self.city}"


@register_setting(icon="group")
class MembershipSettings(BaseGenericSetting):
    """Membership rules the secretariat may change."""

    notify_secretariat = models.EmailField(
        _("secretariat address for membership"),
        blank=True,
        help_text=_(
            "Told when an official asks to represent a city, and of every"
            " membership application that needs the secretariat."
        ),
    )
    overdue_after_days = models.PositiveSmallIntegerField(
        _("applications are overdue after (days)"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_(
            "An application waiting this long for the secretariat is marked"
            " overdue in the review queue."
        ),
    )

    class Meta:
        verbose_name = _("membership settings")


# The checklist ----------------------------------------------------------------


class ChecklistActionBlock(blocks.StructBlock):
    """One digital rights action a city reviews before it applies."""

    principle = blocks.ChoiceBlock(
        choices=Principle.choices, label=_("Principle"), translatable=False
    )
    title = blocks.CharBlock(label=_("Action"), max_length=200)
    explanation = blocks.TextBlock(
        label=_("Why it matters"), help_text=_("A sentence or two.")
    )
    guidance = blocks.TextBlock(
        label=_("Guidance"),
        required=False,
        help_text=_("What counts as evidence, and where to start."),
    )

    class Meta:
        icon = "tick"
        label = _("Action")


class ChecklistPage(Page):
    """The checklist of digital rights actions, grouped by principle.

    It is public, translated like any page, and the application form asks
    about each action. An answer refers to its action by the block's id,
    which stays the same in every translation and revision.
    """

    intro = models.TextField(_("introduction"), blank=True)
    actions = StreamField(
        [("action", ChecklistActionBlock())], verbose_name=_("actions"), blank=True
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("actions")]
    parent_page_types = ["content.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("checklist page")

    def action_list(self) -> list[ChecklistAction]:
        return [
            ChecklistAction(
                key=str(block.id),
                principle=int(block.value["principle"]),
                title=block.value["title"],
                explanation=block.value["explanation"],
                guidance=block.value["guidance"],
            )
            for block in self.actions
        ]

    def groups(self) -> list[tuple[Principle, list[ChecklistAction]]]:
        """Return the actions grouped by principle, in principle order."""
        actions = self.action_list()
        return [
            (principle, [a for a in actions if a.principle == principle])
            for principle in Principle
            if any(a.principle == principle for a in actions)
        ]


class ChecklistAction:
    """An action of the live checklist, as the application form shows it."""

    def __init__(
        self, *, key: str, principle: int, title: str, explanation: str, guidance: str
    ) -> None:
        self.key = key
        self.principle = Principle(principle)
        self.title = title
        self.explanation = explanation
        self.guidance = guidance


# The application -------------------------------------------------------------


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_APPLICATION = [
    ApplicationStatus.DRAFT,
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.IN_REVIEW,
]
WAITING_FOR_SECRETARIAT = [ApplicationStatus.SUBMITTED, ApplicationStatus.IN_REVIEW]


class Application(models.Model):
    """A city's application to join, with its answers to the checklist.

    Editable only as a draft; once submitted it is frozen, and a change
    makes a new version that replaces it.
    """

    city = models.ForeignKey(
        City,
        verbose_name=_("city"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("replaces"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
        db_index=True,
    )
    commitment = models.TextField(
        _("commitment"),
        blank=True,
        max_length=5000,
        help_text=_(
            "The city's commitment to the declaration and its five principles,"
            " for example the council decision that backs it."
        ),
    )
    signatory_name = models.CharField(
        _("signatory's name"),
        max_length=200,
        blank=True,
        help_text=_("Who signs the declaration for the city."),
    )
    signatory_role = models.CharField(
        _("signatory's role"),
        max_length=200,
        blank=True,
        help_text=_("For example 'Mayor' or 'Deputy Mayor for Digital Affairs'."),
    )
    contacts = models.TextField(
        _("contacts"),
        blank=True,
        max_length=2000,
        help_text=_(
            "Who the secretariat may contact about the application: names,"
            " roles and work addresses."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("started on"), default=timezone.now)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted on"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["city"],
                condition=Q(status__in=["draft", "submitted", "in_review"]),
                name="application_one_open_per_city",
            ),
            models.UniqueConstraint(
                fields=["city", "version"], name="application_version_per_city"
            ),
        ]
        indexes = [models.Index(fields=["status", "submitted_at"])]

    def __str__(self) -> str:
        return _("%(city)s, version %(version)s") % {
            "city": self.city.name,
            "version": self.version,
        }

    @property
    def is_editable(self) -> bool:
        return self.status == ApplicationStatus.DRAFT


class AnswerStatus(models.TextChoices):
    IN_PLACE = "in_place", _("In place")
    PLANNED = "planned", _("Planned")
    NOT_YET = "not_yet", _("Not yet")


class ApplicationAnswer(models.Model):
    """Where the city stands on one action of the checklist."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    action_key = models.CharField(_("action"), max_length=36)
    # The action's words when answered: the checklist may change later.
    action_title = models.CharField(_("action's title"), max_length=200)
    principle = models.PositiveSmallIntegerField(
        _("principle"), choices=Principle.choices
    )
    status = models.CharField(
        _("status"), max_length=10, choices=AnswerStatus.choices, blank=True
    )
    note = models.TextField(_("note"), blank=True, max_length=1000)
    evidence_links = models.JSONField(_("evidence links"), default=list, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "action_key"], name="answer_per_action"
            )
        ]

    def __str__(self) -> str:
        return self.action_title


def private_storage():
    """Return the storage of files only some people may read (never /media/)."""
    return storages["private"]


def document_path(document: ApplicationDocument, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower()
    return f"applications/{document.application.city_id}/{uuid.uuid4().hex}.{extension}"


class DocumentKind(models.TextChoices):
    EVIDENCE = "evidence", _("Evidence")
    SIGNED_DECLARATION = "declaration", _("Signed declaration")


class ApplicationDocument(models.Model):
    """An uploaded file: evidence for an answer, or the signed declaration.

    Kept outside the public media folder and served only through a view
    that checks who asks, until the application is approved.
    """

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    answer = models.ForeignKey(
        ApplicationAnswer,
        verbose_name=_("answer"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
    )
    kind = models.CharField(
        _("kind"),
        max_length=12,
        choices=DocumentKind.choices,
        default=DocumentKind.EVIDENCE,
    )
    file = models.FileField(_("file"), storage=private_storage, upload_to=document_path)
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded on"), default=timezone.now)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.name


class EventKind(models.TextChoices):
    TRANSITION = "transition", _("Status change")
    QUESTION = "question", _("Question from the secretariat")
    ANSWER = "answer", _("Answer from the city")
    LEFT = "left", _("The city left the coalition")


class ApplicationEvent(HistoryEntry):
    """One entry of an application's timeline: who did what, when and why."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=EventKind.choices)
    from_status = models.CharField(
        _("from"), max_length=10, choices=ApplicationStatus.choices, blank=True
    )
    to_status = models.CharField(
        _("to"), max_length=10, choices=ApplicationStatus.choices, blank=True
    )

    class Meta(HistoryEntry.Meta):
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")

    def __str__(self) -> str:
        return f"{self.application} – {self.get_kind_display()}"
