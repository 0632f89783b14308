"""Permission rules (django-rules). Views test these with ``rules.test_rule``, which,
unlike ``user.has_perm``, gives superusers no free pass: deny by default, for everyone."""

from __future__ import annotations

import rules

from sendsupport.accounts import access


@rules.predicate
def manages_school(user, school) -> bool:
    return access.manages(user, school)


@rules.predicate
def sees_school_aggregates(user, school) -> bool:
    return access.sees_aggregates(user, school)


@rules.predicate
def manages_pupils_school(user, pupil) -> bool:
    return pupil is not None and access.manages(user, pupil.school)


rules.add_rule("manage_school", manages_school)
rules.add_rule("view_school_aggregates", sees_school_aggregates)
rules.add_rule("view_school_audit", manages_school)
rules.add_rule("change_pupil", manages_pupils_school)
