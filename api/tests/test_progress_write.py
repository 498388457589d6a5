"""Marta's program writes an action's progress for a period with her token, through the same
gateways and service as the editor: validated, refused for closed periods, recorded in the
history. Viewers, other organisations and archived plans are refused, and nothing is stored."""

from django.contrib.contenttypes.models import ContentType

from api.services import api_token_create
from api.tests.world import ApiTestCase
from history.models import Change
from monitoring.models import Progress
from organizations.models import Membership, Role
from plans import services
from plans.models import Plan


class ProgressWriteTests(ApiTestCase):
    def setUp(self):
        self.action = self.element(self.terrassa_plan, "LE1.1")
        self.url = self.progress_url(self.action, 2023)

    def entries(self):
        return list(Progress.objects.order_by("pk").values_list(
            "element_id", "period_id", "status", "percent", "deployment"))

    def changes(self):
        return Change.objects.filter(content_type=ContentType.objects.get_for_model(Progress))

    def test_put_creates_the_entry_through_the_service(self):
        before = self.changes().count()
        response = self.send("put", self.url, {
            "status": "in_progress", "percent": 62.5, "deployment": "Fet **molt**",
            "next_actions": "- Una\n- Dues", "bodies": ["seess"]}, token=self.marta_token)
        self.assertEqual(response.status_code, 201, response.content)
        data = response.json()
        self.assertEqual((data["status"], data["percent"], data["provisional"]),
                         ("in_progress", 62.5, True))
        self.assertEqual(data["deployment"], "<p>Fet <strong>molt</strong></p>")
        self.assertEqual(data["next_actions"], "<ul><li>Una</li><li>Dues</li></ul>")
        self.assertEqual(data["figure"]["executed"], 62.5)
        entry = Progress.objects.get(element=self.action, period__year=2023)
        self.assertEqual([b.slug for b in entry.bodies.all()], ["seess"])
        change = self.changes().latest("pk")
        self.assertEqual(self.changes().count(), before + 1)
        self.assertEqual((change.user, change.action, change.plan),
                         (self.marta, Change.Action.CREATE, self.terrassa_plan))

    def test_put_replaces_and_patch_changes_only_what_it_names(self):
        url = self.progress_url(self.action, 2022)
        response = self.send("patch", url, {"percent": 70}, token=self.marta_token)
        self.assertEqual(response.status_code, 200, response.content)
        entry = Progress.objects.get(element=self.action, period__year=2022)
        self.assertEqual((entry.status, entry.percent, entry.deployment),
                         ("in_progress", 70, "<p>Desplegament 2022</p>"))
        self.assertEqual([b.slug for b in entry.bodies.all()], ["seess"])
        response = self.send("put", url, {"status": "finished"}, token=self.marta_token)
        self.assertEqual(response.status_code, 200, response.content)
        entry.refresh_from_db()
        self.assertEqual((entry.status, entry.percent, entry.deployment),
                         ("finished", None, ""))
        self.assertEqual(list(entry.bodies.all()), [])

    def test_a_patch_without_an_entry_needs_a_status(self):
        response = self.send("patch", self.url, {"percent": 10}, token=self.marta_token)
        self.assertEqual(response.status_code, 400)
        self.assertEqual(list(response.json()), ["status"])

    def test_refusals_name_the_field_and_store_nothing(self):
        cases = [
            ({"status": "done"}, "status"),
            ({"status": "in_progress", "percent": 120}, "percent"),
            ({"status": "in_progress", "percent": "a lot"}, "percent"),
            ({"status": "finished", "percent": 80}, "percent"),
            ({"status": "in_progress", "bodies": ["dess"]}, "bodies"),  # Barcelona's body
            ({"percent": 10}, "status"),
        ]
        before = self.entries()
        for data, field in cases:
            with self.subTest(data=data):
                response = self.send("put", self.url, data, token=self.marta_token)
                self.assertEqual(response.status_code, 400)
                self.assertEqual(list(response.json()), [field])
                self.assertTrue(all(isinstance(m, str) and m for m in response.json()[field]))
        self.assertEqual(self.entries(), before)

    def test_the_percentage_of_a_rolled_up_element_is_refused(self):
        line = self.element(self.terrassa_plan, "LE1")
        response = self.send("put", self.progress_url(line, 2023),
                             {"status": "in_progress", "percent": 30}, token=self.marta_token)
        self.assertEqual(response.status_code, 400)
        self.assertIn("LE1", response.json()["percent"][0])
        response = self.send("put", self.progress_url(line, 2023), {"status": "in_progress"},
                             token=self.marta_token)
        self.assertEqual(response.status_code, 201)

    def test_a_closed_period_is_locked(self):
        before = self.entries()
        response = self.send("put", self.progress_url(self.action, 2021),
                             {"status": "finished"}, token=self.marta_token)
        self.assertEqual(response.status_code, 400)
        self.assertIn("2021", response.json()["non_field_errors"][0])
        self.assertEqual(self.entries(), before)

    def test_viewers_other_organisations_and_archived_plans_are_refused(self):
        before, changes = self.entries(), self.changes().count()
        data = {"status": "cancelled", "percent": None}
        self.assertEqual(self.send("put", self.url, data, token=self.nuria_token).status_code,
                         403)
        self.assertEqual(self.send("put", self.url, data, token=self.jordi_token).status_code,
                         404)
        self.assertEqual(self.send("put", self.url, data).status_code, 401)
        # Jordi's token cannot reach Barcelona's plan through Terrassa's address either.
        barcelona_action = self.element(self.barcelona_plan, "LE1.1")
        self.assertEqual(self.send("put", self.progress_url(barcelona_action, 2023, org="terrassa"),
                                   data, token=self.jordi_token).status_code, 404)
        services.plan_set_status(plan=self.terrassa_plan, user=self.carles,
                                 status=Plan.Status.ARCHIVED)
        self.assertEqual(self.send("put", self.url, data, token=self.marta_token).status_code,
                         403)
        self.assertEqual(self.entries(), before)
        self.assertEqual(self.changes().count(), changes)

    def test_a_token_acts_for_its_own_organisation_only(self):
        # Marta also becomes an editor of Barcelona; her Terrassa token still cannot write
        # there, while a Barcelona token of hers can.
        Membership.objects.create(user=self.marta, organization=self.barcelona,
                                  role=Role.EDITOR)
        action = self.element(self.barcelona_plan, "LE1.1")
        from monitoring import services as monitoring
        monitoring.period_create(plan=self.barcelona_plan, user=self.jordi, kind="year",
                                 year=2023)
        url = self.progress_url(action, 2023, org="barcelona", plan="estrategia")
        data = {"status": "pending"}
        self.assertEqual(self.send("put", url, data, token=self.marta_token).status_code, 404)
        barcelona_token = api_token_create(user=self.marta, organization=self.barcelona,
                                           name="Barcelona").secret
        self.assertEqual(self.send("put", url, data, token=barcelona_token).status_code, 201)

    def test_a_role_taken_away_stops_the_token(self):
        Membership.objects.filter(user=self.marta, organization=self.terrassa).update(
            role=Role.VIEWER)
        response = self.send("put", self.url, {"status": "pending"}, token=self.marta_token)
        self.assertEqual(response.status_code, 403)
        Membership.objects.filter(user=self.marta, organization=self.terrassa).delete()
        response = self.send("put", self.url, {"status": "pending"}, token=self.marta_token)
        self.assertEqual(response.status_code, 404)

    def test_editors_write_to_their_drafts(self):
        action = self.element(self.terrassa_draft, "LE1.1")
        from monitoring import services as monitoring
        monitoring.period_create(plan=self.terrassa_draft, user=self.marta, kind="year",
                                 year=2022)
        url = self.progress_url(action, 2022, plan="esborrany")
        response = self.send("put", url, {"status": "pending"}, token=self.marta_token)
        self.assertEqual(response.status_code, 201, response.content)
        self.get_json(url, status=404)  # and the public still sees nothing of the draft
