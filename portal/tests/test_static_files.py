"""In production, static files are served compressed and cacheable for a long time."""

import tempfile

from django.core.management import call_command
from django.test import Client, SimpleTestCase, override_settings


class StaticFileTests(SimpleTestCase):
    def test_collected_files_are_compressed_and_immutable(self):
        with tempfile.TemporaryDirectory() as root, override_settings(
                STATIC_ROOT=root, DEBUG=False, WHITENOISE_USE_FINDERS=False,
                WHITENOISE_AUTOREFRESH=False,
                STORAGES={"default": {"BACKEND":
                                      "django.core.files.storage.FileSystemStorage"},
                          "staticfiles": {"BACKEND": "whitenoise.storage."
                                          "CompressedManifestStaticFilesStorage"}}):
            # Only our own files: compressing the libraries' ones takes minutes.
            call_command("collectstatic", interactive=False, verbosity=0,
                         ignore_patterns=["admin", "rest_framework", "drf_spectacular*",
                                          "*.map"])
            from django.templatetags.static import static

            url = static("portal/portal.css")
            self.assertRegex(url, r"portal\.[0-9a-f]{12}\.css$")
            response = Client().get(url, headers={"accept-encoding": "gzip, br"})
            self.assertEqual(response.status_code, 200)
            self.assertIn(response["Content-Encoding"], ("br", "gzip"))
            self.assertIn("immutable", response["Cache-Control"])
            self.assertIn("max-age=315360000", response["Cache-Control"])
