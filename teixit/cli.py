"""The ``teixit`` command: Django's management commands under the project's own name.

``teixit demo`` and ``teixit export …`` are the ``demo`` and ``export`` management commands;
anything ``manage.py`` accepts works here too.
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "teixit.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["teixit", *sys.argv[1:]])


if __name__ == "__main__":
    main()
