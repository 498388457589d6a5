"""Parts of the editor's pages kept per version of the data.

Every write in Teixit records a ``history.Change`` (see ``portal/caching.py``), so the newest
change is the version of everything a page shows. A fragment that costs much to make — the
tree of a plan of hundreds of elements, the rows of its dashboard — is kept in the cache under
that version, the release, the language and what else it depends on (the plan, the period,
whether the person may edit), and made again only when something changed.

A fragment holding forms is kept with a mark where each form's CSRF token goes, and the
token of the person asking is put in when it is served, so one person's token is never
shown to another.
"""


from django.core.cache import cache
from django.middleware.csrf import get_token
from django.utils.safestring import mark_safe

from history.services import version_key

CSRF_MARK = "teixit-csrf-token-mark"
CACHE_SECONDS = 60 * 60 * 24


def cached_fragment(request, parts: tuple, make) -> str:
    """The HTML ``make(csrf_mark)`` returns, from the cache when nothing changed since it was
    made; ``parts`` are what else the fragment depends on."""
    key = "fragment:" + version_key(*parts)
    html = cache.get(key)
    if html is None:
        html = str(make(CSRF_MARK))
        cache.set(key, html, CACHE_SECONDS)
    if CSRF_MARK in html:
        html = html.replace(CSRF_MARK, get_token(request))
    return mark_safe(html)  # noqa: S308 — made by our own templates
