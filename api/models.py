from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from organizations.models import Organization


class ApiToken(models.Model):
    """A key with which a person's programs write to the API on behalf of one organisation.

    Only a SHA-256 digest of the secret is stored: the secret itself is shown once, when the
    token is created, and cannot be recovered. A token acts with its person's current role in
    its organisation and nowhere else; revoking it, or taking the person's role away, stops it.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="api_tokens", verbose_name=_("person"))
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE,
                                     related_name="api_tokens",
                                     verbose_name=_("organisation"))
    name = models.CharField(_("name"), max_length=100)
    # The first characters of the secret, shown so that people can tell their tokens apart.
    prefix = models.CharField(_("starts with"), max_length=20)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return self.name

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
