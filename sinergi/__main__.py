"""The `sinergi` command: Django management under the project's own name."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sinergi.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    argv[0] = "sinergi"
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
