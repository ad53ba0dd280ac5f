"""Bulk data: every public collection as CSV and JSON, a Frictionless package.

One definition of what is public: each dataset's rows come from the API's
own selectors and ``*_out`` functions, checked against the API's schema, so
a dump holds exactly what the API answers (in the default language), minus
the few fields that name or reach a person (``Dataset.personal``: the
contact of an initiative, the signatory of a member city), which only the
pages and the API show, one at a time.

``dump_write()`` writes ``<name>.csv``, ``<name>.json`` and
``datapackage.json`` (a Frictionless data package with a table schema for
each CSV) to ``dumps_dir()``; the nightly task and ``manage.py
opendata_dump`` call it, ``/data/dumps/<file>`` serves the files.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from ninja import Schema
from ninja.responses import NinjaJSONEncoder

from digitalrights.core.cache import page_cache_clear

from . import api, initiatives, monitoring, news, register, toolkit, workinggroups
from .common import batches
from .models import current_licence
from .schemas import (
    CampaignOut,
    EndorsementCountOut,
    InitiativeOut,
    MeetingOut,
    MemberOut,
    NewsOut,
    RegisterEntryOut,
    ResourceOut,
    WorkingGroupOut,
    site_url,
)

PACKAGE = "datapackage.json"
# Rows read from the database at a time: 100,000 initiatives never sit in
# memory as model objects at once.
CHUNK = 500


@dataclass(frozen=True)
class Dataset:
    """A public collection: its API address, schema, rows and key."""

    name: str
    title: Promise
    description: Promise
    api_path: str
    schema: type[Schema]
    rows: Callable[[], Iterable[dict]]
    key: str = "id"
    # What the API shows of one object but a bulk file must not: fields that
    # name or reach a person.
    personal: tuple[str, ...] = ()
    # Whether a row is a whole object of the API collection; monitoring's
    # tables split the API's nested objects (an assessment's answers) out.
    whole_objects: bool = True

    @property
    def api_url(self) -> str:
        return site_url(self.api_path)

    def file_url(self, extension: str) -> str:
        return site_url(f"/data/dumps/{self.name}.{extension}")


def _initiative_rows() -> Iterator[dict]:
    rows = initiatives.published().order_by("-published_at", "-pk")
    for batch in batches(rows.iterator(chunk_size=CHUNK), CHUNK):
        yield from initiatives.initiative_answers(batch)


def _resource_rows() -> Iterator[dict]:
    rows = toolkit.with_everything(
        toolkit.Resource.objects.published().order_by("-version_date", "-pk")
    )
    for batch in batches(rows.iterator(chunk_size=CHUNK), CHUNK):
        yield from toolkit.resource_answers(batch)


def _group_rows() -> list[dict]:
    return [
        workinggroups.group_out(page)
        for page in workinggroups.groups_in(settings.LANGUAGE_CODE)
    ]


def _meeting_rows() -> list[dict]:
    return [
        workinggroups.meeting_out(meeting)
        for meeting in workinggroups._meetings(settings.LANGUAGE_CODE)
    ]


def _news_rows() -> list[dict]:
    return [news.news_out(page) for page in news.news_in_language()]


DATASETS: tuple[Dataset, ...] = (
    Dataset(
        name="members",
        title=_("Member cities"),
        description=_(
            "The cities of the coalition, present and former, with the dates"
            " they joined and left."
        ),
        api_path="/api/v1/members/",
        schema=MemberOut,
        rows=api.member_rows,
        key="geonameid",
        personal=("signatory",),
    ),
    Dataset(
        name="campaigns",
        title=_("Campaigns"),
        description=_(
            "The coalition's campaigns, their targets and the cities that"
            " joined during each."
        ),
        api_path="/api/v1/campaigns/",
        schema=CampaignOut,
        rows=api.campaign_rows,
    ),
    Dataset(
        name="endorsement-counts",
        title=_("Endorsement counts"),
        description=_(
            "How many residents of each city asked it to join the coalition or"
            " keep its commitments, counting confirmed endorsements only."
        ),
        api_path="/api/v1/endorsement-counts/",
        schema=EndorsementCountOut,
        rows=api.endorsement_count_rows,
        key="geonameid",
    ),
    Dataset(
        name="initiatives",
        title=_("Initiatives of member cities"),
        description=_(
            "What member cities do for digital rights: published initiatives"
            " with their principles, topics, status and links."
        ),
        api_path="/api/v1/initiatives/",
        schema=InitiativeOut,
        rows=_initiative_rows,
        personal=("contact", "contact_email"),
    ),
    Dataset(
        name="resources",
        title=_("Toolkit resources"),
        description=_(
            "Policies, guides, tools and other resources that cities share,"
            " with the city or organisation that made them."
        ),
        api_path="/api/v1/resources/",
        schema=ResourceOut,
        rows=_resource_rows,
    ),
    Dataset(
        name="register",
        title=_("Algorithm registers of member cities"),
        description=_(
            "The algorithmic systems member cities use, as their registers tell:"
            " purpose, data, how each works, human oversight, risk category and"
            " how to object."
        ),
        api_path="/api/v1/register/",
        schema=RegisterEntryOut,
        rows=register.entry_rows,
        personal=("contact", "contact_email"),
    ),
    Dataset(
        name="working-groups",
        title=_("Working groups"),
        description=_(
            "The working groups of the coalition, their coordinating and member"
            " cities, and the resources they published."
        ),
        api_path="/api/v1/working-groups/",
        schema=WorkingGroupOut,
        rows=_group_rows,
    ),
    Dataset(
        name="meetings",
        title=_("Meetings of the working groups"),
        description=_("Past and coming meetings of the working groups."),
        api_path="/api/v1/meetings/",
        schema=MeetingOut,
        rows=_meeting_rows,
    ),
    Dataset(
        name="news",
        title=_("News"),
        description=_("The coalition's news, in English."),
        api_path="/api/v1/news/",
        schema=NewsOut,
        rows=_news_rows,
    ),
    Dataset(
        name="frameworks",
        title=_("Monitoring frameworks"),
        description=_(
            "Each version of the framework of indicators that cities assess"
            " themselves against, with its levels."
        ),
        api_path="/api/v1/frameworks/",
        schema=monitoring.FrameworkRow,
        rows=monitoring.framework_rows,
        whole_objects=False,
    ),
    Dataset(
        name="indicators",
        title=_("Monitoring indicators"),
        description=_(
            "The indicators of each framework version: question, principle and"
            " weight in the score."
        ),
        api_path="/api/v1/frameworks/",
        schema=monitoring.IndicatorRow,
        rows=monitoring.indicator_rows,
        whole_objects=False,
    ),
    Dataset(
        name="assessments",
        title=_("Published assessments"),
        description=_(
            "The published self-assessments of member cities, one per city and"
            " cycle, with the corrections that replaced them."
        ),
        api_path="/api/v1/assessments/",
        schema=monitoring.AssessmentRow,
        rows=monitoring.assessment_rows,
        whole_objects=False,
    ),
    Dataset(
        name="answers",
        title=_("Answers of published assessments"),
        description=_(
            "Each answer of a published assessment: the level reached, the"
            " justification and the evidence."
        ),
        api_path="/api/v1/assessments/",
        schema=monitoring.AnswerRow,
        rows=monitoring.answer_rows,
        whole_objects=False,
    ),
    Dataset(
        name="scores",
        title=_("Scores"),
        description=_(
            "The scores of published assessments out of 100, overall and per"
            " principle, which anyone can compute again from the answers."
        ),
        api_path="/api/v1/scores/",
        schema=monitoring.ScoreOut,
        rows=monitoring.score_rows,
    ),
)


def dataset_get(name: str) -> Dataset | None:
    """Return the dataset called ``name``, if there is one."""
    return next((dataset for dataset in DATASETS if dataset.name == name), None)


def dumps_dir() -> Path:
    """Return the directory the dumps are written to and served from."""
    return Path(settings.VAR_DIR) / "opendata"


# Table schemas ----------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A CSV column: a field of the API object, or a field of one it holds."""

    name: str
    path: tuple[str, ...]
    type: str
    description: str


