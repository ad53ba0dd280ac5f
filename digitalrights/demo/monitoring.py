"""The demo indicator framework, in the project's own words.

Five indicators per principle of the declaration, answered in five maturity
levels. A starting point for the coalition's working groups, not their text.
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Permission
from django.db import models, transaction
from django.utils import timezone

from digitalrights.cities.models import City
from digitalrights.membership.models import Representation, RepresentationStatus
from digitalrights.monitoring.models import (
    AssessmentEvent,
    Cycle,
    CycleState,
    FrameworkVersion,
    Reviewer,
)
from digitalrights.monitoring.selectors import evidence_initiatives
from digitalrights.monitoring.services import (
    answer_save,
    assessment_publish,
    assessment_start,
    assessment_submit,
    cycle_open,
    cycle_update,
    framework_version_copy,
    framework_version_import,
    review_accept,
)
from digitalrights.workinggroups.models import WorkingGroupPage

from .initiatives import AMSTERDAM, BARCELONA

LABEL = "Demo 1.0"
NOTES = (
    "A first framework to try the yearly self-assessment with: five questions"
    " per principle, each answered in one of five levels."
)

# value, name, definition, needs evidence
LEVELS = [
    (0, "None", "Nothing has been done or decided on this yet.", False),
    (
        1,
        "Planned",
        "The city has decided to act: a plan, budget or council decision"
        " exists, but the work has not started.",
        False,
    ),
    (
        2,
        "Started",
        "The work has started and some residents already see its effects, but"
        " it does not yet cover everyone it should.",
        False,
    ),
    (
        3,
        "In place",
        "It is done and running for everyone it should reach, with someone"
        " responsible for keeping it so.",
        True,
    ),
    (
        4,
        "In place and independently evaluated",
        "It is in place, and an independent body (an auditor, a university, a"
        " civil-society organisation) has evaluated it and published its"
        " findings.",
        True,
    ),
]

# principle, code, question, guidance
INDICATORS = [
    (
        1,
        "1.1",
        "Does the city know who cannot get online, and why?",
        "Count a survey or study of connection and skills gaps, broken down by"
        " neighbourhood or group, repeated so that progress shows.",
    ),
    (
        1,
        "1.2",
        "Does the city offer free or affordable internet access where people"
        " are left out?",
        "Public Wi-Fi, connected social housing, access in libraries and"
        " community centres. Say who it reaches.",
    ),
    (
        1,
        "1.3",
        "Does the city teach digital skills to the residents who need them most?",
        "Courses or help desks for older people, newcomers and people on low"
        " incomes, free of charge and in the languages they speak.",
    ),
    (
        1,
        "1.4",
        "Can every resident use the city's online services, including people"
        " with disabilities?",
        "An accessibility standard (such as WCAG 2.2 AA) for the city's sites"
        " and apps, tested with disabled users, with a statement of what still"
        " falls short.",
    ),
    (
        1,
        "1.5",
        "Can residents still reach every city service without going online?",
        "By phone, in person or on paper, with the same rights and the same"
        " speed as online.",
    ),
    (
        2,
        "2.1",
        "Does the city publish what personal data it keeps, why, and for how long?",
        "A public register of the city's processing of personal data, in plain"
        " words, kept up to date.",
    ),
    (
        2,
        "2.2",
        "Are new systems that handle personal data assessed before they go live?",
        "Data protection impact assessments, published or summarised for the"
        " public, for every new system that handles personal data.",
    ),
    (
        2,
        "2.3",
        "Does the city collect only the data a service needs, and delete it"
        " when the purpose ends?",
        "Retention periods per kind of data, deletion that actually happens,"
        " and a check that it does.",
    ),
    (
        2,
        "2.4",
        "Does the city protect its systems with a security programme that is tested?",
        "Regular independent security tests, a named person in charge, and a"
        " public way to report a vulnerability.",
    ),
    (
        2,
        "2.5",
        "Can residents see, correct and delete the data the city holds about them?",
        "A simple way to ask, online and offline, with answers within the time"
        " the law sets.",
    ),
    (
        3,
        "3.1",
        "Does the city publish a register of the algorithms it uses in"
        " decisions about people?",
        "What each system does, who is responsible, what data it uses and how"
        " people can ask about it.",
    ),
    (
        3,
        "3.2",
        "Are the city's algorithms checked for discrimination, and are the"
        " results published?",
        "Audits before a system is used and while it runs, covering the groups"
        " it could treat unfairly.",
    ),
    (
        3,
        "3.3",
        "Can a resident learn how a decision about them was made, and have a"
        " person look at it again?",
        "An explanation in plain words on request, and a way to object that"
        " reaches a person with the power to change the decision.",
    ),
    (
        3,
        "3.4",
        "Does the city publish its data openly by default?",
        "An open data portal with an open licence, and a rule that data is"
        " published unless there is a reason not to.",
    ),
    (
        3,
        "3.5",
        "Do the city's contracts require suppliers to explain their systems"
        " and hand over the data?",
        "Procurement clauses on transparency, access to data and to the logic"
        " of algorithms, and what happens when the contract ends.",
    ),
    (
        4,
        "4.1",
        "Do residents take part in deciding how the city uses technology?",
        "Citizen panels, consultations or assemblies on digital policy, with"
        " their advice on the record.",
    ),
    (
        4,
        "4.2",
        "Does the city run participation platforms that are open source and"
        " respect participants' privacy?",
        "Platforms for proposals, budgets or consultations whose code is open"
        " and which collect no more data than they need.",
    ),
    (
        4,
        "4.3",
        "Does the city report back on what it did with what residents said?",
        "For each consultation: what was heard, what was decided, and why.",
    ),
    (
        4,
        "4.4",
        "Are people at risk of exclusion involved in designing digital services?",
        "Co-design and user research with disabled people, older people,"
        " newcomers and others the service might leave out.",
    ),
    (
        4,
        "4.5",
        "Does the city support community technology initiatives?",
        "Funding, space or data for civic-tech groups, community networks and"
        " local digital rights organisations.",
    ),
    (
        5,
        "5.1",
        "Has the city adopted a standard that every digital service must meet?",
        "A public standard covering open standards, accessibility, privacy by"
        " design and security, applied to new services and to purchases.",
    ),
    (
        5,
        "5.2",
        "Does the city prefer open-source software and publish the code it pays for?",
        "A policy that says so, and code published under an open licence in a"
        " public repository.",
    ),
    (
        5,
        "5.3",
        "Can the city's data and systems move between suppliers?",
        "Open standards and formats, exit plans in contracts, no lock-in to"
        " one supplier.",
    ),
    (
        5,
        "5.4",
        "Does the city review new technology for its ethical effects before using it?",
        "An ethics review or committee for projects such as artificial"
        " intelligence or sensors in public space, with its advice published.",
    ),
    (
        5,
        "5.5",
        "Does the city share its digital rights policies and tools with other cities?",
        "Contributions to the coalition's toolkit, shared procurement"
        " clauses, code or guidance other cities can reuse.",
    ),
]


def monitoring_load(*, mark: Callable[[models.Model], None]) -> int:
    """Load the demo framework version unless it is there; return how many."""
    if FrameworkVersion.objects.filter(label=LABEL).exists():
        loaded = 0
    else:
        mark(
            framework_version_import(
                label=LABEL, notes=NOTES, levels=LEVELS, indicators=INDICATORS
            )
        )
        loaded = 1
    return loaded + past_cycle_load(mark=mark)


# A past cycle ------------------------------------------------------------------------

PAST_YEAR = 2026
PAST_LABEL = "Demo 2026"
PAST_NOTES = (
    "The demo framework as the 2026 demo cycle used it, so that the public"
    " progress pages have something to show. “Demo 1.0” stays editable."
)
# The cities whose demo assessments are published, with a step through the
# levels so that the two differ: level of the n-th indicator = (a·n + b) mod 5.
PAST_CITIES = [(AMSTERDAM, 2, 1), (BARCELONA, 3, 2)]
REASONS = {
    0: "Nothing has been decided on this yet.",
    1: "A plan is agreed and budgeted, but the work has not started.",
    2: "The work has started in some neighbourhoods and services, not yet all.",
    3: "It is in place across the city, with a team responsible for it; the"
    " initiative given as evidence describes it.",
    4: "It is in place, and an independent body evaluated it and published its"
    " findings; the initiative given as evidence describes it.",
}


def _demo_person(username: str) -> AbstractBaseUser:
    """Return a demo account nobody can sign in to (no usable password)."""
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@demo.invalid", password=None
    )
    return user


@transaction.atomic
def past_cycle_load(*, mark: Callable[[models.Model], None]) -> int:
    """Open, answer, review, publish and close a demo cycle; return 1 if made.

    Everything goes through the monitoring services, as the people would:
    the secretariat opens the cycle in a copy of the demo framework, each
    city's (demo) official answers and submits, the secretariat reviews every
    principle and publishes, then closes the cycle and dates it in the past.
    The answers say that they are made up for the demo.

    Demo people have no inbox, and nobody real must hear of demo work: the
    history is marked told in the same transaction, so the emails' tasks the
    services enqueue on commit, and the resend job, find nothing to send.
    """
    if Cycle.objects.filter(year=PAST_YEAR).exists():
        return 0
    source = FrameworkVersion.objects.filter(label=LABEL).first()
    cities = list(City.objects.filter(geonameid__in=[c[0] for c in PAST_CITIES]))
    if source is None or len(cities) != len(PAST_CITIES):
        return 0
    secretariat = _demo_person("demo-monitoring-secretariat")
    secretariat.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="monitoring",
            codename__in=[
                "add_frameworkversion",
                "add_cycle",
                "change_cycle",
                "change_assessment",
            ],
        )
    )
    secretariat = get_user_model().objects.get(pk=secretariat.pk)  # fresh perms
    # Reviewer for the demo only: the rows go once the demo is published.
    reviewing = [
        Reviewer.objects.create(user=secretariat, working_group=group)
        for group in WorkingGroupPage.objects.live().filter(principle__isnull=False)
    ]
    version = framework_version_copy(
        by=secretariat,
        framework_version_id=source.pk,
        label=PAST_LABEL,
        notes=PAST_NOTES,
    )
    now = timezone.now()
    cycle = cycle_open(
        by=secretariat,
        year=PAST_YEAR,
        framework_version_id=version.pk,
        opens_at=now - datetime.timedelta(hours=1),
        deadline=now + datetime.timedelta(hours=1),
    )
    indicators = list(version.indicators.order_by("principle_id", "sort_order"))
    officials, assessments = [], []
    by_geonameid = {city.geonameid: city for city in cities}
    for geonameid, step, offset in PAST_CITIES:
        city = by_geonameid[geonameid]
        official = _demo_person(f"demo-monitoring-official-{geonameid}")
        Representation.objects.create(
            user=official,
            city=city,
            role="Demo official",
            status=RepresentationStatus.CONFIRMED,
            decided_at=now,
        )
        # A second factor nobody holds: the account has no password either.
        Authenticator.objects.create(
            user=official,
            type=Authenticator.Type.TOTP,
            data={"secret": secrets.token_hex(20)},
        )
        officials.append(official)
        assessment = assessment_start(
            user=official, geonameid=geonameid, cycle_id=cycle.pk
        )
        evidence = list(evidence_initiatives(city).values_list("pk", flat=True)[:1])
        for n, indicator in enumerate(indicators):
            level = (step * n + offset) % 5
            if level >= 3 and not evidence:
                level = 2
            answer_save(
                user=official,
                assessment_id=assessment.pk,
                indicator_id=indicator.pk,
                level=level,
                justification=(
                    f"Demo answer, made up to show the platform: not {city.name}'s"
                    f" own assessment. {REASONS[level]}"
                ),
                initiative_ids=evidence if level >= 3 else [],
            )
        assessment_submit(user=official, assessment_id=assessment.pk)
        for principle in sorted({i.principle_id for i in indicators}):
            review_accept(
                user=secretariat, assessment_id=assessment.pk, principle=principle
            )
        assessments.append(
            assessment_publish(by=secretariat, assessment_id=assessment.pk)
        )
    AssessmentEvent.objects.filter(
        assessment__in=assessments, notified_at__isnull=True
    ).update(notified_at=timezone.now())
    Reviewer.objects.filter(pk__in=[r.pk for r in reviewing]).delete()
    cycle_update(
        by=secretariat,
        cycle_id=cycle.pk,
        opens_at=datetime.datetime(PAST_YEAR, 3, 1, 9, tzinfo=datetime.UTC),
        deadline=datetime.datetime(PAST_YEAR, 6, 30, 22, tzinfo=datetime.UTC),
        state=CycleState.CLOSED,
    )
    # Recorded so that demo_remove deletes what depends on a row before it.
    for row in [*assessments, cycle, version, *officials, secretariat]:
        mark(row)
    return 1
