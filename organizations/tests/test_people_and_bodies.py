"""Carles, Terrassa's administrator, manages the people and bodies of his organisation."""

from django.urls import reverse

from core.testing import WorldTestCase
from history.models import Change
from organizations.models import Body, Membership, Role


class PeopleTests(WorldTestCase):
    def setUp(self):
        self.client.force_login(self.carles)
        self.url = reverse("editor:members", args=["terrassa"])

    def test_adds_a_person_by_user_name_or_email(self):
        self.client.post(self.url, {"person": "JORDI@example.org", "role": Role.VIEWER})
        membership = Membership.objects.get(user=self.jordi, organization=self.terrassa)
        self.assertEqual(membership.role, Role.VIEWER)
        self.assertTrue(Change.objects.filter(object_id=membership.pk,
                                              content_type__model="membership").exists())

    def test_an_unknown_person_is_explained(self):
        response = self.client.post(self.url, {"person": "ningu", "role": Role.EDITOR})
        self.assertContains(response, "ningu")
        self.assertContains(response, 'class="error-summary"')

    def test_changes_a_role(self):
        membership = Membership.objects.get(user=self.marta, organization=self.terrassa)
        self.client.post(reverse("editor:member_role", args=["terrassa", membership.pk]),
                         {f"m{membership.pk}-role": Role.ADMIN})
        membership.refresh_from_db()
        self.assertEqual(membership.role, Role.ADMIN)

    def test_the_last_administrator_stays(self):
        membership = Membership.objects.get(user=self.carles, organization=self.terrassa)
        response = self.client.post(reverse("editor:member_remove", args=[
            "terrassa", membership.pk]), follow=True)
        self.assertTrue(Membership.objects.filter(pk=membership.pk).exists())
        self.assertContains(response, 'class="message error"')
        self.client.post(reverse("editor:member_role", args=["terrassa", membership.pk]),
                         {f"m{membership.pk}-role": Role.VIEWER})
        membership.refresh_from_db()
        self.assertEqual(membership.role, Role.ADMIN)

    def test_removes_a_person(self):
        membership = Membership.objects.get(user=self.nuria, organization=self.terrassa)
        self.client.post(reverse("editor:member_remove", args=["terrassa", membership.pk]))
        self.assertFalse(Membership.objects.filter(pk=membership.pk).exists())


class BodyTests(WorldTestCase):
    def setUp(self):
        self.client.force_login(self.marta)

    def test_an_editor_adds_a_body_with_its_meetings_and_holders(self):
        self.client.post(reverse("editor:body_create", args=["terrassa"]), {
            "acronym": "CMESST", "name": "Consell Municipal de l'ESS de Terrassa",
            "kind": "participation", "functions": "Participació", "meeting_periodicity":
            "quarterly", "holders": "Entitats i empreses", "slug": ""})
        body = Body.objects.get(organization=self.terrassa, acronym="CMESST")
        self.assertEqual((body.slug, body.meeting_periodicity), ("cmesst", "quarterly"))

    def test_a_duplicate_acronym_is_refused(self):
        response = self.client.post(reverse("editor:body_create", args=["terrassa"]), {
            "acronym": "SEESS", "name": "Un altre", "kind": "service"})
        self.assertContains(response, "SEESS")
        self.assertEqual(Body.objects.filter(organization=self.terrassa).count(), 1)

    def test_a_body_can_stand_for_a_partner_organisation(self):
        self.client.post(reverse("editor:body_create", args=["terrassa"]), {
            "acronym": "XMESS", "name": "Xarxa de Municipis per l'ESS", "kind": "partner",
            "partner": self.xmess.pk})
        body = Body.objects.get(organization=self.terrassa, acronym="XMESS")
        self.assertEqual(body.partner, self.xmess)
