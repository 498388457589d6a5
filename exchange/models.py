from django.db import models


class DemoLoad(models.Model):
    """When the demo data was last loaded, and from which files (a hash of their contents)."""

    fingerprint = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.fingerprint[:12]} @ {self.loaded_at:%Y-%m-%d %H:%M}"
