"""Adding a document: the upload form (GET /upload) and POST /documents.

Off unless the app has an admin token (VNPKG_ADMIN_TOKEN); a request must then carry it, as
the form's token field or ``Authorization: Bearer``. The file is kept in the uploads folder
(its provenance: the store records that path), read, extracted and written to the store as
one graph; a file that cannot be used is removed again and the store is not touched.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, Form, Header, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse

from api.dependencies import Store, templates, wants_html
from ingest.read import SUPPORTED_SUFFIXES
from kg import commitments, ids
from kg.catalogue import document
from kg.ingestion import ingest_files

router = APIRouter(tags=["documents"])

MAX_BYTES = 20 * 1024 * 1024


def _settings(request: Request) -> tuple[str | None, Path]:
    return request.app.state.admin_token, request.app.state.uploads


@router.get("/upload", response_class=HTMLResponse, summary="The form to add a document")
def upload_form(request: Request):
    token, _ = _settings(request)
    return templates.TemplateResponse(request, "upload.html", {
        "enabled": bool(token), "suffixes": SUPPORTED_SUFFIXES, "max_mb": MAX_BYTES // (1024 * 1024)})


def _answer(request: Request, status: int, result: dict):
    if wants_html(request):
        return templates.TemplateResponse(request, "upload_result.html", {"result": result}, status_code=status)
    return JSONResponse(result, status_code=status)


def _safe_name(filename: str) -> str:
    name = Path(filename or "upload").name
    stem, suffix = Path(name).stem, Path(name).suffix.lower()
    stem = re.sub(r"[^\w.-]+", "-", stem, flags=re.UNICODE).strip("-.")[:80] or "upload"
    return stem + suffix


@router.post("/documents", summary="Add a document (txt, md, docx, pdf); needs the admin token",
             status_code=201, responses={401: {"description": "no or wrong token"},
                                         403: {"description": "adding documents is turned off"},
                                         413: {"description": "file too large"},
                                         422: {"description": "the file could not be used; nothing written"}})
def add_document(request: Request, store: Store,
                 file: Annotated[UploadFile, File(description="The document: .txt, .md, .docx or .pdf")],
                 token: Annotated[str | None, Form(description="The admin token")] = None,
                 authorization: Annotated[str | None, Header()] = None):
    expected, uploads = _settings(request)
    if not expected:
        return _answer(request, 403, {"ok": False, "code": "off", "errors": [
            "Adding documents is turned off: the server has no admin token (VNPKG_ADMIN_TOKEN)."]})
    given = token or (authorization[7:] if authorization and authorization.startswith("Bearer ") else "")
    if not hmac.compare_digest(given.encode(), expected.encode()):
        response = _answer(request, 401, {"ok": False, "code": "bad_token", "errors": [
            "The admin token is missing or wrong; nothing was written."]})
        response.headers["WWW-Authenticate"] = "Bearer"
        return response
    name = _safe_name(file.filename or "")
    data = file.file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        return _answer(request, 413, {"ok": False, "code": "too_large", "file": name, "errors": [
            f"{name}: larger than {MAX_BYTES // (1024 * 1024)} MB; nothing was written."]})
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
    detail = document(store, doc_id)
    summary = detail.summary
    upper = [r for r in detail.related if r.direction == "out" and r.relation in
             ("implements", "continues", "based_on", "aligns_with")]
    return _answer(request, 201, {
        "ok": True, "code": "added", "file": name, "errors": [],
        "document": {"id": doc_id, "iri": summary.iri, "label": summary.label, "number": summary.number,
                     "type": summary.type, "date": summary.date, "titles": detail.titles,
                     "issuers": detail.issuers, "jurisdictions": detail.jurisdictions},
        "references": ingested.references, "unresolved": ingested.unresolved, "quads": ingested.quads,
        "rests_on": [{"id": r.id, "label": r.label, "relation": r.relation} for r in upper],
        "targets": len(commitments.targets(store, summary.iri)),
        "tasks": len(commitments.tasks(store, summary.iri)),
        "organisations": len(commitments.organisations(store, summary.iri)),
        "deadlines": len(commitments.deadlines(store, summary.iri)),
    })
