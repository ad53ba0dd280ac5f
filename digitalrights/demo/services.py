"""Load and remove the demo content.

Everything the loader creates is recorded as a ``DemoObject``; loading twice
changes nothing, and ``demo_remove`` deletes exactly what was loaded.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import (
    LocaleSynchronization,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.synctree import synchronize_tree

from digitalrights.campaigns.models import CampaignIndexPage, CampaignPage
from digitalrights.cities.models import City, Member
from digitalrights.cities.services import (
    city_profile_save,
    gazetteer_load,
    member_upsert,
)
from digitalrights.content.models import (
    DeclarationPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    PartnersPage,
    PrinciplePage,
    StandardPage,
)
from digitalrights.core.vocabulary import vocabulary_ensure
from digitalrights.membership.models import ChecklistPage

from . import content
from .initiatives import initiatives_load
from .models import DemoObject
from .monitoring import monitoring_load
from .register import register_load
from .toolkit import toolkit_load
from .translations import CATALOGUES
from .workinggroups import working_groups_load

DEMO_USERNAME = "secretariat"
DEMO_EMAIL = "secretariat@localhost"
QUICK_MIN_POPULATION = 1_000_000


def _mark(obj: models.Model) -> None:
    DemoObject.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
    )


def _child(parent: Page, model: type[Page], slug: str, **fields) -> Page:
    """Return the child page ``slug`` of ``parent``, creating it if missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    _mark(page)
    return page


def _home(locale: Locale) -> HomePage:
    # A database emptied with `flush` has lost even the root Wagtail's
    # migrations create.
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=locale)
    )
    home = HomePage.objects.filter(locale=locale, depth=2).first()
    if home is not None:
        return home
    # Wagtail's installer leaves a placeholder "Welcome" page; ours replaces it.
    for placeholder in root.get_children().filter(
        content_type=ContentType.objects.get_for_model(Page)
    ):
        placeholder.delete()
    home = HomePage(slug="home", locale=locale, **content.HOME)
    root.add_child(instance=home)
    home.save_revision().publish()
    _mark(home)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    site.root_page = home
    site.site_name = settings.WAGTAIL_SITE_NAME
    site.save()
    return home


def _pages(home: HomePage) -> list[Page]:
    """Create the English page tree; return the pages in tree order."""
    declaration = _child(
        home,
        DeclarationPage,
        content.DECLARATION["slug"],
        title=content.DECLARATION["title"],
        intro=content.DECLARATION["intro"],
        show_in_menus=True,
    )
    pages: list[Page] = [home, declaration]
    for principle in content.PRINCIPLES:
        pages.append(
            _child(
                declaration,
                PrinciplePage,
                principle["slug"],
                title=principle["title"],
                number=principle["number"],
                summary=principle["summary"],
                body=(principle["body"]),
            )
        )
    news_index = _child(
        home,
        NewsIndexPage,
        content.NEWS_INDEX["slug"],
        title=content.NEWS_INDEX["title"],
        intro=content.NEWS_INDEX["intro"],
        show_in_menus=True,
    )
    about = _child(
        home,
        StandardPage,
        content.ABOUT["slug"],
        title=content.ABOUT["title"],
        intro=content.ABOUT["intro"],
        body=(content.ABOUT["body"]),
        show_in_menus=True,
    )
    pages += [news_index, about]
    for item in content.NEWS:
        pages.append(
            _child(
                news_index,
                NewsPage,
                item["slug"],
                title=item["title"],
                date=item["date"],
                intro=item["intro"],
                body=(item["body"]),
            )
        )
    pages.append(
        _child(
            home,
            PartnersPage,
            content.PARTNERS["slug"],
            title=content.PARTNERS["title"],
            intro=content.PARTNERS["intro"],
            partners=[("partner", partner) for partner in content.PARTNERS["partners"]],
        )
    )
    pages += working_groups_load(home, child=_child)
    for data in (content.PRIVACY,):
        pages.append(
            _child(
                home,
                StandardPage,
                data["slug"],
                title=data["title"],
                intro=data["intro"],
                body=(data["body"]),
            )
        )
    campaigns = _child(
        home,
        CampaignIndexPage,
        content.CAMPAIGNS_INDEX["slug"],
        title=content.CAMPAIGNS_INDEX["title"],
        intro=content.CAMPAIGNS_INDEX["intro"],
    )
    campaign = _child(
        campaigns,
        CampaignPage,
        content.CAMPAIGN["slug"],
        title=content.CAMPAIGN["title"],
        target=content.CAMPAIGN["target"],
        starts_on=content.CAMPAIGN["starts_on"],
        ends_on=content.CAMPAIGN["ends_on"],
        intro=content.CAMPAIGN["intro"],
        body=content.CAMPAIGN["body"],
    )
    pages += [campaigns, campaign]
    pages.append(
        _child(
            home,
            ChecklistPage,
            content.CHECKLIST["slug"],
            title=content.CHECKLIST["title"],
            intro=content.CHECKLIST["intro"],
            actions=[
                (
                    "action",
                    {
                        "principle": str(principle),
                        "title": title,
                        "explanation": explanation,
                        "guidance": guidance,
                    },
                )
                for principle, title, explanation, guidance in content.CHECKLIST[
                    "actions"
                ]
            ],
        )
    )
    return pages


