"""The demo content, in English: facts from the coalition's sources, our words.

Translations of the same structure live in ``translations.py``. Body fields
are lists of ``(block type, value)`` pairs for a Wagtail StreamField.
"""

from datetime import date

HOME = {
    "title": "Cities for Digital Rights",
    "hero_title": "Digital rights are human rights, in every city",
    "hero_text": (
        "A coalition of cities that protect and promote the rights of "
        "residents and visitors online, working from five shared principles. "
        "Read the declaration, see what member cities are doing, and ask your "
        "own city to join."
    ),
}

DECLARATION = {
    "title": "The declaration",
    "slug": "declaration",
    "intro": (
        "<p>By signing this declaration, cities form the Cities Coalition for "
        "Digital Rights to protect and uphold human rights on the internet, "
        "locally and globally.</p>"
        "<p>The internet is part of daily life, and so are its harms: speech "
        "censored, personal data watched, shared and sold without consent, "
        "opaque algorithms making decisions no one answers for, harassment, and "
        "public debate undermined. Cities are the democratic institutions "
        "closest to people. They commit to remove the obstacles that keep "
        "residents from the benefits of technology, to offer digital services "
        "people can trust, and to build rights such as privacy, free "
        "expression and democracy into the platforms they run.</p>"
        "<p>With the support of UN-Habitat, and inspired by the Charter of "
        "Human Rights and Principles for the Internet, member cities share what "
        "works, learn from each other and act together on five principles, "
        "which will evolve as the coalition does.</p>"
    ),
}

PRINCIPLES = [
    {
        "number": 1,
        "slug": "universal-access",
        "title": "Universal and equal access to the internet, and digital literacy",
        "summary": (
            "Everyone can get online at a price they can afford, on equal terms, "
            "and has the skills to use that access and cross the digital divide."
        ),
        "body": [
            ("heading", "What this asks of a city"),
            (
                "paragraph",
                "<p>Commit to broadband for every neighbourhood, free public "
                "connections where people need them, and digital skills "
                "programmes in libraries, schools and community centres, "
                "designed with the residents who are offline today.</p>",
            ),
        ],
    },
    {
        "number": 2,
        "slug": "privacy",
        "title": "Privacy, data protection and security",
        "summary": (
            "Everyone keeps control of their personal information, online and in "
            "public space: confidentiality, security, dignity and anonymity, "
            "and the right to know who uses their data and why."
        ),
        "body": [
            ("heading", "What this asks of a city"),
            (
                "paragraph",
                "<p>Publish a data protection policy, collect only the data a "
                "service needs, secure what is kept, and give residents simple "
                "tools to see, correct and delete what the city holds about "
                "them.</p>",
            ),
        ],
    },
    {
        "number": 3,
        "slug": "transparency",
        "title": (
            "Transparency, accountability, and non-discrimination of data, "
            "content and algorithms"
        ),
        "summary": (
            "Everyone can find clear, accurate information about the "
            "technologies, algorithms and artificial intelligence that affect "
            "their lives, and can challenge and change systems that are unfair, "
            "biased or discriminatory."
        ),
        "body": [
            ("heading", "What this asks of a city"),
            (
                "paragraph",
                "<p>Keep a public register of the algorithms the city uses, "
                "explain each in plain language, audit them for bias, open the "
                "data behind city services, and give residents a way to "
                "object.</p>",
            ),
        ],
    },
    {
        "number": 4,
        "slug": "participation",
        "title": "Participatory democracy, diversity and inclusion",
        "summary": (
            "Everyone is represented online and can shape, with the city, the "
            "technologies made for them, through open and transparent "
            "participation, treating digital infrastructure and data as a "
            "common good."
        ),
        "body": [
            ("heading", "What this asks of a city"),
            (
                "paragraph",
                "<p>Offer accessible participation platforms, reach the people "
                "they miss, and measure who is online and who is not, so that "
                "decisions about technology include everyone they affect.</p>",
            ),
        ],
    },
    {
        "number": 5,
        "slug": "open-standards",
        "title": "Open and ethical digital service standards",
        "summary": (
            "Everyone can use the technology of their choice and expect "
            "interoperable, inclusive services; cities set their own digital "
            "agenda through open and ethical standards and data."
        ),
        "body": [
            ("heading", "What this asks of a city"),
            (
                "paragraph",
                "<p>Prefer open standards and open source, write ethical "
                "requirements into procurement, and keep control of the city's "
                "own infrastructure, services and data.</p>",
            ),
        ],
    },
]

