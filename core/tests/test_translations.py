"""Every interface string is translated into Catalan and Spanish.

The test extracts the strings of the current sources into a copy of the catalogues (the
project's own files are left alone) and fails on any string without a translation, or with
one still marked fuzzy. To fix it: ``teixit makemessages -l ca -l es --no-obsolete``, then
translate what it added in ``locale/``.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.test import SimpleTestCase

IGNORED = shutil.ignore_patterns(".*", "var", "staticfiles", "__pycache__", "*.mo", "node_modules",
                                 "build", "*.egg-info", "bench", "demo", "docs")


class CatalogueTests(SimpleTestCase):
    def test_catalan_and_spanish_catalogues_are_complete(self):
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "teixit"
            shutil.copytree(settings.BASE_DIR, copy, ignore=IGNORED)
            environment = {**os.environ, "PYTHONPATH": str(copy),
                           "DJANGO_SETTINGS_MODULE": "teixit.settings",
                           "DATABASE_URL": "sqlite:///:memory:"}
            result = subprocess.run(
                [sys.executable, "manage.py", "makemessages", "-l", "ca", "-l", "es",
                 "--no-obsolete", "-v0"],
                cwd=copy, env=environment, capture_output=True, text=True, timeout=300)
            self.assertEqual(result.returncode, 0, result.stderr)
            for language in ("ca", "es"):
                with self.subTest(language=language):
                    catalogue = copy / "locale" / language / "LC_MESSAGES" / "django.po"
                    missing = untranslated_entries(catalogue.read_text(encoding="utf-8"))
                    self.assertEqual(missing, [], f"{len(missing)} string(s) without a "
                                     f"{language} translation")


def untranslated_entries(text: str) -> list[str]:
    """msgids whose translation is empty or fuzzy (the header entry excepted)."""
    missing = []
    for entry in re.split(r"\n\s*\n", text):
        if "msgid" not in entry:
            continue
        msgid = "".join(re.findall(r'^(?:msgid|msgid_plural)?\s*"(.*)"$',
                                   entry.split("msgstr")[0], re.MULTILINE))
        if not msgid:
            continue  # the header
        translations = re.findall(r'msgstr(?:\[\d\])?\s*((?:"[^\n]*"\s*)+)', entry)
        empty = any(not "".join(re.findall(r'"(.*)"', t)) for t in translations)
        if not translations or empty or "#, fuzzy" in entry:
            missing.append(msgid)
    return missing
