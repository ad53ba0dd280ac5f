"""``/api/v1/news/``: the coalition's news, as the news pages show them.

Live, public news pages only (``live().public()``), in ``?lang`` (news is
written per language: a language without a translation has fewer items).
The id is the page's translation key, the same in every language.
"""

from uuid import UUID

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Router
from ninja.pagination import paginate

from digitalrights.content.models import NewsPage

from .common import (
    PROBLEMS,
    Language,
    LimitOffset,
    active_locale,
    answer_in,
    last_modified,
)
from .schemas import NewsOut, Problem, site_url

router = Router(tags=["news"])


def news_in_language() -> QuerySet[NewsPage]:
    """Return the live, public news of the active language, newest first."""
    locale = active_locale()
    if locale is None:
        return NewsPage.objects.none()
    return (
        NewsPage.objects.live()
        .public()
        .filter(locale=locale)
        .select_related("locale")
        .order_by("-date", "-pk")
    )


def news_out(page: NewsPage) -> dict:
    return {
        "id": str(page.translation_key),
        "title": page.title,
        "intro": page.intro,
        "date": page.date,
        "language": page.locale.language_code,
        "url": site_url(page.url or ""),
        "last_published_at": page.last_published_at,
    }


@router.get("/", response={200: list[NewsOut], **PROBLEMS}, summary="News")
@paginate(LimitOffset)
def news_list(request: HttpRequest, lang: Language | None = None) -> list[dict]:
    """The coalition's news in ``lang``, newest first."""
    answer_in(lang)
    return [news_out(page) for page in news_in_language()]


@router.get(
    "/{id}",
    response={200: NewsOut, 404: Problem, **PROBLEMS},
    summary="One news item",
)
def news_detail(
    request: HttpRequest, response: HttpResponse, id: UUID, lang: Language | None = None
) -> dict:
    answer_in(lang)
    page = news_in_language().filter(translation_key=id).first()
    if page is None:
        raise Http404
    last_modified(response, page.last_published_at)
    return news_out(page)
