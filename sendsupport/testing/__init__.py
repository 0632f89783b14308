"""What every test shares: the personas, the common assertions and the permission tables' loop.

See ``permissions.py`` for how to add a page to a permission table.
"""
