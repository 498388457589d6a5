"""Turn a ``DATABASE_URL`` into a Django ``DATABASES`` entry.

Only the two databases Teixit supports are understood: SQLite (the embedded default) and
PostgreSQL (production). Anything else is a configuration error, said plainly at start-up.
"""

from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit


class DatabaseUrlError(ValueError):
    pass


def parse_database_url(url: str, *, base_dir: Path) -> dict:
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        # sqlite:///relative/path, sqlite:////absolute/path, sqlite:///:memory:
        path = unquote(parts.path[1:] if parts.path.startswith("/") else parts.path)
        if not path:
            raise DatabaseUrlError(f"DATABASE_URL {url!r} names no SQLite file.")
        name = path if path == ":memory:" or Path(path).is_absolute() else str(base_dir / path)
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": name}
    if parts.scheme in ("postgres", "postgresql", "pgsql"):
        name = unquote(parts.path.lstrip("/"))
        if not name:
            raise DatabaseUrlError(f"DATABASE_URL {url!r} names no PostgreSQL database.")
        config = {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": unquote(parts.hostname or ""),
            "PORT": str(parts.port or ""),
        }
        options = dict(parse_qsl(parts.query))
        if options:
            config["OPTIONS"] = options
        return config
    raise DatabaseUrlError(
        f"DATABASE_URL scheme {parts.scheme!r} is not supported: use sqlite:/// or postgres://."
    )
