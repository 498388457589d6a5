"""The API answers in the language of Accept-Language (Catalan, Spanish or English), Catalan
by default, although its addresses carry no language prefix; error messages included."""

from api.tests.world import ApiTestCase


class LanguageTests(ApiTestCase):
    def test_labels_follow_accept_language(self):
        for language, label in (("ca", "Acció"), ("es", "Acción"), ("en", "Action"),
                                ("en-GB,en;q=0.8", "Action"), ("fr", "Acció"), ("", "Acció"),
                                ("fr-FR,fr;q=0.9,es;q=0.8,en;q=0.5", "Acción"),
                                ("ca;q=0.2,en", "Action")):
            with self.subTest(language=language):
                response = self.client.get(self.plan_url() + "elements/?page_size=2",
                                           HTTP_ACCEPT_LANGUAGE=language)
                self.assertEqual(response.json()["results"][1]["level"]["name"], label)
                self.assertEqual(response["Content-Language"],
                                 {"Acció": "ca", "Acción": "es", "Action": "en"}[label])
                self.assertIn("Accept-Language", response["Vary"])

    def test_the_site_s_language_cookie_does_not_count(self):
        self.client.cookies["django_language"] = "es"
        response = self.client.get(self.plan_url() + "elements/?page_size=2",
                                   HTTP_ACCEPT_LANGUAGE="en")
        self.assertEqual(response.json()["results"][1]["level"]["name"], "Action")

    def test_validation_messages_follow_accept_language(self):
        url = self.progress_url(self.element(self.terrassa_plan, "LE1.1"), 2023)
        messages = {}
        for language in ("ca", "es", "en"):
            response = self.send("put", url, {"status": "finished", "percent": 150},
                                 token=self.marta_token, language=language)
            self.assertEqual(response.status_code, 400)
            messages[language] = response.json()["percent"][0]
        self.assertIn("A percentage goes from 0 to 100", messages["en"])
        self.assertNotEqual(messages["ca"], messages["en"])
        self.assertNotEqual(messages["es"], messages["en"])
        self.assertNotEqual(messages["ca"], messages["es"])

    def test_framework_messages_follow_accept_language_too(self):
        url = self.progress_url(self.element(self.terrassa_plan, "LE1.1"), 2023)
        for language, expected in (("en", "This field is required."),
                                   ("ca", "Aquest camp és obligatori."),
                                   ("es", "Este campo es requerido.")):
            response = self.send("put", url, {}, token=self.marta_token, language=language)
            self.assertEqual(response.json()["status"], [expected])
        response = self.client.get(self.plan_url("barcelona", "pla-secret"),
                                   HTTP_ACCEPT_LANGUAGE="es")
        self.assertEqual(response.json()["detail"], "No encontrado.")

    def test_the_rest_of_the_site_keeps_its_own_language_rule(self):
        # Addresses without a prefix are Catalan, whatever the browser asks.
        response = self.client.get("/", HTTP_ACCEPT_LANGUAGE="en")
        self.assertEqual(response["Content-Language"], "ca")
