"""Queries that read the toolkit."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import get_language
from wagtail.documents.models import AbstractDocument
from wagtail.models import Page
from wagtail.permissions import policy_registry

from digitalrights.cities.models import City
from digitalrights.content.models import PrinciplePage
from digitalrights.core.models import Principle
from digitalrights.workinggroups.models import WorkingGroupPage

from .models import Resource

FEED_LENGTH = 50
# The largest value the database's integer columns hold: a longer number in
# an address cannot name a row, and some databases refuse to compare it.
MAX_ID = 2**31 - 1


def _published() -> QuerySet[Resource]:
    return Resource.objects.published().select_related("source_city", "document")


def resource_get_published(*, pk: int) -> Resource:
    """Return the published resource ``pk`` with all it shows, or raise Http404."""
    if not 0 < pk <= 2**63 - 1:
        raise Http404
    try:
        return _published().prefetch_related("principles", "topics__names").get(pk=pk)
    except Resource.DoesNotExist:
        raise Http404 from None


def resource_list_published(
    *,
    principle: Principle | None = None,
    city: City | None = None,
    limit: int = FEED_LENGTH,
) -> list[Resource]:
    """Return the newest published resources, optionally of a principle or city."""
    resources = _published()
    if principle is not None:
        resources = resources.filter(principles=principle)
    if city is not None:
        resources = resources.filter(source_city=city)
    return list(
        resources.prefetch_related("principles", "topics__names").order_by(
            "-created_at", "-pk"
        )[:limit]
    )


def document_is_unpublished(*, document: AbstractDocument) -> bool:
    """Return whether ``document`` is the file of resources, none published.

    A file of a published resource is public, whatever other resources share
    it; a file no resource uses is not the toolkit's to hide. One query.
    """
    lives = Resource.objects.filter(document=document).values_list("live", flat=True)
    most_public = lives.order_by("-live").first()
    return most_public is False


def document_visible_to(
    *, document: AbstractDocument, user: AbstractBaseUser | AnonymousUser
) -> bool:
    """Return whether ``user`` may download ``document``.

    Everyone may, unless it is the file of unpublished resources only: then
    only those who may edit it in the admin (the resource or the document).
    """
    if not document_is_unpublished(document=document):
        return True
    if not (user.is_authenticated and user.is_active):
        return False
    if not user.has_perm("wagtailadmin.access_admin"):
        return False
    if user.has_perm("toolkit.change_resource"):
        return True
    policy = policy_registry.get_by_type(type(document))
    return policy.user_has_permission_for_instance(user, "change", document)


def principle_get(*, number: int) -> Principle:
    """Return the principle numbered ``number``, or raise Http404."""
    if not 0 < number <= MAX_ID:
        raise Http404
    try:
        return Principle.objects.get(number=number)
    except Principle.DoesNotExist:
        raise Http404 from None


def city_get(*, geonameid: int) -> City:
    """Return the gazetteer city ``geonameid``, or raise Http404."""
    if not 0 < geonameid <= MAX_ID:
        raise Http404
    try:
        return City.objects.get(geonameid=geonameid)
    except City.DoesNotExist:
        raise Http404 from None


def resource_working_groups(*, resource: Resource) -> list[Page]:
    """Return the live working groups that produced ``resource``.

    Each group is given in the visitor's language when it has a live page
    there (a translation or an alias), else in the site's default language,
    else in any. One query, whatever the number of groups and languages.
    """
    keys = WorkingGroupPage.objects.live().filter(outputs=resource)
    candidates = (
        WorkingGroupPage.objects.live()
        .filter(translation_key__in=keys.values("translation_key"))
        .select_related("locale")
        .order_by("title", "pk")
    )
    language = get_language() or settings.LANGUAGE_CODE
    chosen: dict = {}
    for page in candidates:
        current = chosen.get(page.translation_key)
        if current is None or _preference(page, language) < _preference(
            current, language
        ):
            chosen[page.translation_key] = page
    return sorted(chosen.values(), key=lambda page: page.title.casefold())


def _preference(page: Page, language: str) -> int:
    """Rank a page: the visitor's language first, then the default, then any."""
    code = page.locale.language_code
    if code == language:
        return 0
    if code == settings.LANGUAGE_CODE:
        return 1
    return 2


def principle_page(*, number: int) -> Page | None:
    """Return the live page of principle ``number`` in the visitor's language.

    Fall back to the site's default language; None if neither exists.
    """
    language = get_language() or settings.LANGUAGE_CODE
    pages = {
        page.locale.language_code: page
        for page in PrinciplePage.objects.live()
        .filter(
            number=number,
            locale__language_code__in=[language, settings.LANGUAGE_CODE],
        )
        .select_related("locale")
    }
    return pages.get(language) or pages.get(settings.LANGUAGE_CODE)
