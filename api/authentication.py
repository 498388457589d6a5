"""Token authentication: ``Authorization: Bearer <secret>`` (or ``Token <secret>``).

This is the API's only authentication. Signing in to the site does not count, so another site
cannot make a signed-in browser write through the API (no cross-site request forgery), and
reading needs no authentication at all.
"""

from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions

from api.models import ApiToken
from api.services import api_token_mark_used, secret_digest

KEYWORDS = ("bearer", "token")


class ApiTokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].decode(errors="replace").lower() not in KEYWORDS:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_(
                "Send the token as “Authorization: Bearer <token>”, with nothing else."))
        try:
            secret = parts[1].decode()
        except UnicodeDecodeError as exc:
            raise exceptions.AuthenticationFailed(_invalid()) from exc
        token = (ApiToken.objects.select_related("user", "organization")
                 .filter(key_hash=secret_digest(secret)).first())
        if token is None or not token.is_active or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_invalid())
        api_token_mark_used(token=token)
        return token.user, token

    def authenticate_header(self, request):
        # Makes DRF answer 401 (not 403) when credentials are missing or wrong.
        return 'Bearer realm="api"'


def _invalid() -> str:
    return _("This token is not valid: it does not exist or has been revoked.")