def _non_null(schema: dict) -> dict:
    for combiner in ("anyOf", "oneOf"):
        if combiner in schema:
            parts = [part for part in schema[combiner] if part.get("type") != "null"]
            if len(parts) == 1:
                return parts[0]
    return schema


def _frictionless_type(schema: dict) -> str:
    schema = _non_null(schema)
    kinds = {part.get("type") for part in schema.get("anyOf", [])}
    if "number" in kinds:
        # A decimal (a score), which the API writes as a string.
        return "number"
    kind = schema.get("type")
    if kind == "array":
        return "array"
    if kind == "object":
        return "object"
    if kind in ("integer", "number", "boolean"):
        return kind
    if kind == "string":
        return {"date": "date", "date-time": "datetime"}.get(
            schema.get("format", ""), "string"
        )
    return "any"


def columns(dataset: Dataset) -> list[Column]:
    """Return the dataset's CSV columns, read from the API's schema.

    An object inside (a city) becomes one column per field (``city_name``);
    a list becomes one column holding a JSON array.
    """
    schema = dataset.schema.model_json_schema()
    definitions = schema.get("$defs", {})
    found = []
    for name, field_schema in schema["properties"].items():
        if name in dataset.personal:
            continue
        inner = _non_null(field_schema)
        if "$ref" in inner:
            nested = definitions[inner["$ref"].rsplit("/", 1)[-1]]
            for sub, sub_schema in nested["properties"].items():
                found.append(
                    Column(
                        name=f"{name}_{sub}",
                        path=(name, sub),
                        type=_frictionless_type(sub_schema),
                        description=sub_schema.get("title", ""),
                    )
                )
        else:
            found.append(
                Column(
                    name=name,
                    path=(name,),
                    type=_frictionless_type(field_schema),
                    description=field_schema.get("title", ""),
                )
            )
    return found


