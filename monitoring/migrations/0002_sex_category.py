"""The disaggregation by sex that every organisation can use (dona / home / no binari /
no consta). "No consta" (not recorded) is an option of its own: it is not zero."""

from django.db import migrations

OPTIONS = [
    ("dona", "Dona", "Mujer", "Woman", False),
    ("home", "Home", "Hombre", "Man", False),
    ("no-binari", "No binari", "No binario", "Non-binary", False),
    ("no-consta", "No consta", "No consta", "Not recorded", True),
]


def create(apps, schema_editor):
    Category = apps.get_model("monitoring", "DisaggregationCategory")
    Option = apps.get_model("monitoring", "DisaggregationOption")
    category, _ = Category.objects.get_or_create(
        organization=None, key="sexe",
        defaults={"name_ca": "Sexe", "name_es": "Sexo", "name_en": "Sex"})
    for order, (key, ca, es, en, not_recorded) in enumerate(OPTIONS, start=1):
        Option.objects.get_or_create(category=category, key=key, defaults={
            "name_ca": ca, "name_es": es, "name_en": en, "is_not_recorded": not_recorded,
            "order": order})


def remove(apps, schema_editor):
    apps.get_model("monitoring", "DisaggregationCategory").objects.filter(
        organization=None, key="sexe").delete()


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0001_initial")]
    operations = [migrations.RunPython(create, remove)]
