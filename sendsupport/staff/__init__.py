"""School management pages: staff, groups, and the counts governors and LA officers see.

They sit above accounts and pupils (they invite staff and count pupils), so not in ``schools``.
The URL names keep the ``schools:`` namespace."""