def table_schema(dataset: Dataset) -> dict:
    """Return the Frictionless table schema of the dataset's CSV."""
    fields = []
    for column in columns(dataset):
        described: dict[str, Any] = {"name": column.name, "type": column.type}
        if column.type == "datetime":
            # ISO 8601 with its offset, as the API writes it.
            described["format"] = "any"
        fields.append(described)
    return {"fields": fields, "primaryKey": [dataset.key], "missingValues": [""]}


# Rows -------------------------------------------------------------------------


def public_objects(dataset: Dataset) -> Iterator[dict]:
    """Yield each object as the API answers it, minus the personal fields.

    Each is checked against the API's schema and written with the API's JSON
    encoder, as the API answers (the same dates, to the millisecond).
    """
    for row in dataset.rows():
        answer = json.loads(
            json.dumps(
                dataset.schema.model_validate(row).model_dump(), cls=NinjaJSONEncoder
            )
        )
        for name in dataset.personal:
            answer.pop(name, None)
        yield answer


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


def csv_row(dataset_columns: list[Column], answer: dict) -> list[str]:
    """Return one object as CSV cells, in the order of the columns."""
    cells = []
    for column in dataset_columns:
        value: Any = answer
        for part in column.path:
            value = value.get(part) if isinstance(value, dict) else None
        cells.append(_cell(value))
    return cells


# Writing ----------------------------------------------------------------------


@dataclass(frozen=True)
class Written:
    """A file the last dump wrote."""

    name: str
    path: Path
    rows: int
    bytes: int
    sha256: str


