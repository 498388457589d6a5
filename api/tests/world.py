"""The shared personas (``core.testing``) with what the API tests add.

- Marta (Terrassa editor) has a token of Terrassa; Núria (Terrassa viewer) one of Terrassa;
  Jordi (Barcelona editor) one of Barcelona. An anonymous citizen has none.
- Terrassa's published plan "peest" (2020–2023) is monitored by year: 2020 and 2021 are
  closed, 2022 and 2023 open, and the plan publishes data once its period is closed. Each
  action has progress, an indicator split by sex (with people whose sex was not recorded), an
  activity with attendance by sex, answers on a utility scale, a budget, and a link to an
  action of Barcelona's published plan.
"""

import json
from datetime import date
from decimal import Decimal

from api.services import api_token_create
from budgets import services as budgets
from core.testing import WorldTestCase
from monitoring import services as monitoring
from monitoring.models import DisaggregationCategory
from plans import services as plans
from plans.models import Plan

FILLED_YEARS = (2021, 2022)
CLOSED_YEARS = (2020, 2021)


def sex_category() -> DisaggregationCategory:
    return DisaggregationCategory.objects.get(key="sexe", organization__isnull=True)


def fill_monitoring(plan: Plan, user, *, body=None, link_to: Plan | None = None) -> dict:
    """Periods, progress, indicators, activities, budgets and links for every action of
    ``plan``, through the services; closes the years of ``CLOSED_YEARS``. Returns the periods
    by year."""
    periods = {year: monitoring.period_create(plan=plan, user=user, kind="year", year=year)
               for year in plan.years}
    sex = sex_category()
    options = {option.key: option for option in sex.options.all()}
    targets = list(link_to.elements.filter(parent__isnull=False)) if link_to else []
    actions = list(plan.elements.filter(parent__isnull=False).order_by("pk"))
    scale = monitoring.rating_scale_save(plan=plan, user=user, key="utilitat", name="Utilitat",
                                         levels=[("poc", "Poc"), ("molt", "Molt")])
    poc, molt = scale.levels.all()
    for n, action in enumerate(actions):
        indicator = monitoring.indicator_save(plan=plan, user=user, element=action,
                                              name=f"Persones ateses {action.code}",
                                              unit="persones", categories=[sex])
        for year in FILLED_YEARS:
            monitoring.progress_save(element=action, period=periods[year], user=user,
                                     status="in_progress", percent=Decimal(40 + n % 20),
                                     deployment=f"Desplegament {year}",
                                     bodies=[body] if body else [])
            monitoring.indicator_value_save(
                indicator=indicator, period=periods[year], user=user, total=Decimal(30),
                splits={options["dona"]: Decimal(12), options["home"]: Decimal(10),
                        options["no-consta"]: Decimal(5)})
            monitoring.indicator_value_save(indicator=indicator, period=periods[year],
                                            user=user, kind="target", total=Decimal(40))
            monitoring.ratings_save(element=action, period=periods[year], user=user,
                                    counts={poc: 1, molt: 3})
        monitoring.event_save(plan=plan, user=user, element=action, title=f"Reunió {n}",
                              year=2021, date=date(2021, 3, 1 + n % 28),
                              bodies=[body] if body else [], attendance=20,
                              attendance_split={options["dona"]: 11, options["home"]: 7})
        budget = budgets.budget_save(plan=plan, user=user, element=action,
                                     period_total=Decimal(1000))
        budgets.budget_line_save(budget=budget, user=user, year=2021, phase="definitive",
                                 amount=Decimal(200), chapter=2)
        budgets.budget_line_save(budget=budget, user=user, year=2021, phase="executed",
                                 amount=Decimal(150), chapter=2)
        budgets.budget_line_save(budget=budget, user=user, year=2022, phase="executed",
                                 amount=Decimal(50), chapter=2)
        budgets.personnel_cost_save(budget=budget, user=user, year=2021, hours=Decimal(10),
                                    hourly_cost=Decimal(30))
        if targets:
            plans.link_create(source=action, target=targets[n % len(targets)], user=user)
    for year in CLOSED_YEARS:
        monitoring.period_close(period=periods[year], user=user)
    return periods


class ApiTestCase(WorldTestCase):
    """The shared world, its tokens and Terrassa's monitoring data (see the module docstring).
    """

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.marta_token = api_token_create(user=cls.marta, organization=cls.terrassa,
                                           name="Marta's script").secret
        cls.nuria_token = api_token_create(user=cls.nuria, organization=cls.terrassa,
                                           name="Núria's script").secret
        cls.jordi_token = api_token_create(user=cls.jordi, organization=cls.barcelona,
                                           name="Jordi's script").secret
        cls.periods = fill_monitoring(cls.terrassa_plan, cls.carles,
                                      body=cls.terrassa_service, link_to=cls.barcelona_plan)

    # The plan's addresses ---------------------------------------------------------------------

    @staticmethod
    def plan_url(org: str = "terrassa", plan: str = "peest") -> str:
        return f"/api/v1/organizations/{org}/plans/{plan}/"

    def progress_url(self, element, year: int = 2022, org="terrassa", plan="peest") -> str:
        return f"{self.plan_url(org, plan)}elements/{element.slug}/progress/{year}/"

    # Requests ---------------------------------------------------------------------------------

    def get_json(self, url: str, *, language: str = "ca", status: int = 200, **extra):
        response = self.client.get(url, HTTP_ACCEPT_LANGUAGE=language, **extra)
        self.assertEqual(response.status_code, status, response.content[:500])
        return response.json()

    def send(self, method: str, url: str, data=None, *, token: str | None = None,
             language: str = "en"):
        headers = {"HTTP_ACCEPT_LANGUAGE": language}
        if token:
            headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        return getattr(self.client, method)(
            url, data=json.dumps(data) if data is not None else None,
            content_type="application/json", **headers)
