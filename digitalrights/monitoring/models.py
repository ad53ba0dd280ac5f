"""Progress monitoring: the indicator framework and the yearly self-assessments.

The secretariat keeps an indicator framework (``FrameworkVersion``): per
principle, indicators with a question and guidance, and the maturity levels
every answer is given in. A yearly ``Cycle`` uses one version, which is then
frozen. Each member city's officials fill in an ``Assessment`` of the cycle,
one ``Answer`` per indicator; the working group of each principle reviews
it (``PrincipleReview``, ``ReviewComment``); the secretariat publishes it. A
published assessment never changes: a correction is a new, linked version.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable

from digitalrights.cities.models import City
from digitalrights.core.models import Principle
from digitalrights.membership.models import private_storage

MAX_LEVEL = 10
MAX_WEIGHT = 10
MAX_EVIDENCE_LINKS = 10
MAX_EVIDENCE_DOCUMENTS = 5
EVIDENCE_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
# What an evidence document may be, read from its content (see documents.py).
EVIDENCE_DOCUMENT_TYPES = {
    "application/pdf": "pdf",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "text/csv": "csv",
    "image/png": "png",
    "image/jpeg": "jpg",
}
JUSTIFICATION_MAX_LENGTH = 2000


def frozen_message() -> str:
    return str(
        _(
            "This framework version is used by a monitoring cycle, so it can no"
            " longer change. Make a new version from it instead."
        )
    )


class FrameworkVersion(ClusterableModel):
    """One version of the indicator framework: its levels and its indicators.

    Frozen (``frozen_at``) once a cycle uses it, so that every assessment of
    a cycle answers the same questions; changes then make a new version
    (``services.framework_version_copy``).
    """

    label = models.CharField(
        _("version"),
        max_length=40,
        unique=True,
        help_text=_("A short name for this version, such as “2025” or “2.0”."),
    )
    notes = models.TextField(
        _("notes"),
        blank=True,
        max_length=5000,
        help_text=_("What changed from the version it is based on, and why."),
    )
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("based on"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="later_versions",
    )
    created_at = models.DateTimeField(
        _("created on"), default=timezone.now, editable=False
    )
    frozen_at = models.DateTimeField(
        _("frozen on"), null=True, blank=True, editable=False
    )

    panels = [
        FieldPanel("label"),
        FieldPanel("notes"),
        InlinePanel("levels", heading=_("Levels"), label=_("level"), min_num=2),
        InlinePanel(
            "indicators", heading=_("Indicators"), label=_("indicator"), min_num=1
        ),
    ]

    class Meta:
        verbose_name = _("framework version")
        verbose_name_plural = _("framework versions")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["frozen_at"])]

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        super().clean()
        if self.pk and self.is_frozen_in_database():
            raise ValidationError(frozen_message(), code="frozen")

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None

    def is_frozen_in_database(self) -> bool:
        """Return whether the stored row is frozen (a form's copy may be stale)."""
        return FrameworkVersion.objects.filter(
            pk=self.pk, frozen_at__isnull=False
        ).exists()


class Level(Orderable):
    """A maturity level every answer of a framework version is given in."""

    framework_version = ParentalKey(
        FrameworkVersion,
        verbose_name=_("framework version"),
        on_delete=models.CASCADE,
        related_name="levels",
    )
    value = models.PositiveSmallIntegerField(
        _("value"),
        validators=[MaxValueValidator(MAX_LEVEL)],
        help_text=_("0 for the lowest level; each level up adds one."),
    )
    name = models.CharField(_("name"), max_length=60)
    definition = models.TextField(
        _("definition"),
        max_length=1000,
        help_text=_("What a city must have done to answer at this level."),
    )
    needs_evidence = models.BooleanField(
        _("needs evidence"),
        default=False,
        help_text=_(
            "An answer at this level must point to evidence: a link, a"
            " document, or one of the city's published initiatives or algorithm"
            " register entries."
        ),
    )

    panels = [
        FieldRowPanel([FieldPanel("value"), FieldPanel("name")]),
        FieldPanel("definition"),
        FieldPanel("needs_evidence"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("level")
        verbose_name_plural = _("levels")
        ordering = ["value"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework_version", "value"], name="level_value_unique"
            ),
            models.CheckConstraint(
                condition=Q(value__lte=MAX_LEVEL), name="level_value_in_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.value} – {self.name}"

    def clean(self) -> None:
        super().clean()
        _refuse_if_frozen(self.framework_version_id)


class IndicatorManager(models.Manager):
    def get_queryset(self) -> models.QuerySet:
        # An indicator is named with its version's label, in every choice list.
        return super().get_queryset().select_related("framework_version")


class Indicator(Orderable):
    """One question of the framework, filed under a principle."""

    framework_version = ParentalKey(
        FrameworkVersion,
        verbose_name=_("framework version"),
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    principle = models.ForeignKey(
        Principle,
        verbose_name=_("principle"),
        on_delete=models.PROTECT,
        related_name="indicators",
    )
    code = models.CharField(
        _("code"),
        max_length=20,
        help_text=_("A short reference, unique in the version, such as “2.3”."),
    )
    question = models.CharField(_("question"), max_length=500)
    guidance = models.TextField(
        _("guidance"),
        blank=True,
        max_length=5000,
        help_text=_("How to answer: what counts, and what evidence helps."),
    )
    weight = models.PositiveSmallIntegerField(
        _("weight"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_WEIGHT)],
        help_text=_(
            "How much this indicator counts in its principle's score, from 1 to"
            " 10; 1 unless some indicators matter more than others."
        ),
    )
    comparable_to = models.ForeignKey(
        "self",
        verbose_name=_("comparable to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comparable_later",
        help_text=_(
            "The indicator of an earlier version that asks the same thing, so"
            " that answers can be compared across years."
        ),
    )

    objects = IndicatorManager()

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("principle")]),
        FieldPanel("question"),
        FieldPanel("guidance"),
        FieldRowPanel([FieldPanel("weight"), FieldPanel("comparable_to")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["sort_order", "pk"]
        indexes = [
            models.Index(fields=["framework_version", "principle", "sort_order"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["framework_version", "code"], name="indicator_code_unique"
            ),
            models.CheckConstraint(
                condition=Q(weight__gte=1, weight__lte=MAX_WEIGHT),
                name="indicator_weight_in_range",
            ),
            models.CheckConstraint(
                condition=~Q(comparable_to=F("id")),
                name="indicator_not_comparable_to_itself",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.framework_version.label} · {self.code}"

    def clean(self) -> None:
        super().clean()
        _refuse_if_frozen(self.framework_version_id)
        earlier = self.comparable_to
        if earlier is None:
            return
        version = self.framework_version
        if earlier.framework_version_id == self.framework_version_id or (
            version is not None
            and earlier.framework_version.created_at >= version.created_at
        ):
            raise ValidationError(
                {
                    "comparable_to": _(
                        "Choose an indicator of an earlier framework version."
                    )
                }
            )


def _refuse_if_frozen(framework_version_id: int | None) -> None:
    if (
        framework_version_id
        and FrameworkVersion.objects.filter(
            pk=framework_version_id, frozen_at__isnull=False
        ).exists()
    ):
        raise ValidationError(frozen_message(), code="frozen")


class CycleState(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Cycle(models.Model):
    """A yearly round of self-assessments, all in one framework version."""

    year = models.PositiveSmallIntegerField(
        _("year"),
        unique=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )
    framework_version = models.ForeignKey(
        FrameworkVersion,
        verbose_name=_("framework version"),
        on_delete=models.PROTECT,
        related_name="cycles",
        help_text=_("Once a cycle uses it, the version can no longer change."),
    )
    opens_at = models.DateTimeField(
        _("opens on"), help_text=_("From when cities may fill in their assessment.")
    )
    deadline = models.DateTimeField(
        _("deadline"),
        help_text=_(
            "The last moment to submit an assessment. Cities asked for changes"
            " may still answer until the cycle is closed."
        ),
    )
    state = models.CharField(
        _("state"), max_length=10, choices=CycleState.choices, default=CycleState.OPEN
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(
        _("created on"), default=timezone.now, editable=False
    )
    closed_at = models.DateTimeField(
        _("closed on"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("monitoring cycle")
        verbose_name_plural = _("monitoring cycles")
        ordering = ["-year"]
        indexes = [models.Index(fields=["state", "year"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__gt=F("opens_at")),
                name="cycle_deadline_after_opening",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100),
                name="cycle_year_in_range",
            ),
        ]

    def __str__(self) -> str:
        return str(self.year)

    def clean(self) -> None:
        super().clean()
        if self.opens_at and self.deadline and self.deadline <= self.opens_at:
            raise ValidationError(
                {"deadline": _("The deadline must come after the opening.")}
            )

    def takes_first_submissions(self, now=None) -> bool:
        """Return whether a city may start, fill in and submit an assessment now."""
        now = now or timezone.now()
        return self.state == CycleState.OPEN and self.opens_at <= now <= self.deadline

    @property
    def is_open(self) -> bool:
        return self.state == CycleState.OPEN


class AssessmentState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("In review")
    CHANGES_REQUESTED = "changes", _("Changes asked for")
    ACCEPTED = "accepted", _("Accepted")
    PUBLISHED = "published", _("Published")


EDITABLE_STATES = [AssessmentState.DRAFT, AssessmentState.CHANGES_REQUESTED]


class Assessment(models.Model):
    """A member city's self-assessment in one cycle.

    Version 1 is the city's first; each correction of a published one is a
    new version that ``corrects`` it and says why (``correction_note``).
    ``is_current`` marks the published version the public sees.
    """

    city = models.ForeignKey(
        City,
        verbose_name=_("city"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    cycle = models.ForeignKey(
        Cycle,
        verbose_name=_("cycle"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("corrects"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
    )
    correction_note = models.TextField(
        _("correction note"),
        blank=True,
        max_length=2000,
        help_text=_("What this version corrects, and why; shown with it."),
    )
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=AssessmentState.choices,
        default=AssessmentState.DRAFT,
    )
    is_current = models.BooleanField(
        _("current published version"), default=False, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("started on"), default=timezone.now)
    updated_at = models.DateTimeField(_("last changed"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted on"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted on"), null=True, blank=True)
    published_at = models.DateTimeField(_("published on"), null=True, blank=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["cycle", "state"]),
            models.Index(fields=["city", "cycle"]),
            models.Index(fields=["state", "submitted_at"]),
            models.Index(fields=["cycle", "is_current"]),
            # The API's keyset pages of published assessments, newest first
            # (opendata.monitoring): current versions, and every version.
            models.Index(
                fields=["published_at", "id"],
                condition=Q(state="published", is_current=True),
                name="assessment_current_keyset",
            ),
            models.Index(
                fields=["published_at", "id"],
                condition=Q(state="published"),
                name="assessment_published_keyset",
            ),
            # The same pages for one year: its cycle's, not every cycle's
            # entries walked to find them (5,000 before 2020's at 1,000 cities).
            models.Index(
                fields=["cycle", "published_at", "id"],
                condition=Q(state="published", is_current=True),
                name="assessment_current_by_cycle",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["city", "cycle", "version"], name="assessment_version_unique"
            ),
            models.UniqueConstraint(
                fields=["city", "cycle"],
                condition=~Q(state="published"),
                name="assessment_one_unpublished_per_cycle",
            ),
            models.UniqueConstraint(
                fields=["city", "cycle"],
                condition=Q(is_current=True),
                name="assessment_one_current_per_cycle",
            ),
            models.CheckConstraint(
                condition=Q(version=1, corrects__isnull=True, correction_note="")
                | (Q(version__gt=1, corrects__isnull=False) & ~Q(correction_note="")),
                name="assessment_correction_is_linked_and_explained",
            ),
            models.CheckConstraint(
                condition=~Q(state="published") | Q(published_at__isnull=False),
                name="assessment_published_has_date",
            ),
            models.CheckConstraint(
                condition=Q(is_current=False) | Q(state="published"),
                name="assessment_current_is_published",
            ),
        ]

    def __str__(self) -> str:
        if self.version > 1:
            return _("%(city)s, %(year)s (version %(version)s)") % {
                "city": self.city.name,
                "year": self.cycle,
                "version": self.version,
            }
        return _("%(city)s, %(year)s") % {"city": self.city.name, "year": self.cycle}

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_STATES

    @property
    def is_published(self) -> bool:
        return self.state == AssessmentState.PUBLISHED


class Answer(models.Model):
    """A city's answer to one indicator: a level, why, and the evidence."""

    assessment = models.ForeignKey(
        Assessment,
        verbose_name=_("assessment"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.PROTECT,
        related_name="answers",
    )
    level = models.PositiveSmallIntegerField(
        _("level"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_LEVEL)],
    )
    justification = models.TextField(
        _("justification"),
        blank=True,
        max_length=JUSTIFICATION_MAX_LENGTH,
        help_text=_("In a few sentences: why this level."),
    )
    initiatives = models.ManyToManyField(
        "initiatives.Initiative",
        verbose_name=_("initiatives as evidence"),
        related_name="assessment_answers",
        blank=True,
    )
    register_entries = models.ManyToManyField(
        "register.AlgorithmEntry",
        verbose_name=_("algorithm register entries as evidence"),
        related_name="assessment_answers",
        blank=True,
    )
    updated_at = models.DateTimeField(_("last changed"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        indexes = [models.Index(fields=["indicator", "level"])]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "indicator"], name="answer_one_per_indicator"
            ),
            models.CheckConstraint(
                condition=Q(level__isnull=True) | Q(level__lte=MAX_LEVEL),
                name="answer_level_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessment} · {self.indicator.code}"


class EvidenceLink(models.Model):
    """A web page that shows what an answer says: a policy, a report, a law."""

    answer = models.ForeignKey(
        Answer,
        verbose_name=_("answer"),
        on_delete=models.CASCADE,
        related_name="links",
    )
    url = models.URLField(_("address"), max_length=500)
    label = models.CharField(_("what it is"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("evidence link")
        verbose_name_plural = _("evidence links")
        ordering = ["position", "pk"]
        constraints = [
            # Only web pages: never javascript:, data: or file: addresses.
            models.CheckConstraint(
                condition=Q(url__startswith="http://") | Q(url__startswith="https://"),
                name="evidence_link_is_http",
            ),
        ]

    def __str__(self) -> str:
        return self.label or self.url


def evidence_document_path(document: EvidenceDocument, filename: str) -> str:
    """Return a name nobody can guess or choose: the city, then a random one."""
    extension = EVIDENCE_DOCUMENT_TYPES.get(document.content_type, "bin")
    city_id = document.answer.assessment.city_id
    return f"monitoring/{city_id}/{uuid.uuid4().hex}.{extension}"


class EvidenceDocument(models.Model):
    """A file that shows what an answer says: a report, a decision, a table.

    Kept in the private storage (never /media/) and served only through
    ``public_views.document_download``, which checks who asks until the
    assessment is published. A correction copies the row and shares the
    file; the file goes once no row refers to it.
    """

    answer = models.ForeignKey(
        Answer,
        verbose_name=_("answer"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    file = models.FileField(
        _("file"),
        storage=private_storage,
        upload_to=evidence_document_path,
        max_length=200,
    )
    title = models.CharField(
        _("title"),
        max_length=200,
        help_text=_("What the document is, as the public sees it."),
    )
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded on"), default=timezone.now)

    class Meta:
        verbose_name = _("evidence document")
        verbose_name_plural = _("evidence documents")
        ordering = ["position", "pk"]
        constraints = [
            # Positions 0 to 4, once each: at most five documents per answer.
            models.UniqueConstraint(
                fields=["answer", "position"], name="evidence_document_position_unique"
            ),
            models.CheckConstraint(
                condition=Q(position__lt=MAX_EVIDENCE_DOCUMENTS),
                name="evidence_document_at_most_five",
            ),
            models.CheckConstraint(
                condition=Q(size__gt=0, size__lte=EVIDENCE_DOCUMENT_MAX_BYTES),
                name="evidence_document_size_in_range",
            ),
            models.CheckConstraint(
                condition=Q(content_type__in=list(EVIDENCE_DOCUMENT_TYPES)),
                name="evidence_document_allowed_type",
            ),
            models.CheckConstraint(
                condition=~Q(title=""), name="evidence_document_has_title"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def extension(self) -> str:
        return EVIDENCE_DOCUMENT_TYPES.get(self.content_type, "bin")

    @property
    def download_name(self) -> str:
        """Return the file name a download is saved under: the title, made safe."""
        try:
            stem = get_valid_filename(self.title)[:100]
        except SuspiciousFileOperation:  # a title of only dots or spaces
            stem = "document"
        return f"{stem}.{self.extension}"


class ReviewDecision(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    ACCEPTED = "accepted", _("Accepted")
    CHANGES_REQUESTED = "changes", _("Changes asked for")


class PrincipleReview(models.Model):
    """The decision of a principle's reviewers on one assessment."""

    assessment = models.ForeignKey(
        Assessment,
        verbose_name=_("assessment"),
        on_delete=models.CASCADE,
        related_name="reviews",
    )
    principle = models.ForeignKey(
        Principle,
        verbose_name=_("principle"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decision = models.CharField(
        _("decision"),
        max_length=10,
        choices=ReviewDecision.choices,
        default=ReviewDecision.PENDING,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)

    class Meta:
        verbose_name = _("review of a principle")
        verbose_name_plural = _("reviews of principles")
        ordering = ["principle"]
        indexes = [models.Index(fields=["principle", "decision"])]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "principle"], name="review_one_per_principle"
            ),
            models.CheckConstraint(
                condition=Q(decision="pending") | Q(decided_at__isnull=False),
                name="review_decision_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessment} · {self.principle_id}: {self.get_decision_display()}"


class ReviewComment(models.Model):
    """A reviewer's comment on an answer (or a principle), or the city's reply."""

    assessment = models.ForeignKey(
        Assessment,
        verbose_name=_("assessment"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    principle = models.ForeignKey(
        Principle,
        verbose_name=_("principle"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    by_reviewer = models.BooleanField(_("by a reviewer"), default=True)
    text = models.TextField(_("comment"), max_length=5000)
    at = models.DateTimeField(_("at"), default=timezone.now)
    # Set once the other side has been emailed (in a digest), so a retry
    # sends nothing twice and a failed send is tried again.
    notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")
        ordering = ["at", "pk"]
        indexes = [
            models.Index(fields=["assessment", "principle", "at"]),
            # The digests look for what nobody has heard of yet: a few rows.
            models.Index(
                fields=["assessment"],
                condition=models.Q(notified_at__isnull=True),
                name="reviewcomment_unnotified",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]


class EventKind(models.TextChoices):
    TRANSITION = "transition", _("State")
    DECISION = "decision", _("Review decision")
    ANSWER = "answer", _("Answer changed")
    CORRECTION = "correction", _("Correction")


class AssessmentEvent(models.Model):
    """One entry of an assessment's history: who did what, when and why."""

    assessment = models.ForeignKey(
        Assessment,
        verbose_name=_("assessment"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=EventKind.choices)
    principle = models.ForeignKey(
        Principle,
        verbose_name=_("principle"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    from_state = models.CharField(_("from"), max_length=10, blank=True)
    to_state = models.CharField(_("to"), max_length=10, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    message = models.TextField(_("message"), blank=True, max_length=5000)
    at = models.DateTimeField(_("at"), default=timezone.now)
    # Set once whoever acts next has been emailed, so a retry sends nothing
    # twice; set at once for an entry nobody needs to hear of.
    notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("history entry")
        verbose_name_plural = _("history entries")
        ordering = ["at", "pk"]
        indexes = [
            models.Index(fields=["assessment", "at"]),
            # The resend job looks for what nobody has heard of yet: a few rows.
            models.Index(
                fields=["at"],
                condition=models.Q(notified_at__isnull=True),
                name="assessmentevent_unnotified",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessment} – {self.get_kind_display()}"

    @property
    def to_state_label(self) -> str:
        """Return the state or review decision it led to, in words."""
        choices = ReviewDecision if self.kind == EventKind.DECISION else AssessmentState
        try:
            return str(choices(self.to_state).label)
        except ValueError:
            return self.to_state


class Reviewer(models.Model):
    """A person who reviews assessments for a working group.

    A working group that works on a principle reviews the answers filed
    under it; the secretariat says who speaks for the group here.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="monitoring_reviewer_roles",
    )
    working_group = models.ForeignKey(
        "workinggroups.WorkingGroupPage",
        verbose_name=_("working group"),
        on_delete=models.CASCADE,
        related_name="reviewers",
        limit_choices_to={"principle__isnull": False},
        help_text=_("A working group that works on a principle."),
    )
    added_at = models.DateTimeField(_("added on"), default=timezone.now)

    panels = [FieldPanel("user"), FieldPanel("working_group")]

    class Meta:
        verbose_name = _("reviewer")
        verbose_name_plural = _("reviewers")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "working_group"], name="reviewer_once_per_group"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.working_group}"

    def clean(self) -> None:
        super().clean()
        if self.working_group_id and not self.working_group.principle_id:
            raise ValidationError(
                {
                    "working_group": _(
                        "Choose a working group that works on a principle."
                    )
                }
            )


class Score(models.Model):
    """A city's published score in a cycle, on one principle or overall.

    Written by ``scores.scores_record`` when an assessment is published, for
    the current version only (a published correction replaces the rows of
    the version it corrects), so that public pages read a few numbers
    instead of every answer. ``principle`` is empty for the overall score.
    Every value can be computed again from the answers (see scores.py).
    """

    assessment = models.ForeignKey(
        Assessment,
        verbose_name=_("assessment"),
        on_delete=models.CASCADE,
        related_name="scores",
    )
    city = models.ForeignKey(
        City, verbose_name=_("city"), on_delete=models.CASCADE, related_name="+"
    )
    cycle = models.ForeignKey(
        Cycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="scores"
    )
    principle = models.ForeignKey(
        Principle,
        verbose_name=_("principle"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    value = models.DecimalField(_("score"), max_digits=4, decimal_places=1)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["cycle", "city", "principle"]
        indexes = [
            models.Index(fields=["cycle", "principle", "value"]),
            models.Index(fields=["city", "cycle"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "city", "principle"],
                name="score_one_per_principle",
            ),
            models.UniqueConstraint(
                fields=["cycle", "city"],
                condition=Q(principle__isnull=True),
                name="score_one_overall",
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0, value__lte=100), name="score_in_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessment} · {self.principle_id or '*'}: {self.value}"
