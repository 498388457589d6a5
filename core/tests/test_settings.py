"""Settings come from the environment; production values pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.test import SimpleTestCase

from teixit.dburl import DatabaseUrlError, parse_database_url

BASE = Path("/srv/teixit")


class DatabaseUrlTests(SimpleTestCase):
    def test_sqlite_relative_path_is_under_the_project(self):
        config = parse_database_url("sqlite:///var/teixit.sqlite3", base_dir=BASE)
        self.assertEqual(config["ENGINE"], "django.db.backends.sqlite3")
        self.assertEqual(config["NAME"], "/srv/teixit/var/teixit.sqlite3")

    def test_sqlite_absolute_path(self):
        config = parse_database_url("sqlite:////tmp/x.sqlite3", base_dir=BASE)
        self.assertEqual(config["NAME"], "/tmp/x.sqlite3")

    def test_postgres_with_credentials_and_options(self):
        config = parse_database_url(
            "postgres://teixit:s%40cret@db.example.org:6543/teixit?sslmode=require",
            base_dir=BASE)
        self.assertEqual(config["ENGINE"], "django.db.backends.postgresql")
        self.assertEqual((config["USER"], config["PASSWORD"], config["HOST"], config["PORT"]),
                         ("teixit", "s@cret", "db.example.org", "6543"))
        self.assertEqual(config["NAME"], "teixit")
        self.assertEqual(config["OPTIONS"], {"sslmode": "require"})

    def test_other_databases_are_refused_plainly(self):
        with self.assertRaisesMessage(DatabaseUrlError, "mysql"):
            parse_database_url("mysql://root@localhost/db", base_dir=BASE)
        with self.assertRaises(DatabaseUrlError):
            parse_database_url("postgres://localhost/", base_dir=BASE)


class DeploymentCheckTests(SimpleTestCase):
    def run_manage(self, *args, **env):
        environment = {**os.environ, **env}
        environment.pop("DATABASE_URL", None)
        return subprocess.run([sys.executable, "manage.py", *args], cwd=settings.BASE_DIR,
                              env=environment, capture_output=True, text=True, timeout=120)

    def test_production_values_pass_check_deploy_without_warnings(self):
        result = self.run_manage(
            "check", "--deploy", "--fail-level", "WARNING",
            DEBUG="False",
            SECRET_KEY="x7#kP2!vQ9@mL4$wR8^tY1&uI6*oA3(sD5)fG0-hJ+zX_cVbN7mQ2wE9rT4yU",
            ALLOWED_HOSTS="teixit.example.org", DATABASE_URL="sqlite:////tmp/deploy.sqlite3")
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("no issues", result.stdout + result.stderr)

    def test_production_refuses_to_start_without_a_secret_key(self):
        result = self.run_manage("check", DEBUG="False", SECRET_KEY="")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("SECRET_KEY", result.stderr)
