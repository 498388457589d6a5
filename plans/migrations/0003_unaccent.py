from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    """PostgreSQL's unaccent, so that searching "accio" finds "Acció" in the database itself
    (it does nothing on other databases)."""

    dependencies = [("plans", "0002_level_plural_names")]

    operations = [UnaccentExtension()]
