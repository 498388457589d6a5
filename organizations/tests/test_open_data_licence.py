"""Carles, Terrassa's administrator, chooses the licence of its open data; Marta (editor)
and Núria (viewer) see it but cannot change it; Jordi, from Barcelona, cannot even see it."""

from django.urls import reverse

from core.testing import WorldTestCase
from history.models import Change
from organizations.models import DataLicence
from organizations.services import organization_licence_set


class LicenceFormTests(WorldTestCase):
    def setUp(self):
        self.url = reverse("editor:organization_licence", args=["terrassa"])

    def test_cc_by_is_the_default_and_the_organisation_page_links_to_it(self):
        self.client.force_login(self.nuria)
        page = self.client.get(reverse("editor:organization", args=["terrassa"]))
        self.assertContains(page, self.url)
        response = self.client.get(self.url)
        self.assertContains(response, "Creative Commons Attribution 4.0 (CC BY 4.0)")
        self.assertContains(response, "https://creativecommons.org/licenses/by/4.0/")

    def test_the_administrator_changes_it_and_the_history_records_it(self):
        self.client.force_login(self.carles)
        response = self.client.post(self.url, {"licence": DataLicence.ODBL}, follow=True)
        self.assertContains(response, "https://opendatacommons.org/licenses/odbl/1-0/")
        self.terrassa.refresh_from_db()
        self.assertEqual(self.terrassa.data_licence, DataLicence.ODBL)
        change = Change.objects.get(content_type__model="organization",
                                    object_id=self.terrassa.pk)
        self.assertEqual((change.user, change.action, change.organization),
                         (self.carles, Change.Action.UPDATE, self.terrassa))
        self.assertEqual(change.before, {"id": self.terrassa.pk, "data_licence": "CC-BY-4.0"})
        self.assertEqual(change.after, {"id": self.terrassa.pk, "data_licence": "ODbL-1.0"})
        history = self.client.get(reverse("editor:organization_history", args=["terrassa"]))
        self.assertContains(history, reverse("editor:change", args=[change.pk]))

    def test_saving_the_same_licence_records_nothing(self):
        organization_licence_set(organization=self.terrassa, user=self.carles,
                                 licence=DataLicence.CC_BY)
        self.assertFalse(Change.objects.filter(content_type__model="organization").exists())

    def test_an_unknown_licence_is_refused(self):
        self.client.force_login(self.carles)
        response = self.client.post(self.url, {"licence": "GPL-3.0"})
        self.assertContains(response, 'class="error-summary"')
        self.terrassa.refresh_from_db()
        self.assertEqual(self.terrassa.data_licence, DataLicence.CC_BY)

    def test_editors_and_viewers_see_it_but_cannot_change_it(self):
        for person in (self.marta, self.nuria):
            with self.subTest(person=person.username):
                self.client.force_login(person)
                page = self.client.get(self.url)
                self.assertContains(page, "CC BY 4.0")
                self.assertNotContains(page, 'name="licence"')
                response = self.client.post(self.url, {"licence": DataLicence.CC0})
                self.assertEqual(response.status_code, 403)
        self.terrassa.refresh_from_db()
        self.assertEqual(self.terrassa.data_licence, DataLicence.CC_BY)

    def test_another_organisation_s_people_do_not_find_it(self):
        self.client.force_login(self.jordi)
        self.assertEqual(self.client.get(self.url).status_code, 404)
        self.assertEqual(self.client.post(self.url, {"licence": DataLicence.CC0}).status_code,
                         404)


class LicenceRestoreTests(WorldTestCase):
    """A licence can be brought back from the history, by an administrator only."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        organization_licence_set(organization=cls.terrassa, user=cls.carles,
                                 licence=DataLicence.ODBL)
        cls.first = Change.objects.get(content_type__model="organization")
        organization_licence_set(organization=cls.terrassa, user=cls.carles,
                                 licence=DataLicence.CC0)

    def restore(self, person):
        self.client.force_login(person)
        self.client.post(reverse("editor:change_restore", args=[self.first.pk]))
        self.terrassa.refresh_from_db()
        return self.terrassa.data_licence

    def test_the_administrator_restores_an_earlier_licence(self):
        self.assertEqual(self.restore(self.carles), DataLicence.ODBL)
        self.assertEqual(Change.objects.filter(content_type__model="organization",
                                               action=Change.Action.RESTORE).count(), 1)

    def test_an_editor_cannot_restore_it(self):
        self.assertEqual(self.restore(self.marta), DataLicence.CC0)
