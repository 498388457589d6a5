"""What the benchmarks that build their own database do first.

Imported before anything of Django's: it puts the project on the path, points DATABASE_URL
at a new SQLite file in a temporary folder unless DATABASE_URL is already set, and sets
Django up.
"""

import os
import sys
import tempfile
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL",
                      f"sqlite:///{tempfile.mkdtemp(prefix='teixit-bench-')}/bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "teixit.settings")
django.setup()
