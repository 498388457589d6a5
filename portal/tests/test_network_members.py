"""A network of hundreds of members lists them a hundred at a time."""

from django.urls import reverse

from core.testing import WorldTestCase
from organizations.models import NetworkMembership, Organization


class NetworkMembersTests(WorldTestCase):
    def test_members_come_a_hundred_a_page_with_their_count(self):
        before = self.xmess.members.count()
        members = Organization.objects.bulk_create(
            Organization(slug=f"municipi-{n:03d}", name=f"Municipi {n:03d}",
                         kind="municipality") for n in range(1, 151))
        NetworkMembership.objects.bulk_create(
            NetworkMembership(network=self.xmess, member=member) for member in members)
        total = before + 150
        url = reverse("portal:organization", args=["xmess"])
        first = self.client.get(url)
        self.assertContains(first, f"Membres del 1 al 100 de {total}, per ordre alfabètic.")
        self.assertContains(first, "Municipi 001")
        self.assertNotContains(first, "Municipi 150")
        self.assertContains(first, 'rel="next"')
        last = self.client.get(url, {"page": 2})
        self.assertContains(last, f"Membres del 101 al {total} de {total}")
        self.assertContains(last, "Municipi 150")
        self.assertContains(self.client.get(url, {"page": "no"}), "Municipi 001")
