from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.search import index

from .geography import country_name, region_name


class City(models.Model):
    """A place in the gazetteer of the world's cities (GeoNames)."""

    geonameid = models.PositiveIntegerField(_("GeoNames id"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, allow_unicode=False)
    country_code = models.CharField(_("country code"), max_length=2, db_index=True)
    region_code = models.CharField(_("region code"), max_length=2, db_index=True)
    admin1_code = models.CharField(_("first-level division code"), max_length=20)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    population = models.PositiveBigIntegerField(_("population"), default=0)
    timezone = models.CharField(_("time zone"), max_length=40)
    # Every known spelling, folded by geography.normalise_name and wrapped in
    # "|" so that a name prefix is a plain substring search on any database.
    search_names = models.TextField(_("names for search"), editable=False)

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        ordering = ["-population", "name"]
        indexes = [models.Index(fields=["-population", "name"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__gte=-90, latitude__lte=90)
                & Q(longitude__gte=-180, longitude__lte=180),
                name="city_coordinates_valid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.country_code})"

    def get_absolute_url(self) -> str:
        return reverse(
            "cities:city_detail",
            kwargs={"geonameid": self.geonameid, "slug": self.slug or "city"},
        )

    @property
    def country_name(self) -> str:
        return country_name(self.country_code)

    @property
    def region_name(self) -> str:
        return region_name(self.region_code)

    @property
    def is_member(self) -> bool:
        """Return whether the city belongs to the coalition now.

        Load cities with ``select_related("membership")`` to spare a query.
        """
        member = getattr(self, "membership", None)
        return member is not None and member.status == MemberStatus.ACTIVE


class MemberStatus(models.TextChoices):
    ACTIVE = "active", _("Member")
    FORMER = "former", _("Former member")


class Member(index.Indexed, models.Model):
    """A city that signed the declaration and belongs to the coalition."""

    city = models.OneToOneField(
        City,
        verbose_name=_("city"),
        on_delete=models.PROTECT,
        related_name="membership",
        help_text=_("The city's entry in the gazetteer."),
    )
    display_name = models.CharField(
        _("display name"),
        max_length=200,
        blank=True,
        help_text=_(
            "The name the city uses for itself, if it differs from the gazetteer"
            " (for example Bordeaux Métropole)."
        ),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=MemberStatus.choices,
        default=MemberStatus.ACTIVE,
        db_index=True,
    )
    is_founder = models.BooleanField(_("founding city"), default=False)
    joined_on = models.DateField(_("joined on"), db_index=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    signatory = models.CharField(
        _("signatory"),
        max_length=200,
        blank=True,
        help_text=_("Who signed the declaration for the city, with their role."),
    )

    search_fields = [
        index.SearchField("display_name", boost=3),
        index.RelatedFields(
            "city",
            [index.SearchField("name", boost=3), index.SearchField("search_names")],
        ),
        index.FilterField("id"),
        index.FilterField("status"),
        index.FilterField("city"),
        index.FilterField("joined_on"),
    ]

    class Meta:
        verbose_name = _("member city")
        verbose_name_plural = _("member cities")
        ordering = ["joined_on", "city__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(left_on__isnull=True)
                | Q(left_on__gte=models.F("joined_on")),
                name="member_left_after_joining",
            ),
            models.CheckConstraint(
                condition=(Q(status="active") & Q(left_on__isnull=True))
                | (Q(status="former") & Q(left_on__isnull=False)),
                name="member_left_on_matches_status",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return self.city.get_absolute_url()

    def clean(self) -> None:
        if self.left_on and self.joined_on and self.left_on < self.joined_on:
            raise ValidationError(
                {"left_on": _("A city cannot leave before it joined.")}
            )
        if self.status == MemberStatus.FORMER and not self.left_on:
            raise ValidationError(
                {"left_on": _("Give the date on which the city left.")}
            )
        if self.status == MemberStatus.ACTIVE and self.left_on:
            raise ValidationError(
                {"status": _("A city with a leaving date is a former member.")}
            )

    @property
    def name(self) -> str:
        return self.display_name or self.city.name


def shipped_languages() -> list[tuple[str, str]]:
    """Return the languages the interface ships in, as model choices."""
    return list(settings.LANGUAGES)


def logo_path(profile: CityProfile, filename: str) -> str:
    """Name a logo after its city, whatever the uploaded file was called."""
    extension = filename.rsplit(".", 1)[-1].lower()
    return f"cities/logos/{profile.city.geonameid}.{extension}"


class CityProfile(ClusterableModel):
    """What a city says about itself on its page, kept by its officials.

    Any city may have one (an applicant too); the descriptions are written
    per shipped language, and the page shows the visitor's, else English.
    """

    city = models.OneToOneField(
        City,
        verbose_name=_("city"),
        on_delete=models.CASCADE,
        related_name="profile",
    )
    website = models.URLField(
        _("website"),
        blank=True,
        help_text=_("The city's own page on its digital rights work, if any."),
    )
    contact_email = models.EmailField(
        _("public contact address"),
        blank=True,
        help_text=_(
            "An address residents may write to, such as the digital office's."
            " It is shown on the city's page, so do not give a personal one."
        ),
    )
    logo = models.ImageField(
        _("logo"),
        upload_to=logo_path,
        blank=True,
        help_text=_("PNG, JPEG or WebP, up to 1 MB."),
    )
    logo_alt = models.CharField(
        _("text alternative of the logo"),
        max_length=200,
        blank=True,
        help_text=_(
            "What the logo shows, for people who cannot see it (for example"
            " 'Coat of arms of Porto')."
        ),
    )
    languages = models.JSONField(
        _("languages"),
        default=list,
        blank=True,
        help_text=_("The languages the city serves its residents in."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("city profile")
        verbose_name_plural = _("city profiles")

    def __str__(self) -> str:
        return str(self.city)

    def description_for(self, language: str | None = None) -> CityDescription | None:
        """Return the description in ``language`` (else English, else any).

        Load profiles with ``prefetch_related("descriptions")``.
        """
        language = language or get_language() or settings.LANGUAGE_CODE
        found = {d.language: d for d in self.descriptions.all() if d.text}
        return (
            found.get(language)
            or found.get(settings.LANGUAGE_CODE)
            or next(iter(found.values()), None)
        )

    @property
    def language_names(self) -> list[str]:
        """Return the names of the city's languages, in this language."""
        from django.utils.translation import get_language_info

        names = []
        for code in self.languages:
            try:
                names.append(get_language_info(code)["name_translated"])
            except KeyError:
                names.append(code)
        return names


class CityDescription(models.Model):
    """A city's description of its digital rights work, in one language."""

    profile = ParentalKey(
        CityProfile,
        verbose_name=_("profile"),
        on_delete=models.CASCADE,
        related_name="descriptions",
    )
    language = models.CharField(_("language"), max_length=10, choices=shipped_languages)
    text = models.TextField(
        _("description"),
        validators=[MaxLengthValidator(2000)],
        help_text=_("A few sentences on the city's digital rights work."),
    )

    class Meta:
        verbose_name = _("city description")
        verbose_name_plural = _("city descriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "language"], name="city_description_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.profile} ({self.language})"


def city_slug(name: str) -> str:
    """Return the URL slug for a city name (ASCII, never empty)."""
    return slugify(name)[:200] or "city"
