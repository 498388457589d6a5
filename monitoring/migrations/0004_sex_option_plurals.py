from django.db import migrations

PLURALS = {
    "dona": ("dones", "mujeres", "women"),
    "home": ("homes", "hombres", "men"),
    "no-binari": ("no binari", "no binario", "non-binary"),
    "no-consta": ("no consta", "no consta", "not recorded"),
}


def fill(apps, schema_editor):
    Option = apps.get_model("monitoring", "DisaggregationOption")
    for option in Option.objects.filter(category__key="sexe",
                                        category__organization__isnull=True):
        if option.key in PLURALS:
            option.plural_ca, option.plural_es, option.plural_en = PLURALS[option.key]
            option.save(update_fields=["plural_ca", "plural_es", "plural_en"])


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0003_option_plurals")]
    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
