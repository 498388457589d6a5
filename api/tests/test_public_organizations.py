"""Anyone lists the organisations, with their network membership and open data licence."""

from api.tests.world import ApiTestCase
from organizations.models import DataLicence


class OrganizationTests(ApiTestCase):
    def test_list_is_paginated_with_networks_members_and_licence(self):
        self.terrassa.data_licence = DataLicence.CC0
        self.terrassa.save()
        data = self.get_json("/api/v1/organizations/?page_size=2")
        self.assertEqual(data["count"], 3)
        self.assertIsNotNone(data["next"])
        self.assertIsNone(data["previous"])
        self.assertEqual(len(data["results"]), 2)
        second = self.get_json(data["next"])
        self.assertIsNotNone(second["previous"])
        by_slug = {o["slug"]: o for o in data["results"] + second["results"]}
        self.assertEqual([n["slug"] for n in by_slug["terrassa"]["networks"]], ["xmess"])
        self.assertEqual({m["slug"] for m in by_slug["xmess"]["members"]},
                         {"terrassa", "barcelona"})
        self.assertEqual(by_slug["terrassa"]["licence"]["id"], "CC0-1.0")
        self.assertEqual(by_slug["terrassa"]["licence"]["url"],
                         "https://creativecommons.org/publicdomain/zero/1.0/")
        self.assertEqual(by_slug["barcelona"]["licence"]["id"], "CC-BY-4.0")

    def test_detail_links_to_its_published_plans(self):
        data = self.get_json("/api/v1/organizations/terrassa/")
        self.assertEqual(data["kind"], "municipality")
        plans = self.get_json(data["plans_url"])
        self.assertEqual([p["slug"] for p in plans["results"]], ["peest"])

    def test_unknown_organisation_is_not_found(self):
        self.get_json("/api/v1/organizations/nowhere/", status=404)
