"""One element's progress in one period, and one value of an indicator in one period.

Reading them (GET) is public, like every read of the API. Writing (PUT, PATCH, DELETE) needs
a token: the plan and what hangs from it come through the editor's gateways with the token's
person, and the data is stored by the same services as the editor's (they validate, refuse
closed periods and record the change in the history). Nothing is stored when a write is
refused.
"""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import generics, serializers, status
from rest_framework.permissions import SAFE_METHODS, AllowAny, IsAuthenticated
from rest_framework.response import Response

from api import selectors
from api.permissions import (
    element_for_token,
    indicator_for_token,
    period_for_token,
    plan_for_token,
    public_element,
    public_indicator,
    public_period,
)
from api.serializers import (
    IndicatorValueInputSerializer,
    IndicatorValueOutputSerializer,
    ProgressInputSerializer,
    ProgressSerializer,
)
from api.views.base import LocalizedMixin
from monitoring import services
from monitoring.models import IndicatorValue, MonitoringPolicy
from organizations.models import Body
from plans.permissions import published_plan

KIND_PARAMETER = OpenApiParameter("kind", str, OpenApiParameter.PATH,
                                  enum=IndicatorValue.Kind.values)
DETAIL = inline_serializer("Detail", {"detail": serializers.CharField()})
ERRORS = {
    400: OpenApiResponse(OpenApiTypes.OBJECT, description=(
        "Refused, nothing stored: messages in the request's language, keyed by field "
        "(``non_field_errors`` for the rest), e.g. ``{\"percent\": [\"…\"]}``.")),
    401: OpenApiResponse(DETAIL, description="No token, or a token not valid (revoked)."),
    403: OpenApiResponse(DETAIL, description="The token's person may read the plan but not "
                                             "change it: a viewer, or an archived plan."),
    404: OpenApiResponse(DETAIL, description="Not found: also a plan of another organisation "
                                             "than the token's."),
}