ABOUT = {
    "title": "About the coalition",
    "slug": "about",
    "intro": (
        "Amsterdam, Barcelona and New York City launched the coalition in "
        "November 2018. It is now a network of more than fifty cities that help "
        "each other make policy based on digital rights."
    ),
    "body": [
        ("heading", "Why cities"),
        (
            "paragraph",
            "<p>Cities are often the democratic institutions closest to the "
            "people they serve, and they meet the consequences of digital "
            "rights violations first. They can try new policies quickly, set "
            "rules for public space, and use their purchasing power to favour "
            "technology that respects rights.</p>",
        ),
        ("heading", "How the coalition works"),
        (
            "paragraph",
            "<p>Members apply expert knowledge to shared challenges, collect "
            "local cases to inform international policy, build toolkits of "
            "policies and technologies, and run working groups on topics such "
            "as artificial intelligence in public services, data sharing and "
            "digital inclusion.</p>",
        ),
        ("heading", "What we aim for"),
        (
            "paragraph",
            "<ul><li>Better policies, laws and strategies for open and ethical "
            "digital services, in cities and worldwide.</li>"
            "<li>Affordable, accessible internet for all, with the skills to "
            "use it.</li>"
            "<li>More control for people over their personal information.</li>"
            "<li>Understanding of the algorithms that affect people, and the "
            "power to challenge unfair ones.</li>"
            "<li>Open, participatory ways for residents to shape the technology "
            "designed for them.</li></ul>",
        ),
        ("heading", "Join us"),
        (
            "paragraph",
            "<p>Cities that want to sign the declaration start with the "
            "checklist of digital rights actions, then apply. Organisations "
            "that promote digital rights are welcome to work with the "
            "coalition.</p>",
        ),
    ],
}

WORKING_GROUPS = {
    "title": "Working groups",
    "slug": "working-groups",
    "intro": (
        "<p>Member cities work together in groups on the topics that matter most "
        "to them, and report on progress principle by principle.</p>"
    ),
    # The missions of 2023–2033, each led by two cities; a city the demo does
    # not load as a member is left out of the group's cities.
    "groups": [
        {
            "slug": "transparency-and-participation",
            "title": "Transparency and participation",
            "summary": (
                "Amsterdam and Barcelona lead the cities that open up how "
                "decisions are made, from algorithm registers to platforms where "
                "residents propose and vote."
            ),
            "principle": 3,
            "topic": "participation",
            "cities": [2759794, 3128760],
            "outputs": ["Tada – clarity about data"],
            "meetings": [
                {
                    "title": "Working session",
                    "days": -40,
                    "start": (10, 0),
                    "end": (16, 0),
                    "time_zone": "Europe/Amsterdam",
                    "place": "Amsterdam City Hall",
                    "online_url": "https://meet.example.org/transparency",
                    "details": "A day to compare approaches and agree the next steps.",
                },
                {
                    "title": "Online call",
                    "days": 21,
                    "start": (15, 0),
                    "end": (16, 30),
                    "time_zone": "Europe/Amsterdam",
                    "online_url": "https://meet.example.org/transparency",
                },
            ],
        },
        {
            "slug": "proactive-public-services",
            "title": "Proactive public services",
            "summary": (
                "Helsinki and Porto lead the work on services that reach residents "
                "before they have to ask, using only the data the city may share."
            ),
            "principle": None,
            "topic": "data-sharing",
            "cities": [658225, 2735943],
            "meetings": [
                {
                    "title": "Online call",
                    "days": 9,
                    "start": (11, 0),
                    "end": (12, 0),
                    "time_zone": "Europe/Helsinki",
                    "online_url": "https://meet.example.org/proactive-services",
                },
            ],
        },
        {
            "slug": "ethical-technology-and-ai",
            "title": "Ethical technology and artificial intelligence",
            "summary": (
                "New York City and Toronto lead the cities that check the "
                "algorithms and artificial intelligence they use for bias, and "
                "explain them to residents."
            ),
            "principle": 3,
            "topic": "ai",
            "cities": [5128581, 6167865],
            "outputs": ["Ethical Digital Standards: a policy toolkit for cities"],
            "meetings": [
                {
                    "title": "Online call",
                    "days": -20,
                    "start": (10, 0),
                    "end": (11, 30),
                    "time_zone": "America/New_York",
                    "online_url": "https://meet.example.org/ethical-ai",
                },
                {
                    "title": "Working session",
                    "days": 45,
                    "start": (9, 0),
                    "end": (17, 0),
                    "time_zone": "America/Toronto",
                    "place": "Toronto City Hall",
                    "details": "A day to compare approaches and agree the next steps.",
                },
            ],
        },
        {
            "slug": "digital-inclusion",
            "title": "Digital inclusion",
            "summary": (
                "London and Portland lead the work on connections, devices and "
                "skills for the residents who are still offline."
            ),
            "principle": 1,
            "topic": "digital-inclusion",
            "cities": [2643743, 5746545],
            "outputs": ["Cities Open Internet Pledge"],
            "meetings": [
                {
                    "title": "Online call",
                    "days": 14,
                    "start": (16, 0),
                    "end": (17, 0),
                    "time_zone": "Europe/London",
                    "online_url": "https://meet.example.org/digital-inclusion",
                },
            ],
        },
        {
            "slug": "empowering-residents",
            "title": "Empowering residents",
            "summary": (
                "Vienna and Dublin lead the cities that give residents the skills "
                "and the tools to take part in their digital city."
            ),
            "principle": 4,
            "topic": "digital-literacy",
            "cities": [2761369, 2964574],
            "meetings": [
                {
                    "title": "Working session",
                    "days": 30,
                    "start": (9, 30),
                    "end": (15, 0),
                    "time_zone": "Europe/Vienna",
                    "place": "Vienna City Hall",
                    "online_url": "https://meet.example.org/empowering-residents",
                    "details": "A day to compare approaches and agree the next steps.",
                },
            ],
        },
        {
            "slug": "global-agenda",
            "title": "The global agenda",
            "summary": (
                "Bordeaux and Maceió lead the cities that carry the coalition's "
                "experience to international bodies and other city networks."
            ),
            "principle": 5,
            "topic": None,
            "cities": [3031582, 3395981],
            "meetings": [
                {
                    "title": "Online call",
                    "days": -7,
                    "start": (13, 0),
                    "end": (14, 30),
                    "time_zone": "Europe/Paris",
                    "online_url": "https://meet.example.org/global-agenda",
                },
            ],
        },
    ],
    "body": (
        "<p>One of the coalition's missions for 2023 to 2033, each led by two "
        "member cities.</p>"
    ),
}

