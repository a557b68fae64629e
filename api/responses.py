"""What routes document besides their JSON model, for the OpenAPI description: each error
status they can answer (api.models.Error, or the error page for a browser), the page a
browser gets in place of JSON, and the media types of downloads.

>>> sorted(errors(400, 404))
[400, 404]
>>> PAGE[200]["content"]["text/html"]["schema"]
{'type': 'string'}
"""

from __future__ import annotations

from api.models import Error

HTML = {"text/html": {"schema": {"type": "string"}}}

MEANINGS = {
    400: "A malformed id or parameter value (the message says which).",
    401: "The admin token is missing or wrong.",
    403: "Not allowed here (adding documents is turned off; SPARQL updates).",
    404: "No such resource in the store.",
    405: "Method not allowed; the Allow header lists those that are.",
    413: "The request body is larger than allowed here.",
    415: "The body's media type is not one this route reads.",
    422: "A parameter or the body did not validate (each problem is listed).",
}


def errors(*codes: int) -> dict[int, dict]:
    """The error statuses a route answers: JSON (api.models.Error) or, for a browser, the
    error page."""
    return {code: {"model": Error, "description": MEANINGS[code], "content": dict(HTML)} for code in codes}


# A route that answers a browser (Accept: text/html before application/json) with a page.
PAGE = {200: {"description": "JSON, or the page when the client asks for text/html", "content": dict(HTML)}}


def validation_errors_as_error(openapi: dict) -> dict:
    """`openapi` with every 422 FastAPI documents in its own shape (HTTPValidationError)
    documented as api.errors answers it: an Error."""
    for operation in (operation for path in openapi.get("paths", {}).values() for operation in path.values()):
        response = operation.get("responses", {}).get("422", {})
        if "HTTPValidationError" in str(response):
            operation["responses"]["422"] = {"description": MEANINGS[422], "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}, **HTML}}
    schemas = openapi.get("components", {}).get("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    return openapi


def downloads(media_types: list[str], description: str) -> dict[int, dict]:
    """A 200 that is a file of one of `media_types`."""
    return {200: {"description": description,
                  "content": {media: {"schema": _file_schema(media)} for media in dict.fromkeys(media_types)}}}


def _file_schema(media: str) -> dict:
    """A JSON file (JSON-LD) is an object or an array; any other file a string."""
    return {"type": ["object", "array"]} if media.endswith(("/json", "+json")) else {"type": "string"}
