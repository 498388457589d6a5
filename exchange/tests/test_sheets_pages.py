"""The editor's spreadsheet pages: templates for anyone of the organisation, the upload, its
preview and the confirmation for editors, each upload for the person who sent it."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.testing import WorldTestCase
from exchange.models import Upload
from exchange.sheets.services import upload_create
from exchange.tests.sheets import csv_file, table_counts, workbook, xlsx
from monitoring import services as monitoring
from plans import services as plans

PLAN = {"org": "terrassa", "plan": "peest"}


class SpreadsheetPageTests(WorldTestCase):
    def page(self):
        return reverse("editor:spreadsheets", kwargs=PLAN)

    def download(self, query: str, prefix: str = ""):
        return self.client.get(prefix + reverse("editor:spreadsheet_download", kwargs=PLAN)
                               + query)

    def upload(self, data: bytes, name: str):
        return self.client.post(self.page(), {"file": SimpleUploadedFile(name, data)})

    def elements_csv(self, rows) -> bytes:
        return csv_file([["codi", "títol"], *rows])

    def all_rows_but(self, code: str) -> list:
        return [[e.code, e.title] for e in self.terrassa_plan.elements.order_by("pk")
                if e.code != code]

    # downloads ------------------------------------------------------------------------------

    def test_a_viewer_downloads_templates_but_cannot_import(self):
        self.client.force_login(self.nuria)
        response = self.client.get(self.page())
        self.assertContains(response, "format=xlsx")
        self.assertNotContains(response, 'type="file"')
        response = self.download("?kind=structure&format=xlsx")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Disposition"],
                         'attachment; filename="peest-estructura.xlsx"')
        book = workbook(response.content)
        self.assertEqual(book.sheetnames[:2], ["instruccions", "pla"])
        response = self.upload(self.elements_csv([["LE1", "Canviat"]]), "elements.csv")
        self.assertEqual(response.status_code, 403)
        self.assertFalse(Upload.objects.exists())

    def test_templates_of_each_kind_format_period_and_language(self):
        self.client.force_login(self.marta)
        period = monitoring.period_create(plan=self.terrassa_plan, user=self.carles,
                                          kind="year", year=2021)
        response = self.download(f"?kind=monitoring&format=xlsx&period={period.slug}")
        self.assertIn("peest-seguiment-2021.xlsx", response["Content-Disposition"])
        progress = workbook(response.content)["avenç"]
        self.assertEqual([row[0] for row in progress.iter_rows(min_row=2, values_only=True)],
                         ["LE1", "LE1.1", "LE1.2", "LE2", "LE2.1", "LE2.2"])
        response = self.download("?kind=structure&format=csv")
        self.assertEqual(response["Content-Type"], "application/zip")
        response = self.download("?kind=events&format=csv")
        self.assertTrue(response["Content-Type"].startswith("text/csv"))
        self.assertTrue(response.content.startswith("\ufeff".encode()))
        response = self.download("?kind=structure&format=xlsx", prefix="/es")
        sheet = workbook(response.content)["elementos"]
        self.assertEqual(next(sheet.iter_rows(max_row=1, values_only=True))[:3],
                         ("identificador", "código", "padre"))
        self.assertEqual(self.download("?kind=nothing&format=xlsx").status_code, 404)

    # upload, preview, confirm --------------------------------------------------------------

    def test_an_editor_uploads_sees_the_preview_and_confirms(self):
        self.client.force_login(self.marta)
        response = self.upload(self.elements_csv([["LE1.1", "Acció revisada"]]),
                               "elements.csv")
        upload = Upload.objects.get()
        preview = reverse("editor:spreadsheet_preview", kwargs={**PLAN,
                                                                "upload_id": upload.pk})
        self.assertRedirects(response, preview)
        self.assertEqual((upload.user, upload.plan, upload.size),
                         (self.marta, self.terrassa_plan, len(upload.data)))
        response = self.client.get(preview)
        self.assertContains(response, "Acció revisada")
        self.assertContains(response, "<del>Acció 1.1</del>", html=False)
        self.assertContains(response, "LE2.2")  # no longer in the file: kept unless confirmed
        self.assertContains(response, 'name="delete"')
        self.assertEqual(self.terrassa_plan.elements.get(code="LE1.1").title, "Acció 1.1")
        response = self.client.post(preview, {"fingerprint": response.context["fingerprint"]})
        self.assertRedirects(response, self.page())
        self.assertEqual(self.terrassa_plan.elements.get(code="LE1.1").title, "Acció revisada")
        self.assertEqual(self.terrassa_plan.elements.count(), 6)
        self.assertFalse(Upload.objects.exists())

    def test_rows_no_longer_in_the_file_are_deleted_only_when_the_box_is_ticked(self):
        self.client.force_login(self.marta)
        data = self.elements_csv(self.all_rows_but("LE2.2"))
        for delete, remains in ((False, True), (True, False)):
            with self.subTest(delete=delete):
                self.upload(data, "elements.csv")
                upload = Upload.objects.latest("pk")
                url = reverse("editor:spreadsheet_preview",
                              kwargs={**PLAN, "upload_id": upload.pk})
                fingerprint = self.client.get(url).context["fingerprint"]
                post = {"fingerprint": fingerprint, **({"delete": "on"} if delete else {})}
                self.assertRedirects(self.client.post(url, post), self.page())
                self.assertIs(self.terrassa_plan.elements.filter(code="LE2.2").exists(),
                              remains)

    def test_the_preview_and_its_confirmation_cost_the_same_queries_at_any_size(self):
        self.client.force_login(self.marta)
        plan = self.terrassa_plan

        def queries(method, url, data=None):
            with CaptureQueriesContext(connection) as captured:
                response = getattr(self.client, method)(url, data)
            self.assertIn(response.status_code, (200, 302))
            return len(captured), response

        def preview_and_import(title):
            self.upload(self.elements_csv([["LE1.1", title]]), "elements.csv")
            url = reverse("editor:spreadsheet_preview",
                          kwargs={**PLAN, "upload_id": Upload.objects.latest("pk").pk})
            shown, response = queries("get", url)
            stored, _response = queries("post", url,
                                        {"fingerprint": response.context["fingerprint"]})
            return shown, stored

        small = preview_and_import("Primer títol")
        line = plan.elements.get(code="LE1")
        for n in range(6):
            plans.element_create(plan=plan, user=self.marta, level=plan.levels.get(
                key="action"), parent=line, title=f"Més {n}", code=f"LE1.{n + 5}",
                responsible=[self.terrassa_service])
        self.assertEqual(preview_and_import("Segon títol"), small)
        self.assertEqual(plan.elements.get(code="LE1.1").title, "Segon títol")

    def test_a_plan_changed_since_the_preview_is_previewed_again(self):
        self.client.force_login(self.marta)
        self.upload(self.elements_csv([["LE1.1", "Acció revisada"]]), "elements.csv")
        url = reverse("editor:spreadsheet_preview",
                      kwargs={**PLAN, "upload_id": Upload.objects.get().pk})
        fingerprint = self.client.get(url).context["fingerprint"]
        plans.element_update(element=self.terrassa_plan.elements.get(code="LE2.1"),
                             user=self.carles, title="Canviada per un altre")
        before = table_counts()
        response = self.client.post(url, {"fingerprint": fingerprint})
        self.assertEqual(response.status_code, 200)
        self.assertNotEqual(response.context["fingerprint"], fingerprint)
        self.assertEqual(len(response.context["messages"]), 1)
        self.assertEqual(table_counts(), before)
        self.assertEqual(self.terrassa_plan.elements.get(code="LE1.1").title, "Acció 1.1")

    def test_a_file_with_errors_shows_each_place_and_cannot_be_confirmed(self):
        self.client.force_login(self.marta)
        data = xlsx({"avenç": [["element", "període", "% executat"], ["LE9", "2021", "molt"]]})
        self.upload(data, "seguiment.xlsx")
        url = reverse("editor:spreadsheet_preview",
                      kwargs={**PLAN, "upload_id": Upload.objects.get().pk})
        response = self.client.get(url)
        self.assertContains(response, 'class="error-summary"')
        self.assertEqual([(e.row, e.column) for e in response.context["result"].errors],
                         [(2, "% executat"), (2, "element"), (2, "període")])
        self.assertContains(response, "<td>avenç</td>", count=3, html=False)
        self.assertNotContains(response, 'name="fingerprint"')
        before = table_counts()
        response = self.client.post(url, {"fingerprint": response.context["fingerprint"]})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'class="error-summary"')
        self.assertEqual(table_counts(), before)

    @override_settings(SPREADSHEET_MAX_BYTES=1000)
    def test_a_file_too_large_or_of_another_kind_is_refused_at_the_upload(self):
        self.client.force_login(self.marta)
        response = self.upload(b"x" * 5000, "elements.csv")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'class="error-summary"')
        self.assertIn("1000", str(response.context["form"].errors["file"]))
        response = self.upload(b"codi;titol\n", "elements.ods")
        self.assertTrue(response.context["form"].errors["file"])
        self.assertFalse(Upload.objects.exists())

    def test_an_upload_is_its_uploaders_only_and_for_a_day(self):
        upload = upload_create(plan=self.terrassa_plan, user=self.marta, filename="a.csv",
                               data=self.elements_csv([["LE1", "Línia"]]))
        url = reverse("editor:spreadsheet_preview", kwargs={**PLAN, "upload_id": upload.pk})
        for user, status in ((self.carles, 404), (self.jordi, 404), (self.nuria, 403),
                             (self.marta, 200)):
            with self.subTest(user=user.username):
                self.client.force_login(user)
                self.assertEqual(self.client.get(url).status_code, status)
        Upload.objects.filter(pk=upload.pk).update(
            created_at=timezone.now() - datetime.timedelta(days=1, minutes=1))
        self.assertEqual(self.client.get(url).status_code, 404)
        upload_create(plan=self.terrassa_plan, user=self.marta, filename="b.csv", data=b"x")
        self.assertFalse(Upload.objects.filter(pk=upload.pk).exists())  # expired: cleaned

    def test_the_plan_header_links_to_the_page(self):
        self.client.force_login(self.nuria)
        response = self.client.get(reverse("editor:plan", kwargs=PLAN))
        self.assertContains(response, f'href="{self.page()}"')


class UploadHandlerTests(WorldTestCase):
    @override_settings(SPREADSHEET_MAX_BYTES=100_000)
    def test_a_large_upload_is_not_kept_in_full(self):
        self.client.force_login(self.marta)
        data = io.BytesIO(b"x" * 3_000_000)
        data.name = "gran.csv"
        response = self.client.post(reverse("editor:spreadsheets", kwargs=PLAN),
                                    {"file": data})
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].errors["file"])
        self.assertFalse(Upload.objects.exists())
