"""The API's description for people (/docs): Swagger UI on the app's OpenAPI description.

Not FastAPI's get_swagger_ui_html: its page loads Swagger UI from a CDN and starts it with an
inline script, and our content-security policy (script-src 'self') blocks both. Here the
script and styles are ours (api/static/vendor/swagger-ui) and /static/docs-page.js starts it.
"""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.dependencies import templates

router = APIRouter(include_in_schema=False)


@router.get("/docs", response_class=HTMLResponse)
def docs_page(request: Request):
    return templates.TemplateResponse(request, "docs.html", {"openapi_url": request.app.openapi_url})
