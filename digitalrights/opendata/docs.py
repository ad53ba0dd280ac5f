"""The API's reference, read from its OpenAPI description for the docs page.

The page (``/<lang>/data/api/``) is rendered on the server from
``api.get_openapi_schema()``, so it can never disagree with the API: each
operation with its parameters, answers and an example address, and each
object with its fields. No script, nothing from another site.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from urllib.parse import urlencode

from .api import api


@dataclass(frozen=True)
class Parameter:
    name: str
    location: str
    required: bool
    kind: str
    description: str


@dataclass(frozen=True)
class Answer:
    status: str
    description: str
    media_type: str
    model: str
    # Whether ``model`` names one of the objects described on the page.
    model_is_ref: bool


@dataclass(frozen=True)
class Operation:
    anchor: str
    method: str
    path: str
    summary: str
    description: str
    parameters: list[Parameter]
    answers: list[Answer]
    example: str
    # Whether ``example`` is an address one can follow, without a placeholder.
    example_is_link: bool


@dataclass(frozen=True)
class Model:
    name: str
    description: str
    fields: list[Parameter]


@dataclass(frozen=True)
class Section:
    tag: str
    anchor: str
    operations: list[Operation] = field(default_factory=list)


@dataclass(frozen=True)
class Reference:
    title: str
    version: str
    description: str
    sections: list[Section]
    models: list[Model]


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def describe(schema: dict) -> str:
    """Return a JSON schema as a short phrase: ``list of integer (1 to 5)``."""
    if "$ref" in schema:
        return _ref_name(schema["$ref"])
    for combiner in ("anyOf", "oneOf"):
        if combiner in schema:
            choices = [part for part in schema[combiner] if part.get("type") != "null"]
            nullable = len(choices) < len(schema[combiner])
            text = " or ".join(describe(part) for part in choices)
            return f"{text} or null" if nullable else text
    if "enum" in schema:
        return "one of " + ", ".join(str(value) for value in schema["enum"])
    kind = schema.get("type", "any")
    if kind == "array":
        text = "list of " + describe(schema.get("items", {}))
        if "maxItems" in schema:
            text += f" (at most {schema['maxItems']})"
        return text
    if kind == "object" and "additionalProperties" in schema:
        return "object"
    text = {"integer": "integer", "number": "number", "boolean": "boolean"}.get(
        kind, kind
    )
    if "format" in schema:
        text += f" ({schema['format']})"
    limits = []
    if "minimum" in schema and "maximum" in schema:
        limits.append(f"{schema['minimum']} to {schema['maximum']}")
    elif "minimum" in schema:
        limits.append(f"at least {schema['minimum']}")
    elif "maximum" in schema:
        limits.append(f"at most {schema['maximum']}")
    if "minLength" in schema and "maxLength" in schema:
        limits.append(f"{schema['minLength']} to {schema['maxLength']} characters")
    elif "maxLength" in schema:
        limits.append(f"at most {schema['maxLength']} characters")
    if "pattern" in schema:
        limits.append(f"matching {schema['pattern']}")
    if limits:
        text += " (" + "; ".join(limits) + ")"
    if "default" in schema and schema["default"] is not None:
        text += f", default {schema['default']}"
    return text


def _example_value(schema: dict) -> str | None:
    """Return a value the parameter accepts, if its schema names one."""
    for part in schema.get("anyOf", [schema]):
        items = part.get("items", part)
        if items.get("enum"):
            return str(items["enum"][0])
    return None


def _example(path: str, parameters: list[dict]) -> tuple[str, bool]:
    query = {}
    for parameter in parameters:
        if parameter["in"] == "query" and parameter["name"] != "lang":
            value = _example_value(parameter.get("schema", {}))
            if value is not None:
                query[parameter["name"]] = value
                break
    query["lang"] = "es"
    return f"{path}?{urlencode(query)}", "{" not in path


def _answers(responses: dict) -> list[Answer]:
    answers = []
    for status, response in responses.items():
        media_type, model, is_ref = "", "", False
        for content_type, content in response.get("content", {}).items():
            schema = content.get("schema", {})
            media_type, model = content_type, describe(schema)
            is_ref = "$ref" in schema
        answers.append(
            Answer(
                status=status,
                description=response.get("description", ""),
                media_type=media_type,
                model=model,
                model_is_ref=is_ref,
            )
        )
    return answers


def _parameters(parameters: list[dict]) -> list[Parameter]:
    return [
        Parameter(
            name=parameter["name"],
            location=parameter["in"],
            required=parameter.get("required", False),
            kind=describe(parameter.get("schema", {})),
            description=parameter.get("description", "")
            or parameter.get("schema", {}).get("description", ""),
        )
        for parameter in parameters
    ]


def _models(components: dict) -> list[Model]:
    models = []
    for name, schema in components.items():
        # Pages of a list (``Paged…``) and filters are described by their
        # operation already.
        if "properties" not in schema or name == "Input":
            continue
        required = set(schema.get("required", []))
        models.append(
            Model(
                name=name,
                description=schema.get("description", ""),
                fields=[
                    Parameter(
                        name=field_name,
                        location="",
                        required=field_name in required,
                        kind=describe(field_schema),
                        description=field_schema.get("description", ""),
                    )
                    for field_name, field_schema in schema["properties"].items()
                ],
            )
        )
    return models


@functools.cache
def api_reference() -> Reference:
    """Return the API's operations by tag, and its objects, from OpenAPI."""
    schema = api.get_openapi_schema()
    sections: dict[str, Section] = {}
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            tag = (operation.get("tags") or ["api"])[0]
            section = sections.setdefault(
                tag, Section(tag=tag, anchor="tag-" + tag.replace(" ", "-"))
            )
            example, is_link = _example(path, operation.get("parameters", []))
            section.operations.append(
                Operation(
                    anchor=operation.get("operationId", f"{method}-{path}"),
                    method=method.upper(),
                    path=path,
                    summary=operation.get("summary", ""),
                    description=operation.get("description", ""),
                    parameters=_parameters(operation.get("parameters", [])),
                    answers=_answers(operation.get("responses", {})),
                    example=example,
                    example_is_link=is_link,
                )
            )
    return Reference(
        title=schema["info"]["title"],
        version=schema["info"]["version"],
        description=schema["info"].get("description", ""),
        sections=list(sections.values()),
        models=_models(schema.get("components", {}).get("schemas", {})),
    )
