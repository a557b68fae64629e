"""Adding a document: the upload form (GET /upload) and POST /documents.

Off unless the app has an admin token (VNPKG_ADMIN_TOKEN); a request must then carry it, as
``Authorization: Bearer`` or as the form's token field. A bearer token is checked before a
byte of the body is read (403 when off and 401 when wrong are answered without reading it);
the form's token can only be checked once the form is parsed, which reads at most the upload
limit (api.body_limit) into one file and a few short fields. The file is kept in the uploads
folder (its provenance: the store records that path), read, extracted and written to the
store as one graph; a file that cannot be used is removed again and the store is not touched.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.datastructures import FormData, UploadFile

from api import models
from api.body_limit import MB
from api.dependencies import Store, templates, wants_html
from api.waiting import run_waiting
from api import responses
from ingest.read import SUPPORTED_SUFFIXES
from kg import commitments, ids
from kg.catalogue import document
from kg.ingestion import ingest_files
from kg.relations import RESTS_ON

router = APIRouter(tags=["documents"])

MAX_BYTES = 20 * MB            # the file; the app's upload limit (create_app's max_upload) by default
FORM_ALLOWANCE = 64 * 1024     # the body's room beyond the file: part headers, the token field
MAX_FIELD_BYTES = 1024         # the token field (and any other short field)
MAX_FIELDS = 4


def _settings(request: Request) -> tuple[str | None, Path]:
    return request.app.state.admin_token, request.app.state.uploads


def max_upload(request: Request) -> int:
    return getattr(request.app.state, "max_upload", MAX_BYTES)


@router.get("/upload", response_class=HTMLResponse, summary="The form to add a document")
def upload_form(request: Request):
    token, _ = _settings(request)
    return templates.TemplateResponse(request, "upload.html", {
        "enabled": bool(token), "suffixes": SUPPORTED_SUFFIXES, "max_mb": max_upload(request) // MB})


def _answer(request: Request, status: int, result: dict):
    if not result["ok"]:
        result = {**result, "detail": "; ".join(result["errors"])}
    if wants_html(request):
        return templates.TemplateResponse(request, "upload_result.html", {"result": result}, status_code=status)
    return JSONResponse(result, status_code=status)


OFF = {"ok": False, "code": "off", "errors": [
    "Adding documents is turned off: the server has no admin token (VNPKG_ADMIN_TOKEN)."]}
BAD_TOKEN = {"ok": False, "code": "bad_token", "errors": ["The admin token is missing or wrong; nothing was written."]}
NOT_MULTIPART = {"ok": False, "code": "not_multipart", "errors": [
    "Send the document as multipart/form-data, in the field 'file'."]}
NO_FILE = {"ok": False, "code": "no_file", "errors": ["The form has no file in the field 'file'; nothing was written."]}

bearer_scheme = HTTPBearer(auto_error=False, description="the admin token (VNPKG_ADMIN_TOKEN); or the form's field "
                                                         "'token'")


def _same(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode(), expected.encode())


@dataclass
class Received:
    """What POST /documents was sent: the file, or why it is refused (status, answer)."""
    file: UploadFile | None = None
    refusal: tuple[int, dict] | None = None


def _checked_form(form: FormData, bearer: HTTPAuthorizationCredentials | None, expected: str) -> Received:
    if bearer is None:
        token = form.get("token")
        if not isinstance(token, str) or not _same(token, expected):
            return Received(refusal=(401, BAD_TOKEN))
    file = form.get("file")
    if not isinstance(file, UploadFile):
        return Received(refusal=(422, NO_FILE))
    return Received(file=file)


async def received_upload(request: Request, bearer: Annotated[HTTPAuthorizationCredentials | None,
                                                              Depends(bearer_scheme)]):
    """The upload, checked in the order that reads least: off (403) and a wrong bearer token
    (401) before the body; not a form (415); then the form, bounded, and its token field."""
    expected, _ = _settings(request)
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if not expected:
        yield Received(refusal=(403, OFF))
    elif bearer is not None and not _same(bearer.credentials, expected):
        yield Received(refusal=(401, BAD_TOKEN))
    elif content_type != "multipart/form-data":
        yield Received(refusal=(415, NOT_MULTIPART))
    else:
        form = await request.form(max_files=1, max_fields=MAX_FIELDS, max_part_size=MAX_FIELD_BYTES)
        try:
            yield _checked_form(form, bearer, expected)
        finally:
            await form.close()


# The form, for the OpenAPI description (the route reads it itself, after the checks above)
UPLOAD_FORM = {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["file"], "additionalProperties": False,  # at most MAX_FIELDS parts are read
    "properties": {"file": {"type": "string", "format": "binary",
                            "description": f"the document: {', '.join(SUPPORTED_SUFFIXES)}"},
                   "token": {"type": "string", "maxLength": MAX_FIELD_BYTES,
                             "description": "the admin token, when not sent as Authorization: Bearer"}}}}}}}


def _safe_name(filename: str) -> str:
    name = Path(filename or "upload").name
    stem, suffix = Path(name).stem, Path(name).suffix.lower()
    stem = re.sub(r"[^\w.-]+", "-", stem, flags=re.UNICODE).strip("-.")[:80] or "upload"
    return stem + suffix


# what the route itself answers (its model), and the errors answered before it runs
REFUSED = {"model": models.UploadResult, "content": {"text/html": {"schema": {"type": "string"}}}}


@router.post("/documents", summary="Add a document (txt, md, docx, pdf); needs the admin token",
             status_code=201, response_model=models.UploadResult, openapi_extra=UPLOAD_FORM,
             responses={201: {"content": {"text/html": {"schema": {"type": "string"}}},
                              "description": "added: what was extracted (JSON, or the result page for a browser)"},
                        401: {**REFUSED, "description": "no or wrong token; nothing read beyond a bearer token"},
                        403: {**REFUSED, "description": "adding documents is turned off"},
                        415: {**REFUSED, "description": "not a multipart/form-data body"},
                        422: {**REFUSED, "description": "no file, or a file that could not be used; nothing written"},
                        **responses.errors(400, 413)})
async def add_document(request: Request, store: Store, received: Annotated[Received, Depends(received_upload)]):
    # reading and extracting the file waits for a worker process, up to the file time limit
    return await run_waiting(request, _add_document, request, store, received)


def _add_document(request: Request, store, received: Received):
    _, uploads = _settings(request)
    if received.refusal:
        status, result = received.refusal
        response = _answer(request, status, result)
        if status == 401:
            response.headers["WWW-Authenticate"] = "Bearer"
        return response
    file = received.file
    limit = max_upload(request)
    name = _safe_name(file.filename or "")
    data = file.file.read(limit + 1)
    if len(data) > limit:
        return _answer(request, 413, {"ok": False, "code": "too_large", "file": name, "errors": [
            f"{name}: larger than {limit // MB} MB; nothing was written."]})
    if Path(name).suffix not in SUPPORTED_SUFFIXES:
        return _answer(request, 422, {"ok": False, "code": "unusable", "file": name, "errors": [
            f"{name}: unsupported file type '{Path(name).suffix}' (use {', '.join(SUPPORTED_SUFFIXES)})"]})
    folder = uploads / hashlib.sha256(data).hexdigest()[:16]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    report = ingest_files(store, [path])
    if not report.ok:
        path.unlink(missing_ok=True)
        if not any(folder.iterdir()):
            folder.rmdir()
        # the message names the file as the user sent it, not our folder
        errors = [error.replace(str(path), name) for error in report.errors]
        return _answer(request, 422, {"ok": False, "code": "unusable", "file": name, "errors": errors})
    ingested = report.ingested[0]
    doc_id = ids.document_path(ingested.document)
    detail = document(store, doc_id, text=False)
    summary = detail.summary
    upper = [r for r in detail.related if r.direction == "out" and r.relation in RESTS_ON]
    return _answer(request, 201, {
        "ok": True, "code": "added", "file": name, "errors": [],
        "document": {"id": doc_id, "iri": summary.iri, "label": summary.label, "number": summary.number,
                     "type": summary.type, "date": summary.date, "titles": detail.titles,
                     "issuers": detail.issuers, "jurisdictions": detail.jurisdictions},
        "references": ingested.references, "unresolved": ingested.unresolved, "quads": ingested.quads,
        "unchanged": ingested.unchanged,
        "rests_on": [{"id": r.id, "label": r.label, "relation": r.relation} for r in upper],
        "targets": len(commitments.targets(store, summary.iri)),
        "tasks": len(commitments.tasks(store, summary.iri)),
        "organisations": len(commitments.organisations(store, summary.iri)),
        "deadlines": len(commitments.deadlines(store, summary.iri)),
    })
