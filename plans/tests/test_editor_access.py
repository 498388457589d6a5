"""Every editor address, tried by people who must not get through.

The test walks the editor's URL list itself, so an address added later without an entry here
fails the test until someone decides who may use it.
"""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.urls import URLPattern, reverse

from budgets import services as budgets
from core.testing import PASSWORD, WorldTestCase
from exchange.sheets.services import upload_create
from history.models import Change
from monitoring import services as monitoring
from organizations.models import Membership
from plans import services
from plans.models import Element, ElementSection, Link, Plan, PlanSection
from teixit import urls_editor

# Views that only accept POST (a GET answers 405).
POST_ONLY = {
    "change_restore", "body_delete", "member_role", "member_remove", "section_delete",
    "section_move", "level_delete", "term_delete", "element_reorder",
    "element_section_delete", "link_delete", "periods_generate", "period_status",
    "indicator_delete", "event_delete", "line_delete", "cost_delete", "api_token_revoke",
}
# Pages a viewer may read whose form only editors (or administrators) may send.
READ_WITH_FORM = {"plan_status", "monitoring_settings", "budget", "organization_licence",
                  "spreadsheets"}
# Pages a viewer may read (everything else needs an editor, or an administrator).
READ_ONLY = {
    "home", "change", "organization", "organization_history", "organization_licence", "bodies",
    "plan",
    "plan_status", "plan_history", "sections", "levels", "terms", "element",
    "element_row", "element_history", "monitoring", "monitoring_settings",
    "element_monitoring", "indicators", "events", "budgets", "budget", "categories",
    "reports", "report_annual", "report_workplan", "report_card",
    "spreadsheets", "spreadsheet_download",
}


