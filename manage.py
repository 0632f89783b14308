#!/usr/bin/env python
"""Django's command-line utility; the ``sendsupport`` command does the same."""

from sendsupport.cli import main

if __name__ == "__main__":
    main()
