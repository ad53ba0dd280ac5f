"""The demo indicator framework, in the project's own words.

Five indicators per principle of the declaration, answered in five maturity
levels. A starting point for the coalition's working groups, not their text.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import models

from digitalrights.monitoring.models import FrameworkVersion
from digitalrights.monitoring.services import framework_version_import

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
        return 0
    mark(
        framework_version_import(
            label=LABEL, notes=NOTES, levels=LEVELS, indicators=INDICATORS
        )
    )
    return 1
