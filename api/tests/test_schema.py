"""The OpenAPI schema is valid and complete, and its documentation page is served from the
installed package's files, never from a CDN."""

import json

from django.core.management import call_command
from django.test import SimpleTestCase, TestCase
from openapi_spec_validator import validate


class SchemaTests(TestCase):
    def test_the_schema_is_valid_openapi(self):
        response = self.client.get("/api/v1/schema/?format=json")
        self.assertEqual(response.status_code, 200)
        schema = json.loads(response.content)
        validate(schema)
        paths = schema["paths"]
        plan = "/api/v1/organizations/{org}/plans/{plan}/"
        for path in ("/api/v1/organizations/", "/api/v1/plans/", plan, plan + "elements/",
                     plan + "elements/{element}/", plan + "progress/", plan + "indicators/",
                     plan + "budgets/", plan + "events/"):
            self.assertIn("get", paths[path], path)
        entry = paths[plan + "elements/{element}/progress/{period}/"]
        self.assertEqual(set(entry) & {"get", "put", "patch"}, {"get", "put", "patch"})
        self.assertEqual(entry["put"]["security"], [{"token": []}])
        self.assertIn({}, entry["get"]["security"])
        self.assertEqual(schema["components"]["securitySchemes"]["token"]["scheme"], "bearer")
        listing = paths["/api/v1/plans/"]["get"]
        self.assertEqual({p["name"] for p in listing["parameters"]},
                         {"page", "page_size", "organization"})


class SchemaWarningTests(SimpleTestCase):
    def test_the_schema_generates_without_warnings(self):
        # --fail-on-warn turns any guess drf-spectacular has to make into an error.
        call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")


class DocumentationPageTests(TestCase):
    def test_swagger_ui_comes_from_the_sidecar_package(self):
        response = self.client.get("/api/v1/docs/")
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertIn("/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js",
                      html)
        self.assertIn("/api/v1/schema/", html)
        for cdn in ("cdn.jsdelivr", "unpkg.com", "cdnjs"):
            self.assertNotIn(cdn, html)