PRIVACY = {
    "title": "Privacy",
    "slug": "privacy",
    "intro": (
        "This site practises the principles it promotes: it collects as little "
        "as it can, and tells you exactly what and why."
    ),
    "body": [
        ("heading", "What we keep"),
        (
            "paragraph",
            "<p>Reading the site needs no account and sets no cookie. We load "
            "nothing from other websites: no trackers, no analytics, no "
            "third-party fonts or scripts. Staff who edit the site have an "
            "account; a session cookie keeps them signed in and is deleted "
            "when they sign out or after two weeks.</p>",
        ),
        ("heading", "Your rights"),
        (
            "paragraph",
            "<p>You can ask for a copy of any personal data we hold about you, "
            "or for its erasure. Features that need your data say why beside "
            "each field, keep it only as long as stated, and let you export or "
            "erase it yourself.</p>",
        ),
    ],
}

PARTNERS = {
    "title": "Partners",
    "slug": "partners",
    "intro": (
        "The coalition works with international organisations, city networks "
        "and civil society groups that share its aims."
    ),
    "partners": [
        {
            "name": "UN-Habitat",
            "kind": "un",
            "website": "https://unhabitat.org/",
            "description": (
                "The United Nations Human Settlements Programme supported the "
                "coalition from its launch and, with it, developed a digital "
                "rights governance framework for cities."
            ),
        },
        {
            "name": "UN Human Rights Office (OHCHR)",
            "kind": "un",
            "website": "https://www.ohchr.org/",
            "description": (
                "The Office of the High Commissioner for Human Rights partners "
                "with the coalition to ground city policies in human rights."
            ),
        },
        {
            "name": "United Cities and Local Governments (UCLG)",
            "kind": "network",
            "website": "https://uclg.org/",
            "description": (
                "The world organisation of local and regional governments, "
                "a founding partner of the campaign to grow the coalition."
            ),
        },
        {
            "name": "Eurocities",
            "kind": "network",
            "website": "https://eurocities.eu/",
            "description": (
                "The network of large European cities, which furthers "
                "residents' digital rights among its members."
            ),
        },
        {
            "name": "Open & Agile Smart Cities (OASC)",
            "kind": "network",
            "website": "https://oascities.org/",
            "description": (
                "A network of cities that promotes open standards and "
                "encourages its members to endorse the declaration."
            ),
        },
        {
            "name": "Internet Rights and Principles Coalition",
            "kind": "civil",
            "website": "https://internetrightsandprinciples.org/",
            "description": (
                "The coalition at the UN Internet Governance Forum whose "
                "Charter of Human Rights and Principles for the Internet "
                "inspired the declaration."
            ),
        },
        {
            "name": "Mozilla Foundation",
            "kind": "civil",
            "website": "https://foundation.mozilla.org/",
            "description": (
                "A non-profit working for an open and accessible internet, "
                "which supported the coalition's first campaign."
            ),
        },
    ],
}

