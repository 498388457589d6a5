from django.http import HttpRequest


def is_htmx(request: HttpRequest) -> bool:
    """The request comes from HTMX, which wants a fragment rather than a page."""
    return request.headers.get("HX-Request") == "true"
