"""Demo entries of member cities' algorithm registers, in the project's own words.

Amsterdam and Helsinki opened the first public algorithm registers in 2020;
these entries show the kind of system such a register describes, each with
the sections of the Eurocities Algorithmic Transparency Standard. They are
examples written for the demo, not copies of the cities' registers.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.db import models

from digitalrights.register.models import AlgorithmEntry
from digitalrights.register.services import EntryData, entry_import

AMSTERDAM, BARCELONA, HELSINKI, NEW_YORK = 2759794, 3128760, 658225, 5128581
OPENED = datetime.datetime(2020, 9, 28, 10, 0, tzinfo=datetime.UTC)

# geonameid, days after the registers opened that it was published, the entry.
ENTRIES: list[tuple[int, int, EntryData]] = [
    (
        AMSTERDAM,
        0,
        EntryData(
            title="Parking permit scan car",
            summary=(
                "A car with cameras drives through the streets and reads number"
                " plates, to check whether each parked car has paid or holds a"
                " permit. Only cars that have not paid are looked at by a person."
            ),
            department="Parking Service",
            status="in_use",
            started_on=datetime.date(2016, 3, 1),
            risk="high",
            purpose=(
                "Checking parking by scan car is faster and cheaper than by"
                " wardens on foot, so more streets are checked and parking"
                " stays fair for residents with a permit.\n\n"
                "It affects everyone who parks in the city: a car that has"
                " neither paid nor a permit may be fined."
            ),
            data=(
                "The number plate, the place and the time each car was seen,"
                " and photographs of the car and its surroundings. Plates of"
                " cars that have paid are deleted at once; the rest are kept"
                " for as long as a fine may be contested."
            ),
            uses_personal_data=True,
            how_it_works=(
                "Software reads the number plate from the camera image and"
                " looks it up in the parking payment and permit records. No"
                " learning model decides anything: the rule is whether a valid"
                " payment or permit exists for that place and time.\n\n"
                "Faces and other people in the photographs are blurred."
            ),
            human_oversight=(
                "Every car without a payment is checked by a parking officer"
                " on the photographs before any fine is sent, for example for"
                " a car loading goods or a disabled person's badge."
            ),
            objection=(
                "A fine can be contested online or by letter within six weeks."
                " An officer who did not take the first decision reviews it."
            ),
            contact="Parking Service",
            more_info_url="https://algoritmeregister.amsterdam.nl/",
        ),
    ),
    (
        AMSTERDAM,
        2,
        EntryData(
            title="Prediction of benefit fraud (stopped)",
            summary=(
                "A model that scored applications for social assistance to"
                " pick some for an extra check. The city stopped it after a"
                " pilot: it could not show that the model treated everyone"
                " fairly."
            ),
            department="Work, Participation and Income",
            status="retired",
            started_on=datetime.date(2023, 4, 1),
            retired_on=datetime.date(2023, 11, 30),
            risk="high",
            purpose=(
                "The model was meant to help caseworkers choose which"
                " applications to check more closely, so that fewer people"
                " were checked without reason.\n\n"
                "It affected everyone who applied for social assistance in"
                " the pilot."
            ),
            data=(
                "Information from the application and earlier contacts with"
                " the service. Nationality and address were left out. The"
                " pilot's data were deleted when it ended, except what the"
                " evaluation needed, without names."
            ),
            uses_personal_data=True,
            how_it_works=(
                "A statistical model trained on earlier applications gave each"
                " new one a score. Tests for bias during the pilot found that"
                " some groups were still picked more often, so the city ended"
                " it and published the evaluation."
            ),
            supplier="Built by the city",
            human_oversight=(
                "A caseworker decided on every application; the score only"
                " proposed a check. An ethics committee followed the pilot."
            ),
            objection=(
                "Anyone checked during the pilot could object to the decision"
                " on their application in the usual way, by letter or online,"
                " and ask what data were used."
            ),
            contact="Work, Participation and Income",
        ),
    ),
    (
        HELSINKI,
        0,
        EntryData(
            title="Chatbot for city services",
            summary=(
                "A chatbot on the city's website answers common questions about"
                " services, such as opening hours and how to apply for a"
                " daycare place, and passes harder ones to a person."
            ),
            department="City Executive Office, digital services",
            status="in_use",
            started_on=datetime.date(2019, 10, 1),
            risk="limited",
            purpose=(
                "Residents get answers at any hour, and the service advisers"
                " have more time for questions that need a person. It decides"
                " nothing about anyone."
            ),
            data=(
                "What the resident types in the chat. Conversations are kept"
                " for three months to improve the answers, and names or"
                " numbers typed by mistake are removed."
            ),
            uses_personal_data=True,
            how_it_works=(
                "A language model recognises what the question is about and"
                " picks an answer written by the city's staff. It does not"
                " write answers of its own. Residents are told at the start"
                " that they are talking to a machine."
            ),
            supplier="A Finnish software company, chosen by public tender",
            human_oversight=(
                "The service advisers read a sample of conversations every week"
                " and correct answers that were wrong or unclear."
            ),
            objection=(
                "The chatbot decides nothing, so there is nothing to appeal."
                " Anyone can ask for a person at any moment, or give feedback"
                " through the city's feedback service."
            ),
            contact="Helsinki digital services",
            more_info_url="https://ai.hel.fi/",
        ),
    ),
    (
        HELSINKI,
        1,
        EntryData(
            title="Library book recommendations",
            summary=(
                "The library's online service suggests books that people who"
                " borrowed the same book also liked."
            ),
            department="Helsinki City Library",
            status="piloting",
            started_on=datetime.date(2024, 2, 1),
            risk="minimal",
            purpose=(
                "Readers find books they would not have found otherwise,"
                " including from smaller publishers and in other languages."
            ),
            data=(
                "Which books were borrowed together, counted for the whole"
                " library without saying who borrowed them. A reader's own"
                " history is used only if they choose to keep it."
            ),
            how_it_works=(
                "Books borrowed together often are linked; the most linked ones"
                " are suggested. Librarians can add their own suggestions and"
                " remove ones that do not fit."
            ),
            human_oversight=(
                "Librarians look at the suggestions for the most borrowed books"
                " each month."
            ),
            objection=(
                "Recommendations can be turned off in the reader's settings,"
                " and any reader can tell the library about a suggestion that"
                " seems wrong."
            ),
            contact="Helsinki City Library",
        ),
    ),
    (
        BARCELONA,
        4,
        EntryData(
            title="Priority for buses at traffic lights",
            summary=(
                "Traffic lights on the main bus routes turn green sooner for a"
                " bus that is running late, so that buses keep to their"
                " timetable."
            ),
            department="Mobility Services",
            status="in_use",
            started_on=datetime.date(2021, 6, 1),
            risk="minimal",
            purpose=(
                "Faster and more reliable buses make public transport a better"
                " choice than the car. Other traffic may wait a few seconds"
                " longer at those crossings."
            ),
            data=(
                "The position and delay of each bus, sent by the bus itself."
                " No data about people or private cars are used."
            ),
            how_it_works=(
                "Fixed rules: when a late bus comes near a crossing, the light"
                " stays green a little longer or turns green a little sooner,"
                " within limits that keep crossing safe for pedestrians."
            ),
            supplier="The city's traffic management contractor",
            human_oversight=(
                "The traffic control centre watches the crossings and can turn"
                " the priority off at any time; the rules are reviewed every"
                " year with the transport operator."
            ),
            objection=(
                "Residents can report a problem with a crossing through the"
                " city's complaints and suggestions service."
            ),
            contact="Mobility Services",
        ),
    ),
    (
        NEW_YORK,
        6,
        EntryData(
            title="Planned: ranking of building inspections",
            summary=(
                "A planned system that would rank complaints about unsafe"
                " buildings, so that inspectors visit the most urgent first."
            ),
            department="Department of Buildings",
            status="planned",
            risk="high",
            purpose=(
                "Inspectors cannot visit every building at once. The ranking"
                " would help them reach dangerous conditions sooner. It would"
                " affect tenants and building owners."
            ),
            data=(
                "Complaints to the city's service line, earlier inspections and"
                " violations of the building. Names of the people who complain"
                " would not be used."
            ),
            uses_personal_data=True,
            how_it_works=(
                "To be decided. Before any choice, the city will test whether a"
                " ranking would send inspectors less often to some"
                " neighbourhoods, and publish the test."
            ),
            human_oversight=(
                "Inspectors and their supervisors would keep deciding where to"
                " go; the ranking would only order the list."
            ),
            objection=(
                "Anyone may comment on the plan before it is used, by writing to"
                " the contact below; once in use, owners could appeal any"
                " violation as they do now."
            ),
            contact="Office of Technology and Innovation",
        ),
    ),
]


def register_load(*, mark: Callable[[models.Model], None]) -> int:
    """Publish the demo register entries that are not there yet; return how many."""
    made = 0
    for geonameid, days, data in ENTRIES:
        if AlgorithmEntry.objects.filter(
            city__geonameid=geonameid, title=data.title
        ).exists():
            continue
        mark(
            entry_import(
                geonameid=geonameid,
                data=data,
                published_at=OPENED + datetime.timedelta(days=days),
            )
        )
        made += 1
    return made
