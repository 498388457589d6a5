from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DemoLoad(models.Model):
    """When the demo data was last loaded, and from which files (a hash of their contents)."""

    fingerprint = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.fingerprint[:12]} @ {self.loaded_at:%Y-%m-%d %H:%M}"


class Upload(models.Model):
    """A spreadsheet uploaded to be imported into a plan, kept from its preview until its
    import is confirmed (a day at most): the preview and the import read the same bytes."""

    organization = models.ForeignKey("organizations.Organization", on_delete=models.CASCADE,
                                     related_name="+")
    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    filename = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    data = models.BinaryField()
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("uploaded spreadsheet")
        verbose_name_plural = _("uploaded spreadsheets")

    def __str__(self):
        return self.filename
