"""Marta creates, lists and revokes her own API tokens of Terrassa in the editor; both are
recorded in Terrassa's history. Others cannot see or revoke them."""

from django.urls import reverse

from api.models import ApiToken
from api.tests.world import ApiTestCase
from history.models import Change


class TokenPageTests(ApiTestCase):
    url = reverse("editor:api_tokens", kwargs={"org": "terrassa"})
    revoke_url = reverse("editor:api_token_revoke", kwargs={"org": "terrassa"})

    def test_marta_creates_a_token_and_sees_its_secret_once(self):
        self.client.force_login(self.marta)
        response = self.client.post(self.url, {"name": "Càrrega mensual"})
        self.assertEqual(response.status_code, 200)
        token = ApiToken.objects.get(name="Càrrega mensual")
        self.assertEqual((token.user, token.organization), (self.marta, self.terrassa))
        secret = response.context["created"].secret
        self.assertContains(response, secret)
        self.assertIn("no-store", response["Cache-Control"])
        listing = self.client.get(self.url)
        self.assertContains(listing, "Càrrega mensual")
        self.assertContains(listing, token.prefix)
        self.assertNotContains(listing, secret)
        change = Change.objects.get(object_id=token.pk, action=Change.Action.CREATE,
                                    content_type__app_label="api")
        self.assertEqual((change.user, change.organization), (self.marta, self.terrassa))
        self.assertNotIn(secret, str(change.after))
        self.assertNotIn(token.key_hash, str(change.after))

    def test_the_organisation_s_history_shows_it(self):
        self.client.force_login(self.marta)
        self.client.post(self.url, {"name": "Càrrega mensual"})
        token = ApiToken.objects.get(name="Càrrega mensual")
        self.client.post(self.revoke_url, {"token": token.pk})
        history_url = reverse("editor:organization_history", kwargs={"org": "terrassa"})
        changes = Change.objects.filter(object_id=token.pk, content_type__app_label="api")
        self.assertEqual(changes.count(), 2)
        for person in (self.marta, self.carles):  # an administrator sees them too
            self.client.force_login(person)
            history = self.client.get(history_url)
            for change in changes:
                change_url = reverse("editor:change", kwargs={"change_id": change.pk})
                self.assertContains(history, change_url)
                self.assertContains(self.client.get(change_url), "Càrrega mensual")

    def test_a_token_needs_a_name(self):
        self.client.force_login(self.marta)
        response = self.client.post(self.url, {"name": "  "})
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].errors)
        self.assertFalse(ApiToken.objects.filter(name="").exists())

    def test_marta_revokes_her_token(self):
        self.client.force_login(self.marta)
        token = ApiToken.objects.get(name="Marta's script")
        response = self.client.post(self.revoke_url, {"token": token.pk})
        self.assertRedirects(response, self.url)
        token.refresh_from_db()
        self.assertFalse(token.is_active)
        self.assertTrue(Change.objects.filter(object_id=token.pk, action=Change.Action.STATUS,
                                              content_type__app_label="api").exists())
        self.assertContains(self.client.get(self.url), "Marta&#x27;s script")
        put = self.send("put", self.progress_url(self.element(self.terrassa_plan, "LE1.1"),
                                                 2023), {"status": "pending"},
                        token=self.marta_token)
        self.assertEqual(put.status_code, 401)

    def test_only_her_own_tokens_are_listed_and_revocable(self):
        carles_token = ApiToken.objects.create(user=self.carles, organization=self.terrassa,
                                               name="Carles's script", prefix="teixit_abc",
                                               key_hash="0" * 64)
        self.client.force_login(self.marta)
        self.assertNotContains(self.client.get(self.url), "Carles&#x27;s script")
        response = self.client.post(self.revoke_url, {"token": carles_token.pk})
        self.assertEqual(response.status_code, 404)
        carles_token.refresh_from_db()
        self.assertTrue(carles_token.is_active)

    def test_viewers_and_other_organisations_get_no_tokens(self):
        self.client.force_login(self.nuria)
        self.assertEqual(self.client.get(self.url).status_code, 403)
        self.assertEqual(self.client.post(self.url, {"name": "X"}).status_code, 403)
        self.client.force_login(self.jordi)
        self.assertEqual(self.client.get(self.url).status_code, 404)
        token = ApiToken.objects.get(name="Marta's script")
        self.assertEqual(self.client.post(self.revoke_url, {"token": token.pk}).status_code,
                         404)
        self.assertFalse(ApiToken.objects.filter(name="X").exists())
        token.refresh_from_db()
        self.assertTrue(token.is_active)
