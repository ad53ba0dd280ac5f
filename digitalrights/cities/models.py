from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

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


class Member(models.Model):
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
    website = models.URLField(_("website"), blank=True)
    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("A few sentences on the city's digital rights work."),
    )

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


def city_slug(name: str) -> str:
    """Return the URL slug for a city name (ASCII, never empty)."""
    return slugify(name)[:200] or "city"