def _translate(page: Page, locale: Locale, catalogue: dict[str, str]) -> None:
    """Translate ``page`` with wagtail-localize, as a translator would."""
    if not catalogue or (
        page.get_translations().filter(locale=locale, alias_of__isnull=True).exists()
    ):
        return
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale
    )
    segments = list(
        StringSegment.objects.filter(source=source).select_related("string", "context")
    )
    if not any(segment.string.data in catalogue for segment in segments):
        # Nothing to translate: the page stays an alias of the English one.
        translation.delete()
        return
    for segment in segments:
        translated = catalogue.get(segment.string.data)
        if translated:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={"data": translated},
            )
    translation.save_target(publish=True)
    _mark(translation.get_target_instance())


def _locales() -> tuple[Locale, list[Locale]]:
    source = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)[0]
    others = [
        Locale.objects.get_or_create(language_code=code)[0]
        for code, _name in settings.LANGUAGES
        if code != settings.LANGUAGE_CODE
    ]
    return source, others


def _members() -> None:
    for geonameid, joined_on, founder, display_name, intro in content.MEMBERS:
        if Member.objects.filter(city__geonameid=geonameid).exists():
            continue
        _mark(
            member_upsert(
                geonameid=geonameid,
                joined_on=joined_on,
                is_founder=founder,
                display_name=display_name,
            )
        )
        if intro:
            _mark(
                city_profile_save(
                    city=City.objects.get(geonameid=geonameid),
                    descriptions={"en": intro},
                )
            )


def demo_load(*, quick: bool = False) -> None:
    """Load the demo content; safe to run again.

    With ``quick``, load only the large cities of the gazetteer (and the demo
    members), which is enough for tests.
    """
    vocabulary_ensure()  # a flushed database has lost what migrations made
    member_ids = [row[0] for row in content.MEMBERS]
    if quick:
        if City.objects.count() == 0:
            gazetteer_load(min_population=QUICK_MIN_POPULATION, geonameids=member_ids)
    elif City.objects.count() < 20000:
        gazetteer_load(geonameids=member_ids)
    with transaction.atomic():
        _members()
        initiatives_load(mark=_mark)
        register_load(mark=_mark)
        monitoring_load(mark=_mark)
    toolkit_load(mark=_mark)
    # No transaction around the pages: Wagtail and wagtail-localize run work
    # on commit with page objects loaded earlier, and inside one long
    # transaction that work reset the tree's child counts of translated pages.
    source, others = _locales()
    home = _home(source)
    pages = _pages(home)
    for locale in others:
        catalogue = CATALOGUES.get(locale.language_code, {})
        for page in pages:
            _translate(page, locale, catalogue)
        LocaleSynchronization.objects.get_or_create(
            locale=locale, defaults={"sync_from": source}
        )
        synchronize_tree(source, locale)


def demo_remove() -> int:
    """Delete everything the demo loader made; return how many objects."""
    removed = 0
    with transaction.atomic():
        records = list(DemoObject.objects.select_related("content_type"))
        pages = [r for r in records if issubclass(r.content_type.model_class(), Page)]
        others = [r for r in records if r not in pages]
        page_ids = {int(r.object_id) for r in pages}
        page_ids.update(
            Page.objects.filter(alias_of__in=page_ids).values_list("pk", flat=True)
        )
        # Deepest first, so that no page is deleted twice through its parent.
        for page in Page.objects.filter(pk__in=page_ids).order_by("-depth"):
            page.delete()
            removed += 1
        for record in others:
            model = record.content_type.model_class()
            deleted, _details = model.objects.filter(pk=record.object_id).delete()
            removed += bool(deleted)
        DemoObject.objects.all().delete()
    return removed


def demo_staff_account() -> tuple[str, str | None]:
    """Return the demo staff sign-in address, and a new password if just created."""
    from allauth.account.models import EmailAddress

    users = get_user_model()
    if users.objects.filter(username=DEMO_USERNAME).exists():
        return DEMO_EMAIL, None
    password = secrets.token_urlsafe(12)
    user = users.objects.create_superuser(
        username=DEMO_USERNAME,
        email=DEMO_EMAIL,
        password=password,
    )
    # Staff sign in by email (allauth), verified before first use.
    EmailAddress.objects.create(
        user=user, email=DEMO_EMAIL, verified=True, primary=True
    )
    _mark(user)
    return DEMO_EMAIL, password


def demo_staff_password_reset() -> tuple[str, str]:
    """Give the demo staff user a new random password; return its address and it."""
    user = get_user_model().objects.get(username=DEMO_USERNAME)
    password = secrets.token_urlsafe(12)
    user.set_password(password)
    user.save(update_fields=["password"])
    return DEMO_EMAIL, password