class EditorAccessTests(WorldTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.root = get_user_model().objects.create_superuser("root", "root@example.org",
                                                             PASSWORD)
        cls.bcn_targets = cls.targets_in(cls.barcelona_draft, cls.jordi)
        cls.trs_targets = cls.targets_in(cls.terrassa_plan, cls.marta)

    @classmethod
    def targets_in(cls, plan: Plan, user) -> dict:
        """One object of every kind inside ``plan`` (or its organisation)."""
        element = plan.elements.filter(parent__isnull=False).first()
        other = plan.elements.exclude(pk=element.pk).filter(parent__isnull=False).first()
        section = services.plan_section_save(plan=plan, user=user, kind="introduction",
                                             title="Introducció", body="Text")
        element_section = services.element_section_save(element=element, user=user,
                                                        kind="motivation", title="Motivació",
                                                        body="Per què")
        link = services.link_create(source=element, target=other, user=user)
        term = services.term_save(plan=plan, user=user, vocabulary="instrument",
                                  name="Jornades")
        membership = Membership.objects.filter(organization=plan.organization).first()
        period = monitoring.period_create(plan=plan, user=user, kind="year", year=2021)
        indicator = monitoring.indicator_save(plan=plan, user=user, name="Persones ateses",
                                              element=element)
        scale = monitoring.rating_scale_save(plan=plan, user=user, key="utilitat",
                                             name="Utilitat", levels=[("poc", "Poc")])
        event = monitoring.event_save(plan=plan, user=user, title="Reunió", year=2021,
                                      element=element)
        budget = budgets.budget_save(plan=plan, user=user, element=element,
                                     period_total=Decimal(1000))
        line = budgets.budget_line_save(budget=budget, user=user, year=2021, phase="executed",
                                        amount=Decimal(100))
        cost = budgets.personnel_cost_save(budget=budget, user=user, year=2021,
                                           hours=Decimal(10), hourly_cost=Decimal(30))
        category = monitoring.category_save(
            organization=plan.organization, user=user, name_ca=f"Franja d'edat {plan.slug}",
            options=[{"name_ca": "Menys de 30"}, {"name_ca": "30 o més"}])
        programme = plan.elements.get(code="LE1")
        return {
            "queries": {
                "report_annual": f"?programme={programme.pk}&year=2021&format=html&language=ca",
                "report_workplan": "?format=html&language=ca",
                "report_card": f"?element={element.pk}&format=html&language=ca",
            },
            "category_id": category.pk,
            "token": "no-such-draft",
            "upload_id": upload_create(plan=plan, user=cls.root, filename="fulls.csv",
                                       data=b"codi;t\xc3\xadtol\nLE1;L\xc3\xadnia\n").pk,
            "period_id": period.pk,
            "indicator_id": indicator.pk,
            "scale_id": scale.pk,
            "event_id": event.pk,
            "budget_id": budget.pk,
            "line_id": line.pk,
            "cost_id": cost.pk,
            "org": plan.organization.slug,
            "plan": plan.slug,
            "element_id": element.pk,
            "section_id": section.pk,
            "element_section_id": element_section.pk,
            "level_id": plan.levels.first().pk,
            "term_id": term.pk,
            "link_id": link.pk,
            "body_id": plan.organization.bodies.first().pk,
            "membership_id": membership.pk,
            "change_id": Change.objects.filter(plan=plan).latest("pk").pk,
        }

    def urls(self, targets: dict) -> list[tuple[str, str]]:
        result = []
        for pattern in urls_editor.urlpatterns:
            assert isinstance(pattern, URLPattern)
            names = set(pattern.pattern.converters)
            kwargs = {}
            for name in names:
                key = name
                if name == "section_id" and pattern.name.startswith("element_section"):
                    key = "element_section_id"
                kwargs[name] = targets[key]
            url = reverse(f"editor:{pattern.name}", kwargs=kwargs)
            result.append((pattern.name, url + targets["queries"].get(pattern.name, "")))
        return result

    def snapshot(self):
        return (Change.objects.count(), Element.objects.count(), Link.objects.count(),
                PlanSection.objects.count(), ElementSection.objects.count(),
                list(Plan.objects.order_by("pk").values_list("title", "status")),
                list(Element.objects.order_by("pk").values_list("title", "parent", "order")))

    def test_every_address_resolves_for_someone_allowed(self):
        # Otherwise a 404 below could mean "wrong address", not "refused".
        self.client.force_login(self.root)
        for name, url in self.urls(self.bcn_targets):
            with self.subTest(name=name):
                response = self.client.get(url)
                expected = 405 if name in POST_ONLY else 200
                self.assertEqual(response.status_code, expected, url)

    def test_anonymous_is_sent_to_sign_in_everywhere(self):
        for name, url in self.urls(self.bcn_targets):
            with self.subTest(name=name):
                for method in (self.client.get, self.client.post):
                    response = method(url)
                    if name in POST_ONLY and method == self.client.get:
                        self.assertIn(response.status_code, (302, 405))
                        continue
                    self.assertEqual(response.status_code, 302, url)
                    self.assertTrue(response["Location"].startswith(reverse("login")))

    def test_terrassa_editor_can_neither_read_nor_change_barcelona(self):
        self.client.force_login(self.marta)
        before = self.snapshot()
        for name, url in self.urls(self.bcn_targets):
            if name == "home":
                continue
            with self.subTest(name=name):
                for method in (self.client.get, self.client.post):
                    response = method(url, {"title": "Hacked", "code": "X", "name": "X",
                                             "status": "draft", "direction": "up",
                                             "role": "viewer"})
                    if name in POST_ONLY and method == self.client.get:
                        self.assertEqual(response.status_code, 405)
                        continue
                    if name in READ_ONLY and name not in READ_WITH_FORM and \
                            method == self.client.post:
                        self.assertEqual(response.status_code, 405)  # pages that only read
                        continue
                    self.assertIn(response.status_code, (403, 404), url)
                    self.assertNotContains(response, "Pla en preparació", status_code=response
                                           .status_code)
        self.assertEqual(self.snapshot(), before)

    def test_editor_home_lists_only_own_organisations(self):
        self.client.force_login(self.marta)
        response = self.client.get(reverse("editor:home"))
        self.assertContains(response, "Esborrany de Terrassa")
        self.assertNotContains(response, "Pla en preparació")
        self.assertNotContains(response, "Ajuntament de Barcelona")

    def test_viewer_reads_but_changes_nothing(self):
        self.client.force_login(self.nuria)
        before = self.snapshot()
        for name, url in self.urls(self.trs_targets):
            with self.subTest(name=name):
                if name in READ_ONLY:
                    self.assertEqual(self.client.get(url).status_code, 200, url)
                elif name not in POST_ONLY:
                    self.assertEqual(self.client.get(url).status_code, 403, url)
                if name == "home":
                    continue
                response = self.client.post(url, {"title": "Changed", "code": "X", "name": "X",
                                                  "status": "draft", "direction": "up",
                                                  "role": "viewer"})
                refused = 405 if name in READ_ONLY and name not in READ_WITH_FORM else 403
                self.assertEqual(response.status_code, refused, url)
        self.assertEqual(self.snapshot(), before)

    def test_editor_cannot_manage_people_or_status(self):
        self.client.force_login(self.marta)
        targets = self.trs_targets
        for name in ("members", "member_role", "member_remove"):
            kwargs = {"org": targets["org"]}
            if name != "members":
                kwargs["membership_id"] = targets["membership_id"]
            response = self.client.post(reverse(f"editor:{name}", kwargs=kwargs),
                                        {"person": "jordi", "role": "admin"})
            self.assertEqual(response.status_code, 403, name)
        url = reverse("editor:plan_status", kwargs={"org": "terrassa", "plan": "peest"})
        response = self.client.post(url, {"status": "draft"})
        self.assertEqual(response.status_code, 403)
        self.terrassa_plan.refresh_from_db()
        self.assertEqual(self.terrassa_plan.status, Plan.Status.APPROVED)

    def test_archived_plan_is_read_only_even_for_its_editors(self):
        services.plan_set_status(plan=self.terrassa_plan, user=self.carles,
                                 status=Plan.Status.ARCHIVED)
        self.client.force_login(self.marta)
        element = self.terrassa_plan.elements.first()
        url = reverse("editor:element_inline", kwargs={"org": "terrassa", "plan": "peest",
                                                       "element_id": element.pk})
        self.assertEqual(self.client.post(url, {"title": "Nou"}).status_code, 403)
        self.assertEqual(self.client.get(reverse("editor:plan", kwargs={
            "org": "terrassa", "plan": "peest"})).status_code, 200)
