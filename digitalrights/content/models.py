from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BodyBlock, PartnerBlock

NEWS_PER_PAGE = 10


class HomePage(Page):
    """The front door: what the coalition is and what a visitor can do."""

    hero_title = models.CharField(_("headline"), max_length=200)
    hero_text = models.TextField(_("introduction"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("hero_title"),
        FieldPanel("hero_text"),
    ]
    subpage_types = [
        "content.DeclarationPage",
        "content.StandardPage",
        "content.PartnersPage",
        "content.NewsIndexPage",
        "campaigns.CampaignIndexPage",
        "membership.ChecklistPage",
        "workinggroups.WorkingGroupIndexPage",
    ]
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        from digitalrights.campaigns import selectors as campaign_selectors
        from digitalrights.cities import selectors as city_selectors

        context = super().get_context(request, *args, **kwargs)
        declaration = DeclarationPage.objects.live().descendant_of(self).first()
        context["declaration"] = declaration
        context["principles"] = declaration.principles() if declaration else []
        context["news_index"] = NewsIndexPage.objects.live().descendant_of(self).first()
        context["latest_news"] = (
            NewsPage.objects.live().descendant_of(self).order_by("-date", "-pk")[:3]
        )
        context["member_count"] = city_selectors.member_count()
        context["founders"] = city_selectors.member_list().filter(is_founder=True)
        campaign = campaign_selectors.campaign_running(locale=self.locale)
        context["campaign_progress"] = (
            campaign_selectors.campaign_progress(campaign=campaign)
            if campaign
            else None
        )
        return context


class DeclarationPage(RoutablePageMixin, Page):
    """The declaration: its preamble, its five principles and a PDF copy."""

    intro = RichTextField(_("preamble"), features=["bold", "italic", "link"])
    source_url = models.URLField(
        _("official text"),
        blank=True,
        help_text=_("Where the official declaration is published."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("source_url"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    subpage_types = ["content.PrinciplePage"]
    parent_page_types = ["content.HomePage"]

    class Meta:
        verbose_name = _("declaration page")

    def principles(self):
        return PrinciplePage.objects.live().child_of(self).order_by("number")

    @property
    def official_url(self) -> str:
        return self.source_url or settings.DECLARATION_SOURCE_URL

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context["principles"] = self.principles()
        return context

    @path("pdf/", name="pdf")
    def pdf(self, request: HttpRequest) -> HttpResponse:
        """Return the declaration and its principles as a PDF file."""
        from .pdf import declaration_pdf

        intro = [
            p
            for p in strip_tags(self.intro.replace("</p>", "</p>\n")).split("\n")
            if p.strip()
        ]
        document = declaration_pdf(
            title=self.title,
            intro=intro,
            principles=[(p.number, p.title, p.summary) for p in self.principles()],
            source_label=gettext("The official text of the declaration:"),
            source_url=self.official_url,
            language=self.locale.language_code,
            generated_label=gettext("Generated on %(date)s from %(url)s")
            % {
                "date": timezone.localdate().isoformat(),
                "url": request.build_absolute_uri(self.url),
            },
        )
        response = HttpResponse(document, content_type="application/pdf")
        filename = f"{slugify(self.title) or 'declaration'}.pdf"
        response["Content-Disposition"] = f'inline; filename="{filename}"'
        return response


class PrinciplePage(Page):
    """One of the five principles of the declaration."""

    number = models.PositiveSmallIntegerField(
        _("number"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    summary = models.TextField(
        _("summary"), help_text=_("The principle in one or two sentences.")
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("number"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    subpage_types: list[str] = []
    parent_page_types = ["content.DeclarationPage"]

    class Meta:
        verbose_name = _("principle page")

    @property
    def number_label(self) -> str:
        return f"{self.number:02d}"

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        siblings = list(
            PrinciplePage.objects.live().sibling_of(self).order_by("number")
        )
        index_here = next(
            (i for i, page in enumerate(siblings) if page.pk == self.pk), 0
        )
        context["previous_principle"] = (
            siblings[index_here - 1] if index_here > 0 else None
        )
        context["next_principle"] = (
            siblings[index_here + 1] if index_here + 1 < len(siblings) else None
        )
        return context


class StandardPage(Page):
    """A plain editorial page: About, Working groups, Privacy."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    subpage_types = ["content.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


class PartnersPage(Page):
    """The organisations that support the coalition."""

    intro = models.TextField(_("introduction"), blank=True)
    partners = StreamField(
        [("partner", PartnerBlock())], verbose_name=_("partners"), blank=True
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("partners")]
    search_fields = [*Page.search_fields, index.SearchField("partners")]
    subpage_types: list[str] = []
    parent_page_types = ["content.HomePage"]

    class Meta:
        verbose_name = _("partners page")


class NewsIndexPage(Page):
    """The list of news, newest first."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["content.NewsPage"]
    parent_page_types = ["content.HomePage"]

    class Meta:
        verbose_name = _("news index page")

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        news = NewsPage.objects.live().child_of(self).order_by("-date", "-pk")
        context["page_obj"] = Paginator(news, NEWS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        return context


class NewsPage(Page):
    """A news item."""

    date = models.DateField(_("date"), default=timezone.localdate)
    intro = models.TextField(_("introduction"))
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("folded_text"),
        index.FilterField("date"),
    ]
    subpage_types: list[str] = []
    parent_page_types = ["content.NewsIndexPage"]

    class Meta:
        verbose_name = _("news page")

    def folded_text(self) -> str:
        """Return the text without accents or case, so 'bogota' finds Bogotá."""
        from digitalrights.cities.geography import normalise_name

        return normalise_name(f"{self.title} {self.intro}")