NEWS_INDEX = {
    "title": "News",
    "slug": "news",
    "intro": "What the coalition and its member cities are doing.",
}

NEWS = [
    {
        "slug": "coalition-launched",
        "date": date(2018, 11, 14),
        "title": "Amsterdam, Barcelona and New York launch the coalition",
        "intro": (
            "Three cities join forces to protect residents' and visitors' "
            "digital rights, around five shared principles."
        ),
        "body": [
            (
                "paragraph",
                "<p>The founding cities commit to share practical examples of "
                "their work, learn from each other and create common action "
                "programmes, with the support of UN-Habitat. It is the first "
                "time that cities have joined to protect digital rights at a "
                "global level.</p>",
            ),
        ],
    },
    {
        "slug": "100-cities-in-100-days",
        "date": date(2019, 3, 28),
        "title": "A campaign for 100 cities in 100 days",
        "intro": (
            "UN-Habitat, OHCHR, UCLG and Eurocities join the founding cities to "
            "invite 100 more cities to sign the declaration."
        ),
        "body": [
            (
                "paragraph",
                "<p>The campaign starts with a first wave of cities on four "
                "continents, among them Athens, Chicago, Helsinki, London, Lyon, "
                "Milan, Tirana and Vienna. Six in ten people in the world are "
                "still not connected to the internet: the campaign asks cities "
                "to act for access as well as for rights online.</p>",
            ),
        ],
    },
    {
        "slug": "toronto-joins",
        "date": date(2019, 10, 17),
        "title": "Toronto joins after a council decision",
        "intro": (
            "Toronto's council voted to join in June 2019; the city signed the "
            "declaration in October."
        ),
        "body": [
            (
                "paragraph",
                "<p>Joining the coalition takes a clear political commitment, "
                "such as a council motion, and evidence of the policies and "
                "projects a city already runs. Toronto's path shows how.</p>",
            ),
        ],
    },
]

CAMPAIGNS_INDEX = {
    "title": "Campaigns",
    "slug": "campaigns",
    "intro": (
        "Drives that bring more cities into the coalition, each with a target "
        "and a deadline. Progress counts the cities that joined in time."
    ),
}

# 28 March 2019 and the 99 days after it. The first wave of members joined on
# the day the campaign started, so it shows their progress.
CAMPAIGN = {
    "title": "100 cities in 100 days",
    "slug": "100-cities-in-100-days",
    "target": 100,
    "starts_on": date(2019, 3, 28),
    "ends_on": date(2019, 7, 5),
    "intro": (
        "The coalition's first campaign: from March 2019, it asked 100 more "
        "cities to sign the declaration within 100 days."
    ),
    "body": [
        (
            "paragraph",
            "<p>UN-Habitat, the UN Human Rights Office, United Cities and Local "
            "Governments and Eurocities launched the campaign on 28 March 2019 "
            "with the three founding cities, Amsterdam, Barcelona and New York "
            "City.</p>",
        ),
        (
            "paragraph",
            "<p>A first wave of cities signed the declaration as it began. The "
            "campaign linked rights online with access itself: at the time, six "
            "in ten people in the world were not connected to the internet.</p>",
        ),
    ],
}

FOUNDED = date(2018, 11, 14)
FIRST_WAVE = date(2019, 3, 28)