def _digest(path: Path) -> tuple[int, str]:
    """Return the size and SHA-256 of the file at ``path``."""
    digest = hashlib.sha256()
    with path.open("rb") as written:
        for block in iter(lambda: written.read(1 << 16), b""):
            digest.update(block)
    return path.stat().st_size, digest.hexdigest()


def _write_dataset(dataset: Dataset, csv_path: Path, json_path: Path) -> int:
    """Write the dataset as CSV and JSON in one pass; return how many rows."""
    dataset_columns = columns(dataset)
    count = 0
    with (
        csv_path.open("w", encoding="utf-8", newline="") as csv_out,
        json_path.open("w", encoding="utf-8") as json_out,
    ):
        writer = csv.writer(csv_out, lineterminator="\n")
        writer.writerow([column.name for column in dataset_columns])
        json_out.write("[")
        for answer in public_objects(dataset):
            writer.writerow(csv_row(dataset_columns, answer))
            json_out.write(("," if count else "") + "\n")
            json_out.write(json.dumps(answer, ensure_ascii=False))
            count += 1
        json_out.write("\n]\n")
    return count


def package(written: dict[str, Written], *, now: datetime) -> dict:
    """Return ``datapackage.json``: the CSV files with their table schemas."""
    licence = current_licence()
    resources = []
    for dataset in DATASETS:
        csv_file = written[f"{dataset.name}.csv"]
        resources.append(
            {
                "name": dataset.name,
                "path": csv_file.path.name,
                "title": str(dataset.title),
                "description": str(dataset.description),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": csv_file.bytes,
                "hash": f"sha256:{csv_file.sha256}",
                "schema": table_schema(dataset),
                "sources": [{"title": "API", "path": dataset.api_url}],
            }
        )
    return {
        "name": "cities-for-digital-rights",
        "title": "Cities Coalition for Digital Rights: open data",
        "homepage": site_url("/en/data/"),
        "created": now.isoformat(timespec="seconds"),
        "licenses": [
            {"name": licence.spdx, "title": licence.title, "path": licence.url}
        ],
        "resources": resources,
    }


def dump_write(*, directory: Path | None = None) -> dict[str, Written]:
    """Write every dataset as CSV and JSON, and the data package; return them.

    Files are written beside the old ones and then renamed over them, so a
    download never reads half a file.
    """
    directory = directory or dumps_dir()
    directory.mkdir(parents=True, exist_ok=True)
    now = timezone.now()
    written: dict[str, Written] = {}
    staged: list[tuple[Path, Path]] = []
    with translation.override(settings.LANGUAGE_CODE):
        for dataset in DATASETS:
            paths = {
                extension: directory / f".{dataset.name}.{extension}.new"
                for extension in ("csv", "json")
            }
            count = _write_dataset(dataset, paths["csv"], paths["json"])
            for extension, temporary in paths.items():
                name = f"{dataset.name}.{extension}"
                written[name] = Written(
                    name, directory / name, count, *_digest(temporary)
                )
                staged.append((temporary, directory / name))
        description = package(written, now=now)
    temporary = directory / f".{PACKAGE}.new"
    temporary.write_text(
        json.dumps(description, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    written[PACKAGE] = Written(PACKAGE, directory / PACKAGE, 0, *_digest(temporary))
    staged.append((temporary, directory / PACKAGE))
    for source, target in staged:
        os.replace(source, target)
    # The open data page and the catalogue say when the files were written.
    page_cache_clear()
    return written


def dump_files() -> list[str]:
    """Return the names of the files a dump writes, the package first."""
    return [PACKAGE] + [
        f"{dataset.name}.{extension}"
        for dataset in DATASETS
        for extension in ("csv", "json")
    ]


def dump_modified() -> datetime | None:
    """Return when the last dump was written, or None if there is none."""
    try:
        created = json.loads((dumps_dir() / PACKAGE).read_text())["created"]
    except (OSError, ValueError, KeyError):
        return None
    return datetime.fromisoformat(created)
