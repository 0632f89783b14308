"""The ``sendsupport`` command: Django's management commands, with dashed names allowed.

``sendsupport import-ctf FILE`` runs the ``import_ctf`` management command, and so on.
``demo`` and ``seed`` make made-up data to try the product, so they run in development mode unless
``SENDSUPPORT_MODE`` says otherwise; every other command uses the mode set (production by default),
and a missing production setting gets a one-line message instead of a traceback.
"""

from __future__ import annotations

import os
import sys

# Commands that only ever make demo or synthetic data: safe, and expected, in development mode.
DEVELOPMENT_COMMANDS = frozenset({"demo", "seed"})


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sendsupport.settings")
    args = list(sys.argv if argv is None else argv)
    if len(args) > 1 and not args[1].startswith("-"):
        args[1] = args[1].replace("-", "_")
        if args[1] in DEVELOPMENT_COMMANDS:
            os.environ.setdefault("SENDSUPPORT_MODE", "development")
    from django.core.exceptions import ImproperlyConfigured

    try:
        import django

        django.setup()
    except ImproperlyConfigured as error:
        mode = os.environ.get("SENDSUPPORT_MODE", "production")
        sys.stderr.write(
            f"sendsupport: {error}\n"
            f"(SENDSUPPORT_MODE is {mode}. To try sendsupport on this computer, run `sendsupport demo`, "
            "or set SENDSUPPORT_MODE=development; for a real school, see 'Production settings' in the README.)\n"
        )
        raise SystemExit(2) from None
    from django.core.management import execute_from_command_line

    execute_from_command_line(args)


if __name__ == "__main__":
    main()
