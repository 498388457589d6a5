"""The editor's page "Import a plan from its document": an editor uploads the plan's
document, sees what it gives, and creates the draft plan without sending the file again;
viewers and people of other organisations cannot."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.testing import WorldTestCase
from exchange.tests.document_recovery import DOCUMENTS
from organizations.models import Membership, Role
from plans.models import Plan

CARD = "barcelona-fitxa-projecte-ciutat.txt"
TERRASSA = "terrassa-palanques-impuls-2022.txt"


def upload(name: str, data: bytes | None = None) -> dict:
    return {"document": SimpleUploadedFile(name, data if data is not None
                                           else (DOCUMENTS / name).read_bytes())}


class DocumentImportPageTests(WorldTestCase):
    def url(self, org: str = "terrassa") -> str:
        return reverse("editor:document_import", kwargs={"org": org})

    def test_an_editor_uploads_previews_and_creates_the_draft_plan(self):
        self.client.force_login(self.marta)
        page = self.client.get(reverse("editor:organization", kwargs={"org": "terrassa"}))
        self.assertContains(page, self.url())
        response = self.client.post(self.url(), upload(TERRASSA))
        self.assertEqual(response.status_code, 302)
        preview = self.client.get(response["Location"])
        self.assertContains(preview, "Palanques d&#x27;impuls")
        self.assertContains(preview, "Servei municipal d&#x27;emprenedoria i economia Social")
        self.assertContains(preview, "Pressupost Total 2019-2026")  # not placed, shown
        self.assertContains(preview, 'name="title"')
        before = Plan.objects.count()
        created = self.client.post(response["Location"], {
            "title": "Palanques d'impuls 2019-2026", "slug": "", "start_year": 2019,
            "end_year": 2026})
        plan = Plan.objects.get(organization=self.terrassa, slug="palanques-dimpuls-2019-2026")
        self.assertRedirects(created, reverse("editor:plan", kwargs={"org": "terrassa",
                                                                    "plan": plan.slug}))
        self.assertEqual(Plan.objects.count(), before + 1)
        self.assertEqual(plan.status, Plan.Status.DRAFT)
        self.assertEqual(plan.elements.count(), 6)
        # the draft is no longer held: the address shows the upload form again
        again = self.client.get(response["Location"])
        self.assertContains(again, 'name="document"')
        self.assertContains(again, 'class="message"')
        self.assertEqual(Plan.objects.count(), before + 1)

    def test_a_file_that_cannot_be_read_is_explained_on_the_form(self):
        self.client.force_login(self.marta)
        response = self.client.post(self.url(), upload("pla.docx", b"not a word document"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "error-summary")
        self.assertContains(response, 'id="id_document_error"')
        response = self.client.post(self.url(), upload("pla.odt", b"x"))
        self.assertContains(response, "pla.odt")

    def test_corrections_are_checked_before_the_plan_is_created(self):
        self.client.force_login(self.jordi)
        response = self.client.post(self.url("barcelona"), upload(CARD))
        before = Plan.objects.count()
        page = self.client.post(response["Location"], {"title": "Fitxa", "slug": "",
                                                       "start_year": 2030, "end_year": 2021})
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, 'id="id_end_year_error"')
        self.assertEqual(Plan.objects.count(), before)

    def test_a_draft_belongs_to_the_organisation_it_was_read_for(self):
        Membership.objects.create(user=self.marta, organization=self.barcelona,
                                  role=Role.EDITOR)
        self.client.force_login(self.marta)
        response = self.client.post(self.url(), upload(CARD))
        token = response["Location"].rstrip("/").rsplit("/", 1)[-1]
        other = reverse("editor:document_preview", kwargs={"org": "barcelona", "token": token})
        page = self.client.get(other)
        self.assertContains(page, 'class="message"')  # not held for Barcelona
        self.assertNotContains(page, 'name="title"')
        self.client.post(other, {"title": "Fitxa", "start_year": 2021, "end_year": 2030})
        self.assertFalse(Plan.objects.filter(organization=self.barcelona,
                                             title="Fitxa").exists())

    def test_viewers_and_other_organisations_cannot_import(self):
        self.client.force_login(self.nuria)  # Terrassa, viewer
        self.assertEqual(self.client.get(self.url()).status_code, 403)
        self.assertEqual(self.client.post(self.url(), upload(CARD)).status_code, 403)
        self.client.force_login(self.jordi)  # Barcelona
        self.assertEqual(self.client.get(self.url()).status_code, 404)
        self.client.logout()
        self.assertEqual(self.client.get(self.url()).status_code, 302)
