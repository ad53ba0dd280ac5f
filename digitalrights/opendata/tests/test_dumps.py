"""Bulk data: a valid Frictionless package of what the API answers, no person."""

import csv
import io
import json
import re
from collections import Counter
from datetime import date

import pytest
from django.core.management import call_command
from django.utils.http import http_date

from digitalrights.campaigns.models import CampaignPage
from digitalrights.cities.models import Member
from digitalrights.cities.selectors import member_count
from digitalrights.core import scheduler
from digitalrights.endorsements.selectors import endorsement_counts
from digitalrights.endorsements.tests.factories import endorse
from digitalrights.initiatives.tests.factories import InitiativeFactory, member_city
from digitalrights.opendata import dumps, tasks
from digitalrights.opendata.tests.test_api_initiatives import rich

pytestmark = pytest.mark.django_db

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
SIGNATORY = "Femke Halsema, Mayor"
RESIDENT = "Grace Hopper"


@pytest.fixture
def dump_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return tmp_path / "opendata"


def people():
    """Add what names or reaches a person: a signatory, a contact, residents."""
    amsterdam = Member.objects.get(city__geonameid=2759794)
    amsterdam.signatory = SIGNATORY
    amsterdam.save(update_fields=["signatory"])
    initiative = rich(contact="Jane Citizen, Digital Office")
    for number in range(3):
        endorse(
            amsterdam.city,
            email=f"resident{number}@example.org",
            name=RESIDENT,
            confirm=True,
        )
    return initiative


def read_csv(directory, name) -> list[dict]:
    with (directory / f"{name}.csv").open(encoding="utf-8", newline="") as opened:
        return list(csv.DictReader(opened))


def api_all(client, path: str, **query) -> list[dict]:
    """Read every object of an API collection, page after page."""
    body = client.get(path, {"limit": 1000, **query}).json()
    if "items" in body:
        return body["items"]
    found = body["results"]
    while body["next"]:
        body = client.get(body["next"]).json()
        found += body["results"]
    return found


def test_the_package_is_valid_and_holds_what_the_api_answers(client, dump_dir):
    from frictionless import Package

    initiative = people()
    written = dumps.dump_write()

    report = Package(str(dump_dir / dumps.PACKAGE)).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert report.stats["errors"] == 0
    assert written["initiatives.csv"].rows >= 1
    resources = Package(str(dump_dir / dumps.PACKAGE)).resources
    assert [resource.name for resource in resources] == [
        dataset.name for dataset in dumps.DATASETS
    ]

    # The JSON files are the API's objects, all of them, less the personal fields.
    queries = {"members": {"status": "all"}, "initiatives": {"page_size": 100}}
    for dataset in dumps.DATASETS:
        if not dataset.whole_objects:
            continue
        dumped = json.loads((dump_dir / f"{dataset.name}.json").read_text())
        answered = api_all(client, dataset.api_path, **queries.get(dataset.name, {}))
        for answer in answered:
            for name in dataset.personal:
                del answer[name]
        assert dumped == answered, dataset.name
        assert len(read_csv(dump_dir, dataset.name)) == len(dumped)
    assert initiative.pk in {
        row["id"] for row in json.loads((dump_dir / "initiatives.json").read_text())
    }


def test_no_file_holds_an_email_address_or_a_name_of_a_person(client, dump_dir):
    initiative = people()
    # The API shows them, one at a time, as the public pages do.
    assert client.get(f"/api/v1/initiatives/{initiative.pk}").json()["contact_email"]
    dumps.dump_write()

    for path in dump_dir.iterdir():
        text = path.read_text(encoding="utf-8")
        assert not EMAIL.search(text), (path.name, EMAIL.search(text))
        for name in (SIGNATORY, "Femke", "Jane Citizen", RESIDENT):
            assert name not in text, (path.name, name)
    header = read_csv(dump_dir, "initiatives")[0].keys()
    assert "contact" not in header and "contact_email" not in header
    assert "signatory" not in read_csv(dump_dir, "members")[0]


def test_drafts_and_unpublished_initiatives_never_appear(dump_dir):
    draft = InitiativeFactory(city=member_city(), title="A draft nobody may see")
    dumps.dump_write()
    text = (dump_dir / "initiatives.csv").read_text()
    assert "A draft nobody may see" not in text
    assert str(draft.pk) not in {row["id"] for row in read_csv(dump_dir, "initiatives")}


def test_published_counts_can_be_recomputed_from_the_csv(client, dump_dir):
    people()
    endorse(Member.objects.get(city__geonameid=3128760).city, confirm=True)
    dumps.dump_write()

    # Endorsements per city: the CSV, the site's own figures and the API agree.
    counted = {
        int(row["geonameid"]): int(row["verified"])
        for row in read_csv(dump_dir, "endorsement-counts")
    }
    assert counted[2759794] == 3
    assert counted == {
        row["geonameid"]: row["confirmed_endorsements"] for row in endorsement_counts()
    }
    assert counted == {
        row["geonameid"]: row["verified"]
        for row in api_all(client, "/api/v1/endorsement-counts/")
    }

    # Member cities: as many active rows as the site counts.
    members = read_csv(dump_dir, "members")
    statuses = Counter(row["status"] for row in members)
    assert statuses["active"] == member_count() > 0

    # A campaign's progress: the members that joined within its dates.
    campaigns = read_csv(dump_dir, "campaigns")
    assert campaigns
    for campaign in campaigns:
        starts = date.fromisoformat(campaign["starts_on"])
        ends = date.fromisoformat(campaign["ends_on"])
        joined = [
            int(row["geonameid"])
            for row in members
            if starts <= date.fromisoformat(row["joined_on"]) <= ends
        ]
        assert sorted(json.loads(campaign["cities"])) == sorted(joined)
        assert int(campaign["joined"]) == len(joined)
        left = sum(
            row["status"] == "former"
            for row in members
            if int(row["geonameid"]) in joined
        )
        assert int(campaign["left_since"]) == left
        page = CampaignPage.objects.get(
            slug=campaign["slug"], locale__language_code="en"
        )
        assert page.target == int(campaign["target"])


