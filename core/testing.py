"""The people and plans every test shares.

- Alba coordinates the XMESS (its administrator).
- Carles heads Terrassa's ESS service (administrator); Marta is its technician (editor);
  Núria is a councillor (viewer).
- Jordi is an editor at Barcelona.
- An anonymous citizen has no account.

Terrassa and Barcelona are members of the XMESS network. Each of the two municipalities has a
published plan and a draft plan, each with two lines and two actions under each line.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import TestCase
from django.utils import translation

from organizations.models import Body, Membership, NetworkMembership, Organization, Role
from plans import services
from plans.models import Plan

PASSWORD = "correct horse battery staple"


def make_user(username: str, first_name: str = ""):
    return get_user_model().objects.create_user(username=username, first_name=first_name,
                                                email=f"{username}@example.org",
                                                password=PASSWORD)


def make_plan(*, organization, user, slug, title, status=Plan.Status.APPROVED, lines=2,
              actions_per_line=2, body=None) -> Plan:
    """A plan with lines (LE1…) and actions (LE1.1…) built through the services."""
    plan = services.plan_create(organization=organization, user=user, slug=slug, title=title,
                                kind=Plan.Kind.WORK_PLAN, start_year=2020, end_year=2023,
                                level_preset="")
    line_level = services.level_save(plan=plan, user=user, key="line", name_ca="Línia",
                                     name_es="Línea", name_en="Line", code_pattern="LE{n}")
    action_level = services.level_save(plan=plan, user=user, key="action", name_ca="Acció",
                                       name_es="Acción", name_en="Action", parent=line_level,
                                       code_pattern="{parent}.{n}", holds_actions=True)
    for n in range(1, lines + 1):
        line = services.element_create(plan=plan, user=user, level=line_level, parent=None,
                                       code=f"LE{n}", title=f"Línia {n} de {title}")
        for m in range(1, actions_per_line + 1):
            services.element_create(
                plan=plan, user=user, level=action_level, parent=line, code=f"LE{n}.{m}",
                title=f"Acció {n}.{m}", calendar=[(2021, None)],
                responsible=[body] if body else [])
    if status == Plan.Status.APPROVED:
        import datetime

        services.plan_set_status(plan=plan, user=user, status=status,
                                 approved_on=datetime.date(2020, 1, 15),
                                 approved_place="Terrassa")
    return plan


def build_world(world) -> None:
    """Create the shared personas and plans as attributes of ``world`` (a test case class or
    instance)."""
    world.xmess = Organization.objects.create(slug="xmess", name="XMESS",
                                              kind=Organization.Kind.NETWORK)
    world.terrassa = Organization.objects.create(slug="terrassa", name="Ajuntament de Terrassa",
                                                 kind=Organization.Kind.MUNICIPALITY)
    world.barcelona = Organization.objects.create(slug="barcelona",
                                                  name="Ajuntament de Barcelona",
                                                  kind=Organization.Kind.MUNICIPALITY)
    for member in (world.terrassa, world.barcelona):
        NetworkMembership.objects.create(network=world.xmess, member=member)

    world.alba = make_user("alba", "Alba")
    world.carles = make_user("carles", "Carles")
    world.marta = make_user("marta", "Marta")
    world.nuria = make_user("nuria", "Núria")
    world.jordi = make_user("jordi", "Jordi")
    for user, organization, role in (
        (world.alba, world.xmess, Role.ADMIN),
        (world.carles, world.terrassa, Role.ADMIN),
        (world.marta, world.terrassa, Role.EDITOR),
        (world.nuria, world.terrassa, Role.VIEWER),
        (world.jordi, world.barcelona, Role.EDITOR),
    ):
        Membership.objects.create(user=user, organization=organization, role=role)

    world.terrassa_service = Body.objects.create(
        organization=world.terrassa, slug="seess", acronym="SEESS",
        name="Servei d'Emprenedoria i Economia Social", kind=Body.Kind.SERVICE)
    world.barcelona_body = Body.objects.create(
        organization=world.barcelona, slug="dess", acronym="DESS",
        name="Direcció d'Economia Social", kind=Body.Kind.ORGAN)
    world.terrassa_plan = make_plan(organization=world.terrassa, user=world.marta, slug="peest",
                                    title="PEEST", body=world.terrassa_service)
    world.terrassa_draft = make_plan(organization=world.terrassa, user=world.marta,
                                     slug="esborrany", title="Esborrany de Terrassa",
                                     status=Plan.Status.DRAFT)
    world.barcelona_plan = make_plan(organization=world.barcelona, user=world.jordi,
                                     slug="estrategia", title="Estratègia",
                                     body=world.barcelona_body)
    world.barcelona_draft = make_plan(organization=world.barcelona, user=world.jordi,
                                      slug="pla-secret", title="Pla en preparació",
                                      status=Plan.Status.DRAFT, body=world.barcelona_body)


class WorldTestCase(TestCase):
    """A TestCase with the shared personas and plans (see the module docstring)."""

    @classmethod
    def setUpTestData(cls):
        build_world(cls)

    def setUp(self):
        # A request in another language leaves that language active in the thread, and
        # reverse() would then build its addresses; every test starts in Catalan.
        translation.activate(settings.LANGUAGE_CODE)
        cache.clear()  # pages and fragments are kept per version of the data: none of another test

    def element(self, plan: Plan, code: str):
        return plan.elements.get(code=code)
