"""Writes of API tokens. Same contract as the other apps' services: typed, keyword-only, one
transaction, a history record, and a ``ValidationError`` naming the field when refused.

Creating and revoking a token are recorded in the history of the token's organisation (next
to the changes of its bodies and people), so its administrators see who may write to its
plans from a program. Snapshots carry the token's name and first characters, never its secret
nor its digest.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from api.models import ApiToken
from history.models import Change
from history.services import change_record
from organizations.models import Organization

# Secrets look like ``teixit_…`` so that they are easy to recognise (and to search for in a
# repository where one was committed by mistake).
SECRET_PREFIX = "teixit_"
SHOWN_CHARACTERS = len(SECRET_PREFIX) + 6
# The last use is written at most this often, not on every request.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def secret_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def token_snapshot(token: ApiToken) -> dict:
    return {"id": token.pk, "name": token.name, "prefix": token.prefix,
            "user": token.user_id, "label": token.user.get_username(),
            "organization": token.organization_id,
            "revoked_at": token.revoked_at.isoformat() if token.revoked_at else None}


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    secret: str  # shown once; only its digest is stored


@transaction.atomic
def api_token_create(*, user, organization: Organization, name: str) -> NewToken:
    """Create a token for ``user`` in ``organization`` (whose gateway the caller passed) and
    return it with its secret, which is not stored and cannot be shown again."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Write what the token is for, so that you can tell "
                                         "it apart later.")})
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, organization=organization, name=name[:100],
                                    prefix=secret[:SHOWN_CHARACTERS],
                                    key_hash=secret_digest(secret))
    change_record(user=user, obj=token, organization=organization,
                  action=Change.Action.CREATE, after=token_snapshot(token))
    return NewToken(token=token, secret=secret)


@transaction.atomic
def api_token_revoke(*, token: ApiToken, user) -> ApiToken:
    """Stop ``token`` for good. It stays listed, as revoked, with its last use."""
    if not token.is_active:
        raise ValidationError(_("The token “%(name)s” is already revoked.")
                              % {"name": token.name})
    before = token_snapshot(token)
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    change_record(user=user, obj=token, organization=token.organization,
                  action=Change.Action.STATUS, before=before, after=token_snapshot(token))
    return token


def api_token_mark_used(*, token: ApiToken) -> None:
    """Note when the token was last used, to the minute.

    Not recorded in the history: it is bookkeeping that happens on every request, not a change
    anyone made, and the writes the token makes are recorded by their own services."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