class EntryView(LocalizedMixin, generics.GenericAPIView):
    """Anyone may read; writing needs a token."""

    def get_permissions(self):
        if self.request.method in SAFE_METHODS:
            return [AllowAny()]
        return [IsAuthenticated()]

    def validated(self, serializer_class, *, partial: bool = False) -> dict:
        serializer = serializer_class(data=self.request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data


@extend_schema(tags=["progress"])
class ProgressEntry(EntryView):
    """The entry of an element for a period and its figure. PUT sets the whole entry (what is
    left out is emptied); PATCH changes only what it names."""

    serializer_class = ProgressSerializer

    def get(self, request, org, plan, element, period):
        plan = published_plan(org, plan)
        return self.entry(plan, public_element(plan, element), public_period(plan, period))

    @extend_schema(request=ProgressInputSerializer, responses={
        200: ProgressSerializer, 201: ProgressSerializer, **ERRORS})
    def put(self, request, org, plan, element, period):
        return self.save(org, plan, element, period, partial=False)

    @extend_schema(request=ProgressInputSerializer, responses={
        200: ProgressSerializer, 201: ProgressSerializer, **ERRORS})
    def patch(self, request, org, plan, element, period):
        return self.save(org, plan, element, period, partial=True)

    def save(self, org, plan, element, period, *, partial: bool) -> Response:
        token = self.request.auth
        plan = plan_for_token(token, org, plan)
        element = element_for_token(token, plan, element)
        period = period_for_token(token, plan, period)
        data = self.validated(ProgressInputSerializer, partial=partial)
        current = element.progress.filter(period=period).prefetch_related("bodies").first()
        values = _progress_values(current if partial else None, data, plan)
        _refuse_rolled_up_percent(plan, element, data.get("percent"))
        services.progress_save(element=element, period=period, user=token.user, **values)
        return self.entry(plan, element, period,
                          status=status.HTTP_200_OK if current else status.HTTP_201_CREATED)

    def entry(self, plan, element, period, status=status.HTTP_200_OK) -> Response:
        row = selectors.progress_rows(plan, [period], element=element, followed_only=False)[0]
        context = {**self.get_serializer_context(), "plan": plan}
        return Response(ProgressSerializer(row, context=context).data, status=status)


def _progress_values(current, data: dict, plan) -> dict:
    """What ``progress_save`` gets: the request's fields over the current entry (for PATCH)
    or over an empty one."""
    values = {"status": None, "percent": None, "deployment": "", "next_actions": "",
              "bodies": []}
    if current is not None:
        values.update(status=current.status, percent=current.percent,
                      deployment=current.deployment, next_actions=current.next_actions,
                      bodies=list(current.bodies.all()))
    values.update({key: value for key, value in data.items() if key != "bodies"})
    if "bodies" in data:
        values["bodies"] = _bodies(plan, data["bodies"])
    if values["status"] is None:
        raise ValidationError({"status": _("Give the status of the element in the period.")})
    for key in ("deployment", "next_actions"):
        values[key] = values[key] or ""
    return values


def _bodies(plan, slugs: list[str]) -> list[Body]:
    found = {body.slug: body for body in
             Body.objects.filter(organization=plan.organization, slug__in=slugs)}
    for slug in slugs:
        if slug not in found:
            raise ValidationError({"bodies": _(
                "%(organization)s has no body with the identifier “%(slug)s”.")
                % {"organization": plan.organization.name, "slug": slug}})
    return [found[slug] for slug in dict.fromkeys(slugs)]


def _refuse_rolled_up_percent(plan, element, percent) -> None:
    """The editor does not ask for the percentage of an element whose figure is rolled up
    from its children; the API refuses it rather than store a figure nobody sees."""
    if percent is None:
        return
    if services.policy_of(plan).rollup != MonitoringPolicy.Rollup.MANUAL and \
            element.children.exists():
        raise ValidationError({"percent": _(
            "The percentage of “%(element)s” is rolled up from the elements under it: enter "
            "theirs instead.") % {"element": element}})


@extend_schema(tags=["indicators"], parameters=[KIND_PARAMETER])
class IndicatorValueEntry(EntryView):
    """A baseline, target or actual value of an indicator in a period, with its split. PUT
    sets it (a PUT with everything empty removes it, like DELETE)."""

    serializer_class = IndicatorValueOutputSerializer

    def get(self, request, org, plan, indicator, period, kind):
        plan = published_plan(org, plan)
        value = _value(public_indicator(plan, indicator), public_period(plan, period), kind)
        if value is None:
            raise Http404
        return Response(self.get_serializer(value).data)

    @extend_schema(request=IndicatorValueInputSerializer,
                   responses={200: IndicatorValueOutputSerializer,
                              201: IndicatorValueOutputSerializer, 204: None, **ERRORS})
    def put(self, request, org, plan, indicator, period, kind):
        token = request.auth
        plan = plan_for_token(token, org, plan)
        indicator = indicator_for_token(token, plan, indicator)
        period = period_for_token(token, plan, period)
        _require_kind(kind)
        data = self.validated(IndicatorValueInputSerializer)
        existed = _value(indicator, period, kind) is not None
        value = services.indicator_value_save(
            indicator=indicator, period=period, user=token.user, kind=kind,
            total=data.get("total"), text=data.get("text", ""),
            splits=_splits(indicator, data.get("splits", [])))
        if value is None:
            return Response(status=status.HTTP_204_NO_CONTENT)
        return Response(self.get_serializer(_value(indicator, period, kind)).data,
                        status=status.HTTP_200_OK if existed else status.HTTP_201_CREATED)

    @extend_schema(responses={204: None, **ERRORS})
    def delete(self, request, org, plan, indicator, period, kind):
        token = request.auth
        plan = plan_for_token(token, org, plan)
        indicator = indicator_for_token(token, plan, indicator)
        period = period_for_token(token, plan, period)
        _require_kind(kind)
        services.indicator_value_save(indicator=indicator, period=period, user=token.user,
                                      kind=kind, total=None)
        return Response(status=status.HTTP_204_NO_CONTENT)


def _require_kind(kind: str) -> None:
    if kind not in IndicatorValue.Kind.values:
        raise Http404


def _value(indicator, period, kind) -> IndicatorValue | None:
    _require_kind(kind)
    return (IndicatorValue.objects.filter(indicator=indicator, period=period, kind=kind)
            .select_related("indicator", "period")
            .prefetch_related("splits__option__category").first())


def _splits(indicator, splits: list[dict]) -> dict:
    """``[{category, option, amount}]`` as the service takes it: ``{option: amount}``."""
    categories = {c.key: c for c in indicator.categories.prefetch_related("options")}
    result = {}
    for split in splits:
        category = categories.get(split["category"])
        if category is None:
            raise ValidationError({"splits": _(
                "“%(category)s” is not a category this indicator is split by.")
                % {"category": split["category"]}})
        option = next((o for o in category.options.all() if o.key == split["option"]), None)
        if option is None:
            raise ValidationError({"splits": _("“%(option)s” is not an option of “%(category)s”.")
                                   % {"option": split["option"], "category": category.name}})
        result[option] = split["amount"]
    return result