def test_the_files_are_served_at_stable_addresses(client, dump_dir):
    missing = client.get("/data/dumps/datapackage.json")
    assert missing.status_code == 404
    dumps.dump_write()

    response = client.get("/data/dumps/initiatives.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "public" in response["Cache-Control"]
    body = b"".join(response.streaming_content).decode()
    assert body == (dump_dir / "initiatives.csv").read_text()
    package = client.get("/data/dumps/datapackage.json")
    assert package["Content-Type"] == "application/json"
    assert json.loads(b"".join(package.streaming_content))["licenses"][0]["name"] == (
        "CC-BY-4.0"
    )
    again = client.get(
        "/data/dumps/initiatives.csv",
        HTTP_IF_MODIFIED_SINCE=http_date(
            (dump_dir / "initiatives.csv").stat().st_mtime
        ),
    )
    assert again.status_code == 304


@pytest.mark.parametrize(
    "name",
    [
        "secret_key",
        "..%2Fsecret_key",
        "%2E%2E%2Fdb.sqlite3",
        ".initiatives.csv.new",
        "initiatives.xlsx",
        "</script>.csv",
        "initiatives.csv%00",
    ],
)
def test_no_other_file_can_be_read(client, dump_dir, name):
    dumps.dump_write()
    (dump_dir / "secret_key").write_text("not for you")
    # A name without an extension is sent to the pages, which have none.
    response = client.get(f"/data/dumps/{name}", follow=True)
    assert response.status_code == 404
    assert b"not for you" not in response.content


def test_the_command_and_the_nightly_task_write_the_files(dump_dir, tmp_path):
    out = io.StringIO()
    call_command("opendata_dump", stdout=out)
    assert "initiatives.csv:" in out.getvalue()
    assert set(dumps.dump_files()) <= {path.name for path in dump_dir.iterdir()}
    elsewhere = tmp_path / "elsewhere"
    call_command("opendata_dump", directory=elsewhere, stdout=io.StringIO())
    assert (elsewhere / dumps.PACKAGE).exists()

    assert any(
        job.task is tasks.write_dumps and job.every_seconds == scheduler.DAY
        for job in scheduler.JOBS
    )
    assert tasks.write_dumps.call() == len(dumps.dump_files())


def test_a_dump_reads_the_database_in_a_fixed_number_of_queries(
    dump_dir, django_assert_max_num_queries
):
    # One object with everything, so that every prefetch has rows to read.
    rich()
    dumps.dump_write()
    with django_assert_max_num_queries(200) as few:
        dumps.dump_write()
    for number in range(5):
        rich(title=f"One more {number}")
    # The first dump after makes the pictures' renditions, once.
    dumps.dump_write()
    with django_assert_max_num_queries(len(few.captured_queries)):
        dumps.dump_write()


def test_every_score_can_be_computed_again_from_the_csv(dump_dir):
    from decimal import ROUND_HALF_UP, Decimal
    from fractions import Fraction

    from digitalrights.opendata.tests.test_api_monitoring import world

    world(cities=2, years=(2047,))
    dumps.dump_write()

    top = {
        int(row["id"]): int(row["top_level"])
        for row in read_csv(dump_dir, "frameworks")
    }
    weight = {
        int(row["id"]): int(row["weight"]) for row in read_csv(dump_dir, "indicators")
    }
    framework = {
        int(row["id"]): int(row["framework"])
        for row in read_csv(dump_dir, "assessments")
    }
    sums: dict[int, dict[int, list[Fraction]]] = {}
    for answer in read_csv(dump_dir, "answers"):
        assessment = int(answer["assessment"])
        indicator = int(answer["indicator"])
        level = Fraction(int(answer["level"] or 0), top[framework[assessment]])
        parts = sums.setdefault(assessment, {}).setdefault(
            int(answer["principle"]), [Fraction(0), Fraction(0)]
        )
        parts[0] += level * weight[indicator]
        parts[1] += weight[indicator]

    def half_up(value: Fraction) -> Decimal:
        exact = Decimal(value.numerator) / Decimal(value.denominator)
        return exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    scores = read_csv(dump_dir, "scores")
    assert len({row["assessment"] for row in scores}) >= 2
    for row in scores:
        principles = sums[int(row["assessment"])]
        exact = {p: total / weights * 100 for p, (total, weights) in principles.items()}
        if row["principle"]:
            expected = exact[int(row["principle"])]
        else:
            expected = sum(exact.values(), Fraction(0)) / len(exact)
        assert Decimal(row["score"]) == half_up(expected), row


def test_a_site_without_locales_yet_dumps_empty_lists_not_an_error(dump_dir):
    """A fresh database (or one a transactional test flushed) has no locale."""
    from unittest import mock

    from wagtail.models import Locale

    with mock.patch.object(Locale, "get_active", side_effect=Locale.DoesNotExist):
        written = dumps.dump_write()
    assert written["campaigns.csv"].rows == 0
    assert written["news.csv"].rows == 0
