"""The accessibility statement (RD 1112/2018) is public, linked from every page, and names the
address that receives accessibility complaints and requests."""

from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import translation


class AccessibilityStatementTests(TestCase):
    def test_an_anonymous_visitor_reads_it_in_catalan_first_and_in_english(self):
        response = self.client.get("/accessibility/")
        self.assertContains(response, '<html lang="ca">')
        with translation.override("ca"):  # the request below leaves English active
            response = self.client.get("/en/accessibility/")
        for section in ("Compliance status", "Non-accessible content",
                        "Preparation of this accessibility statement",
                        "Feedback and contact details", "Enforcement procedure"):
            self.assertContains(response, f"<h2>{section}</h2>")

    @override_settings(ACCESSIBILITY_CONTACT="accessibilitat@example.org")
    def test_it_names_the_configured_contact(self):
        response = self.client.get("/accessibility/")
        self.assertContains(response, '<a href="mailto:accessibilitat@example.org">'
                                      'accessibilitat@example.org</a>', html=True)

    def test_every_page_links_to_it(self):
        for url in (reverse("login"), "/no-such-page/here/"):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertContains(response, f'href="{reverse("accessibility")}"',
                                    status_code=response.status_code)
