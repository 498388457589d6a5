"""Conditional GET for public pages: a reload of an unchanged page costs one small query.

Every write in Teixit records a ``history.Change``, so the newest change tells whether
anything a page shows may have changed. The ETag also carries the release (so a new version
of the code or of the translations is never answered with an old page), the language and the
address. Only anonymous visitors get 304s: a signed-in page carries the person's name and
messages.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language
from django.views.decorators.http import condition

from history.models import Change


def _latest_change():
    return Change.objects.order_by("-pk").values_list("pk", "at").first()


def public_page(view):
    """Answer ``If-None-Match`` / ``If-Modified-Since`` with 304 when nothing changed."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.is_authenticated or request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        latest = _latest_change()
        key = f"{settings.RELEASE}|{latest[0] if latest else 0}|{get_language()}|" \
              f"{request.get_full_path()}"
        etag = hashlib.sha256(key.encode()).hexdigest()[:32]
        response = condition(etag_func=lambda *a, **k: etag,
                             last_modified_func=lambda *a, **k: latest[1] if latest else None
                             )(view)(request, *args, **kwargs)
        # Browsers keep the page but ask again each time; shared caches do not keep it.
        patch_cache_control(response, private=True, no_cache=True)
        patch_vary_headers(response, ["Accept-Language"])
        return response

    return wrapper
