"""A CTF exported by one school and imported by another reproduces the SEN history and needs exactly."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError
from lxml import etree

from conftest import TODAY, make_pupil
from sendsupport.audit.models import AuditEvent
from sendsupport.demo.school import DEMO_URN, create_demo
from sendsupport.interop.services.ctf_import import import_ctf
from sendsupport.interop.services.exports import export_ctf
from sendsupport.pupils import services as pupil_services
from sendsupport.pupils.models import Pupil
from sendsupport.schools.models import LocalAuthority, School

pytestmark = pytest.mark.django_db
NOW = datetime(2025, 11, 20, 10, 30)


def snapshot(pupils) -> dict[str, dict]:
    """Everything a CTF carries about each pupil, keyed by UPN."""
    return {
        pupil.upn: {
            "details": (
                pupil.legal_first_name,
                pupil.legal_last_name,
                pupil.preferred_first_name,
                pupil.date_of_birth,
                pupil.sex,
                pupil.year_group,
            ),
            "statuses": sorted(pupil.sen_statuses.values_list("start_date", "provision")),
            "needs": sorted(pupil.sen_needs.values_list("need_type", "rank", "start_date", "end_date")),
        }
        for pupil in pupils
    }


def move(school_a: School, school_b: School, upns: list[str] | None, **kwargs) -> tuple[dict, dict, bytes]:
    out = io.BytesIO()
    export_ctf(
        out=out,
        school=school_a,
        by=None,
        upns=upns,
        dest_lea=school_b.local_authority.number,
        dest_estab=school_b.estab,
        now=NOW,
        **kwargs,
    )
    pupils = Pupil.objects.filter(school=school_a) if upns is None else Pupil.objects.filter(upn__in=upns)
    before = snapshot(pupils)
    # Two installations: the receiving one has never seen these pupils.
    pupils.delete()
    import_ctf(source=io.BytesIO(out.getvalue()), school=school_b, by=None, file_name="transfer.xml", today=TODAY)
    after = snapshot(Pupil.objects.filter(school=school_b))
    return before, after, out.getvalue()


def test_it_round_trips_sen_history_and_needs_exactly(school, receiving_school):
    maya = make_pupil(school, first="Maya", last="Evans", provision="K", needs=[("SLCN", 1), ("SEMH", 2)])
    pupil_services.change_sen_status(
        pupil=maya,
        provision="E",
        needs=[("ASD", 1), ("SEMH", 2)],
        start_date=date(2025, 6, 2),
        reason="Plan issued",
        by=None,
        today=TODAY,
    )
    ben = make_pupil(school, first="Ben", last="Ward", provision="K", needs=[("NSA", 1)])
    pupil_services.change_sen_status(
        pupil=ben, provision="N", needs=[], start_date=date(2025, 3, 1), reason="Caught up", by=None, today=TODAY
    )
    no_sen = make_pupil(school, first="Ali", last="Khan")
    pupil_services.update_pupil(pupil=no_sen, by=None, preferred_first_name="Al")
    before, after, xml = move(school, receiving_school, [maya.upn, ben.upn, no_sen.upn])
    assert before == after
    assert len(after) == 3 and after[maya.upn]["statuses"][-1] == (date(2025, 6, 2), "E")
    root = etree.fromstring(xml)
    assert root.findtext("Header/CTFversion") == "25.0"
    assert root.findtext("Header/SourceSchool/URN") == school.urn
    assert (root.findtext("Header/DestSchool/LEA"), root.findtext("Header/DestSchool/Estab")) == ("330", "2100")
    assert root.findtext("Header/DateTime") == "2025-11-20T10:30:00"


def test_the_demo_register_moves_to_a_second_school_with_nothing_lost(db):
    demo = create_demo(today=TODAY, lived_in=False)
    la = LocalAuthority.objects.create(number="330", name="Birmingham")
    second = School.objects.create(
        urn="103009", local_authority=la, estab="2109", name="Second School", phase="primary"
    )
    before, after, _ = move(demo, second, None)
    assert demo.urn == DEMO_URN and len(before) == 420
    assert before == after
    assert sum(1 for p in after.values() if p["statuses"]) > 60


def test_the_export_is_audited(school, receiving_school, senco):
    pupil = make_pupil(school, provision="K", needs=[("MLD", 1)])
    export_ctf(
        out=io.BytesIO(),
        school=school,
        by=senco,
        upns=[pupil.upn],
        dest_lea="330",
        dest_estab="2100",
        now=NOW,
        pupil=pupil,
    )
    event = AuditEvent.objects.get(action="exported")
    assert (event.actor, event.pupil, event.school_id) == (senco, pupil, school.pk)
    assert "330/2100" in event.summary


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"dest_lea": "33", "dest_estab": "2100"}, "dest_lea"),
        ({"dest_lea": "330", "dest_estab": "21A0"}, "dest_estab"),
        ({"dest_lea": "330", "dest_estab": "2100", "upns": ["H801200001009"]}, "upns"),
        ({"dest_lea": "330", "dest_estab": "2100", "upns": ["A801200001001"]}, "upns"),
    ],
)
def test_it_refuses_a_bad_destination_or_unknown_upn(kwargs, field, school):
    pupil = make_pupil(school)
    kwargs.setdefault("upns", [pupil.upn])
    with pytest.raises(ValidationError) as caught:
        export_ctf(out=io.BytesIO(), school=school, by=None, now=NOW, **kwargs)
    assert field in caught.value.message_dict


def test_it_accepts_an_unknown_destination(school):
    pupil = make_pupil(school)
    out = io.BytesIO()
    assert (
        export_ctf(out=out, school=school, by=None, upns=[pupil.upn], dest_lea="MMM", dest_estab="MMMM", now=NOW) == 1
    )
