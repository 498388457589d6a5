"""Public, read-only endpoints: organisations, published plans and what they hold.

A plan comes through ``published_plan`` (404 unless published). Its monitoring data —
progress, indicator values, ratings — is read only for the periods ``public_periods`` returns,
and data of a period still open is marked ``provisional``. Budgets and activities follow the
open data downloads (``monitoring.publication``): planned amounts are published with the plan,
executed amounts with the monitoring data of their year, an activity with the period holding
its date.
"""

from django.db.models import prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from api import selectors
from api.serializers import (
    BudgetSerializer,
    ElementDetailSerializer,
    ElementSerializer,
    EventSerializer,
    IndicatorSerializer,
    OrganizationSerializer,
    PlanDetailSerializer,
    PlanSerializer,
    ProgressSerializer,
    RatingSerializer,
)
from api.views.base import LocalizedMixin, PublicListView, PublicView
from monitoring.selectors import periods_of, public_periods
from monitoring.services import policy_of


def _filter(name: str, description: str, type_=str) -> OpenApiParameter:
    return OpenApiParameter(name, type_, OpenApiParameter.QUERY, description=description)


ELEMENT_FILTER = _filter("element", "Only those of the element with this identifier (slug).")
PERIOD_FILTER = _filter("period", "Only this public period (its identifier: 2022, 2022-s1, "
                                  "2022-t3).")


@extend_schema(tags=["index"])
class ApiRoot(LocalizedMixin, APIView):
    """Where to start: the lists of organisations and plans, the schema and its documentation."""

    @extend_schema(responses=inline_serializer("ApiRoot", {
        "organizations": serializers.URLField(), "plans": serializers.URLField(),
        "schema": serializers.URLField(), "docs": serializers.URLField()}))
    def get(self, request):
        return Response({name: reverse(f"api:{name}", request=request)
                         for name in ("organizations", "plans", "schema", "docs")})


@extend_schema(tags=["organisations"])
class OrganizationList(PublicListView):
    """Every organisation, with its networks or members and its open data licence."""

    serializer_class = OrganizationSerializer

    def get_queryset(self):
        return selectors.organizations()


@extend_schema(tags=["organisations"])
class OrganizationDetail(PublicView):
    serializer_class = OrganizationSerializer

    def get(self, request, org):
        organization = get_object_or_404(selectors.organizations(), slug=org)
        return Response(self.get_serializer(organization).data)


@extend_schema(tags=["plans"])
class PlanList(PublicListView):
    """Published plans (open for amendments, approved or archived)."""

    serializer_class = PlanSerializer

    @extend_schema(parameters=[_filter("organization", "Only the plans of the organisation "
                                                       "with this identifier (slug).")])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.plans(organization_slug=self.request.query_params.get("organization"))


@extend_schema(tags=["plans"])
class PlanDetail(PublicView):
    """A published plan: its levels, texts, monitoring policy and reporting periods."""

    serializer_class = PlanDetailSerializer

    def get(self, request, org, plan):
        plan = selectors.plan_detail(self.published_plan())
        context = {**self.get_serializer_context(), "policy": policy_of(plan),
                   "periods": periods_of(plan)}
        return Response(PlanDetailSerializer(plan, context=context).data)


@extend_schema(tags=["elements"])
class ElementList(PublicListView):
    """The plan's elements in tree order (parents first, siblings in order), with their
    bodies, calendar, terms and links from and to published plans."""

    serializer_class = ElementSerializer

    def get_queryset(self):
        return selectors.elements_in_tree_order(self.published_plan())

    def list(self, request, *args, **kwargs):
        page = selectors.with_relations(self.paginate_queryset(self.get_queryset()))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


@extend_schema(tags=["elements"])
class ElementDetail(PublicView):
    """One element with its ancestors, children, texts, links and its figure in every public
    period."""

    serializer_class = ElementDetailSerializer

    def get(self, request, org, plan, element):
        plan = self.published_plan()
        element = selectors.element_detail(plan, element)
        if element is None:
            raise Http404
        progress = selectors.progress_rows(plan, public_periods(plan), element=element,
                                           followed_only=False)
        context = {**self.get_serializer_context(), "progress": progress}
        return Response(ElementDetailSerializer(element, context=context).data)


@extend_schema(tags=["progress"])
class ProgressList(PublicListView):
    """Progress per element and public period, oldest period first, elements in order: the
    entry (status, percentage, deployment, next actions, services) and the figure shown
    (executed and expected %, on-track flag, roll-up rule and weights). Elements neither
    followed nor with data are left out."""

    serializer_class = ProgressSerializer

    @extend_schema(parameters=[ELEMENT_FILTER, PERIOD_FILTER])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        plan = self.published_plan()
        return selectors.progress_rows(plan, self.period_filter(plan),
                                       element=self.element_filter(plan))


@extend_schema(tags=["indicators"])
class IndicatorList(PublicListView):
    """Indicators with their baseline, target and actual values of the public periods and
    their splits (by sex or the organisation's own categories)."""

    serializer_class = IndicatorSerializer

    @extend_schema(parameters=[ELEMENT_FILTER])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        plan = self.published_plan()
        element = self.element_filter(plan)
        self.periods = public_periods(plan)
        series = selectors.public_indicators(plan, self.periods, element=element)
        splits = [split for item in series for value in item.values.values()
                  for split in value.splits.all()]
        prefetch_related_objects(splits, "option__category")
        return series

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "periods": getattr(self, "periods", [])}


@extend_schema(tags=["ratings"])
class RatingList(PublicListView):
    """Ratings (utility, impact…) per element, scale and public period, as distributions of
    answers: an element's own answers and those of the elements under it, added up."""

    serializer_class = RatingSerializer

    @extend_schema(parameters=[ELEMENT_FILTER, PERIOD_FILTER])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        plan = self.published_plan()
        return selectors.rating_rows(plan, self.period_filter(plan),
                                     element=self.element_filter(plan))


@extend_schema(tags=["budgets"])
class BudgetList(PublicListView):
    """Budgets of the plan and of its elements: lines by year, chapter and phase, personnel
    co-financing, and the totals computed from them. Planned amounts are published with the
    plan, executed ones with the monitoring data of their year."""

    serializer_class = BudgetSerializer

    @extend_schema(parameters=[ELEMENT_FILTER])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        plan = self.published_plan()
        budgets = selectors.public_budgets(plan, element=self.element_filter(plan))
        self.publication = budgets[0].publication if budgets else None
        return budgets

    def get_serializer_context(self):
        return {**super().get_serializer_context(),
                "publication": getattr(self, "publication", None)}


@extend_schema(tags=["activities"])
class EventList(PublicListView):
    """Activities (meetings, assemblies, trainings…) in date order, with the bodies and
    organisations taking part and attendance split; those of a period the plan publishes
    (the period holding the date, or the whole year when only the year is known)."""

    serializer_class = EventSerializer

    @extend_schema(parameters=[ELEMENT_FILTER, _filter("year", "Only this year.", int)])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        plan = self.published_plan()
        filters = EventFilters(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        events, self.publication = selectors.public_events(
            plan, element=self.element_filter(plan), year=filters.validated_data.get("year"))
        return events

    def get_serializer_context(self):
        return {**super().get_serializer_context(),
                "publication": getattr(self, "publication", None)}


class EventFilters(serializers.Serializer):
    year = serializers.IntegerField(required=False)

