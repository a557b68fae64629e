"""Search: documents by number in any spelling, title words with or without diacritics,
issuer and place. A page for a browser, JSON otherwise; the index and ranking are kg.search."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool

from api.dependencies import Store, templates, wants_html
from api.responses import PAGE, errors
from api.waiting import run_waiting
from kg.search import MAX_QUERY_LENGTH, PAGE_SIZE, SearchPage, index_for, search

router = APIRouter(tags=["search"])

# Shown under an empty search box: spellings that work (each is a link that runs it).
EXAMPLES = {
    "numbers": ["1373/QĐ-TTg", "1373/QD-TTg", "qd 1373", "57 nq tw", "44/TT-BGDDT"],
    "words": ["xa hoi hoc tap", "ubnd ha noi", "bo chinh tri", "nam tu liem", "krong pa"],
}


@router.get("/search", summary="Search documents by number, title words, issuer or place (JSON, or a page)",
            response_model=SearchPage, responses={**PAGE, **errors(422)})
async def search_documents(
        request: Request, store: Store,
        # maxLength documented, checked below: a browser gets the page saying so
        q: Annotated[str, Query(description=f"what to look for (at most {MAX_QUERY_LENGTH} characters): a number "
                                            "in any spelling ('1373/QD-TTg', 'qd 1373', '57 nq tw'), title words "
                                            "with or without diacritics, an issuer or a place",
                                examples=["qd 1373"], json_schema_extra={"maxLength": MAX_QUERY_LENGTH})] = "",
        page: Annotated[int, Query(ge=1, le=100_000, description=f"page of {PAGE_SIZE} results, from 1")] = 1):
    html = wants_html(request)
    too_long = len(q) > MAX_QUERY_LENGTH
    if too_long and not html:
        raise HTTPException(422, f"The query has {len(q)} characters; at most {MAX_QUERY_LENGTH} are allowed.")
    found = None
    if q.strip() and not too_long:
        # the index is built in the background as the server starts (about 20 s at 10,000
        # documents): a search waits for it in a waiting thread, holding none of the routes'
        await run_waiting(request, index_for, store)
        found = await run_in_threadpool(search, store, q, page)
    if html:
        def page_url(number: int) -> str:
            url = request.url.include_query_params(page=number)
            return f"{url.path}?{url.query}"
        return templates.TemplateResponse(request, "search.html", {
            "query": q, "found": found, "too_long": too_long, "limit": MAX_QUERY_LENGTH,
            "examples": EXAMPLES, "page_url": page_url}, status_code=422 if too_long else 200)
    if found is None:
        return {"query": q, "total": 0, "page": page, "pages": 0, "page_size": PAGE_SIZE, "partial": False,
                "results": []}
    return asdict(found)
