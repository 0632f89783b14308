"""The personas of DESIGN.md, by name, and the sets the permission tables are written in.

The users themselves are pytest fixtures in the root ``conftest.py`` (one fixture per name below,
and ``personas``: name → user). Signed-out visitors are the extra persona ``ANONYMOUS``.
"""

from __future__ import annotations

# Signed in, in the order the loops visit them (and the ``personas`` fixture lists them).
PERSONAS: tuple[str, ...] = (
    "senco",
    "head",
    "teacher",
    "ta",
    "parent",
    "other_parent",
    "governor",
    "la_officer",
    "stranger",
)
ANONYMOUS = "anonymous"
EVERY_PERSONA: tuple[str, ...] = (*PERSONAS, ANONYMOUS)

ALL = frozenset(PERSONAS)  # everyone signed in
NOBODY: frozenset[str] = frozenset()
MANAGERS = frozenset({"senco", "head"})
CLASS_STAFF = frozenset({"teacher", "ta"})  # teach class 4A, where ``pupil`` is
STAFF = MANAGERS | CLASS_STAFF  # school staff who see ``pupil`` (the governor sees no names)
FAMILY = STAFF | {"parent"}  # everyone who sees ``pupil``
SEES_OTHER_PUPIL = MANAGERS | {"other_parent"}  # ``other_pupil`` is in 5B, taught by neither
SCHOOL_STAFF = STAFF | {"governor"}  # every role at the school
PARENTS = frozenset({"parent", "other_parent"})
