"""Pages of the site as a whole rather than of one app: the accessibility statement, and the
health check a load balancer asks."""

import datetime

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

# The statement's dates: change them whenever it is reviewed (see docs/accessibility.md).
STATEMENT_PREPARED_ON = datetime.date(2026, 11, 22)
STATEMENT_REVIEWED_ON = datetime.date(2026, 11, 22)


@require_safe
def accessibility(request):
    """The accessibility statement, after the EU model statement (Decision (EU) 2018/1523)
    that RD 1112/2018 requires."""
    return render(request, "core/accessibility.html", {
        "site_name": settings.SITE_NAME, "site_url": request.build_absolute_uri("/"),
        "contact": settings.ACCESSIBILITY_CONTACT,
        "prepared_on": STATEMENT_PREPARED_ON, "reviewed_on": STATEMENT_REVIEWED_ON})


@require_safe
def health(request):
    """"ok" when the application answers; it reads nothing (a load balancer's check, and the
    bare view the load benchmark compares pages with)."""
    return HttpResponse("ok", content_type="text/plain")
