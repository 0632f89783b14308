"""The SENCO invites staff by email, edits their role and groups, and switches off their access."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from conftest import make_user
from sendsupport.accounts.models import User
from sendsupport.accounts.tests.helpers import choose_password, invitation_for, sign_in
from sendsupport.schools.models import Group, Role, StaffMembership

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "violet-harbour-kettle-4"


def invite(client, **overrides):
    data = {
        "first_name": "Nia",
        "last_name": "Jones",
        "email": "nia.jones@school.example",
        "role": "teacher",
        "job_title": "",
    }
    data.update(overrides)
    return client.post(reverse("schools:staff_add"), data)


def test_an_invited_teacher_sets_a_password_signs_in_and_sees_their_class(
    senco, school, class_4a, pupil, other_pupil, login, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the invitation goes once the change is committed
        response = invite(login(senco), groups=[class_4a.pk], job_title="Year 4 teacher")
    assert response.status_code == 302
    # No account and no role until the person who holds the address follows the link.
    assert not User.objects.filter(email__iexact="nia.jones@school.example").exists()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nia.jones@school.example"]
    assert "Oakfield Primary School" in message.subject
    assert "as Teacher" in message.body
    staff_page = login(senco).get(reverse("schools:staff")).content.decode()
    assert "Invitations not yet accepted" in staff_page
    assert "nia.jones@school.example</span>, teacher, invited on" in staff_page and "Email sent on " in staff_page
    username, link = invitation_for("nia.jones@school.example")
    assert username == "nia.jones"

    newcomer = Client()
    assert sign_in(newcomer, username, NEW_PASSWORD).status_code == 400  # no password yet
    assert choose_password(newcomer, link, NEW_PASSWORD)["Location"] == reverse("login")
    membership = StaffMembership.objects.get(user__email="nia.jones@school.example")
    assert (membership.school, membership.role, membership.job_title) == (school, "teacher", "Year 4 teacher")
    assert list(membership.user.teaching_groups.all()) == [class_4a]
    assert sign_in(newcomer, username, NEW_PASSWORD).status_code == 302
    assert newcomer.get(reverse("pupils:detail", args=[pupil.pk])).status_code == 200
    assert newcomer.get(reverse("pupils:detail", args=[other_pupil.pk])).status_code == 404


def test_the_staff_page_lists_people_roles_groups_and_access(senco, teacher, ta, login):
    html = login(senco).get(reverse("schools:staff")).content.decode()
    assert "Teacher Person" in html and "Teaching assistant" in html and "4A" in html and "Active" in html


def test_inviting_someone_who_already_has_an_account_adds_the_role_only_when_they_accept(senco, school, login):
    existing = make_user("existing")
    before = User.objects.count()
    assert invite(login(senco), email="EXISTING@example.org", role="ta").status_code == 302
    assert User.objects.count() == before
    assert not StaffMembership.objects.filter(user=existing, school=school, role="ta").exists()
    _, link = invitation_for("EXISTING@example.org")
    assert "Sign in with it first" in mail.outbox[-1].body
    holder = login(existing)
    assert holder.post(link).status_code == 302
    assert User.objects.count() == before
    assert StaffMembership.objects.filter(user=existing, school=school, role="ta").exists()


@pytest.mark.parametrize(
    ("overrides", "words"),
    [
        ({"email": "not-an-email"}, "Enter a valid email address."),
        ({"email": "teacher@example.org", "role": "teacher"}, "already has the role Teacher at this school"),
        ({"role": "caretaker"}, "Select a valid choice."),
        ({"first_name": ""}, "This field is required."),
    ],
)
def test_bad_invitations_are_refused_and_nothing_is_saved_or_sent(senco, teacher, login, overrides, words):
    before = (User.objects.count(), StaffMembership.objects.count())
    response = invite(login(senco), **overrides)
    assert response.status_code == 400
    assert words in response.content.decode()
    assert (User.objects.count(), StaffMembership.objects.count()) == before
    assert mail.outbox == []


def test_the_senco_changes_a_role_and_groups(senco, teacher, school, class_4a, class_5b, login):
    membership = StaffMembership.objects.get(user=teacher)
    url = reverse("schools:staff_edit", args=[membership.pk])
    client = login(senco)
    assert client.get(url).status_code == 200
    response = client.post(url, {"role": "ta", "job_title": "HLTA", "active": "on", "groups": [class_5b.pk]})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert (membership.role, membership.job_title, membership.active) == ("ta", "HLTA", True)
    assert list(teacher.teaching_groups.all()) == [class_5b]


def test_editing_keeps_the_groups_a_person_has_at_other_schools(senco, teacher, other_school, class_4a, login):
    far = Group.objects.create(school=other_school, name="Far 1", kind=Group.Kind.REGISTRATION)
    far.staff.add(teacher)
    membership = StaffMembership.objects.get(user=teacher)
    login(senco).post(reverse("schools:staff_edit", args=[membership.pk]), {"role": "teacher", "active": "on"})
    assert list(teacher.teaching_groups.all()) == [far]


def test_switching_off_access_takes_away_every_pupil(senco, teacher, pupil, login):
    membership = StaffMembership.objects.get(user=teacher)
    response = login(senco).post(reverse("schools:staff_edit", args=[membership.pk]), {"role": "teacher", "groups": []})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.active is False
    client = login(teacher)
    assert client.get(reverse("pupils:detail", args=[pupil.pk])).status_code == 404
    assert client.get(reverse("pupils:register")).status_code == 404
    assert "Switched off" in login(senco).get(reverse("schools:staff")).content.decode()


def test_you_cannot_switch_off_your_own_access(senco, login):
    membership = StaffMembership.objects.get(user=senco)
    response = login(senco).post(reverse("schools:staff_edit", args=[membership.pk]), {"role": "senco"})
    assert response.status_code == 400
    assert "You cannot remove your own access." in response.content.decode()
    membership.refresh_from_db()
    assert membership.active is True


def test_a_role_the_person_already_has_is_refused(senco, teacher, school, login):
    StaffMembership.objects.create(user=teacher, school=school, role=Role.TA)
    membership = StaffMembership.objects.get(user=teacher, role=Role.TEACHER)
    response = login(senco).post(reverse("schools:staff_edit", args=[membership.pk]), {"role": "ta", "active": "on"})
    assert response.status_code == 400
    assert "already has the role Teaching assistant here" in response.content.decode()


def test_only_groups_of_this_school_are_offered(senco, teacher, other_school, login):
    far = Group.objects.create(school=other_school, name="Far 1", kind=Group.Kind.REGISTRATION)
    membership = StaffMembership.objects.get(user=teacher)
    client = login(senco)
    assert "Far 1" not in client.get(reverse("schools:staff_add")).content.decode()
    response = client.post(
        reverse("schools:staff_edit", args=[membership.pk]), {"role": "teacher", "active": "on", "groups": [far.pk]}
    )
    assert response.status_code == 400
    assert far not in teacher.teaching_groups.all()


def test_staff_of_another_school_cannot_be_edited(senco, other_school, login):
    outsider = make_user("outsider")
    theirs = StaffMembership.objects.create(user=outsider, school=other_school, role=Role.TEACHER)
    response = login(senco).post(reverse("schools:staff_edit", args=[theirs.pk]), {"role": "senco", "active": "on"})
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.role == "teacher"
