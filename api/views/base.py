"""What every API view shares: the request's language, pagination and the plan it reads.

The API lives outside the language prefixes of the site's addresses, where Django's
LocaleMiddleware would always answer in Catalan; each API view therefore answers in the
language the request asks for (``Accept-Language``: ca, es or en), Catalan by default.
"""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers
from rest_framework import generics

from api.pagination import Pagination
from api.permissions import public_element, public_period
from monitoring.models import Period
from monitoring.selectors import public_periods
from plans.models import Element, Plan
from plans.permissions import published_plan


def request_language(request) -> str:
    """The first language of ``Accept-Language`` (by preference) the site offers, else
    Catalan. Only the header counts, not the site's language cookie, so that an answer depends
    on nothing but the address and ``Vary: Accept-Language``."""
    wanted = []
    for position, part in enumerate(request.headers.get("Accept-Language", "").split(",")):
        code, _sep, parameters = part.strip().partition(";")
        quality = 1.0
        if parameters.strip().startswith("q="):
            try:
                quality = float(parameters.strip()[2:])
            except ValueError:
                quality = 0.0
        if code and code != "*" and quality > 0:
            wanted.append((-quality, position, code))
    for _quality, _position, code in sorted(wanted):
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


class LocalizedMixin:
    """Answers, error messages included, in the request's language."""

    def dispatch(self, request, *args, **kwargs):
        language = request_language(request)
        with translation.override(language):
            response = super().dispatch(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()  # while the language is active
        response.headers["Content-Language"] = language
        patch_vary_headers(response, ["Accept-Language"])
        return response


class PublicView(LocalizedMixin, generics.GenericAPIView):
    """A read-only view of published data."""

    pagination_class = Pagination

    def published_plan(self) -> Plan:
        if not hasattr(self, "_plan"):
            self._plan = published_plan(self.kwargs["org"], self.kwargs["plan"])
        return self._plan

    def element_filter(self, plan: Plan) -> Element | None:
        """The element named by ``?element=`` (404 when the plan has none such)."""
        slug = self.request.query_params.get("element")
        return public_element(plan, slug) if slug else None

    def period_filter(self, plan: Plan) -> list[Period]:
        """The public period named by ``?period=`` (404 when there is none such), else every
        public period."""
        slug = self.request.query_params.get("period")
        return [public_period(plan, slug)] if slug else public_periods(plan)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if "plan" in self.kwargs:  # not while the schema is generated
            context["plan"] = self.published_plan()
        return context


class PublicListView(PublicView, generics.ListAPIView):
    """A paginated list: ``get_queryset`` returns a queryset or a list a selector read."""