# (GeoNames id, date joined, founder, display name, intro)
MEMBERS = [
    (
        2759794,
        FOUNDED,
        True,
        "",
        "A founding city. Amsterdam keeps a public register of the algorithms it "
        "uses and builds privacy into its digital services.",
    ),
    (
        3128760,
        FOUNDED,
        True,
        "",
        "A founding city. Barcelona runs an open-source participation platform "
        "and writes ethical standards into its technology contracts.",
    ),
    (
        5128581,
        FOUNDED,
        True,
        "",
        "A founding city. New York City works for universal broadband, audits "
        "the algorithms its agencies use and publishes guidelines for the "
        "Internet of Things.",
    ),
    (264371, FIRST_WAVE, False, "", ""),
    (4671654, FIRST_WAVE, False, "", ""),
    (2950159, FIRST_WAVE, False, "", ""),
    (3060972, FIRST_WAVE, False, "", ""),
    (4459467, FIRST_WAVE, False, "", ""),
    (4887398, FIRST_WAVE, False, "", ""),
    (681290, FIRST_WAVE, False, "", ""),
    (3014728, FIRST_WAVE, False, "", ""),
    (4005539, FIRST_WAVE, False, "", ""),
    (658225, FIRST_WAVE, False, "", ""),
    (4393217, FIRST_WAVE, False, "", ""),
    (2643743, FIRST_WAVE, False, "", ""),
    (5368361, FIRST_WAVE, False, "", ""),
    (2996944, FIRST_WAVE, False, "", ""),
    (3173435, FIRST_WAVE, False, "", ""),
    (524901, FIRST_WAVE, False, "", ""),
    (4560349, FIRST_WAVE, False, "", ""),
    (5746545, FIRST_WAVE, False, "", ""),
    (5392171, FIRST_WAVE, False, "", ""),
    (3183875, FIRST_WAVE, False, "", ""),
    (3165524, FIRST_WAVE, False, "", ""),
    (2761369, FIRST_WAVE, False, "", ""),
    (3104324, FIRST_WAVE, False, "", ""),
    (3031582, date(2019, 7, 18), False, "Bordeaux Métropole", ""),
    (
        6167865,
        date(2019, 10, 17),
        False,
        "",
        "Toronto's council voted to join in June 2019 and the city signed the "
        "declaration in October.",
    ),
]


# The checklist of digital rights actions a city reviews before it applies
# (membership.ChecklistPage), by principle number.
CHECKLIST = {
    "slug": "checklist",
    "title": "Checklist of digital rights actions",
    "intro": (
        "Before a city applies to join, it reviews where it stands on these "
        "actions. No city needs all of them in place: the application asks, for "
        "each one, whether it is in place, planned or not yet, with evidence."
    ),
    "actions": [
        (
            1,
            "A commitment to broadband for every household",
            "Nobody can use their rights online without a fast, affordable "
            "connection at home.",
            "A published plan or council decision with a date, and a map of who "
            "is not yet connected.",
        ),
        (
            1,
            "Digital skills courses open to every resident",
            "Access without skills leaves people out: older residents, newcomers "
            "and people on low incomes first.",
            "Free courses in libraries or community centres, in the languages "
            "residents speak.",
        ),
        (
            1,
            "Public campaigns on rights online",
            "Residents defend rights they know they have.",
            "A campaign, a week of events or a guide published in the last two years.",
        ),
        (
            2,
            "A published data protection policy",
            "Residents should be able to read what the city does with their data "
            "and why.",
            "The policy's address, and who in the city answers for it.",
        ),
        (
            2,
            "A data protection office with the power to act",
            "Rules need someone who can stop a project that breaks them.",
            "The office's mandate, and a case where it changed a project.",
        ),
        (
            2,
            "Tools that help residents protect themselves",
            "Privacy is also a matter of everyday practice: passwords, devices, "
            "messaging.",
            "Workshops, guides or a help desk, and how many people used them.",
        ),
        (
            3,
            "A public register of the algorithms the city uses",
            "People affected by an automated decision have a right to know it "
            "exists and how it works.",
            "The register's address, with at least the systems that decide on "
            "benefits, permits or policing.",
        ),
        (
            3,
            "An open data portal",
            "Data the city holds on behalf of residents should come back to them.",
            "The portal's address, its licence and how often it is updated.",
        ),
        (
            3,
            "A way to question an automated decision",
            "Transparency means little without a person who answers and can correct.",
            "Where a resident objects, and how long the city takes to reply.",
        ),
        (
            4,
            "An online platform for residents' proposals and votes",
            "Digital tools can widen who takes part in decisions, not only who "
            "watches.",
            "The platform, its source licence, and a decision it shaped.",
        ),
        (
            4,
            "A survey of who is online and who is not",
            "A city cannot include people it does not count.",
            "A survey or study from the last three years, broken down by age, "
            "income and neighbourhood.",
        ),
        (
            4,
            "Accessible digital services",
            "Services that a screen reader cannot use shut residents out.",
            "An accessibility statement and the standard the services meet (for "
            "example WCAG 2.2 AA).",
        ),
        (
            5,
            "Ethical standards written into technology contracts",
            "What the city buys decides what its residents live with.",
            "Procurement clauses on data ownership, privacy and open standards.",
        ),
        (
            5,
            "Open source and open standards by default",
            "Public money should build public code that other cities can reuse.",
            "A policy, and the code the city has published.",
        ),
        (
            5,
            "Security reviews before a service goes live",
            "A service that leaks data breaks every promise made about it.",
            "Who reviews, what they check, and how incidents are reported.",
        ),
    ],
}
