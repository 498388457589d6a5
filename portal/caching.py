"""Public pages cached per published version, and answered 304 when nothing changed.

Every write in Teixit records a ``history.Change``, so the newest change is the version of
everything a page may show. For an anonymous visitor a page is identified by that version, the
release (a new version of the code or of the translations), the language and the address:

- a request whose ``If-None-Match`` names that identity is answered ``304 Not Modified``;
- otherwise the page is taken from the cache, or made and kept there, so the same version of
  a page is built once (per cache) whatever the number of visitors.

Either way a request costs one small query. Signed-in people always get a fresh page: it
carries their name and messages. Pages kept in the cache carry no cookie and no token (the
language switch is made of plain links), so one visitor's page is right for every other.
"""

from functools import wraps

from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from history.services import latest_change, version_key

CACHE_SECONDS = 60 * 60 * 24
KEPT_HEADERS = ("Content-Type", "Content-Disposition")


def _headers(response, etag: str, last_modified) -> None:
    response["ETag"] = f'"{etag}"'
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    # Browsers keep the page but ask again each time; shared caches do not keep it.
    patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ["Accept-Language", "Cookie"])


def _has_messages(request) -> bool:
    """A page showing a message for this visitor is theirs alone."""
    session = getattr(request, "session", None)
    return "messages" in request.COOKIES or bool(session and "_messages" in session)


def public_page(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.is_authenticated or request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        latest = latest_change()
        last_modified = latest[1]
        etag = version_key(request.get_full_path(), latest=latest)[:32]
        if etag in request.headers.get("If-None-Match", ""):
            response = HttpResponseNotModified()
            _headers(response, etag, last_modified)
            return response
        kept = None if _has_messages(request) else cache.get(f"page:{etag}")
        if kept is not None:
            response = HttpResponse(kept["content"])
            for name, value in kept["headers"].items():
                response[name] = value
        else:
            response = view(request, *args, **kwargs)
            if (response.status_code == 200 and not response.cookies
                    and not getattr(response, "streaming", False)
                    and not _has_messages(request)):
                cache.set(f"page:{etag}", {
                    "content": response.content,
                    "headers": {name: response[name] for name in KEPT_HEADERS
                                if response.has_header(name)}}, CACHE_SECONDS)
        if response.status_code == 200:
            _headers(response, etag, last_modified)
        return response

    return wrapper
