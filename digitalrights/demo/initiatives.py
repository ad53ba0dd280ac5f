"""Demo initiatives of the three founding cities, in the project's own words.

The facts come from the coalition's launch material (see
``../shared/seeds/``): what Amsterdam, Barcelona and New York City were doing
when they founded the coalition in November 2018.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import replace

from django.db import models
from django.utils import timezone

from digitalrights.initiatives.models import Initiative
from digitalrights.initiatives.services import (
    InitiativeData,
    LinkData,
    initiative_import,
)

AMSTERDAM, BARCELONA, NEW_YORK = 2759794, 3128760, 5128581
LAUNCH = datetime.datetime(2018, 11, 14, 12, 0, tzinfo=datetime.UTC)

# geonameid, days after the launch it was published, topic slugs, the initiative.
INITIATIVES: list[tuple[int, int, list[str], InitiativeData]] = [
    (
        AMSTERDAM,
        0,
        ["algorithms", "ai"],
        InitiativeData(
            title="An independent audit of the algorithm that routes street reports",
            summary=(
                "Residents report about 250,000 problems in public space each"
                " year, and an algorithm decides who deals with each one."
                " Amsterdam has it audited to make sure that no neighbourhood"
                " is served better than another."
            ),
            body=(
                "When a resident reports rubbish on the pavement or a broken"
                " street light, the report is sent straight to the right person"
                " on the street by an algorithm. It handles about a quarter of a"
                " million reports a year.\n\n"
                "A system this large can quietly favour some areas of the city,"
                " or some kinds of problem, over others. The city's Datalab has"
                " a neutral party test whether the routing is biased towards"
                " better-off neighbourhoods or particular issues.\n\n"
                "The audit is part of how Amsterdam wants to use algorithms:"
                " openly, with checks that anyone can understand, and with the"
                " will to change a system that turns out to be unfair."
            ),
            principles=[3],
            status="running",
            contact="Datalab, City of Amsterdam",
        ),
    ),
    (
        AMSTERDAM,
        1,
        ["privacy", "smart-city"],
        InitiativeData(
            title="The digital city: data minimisation and privacy by design",
            summary=(
                "A policy framework that asks every city service to collect as"
                " little personal data as it can, to be open by default and to"
                " build privacy in from the start, and that bans Wi-Fi tracking"
                " in public space."
            ),
            body=(
                "Since June 2018 the deputy mayor for digital affairs has been"
                " building a framework called 'the digital city', so that"
                " everyone in Amsterdam gets the same chance to benefit from"
                " digitisation.\n\n"
                "Its proposals include data minimisation (collect only what a"
                " service really needs), open by default (publish what can be"
                " published), privacy by design, and an end to tracking people"
                " through the Wi-Fi signals of their phones in the street."
            ),
            principles=[2, 5],
            status="running",
            started_on=datetime.date(2018, 6, 1),
            contact="Office of the Chief Technology Officer",
        ),
    ),
    (
        AMSTERDAM,
        2,
        ["data-sharing", "participation", "privacy"],
        InitiativeData(
            title="Tada: a manifesto for clarity about data",
            summary=(
                "Local businesses, universities and residents wrote down"
                " together how data should be used in the city: inclusive,"
                " transparent and ethical. Amsterdam is putting the manifesto"
                " into practice."
            ),
            body=(
                "'Tada – clarity about data' was written in the open, with"
                " contributions from companies, researchers and people who live"
                " in the city.\n\n"
                "It sets out a few plain values for any organisation that"
                " handles data about the city and its people: be inclusive, be"
                " transparent about what you do, and use data ethically. The city"
                " has committed to apply it in its own work."
            ),
            principles=[2, 3, 4],
            status="running",
        ),
    ),
    (
        AMSTERDAM,
        3,
        ["participation", "digital-inclusion"],
        InitiativeData(
            title="OpenCity: digital tools for residents to shape their city",
            summary=(
                "Easy participation tools that bring residents' voices into"
                " policy, such as designing a street or a square together."
            ),
            body=(
                "Amsterdam believes that policy gets better with diverse input"
                " from the people it affects. OpenCity offers simple online tools"
                " for that, for example to co-design the layout of public"
                " space.\n\n"
                "Alongside the city's own tools, civic initiatives have grown"
                " that help people take part digitally."
            ),
            principles=[4],
            status="running",
        ),
    ),
    (
        BARCELONA,
        4,
        ["participation", "open-source"],
        InitiativeData(
            title="Decidim, the open-source platform for participation",
            summary=(
                "Barcelona built and released Decidim, free software for"
                " participatory democracy, and uses it for large-scale"
                " participation so that residents' ideas shape policy."
            ),
            body=(
                "Decidim is the city's flagship participation platform. Residents"
                " use it to propose, debate and follow decisions, and the city"
                " uses it to bring their knowledge into policy-making.\n\n"
                "It is published as reusable open-source software, so that any"
                " city or organisation can run it, study it and improve it."
            ),
            principles=[4, 5],
            status="running",
            contact="Commissioner's Office for Technology and Digital Innovation",
            code_url="https://github.com/decidim/decidim",
            licence="AGPL-3.0-or-later",
            links=[LinkData(url="https://decidim.org/", label="Decidim")],
        ),
    ),
    (
        BARCELONA,
        5,
        ["open-data"],
        InitiativeData(
            title="The Barcelona open data portal",
            summary=(
                "The city publishes data about its services for anyone to use,"
                " and shows what local companies and residents build with it."
            ),
            body=(
                "The open data portal makes city services more transparent:"
                " data that was kept inside the administration is published for"
                " everyone.\n\n"
                "A section for re-users presents the projects that companies and"
                " residents have built on the data."
            ),
            principles=[3, 5],
            status="running",
            contact="Commissioner's Office for Technology and Digital Innovation",
            links=[
                LinkData(
                    url="https://opendata-ajuntament.barcelona.cat/",
                    label="Open Data BCN",
                )
            ],
        ),
    ),
    (
        BARCELONA,
        6,
        ["privacy", "data-sharing", "open-source"],
        InitiativeData(
            title="DECODE: residents in control of their own data",
            summary=(
                "Barcelona leads DECODE, a joint project that develops"
                " decentralised, privacy-enhancing ways for people to manage"
                " their data and decide who may use it."
            ),
            body=(
                "Much of today's data about people is collected and kept by a"
                " few platforms. DECODE explores the opposite: tools that let"
                " residents hold their own data and share it on their own"
                " terms, for example for the common good.\n\n"
                "The work is collaborative and its results are open, in line"
                " with the city's plan for technological sovereignty."
            ),
            principles=[2, 4],
            status="completed",
        ),
    ),
    (
        NEW_YORK,
        7,
        ["broadband", "digital-inclusion"],
        InitiativeData(
            title="Affordable, high-speed internet for every New Yorker",
            summary=(
                "New York City set out to give every resident affordable,"
                " high-speed internet by 2025, investing in infrastructure and"
                " bringing free Wi-Fi to the country's largest public housing"
                " development."
            ),
            body=(
                "The goal dates from the mayor's first term: every New Yorker"
                " connected, at a price they can afford, by 2025.\n\n"
                "The city invests in broadband infrastructure and looks for new"
                " ways to bring fair service to every area. One example is free"
                " Wi-Fi at Queensbridge Houses, the largest public housing"
                " complex in the United States."
            ),
            principles=[1],
            status="running",
            contact="Mayor's Office of the Chief Technology Officer",
        ),
    ),
    (
        NEW_YORK,
        8,
        ["privacy", "digital-literacy", "cybersecurity"],
        InitiativeData(
            title="Library Privacy Week",
            summary=(
                "More than 30 free workshops in the public libraries taught"
                " residents to protect their privacy and security online, and"
                " launched NYC Digital Safety."
            ),
            body=(
                "In 2018 the city held its first Library Privacy Week: over"
                " thirty free public workshops on safer habits with data,"
                " passwords and devices.\n\n"
                "The week launched NYC Digital Safety: Privacy & Security, which"
                " makes the public libraries the place where residents can bring"
                " their questions about privacy and security online, and"
                " encourages them to take part in civic life."
            ),
            principles=[1, 2],
            status="completed",
        ),
    ),
    (
        NEW_YORK,
        9,
        ["smart-city", "privacy"],
        InitiativeData(
            title="Guidelines for the Internet of Things",
            summary=(
                "Best practices and resources for using sensors and other smart"
                " technology responsibly in public space, signed by more than 35"
                " cities."
            ),
            body=(
                "In 2016 the Mayor's Office of the Chief Technology Officer"
                " wrote guidelines for connected devices in the city: how to"
                " protect privacy, keep data secure, be transparent and build"
                " systems that others can work with.\n\n"
                "They set an open and ethical standard for smart city projects,"
                " and more than 35 cities have signed on to them."
            ),
            principles=[5, 2],
            status="running",
            contact="Mayor's Office of the Chief Technology Officer",
        ),
    ),
]


def initiatives_load(*, mark: Callable[[models.Model], None]) -> int:
    """Publish the demo initiatives that are not there yet; return how many."""
    from digitalrights.core.models import Topic

    topic_ids = dict(Topic.objects.values_list("slug", "pk"))
    made = 0
    for geonameid, days, topics, data in INITIATIVES:
        if Initiative.objects.filter(
            city__geonameid=geonameid, title=data.title
        ).exists():
            continue
        mark(
            initiative_import(
                geonameid=geonameid,
                data=replace(data, topics=[topic_ids[slug] for slug in topics]),
                published_at=LAUNCH + timezone.timedelta(days=days),
            )
        )
        made += 1
    return made
