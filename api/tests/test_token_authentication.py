"""A program authenticates with ``Authorization: Bearer <token>`` (or ``Token <token>``);
only a digest of the secret is stored, and nothing but a token opens the write endpoints."""

import hashlib

from django.utils import timezone

from api.models import ApiToken
from api.services import api_token_create, api_token_revoke
from api.tests.world import ApiTestCase
from core.testing import PASSWORD
from monitoring.models import Progress


class TokenAuthenticationTests(ApiTestCase):
    def setUp(self):
        self.action = self.element(self.terrassa_plan, "LE1.1")
        self.url = self.progress_url(self.action, 2023)

    def put(self, **headers):
        return self.client.put(self.url, {"status": "in_progress", "percent": 25},
                               content_type="application/json", **headers)

    def test_only_a_digest_of_the_secret_is_stored(self):
        new = api_token_create(user=self.marta, organization=self.terrassa, name="ERP")
        self.assertTrue(new.secret.startswith("teixit_"))
        stored = ApiToken.objects.get(pk=new.token.pk)
        self.assertEqual(stored.key_hash, hashlib.sha256(new.secret.encode()).hexdigest())
        self.assertTrue(new.secret.startswith(stored.prefix))
        self.assertLess(len(stored.prefix), len(new.secret) // 2)
        for value in ApiToken.objects.filter(pk=stored.pk).values().first().values():
            self.assertNotIn(new.secret, str(value))

    def test_bearer_and_token_keywords_are_accepted(self):
        for keyword in ("Bearer", "Token", "bearer"):
            with self.subTest(keyword=keyword):
                response = self.put(HTTP_AUTHORIZATION=f"{keyword} {self.marta_token}")
                self.assertIn(response.status_code, (200, 201), response.content)

    def test_use_is_noted(self):
        token = ApiToken.objects.get(name="Marta's script")
        self.assertIsNone(token.last_used_at)
        self.put(HTTP_AUTHORIZATION=f"Bearer {self.marta_token}")
        token.refresh_from_db()
        self.assertIsNotNone(token.last_used_at)

    def test_missing_wrong_or_revoked_tokens_are_refused_with_401(self):
        revoked = api_token_create(user=self.marta, organization=self.terrassa, name="Old")
        api_token_revoke(token=revoked.token, user=self.marta)
        for header in ({}, {"HTTP_AUTHORIZATION": "Bearer teixit_nonsense"},
                       {"HTTP_AUTHORIZATION": f"Bearer {revoked.secret}"},
                       {"HTTP_AUTHORIZATION": f"Bearer {self.marta_token} extra"}):
            with self.subTest(header=header):
                response = self.put(**header)
                self.assertEqual(response.status_code, 401)
                self.assertIn("Bearer", response["WWW-Authenticate"])
                self.assertIn("detail", response.json())
        self.assertFalse(Progress.objects.filter(period__year=2023).exists())

    def test_a_deactivated_person_s_token_stops_working(self):
        self.marta.is_active = False
        self.marta.save()
        self.assertEqual(self.put(HTTP_AUTHORIZATION=f"Bearer {self.marta_token}")
                         .status_code, 401)

    def test_signing_in_to_the_site_does_not_open_writes(self):
        self.client.login(username="marta", password=PASSWORD)
        response = self.put()
        self.assertEqual(response.status_code, 401)
        self.assertFalse(Progress.objects.filter(period__year=2023).exists())

    def test_a_wrong_token_is_refused_even_on_public_reads(self):
        # A program sending a bad token learns it at once rather than reading anonymously.
        response = self.client.get(self.plan_url(), HTTP_AUTHORIZATION="Bearer wrong")
        self.assertEqual(response.status_code, 401)
        self.assertEqual(self.client.get(self.plan_url()).status_code, 200)

    def test_options_describes_nothing(self):
        # The OpenAPI schema describes the API; OPTIONS answers 405, with a token or not.
        for headers in ({}, {"HTTP_AUTHORIZATION": f"Bearer {self.marta_token}"}):
            self.assertEqual(self.client.options(self.url, **headers).status_code, 405)

    def test_revoked_at_is_kept(self):
        token = ApiToken.objects.get(name="Marta's script")
        api_token_revoke(token=token, user=self.marta)
        self.assertLessEqual(token.revoked_at, timezone.now())
        self.assertFalse(token.is_active)
