"""The FastAPI application: SPARQL endpoint, REST resources and web pages over the store."""

from __future__ import annotations

import atexit
import logging
import os
import threading
from contextlib import asynccontextmanager
from pathlib import Path

import anyio.to_thread
import pyvis
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from api import errors, responses, sparql
from api.body_limit import MB, BodyLimit
from api.http_methods import HeadAsGet
from api.security_headers import SecurityHeaders
from api.routes import (deadlines, docs, documents, exports, feeds, home, iris, organisations, queries, search,
                        status, targets, upload)
from kg import search as document_search
from kg.catalogue import holdings
from kg.query_workers import QueryLimits
from kg.store import GraphStore, open_store

STATIC = Path(__file__).resolve().parent / "static"
VIS_NETWORK = Path(pyvis.__file__).resolve().parent / "lib" / "vis-9.1.2"

MAX_BODY = 1 * MB  # any request body but an upload's
# Requests' work at once over a store in this process: it holds the GIL while it reads, so more
# threads only take turns (32 clients on mixed pages, 10k documents: 40 threads p95 3.0 s, max
# 8.4 s; 4 threads p95 0.8 s, max 1.5 s, and 50% more answers a second). The others wait in turn.
ROUTE_THREADS = 2 * (os.cpu_count() or 2)


def create_app(store: GraphStore, admin_token: str | None = None, uploads: str | Path = "data/uploads",
               max_body: int = MAX_BODY, max_upload: int = upload.MAX_BYTES,
               query_limits: QueryLimits | None = None, threads: int | None = None) -> FastAPI:
    """The app over `store`. Adding documents (POST /documents) is on only with an
    `admin_token`; uploaded files (at most `max_upload` bytes) are kept in `uploads`. Any
    other request body may have at most `max_body` bytes. SPARQL queries from clients run in
    worker processes within `query_limits` (default: from the environment, see
    QueryLimits.from_environment). `threads`: how many requests' work runs at once (default
    anyio's 40; `kg serve` over a store in this process asks for twice the cores, see
    ROUTE_THREADS)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if threads:
            anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        yield
        stop_query_workers(app)

    app = FastAPI(title="vn-policy-kg", version="0.1.0", lifespan=lifespan,
                  description="Vietnamese policy directives and the cascade of plans that implement them.",
                  docs_url=None, redoc_url=None, swagger_ui_oauth2_redirect_url=None)
    app.state.store = store
    app.state.query_limits = query_limits
    app.state.query_workers = None
    atexit.register(stop_query_workers, app)
    app.state.admin_token = admin_token or None
    app.state.uploads = Path(uploads)
    app.state.max_upload = max_upload
    # Starlette tries the routers in this order: the documents' routes, the most asked, early
    app.include_router(status.router)  # before documents: its /{doc_id:path} would take /status
    app.include_router(feeds.router)  # before documents: /documents/{id}/feed.atom is not a document id
    app.include_router(documents.router)
    app.include_router(upload.router)  # POST /documents (the documents router's is GET only)
    app.include_router(home.router)
    app.include_router(search.router)
    app.include_router(deadlines.router)
    app.include_router(organisations.router)
    app.include_router(targets.router)
    app.include_router(queries.router)
    app.include_router(exports.router)
    app.include_router(iris.router)
    app.include_router(sparql.router)
    app.include_router(docs.router)
    app.mount("/static/vis", StaticFiles(directory=VIS_NETWORK), name="vis")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    errors.install(app)
    described = app.openapi
    app.openapi = lambda: responses.validation_errors_as_error(described())

    # middleware, innermost first: the body limit, then the headers every answer carries,
    # then HEAD (outermost, so a HEAD answer is the GET's, headers and all)
    app.add_middleware(BodyLimit, limit=max_body, answer=errors.answer,
                       larger={("POST", "/documents"): max_upload + upload.FORM_ALLOWANCE})

    app.add_middleware(SecurityHeaders)
    app.add_middleware(HeadAsGet)
    return app


def stop_query_workers(app: FastAPI) -> None:
    workers = getattr(app.state, "query_workers", None)
    if workers is not None:
        app.state.query_workers = None
        workers.close()


def app_from_environment() -> FastAPI:
    """For ``kg serve``/uvicorn: the store named by VNPKG_STORE: a folder (default data/store;
    it must hold a store) or the URL of a SPARQL 1.1 server, or a server's endpoints named by
    VNPKG_QUERY_URL, VNPKG_UPDATE_URL, VNPKG_STORE_URL; VNPKG_ADMIN_TOKEN turns adding
    documents on, into VNPKG_UPLOADS (default data/uploads); VNPKG_MAX_UPLOAD (bytes, default
    20 MB) bounds an uploaded file, VNPKG_MAX_BODY (bytes, default 1 MB) any other request body;
    VNPKG_THREADS, how many requests' work runs at once (default ROUTE_THREADS over a store in
    this process, anyio's 40 over a server)."""
    endpoints = {name: os.environ.get(f"VNPKG_{name.upper()}") or None
                 for name in ("query_url", "update_url", "store_url")}
    location = os.environ.get("VNPKG_STORE") or (None if endpoints["query_url"] else "data/store")
    store = open_store(location, create=False, **endpoints)
    local = not endpoints["query_url"] and "://" not in (location or "")
    if local:
        warm(store)
    threads = int(os.environ.get("VNPKG_THREADS") or 0) or (ROUTE_THREADS if local else None)
    return create_app(store, threads=threads,
                      admin_token=os.environ.get("VNPKG_ADMIN_TOKEN"),
                      uploads=os.environ.get("VNPKG_UPLOADS", "data/uploads"),
                      max_body=int(os.environ.get("VNPKG_MAX_BODY", MAX_BODY)),
                      max_upload=int(os.environ.get("VNPKG_MAX_UPLOAD", upload.MAX_BYTES)))


def warm(store: GraphStore) -> threading.Thread:
    """Build, in the background, what a server's first visitors would otherwise wait for: the
    search index (about 20 s for 10,000 documents), the documents list and the home page's
    holdings. A search asked while the index is being built waits for that build instead of
    starting its own. Only for a store in this process: a remote server's data may change
    under us."""
    def build() -> None:
        try:
            document_search.index_for(store)
            holdings(store)
        except Exception:  # a request will build it again and report what went wrong
            logging.getLogger("uvicorn.error").exception("building the search index in the background failed")

    thread = threading.Thread(target=build, name="warm-caches", daemon=True)
    thread.start()
    return thread

