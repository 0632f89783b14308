"""The census SEN return: who is on roll on census day, what is written each term, and the rules report."""

from __future__ import annotations

import io
from datetime import date

import pytest
from lxml import etree

from conftest import TODAY, make_pupil
from sendsupport.audit.models import AuditEvent
from sendsupport.demo.school import create_demo
from sendsupport.interop import census
from sendsupport.interop.selectors import census_day
from sendsupport.interop.services.exports import census_report, export_census
from sendsupport.interop.services.runs import save_census_settings
from sendsupport.pupils import services as pupil_services
from sendsupport.pupils.models import Pupil, SENNeed, SENStatus
from sendsupport.pupils.services import set_provision_membership
from sendsupport.pupils.upn import make_upn
from sendsupport.schools.models import School

pytestmark = pytest.mark.django_db


def export(school, term: str, year: int):
    out = io.BytesIO()
    result = export_census(out=out, school=school, by=None, term=term, year=year)
    return result, etree.fromstring(out.getvalue())


def by_upn(root) -> dict:
    return {pupil.findtext("UPN"): pupil.find("SpecialEducationalNeeds") for pupil in root.iter("Pupil")}


def test_census_days_follow_the_dfe_pattern(school):
    assert census_day("autumn", 2025) == date(2025, 10, 2)
    assert census_day("spring", 2026) == date(2026, 1, 15)
    assert census_day("summer", 2026) == date(2026, 5, 21)


def test_the_spring_census_has_ranked_needs_and_indicators(school):
    maya = make_pupil(school, first="Maya", provision="K", needs=[("SLCN", 1), ("SEMH", 2)])
    ben = make_pupil(school, first="Ben", provision="E", needs=[("ASD", 1)])
    none = make_pupil(school, first="Ali")
    save_census_settings(school=school, by=None, has_sen_unit=True, has_resourced_provision=False)
    set_provision_membership(pupil=maya, by=None, in_sen_unit=True, in_resourced_provision=False)
    result, root = export(school, "spring", 2026)
    assert result.problems == [] and result.pupils == 3
    assert root.findtext("Header/CensusDate") == "2026-01-15"
    sen = by_upn(root)
    assert sen[maya.upn].findtext("SENprovision") == "K"
    assert [(n.findtext("SENtype"), n.findtext("SENtypeRank")) for n in sen[maya.upn].iter("SENneed")] == [
        ("SLCN", "1"),
        ("SEMH", "2"),
    ]
    assert sen[maya.upn].findtext("SENunitIndicator") == "true"
    assert sen[maya.upn].findtext("ResourcedProvisionIndicator") == "false"
    assert sen[ben.upn].findtext("SENprovision") == "E"
    # Ben is not a member, although the school has a unit: the indicator is his own.
    assert sen[ben.upn].findtext("SENunitIndicator") == "false"
    assert sen[none.upn].findtext("SENprovision") == "N"
    assert sen[none.upn].find("SENunitIndicator") is None and sen[none.upn].find("SENneeds") is None


def test_the_return_counts_unit_and_resourced_provision_members_one_by_one(school):
    save_census_settings(school=school, by=None, has_sen_unit=True, has_resourced_provision=True)
    pupils = [
        make_pupil(school, first=name, provision=provision, needs=[("SLCN", 1)])
        for name, provision in (("Amy", "K"), ("Bo", "K"), ("Cal", "E"), ("Dee", "K"), ("Eli", "E"))
    ]
    # 2 members of the unit among 5 pupils on K or E; 1 of them also in resourced provision.
    set_provision_membership(pupil=pupils[1], by=None, in_sen_unit=True, in_resourced_provision=False)
    set_provision_membership(pupil=pupils[4], by=None, in_sen_unit=True, in_resourced_provision=True)
    result, root = export(school, "spring", 2026)
    assert result.problems == [] and result.pupils == 5
    sen = by_upn(root)
    flags = {
        p.legal_first_name: (
            sen[p.upn].findtext("SENunitIndicator"),
            sen[p.upn].findtext("ResourcedProvisionIndicator"),
        )
        for p in pupils
    }
    assert flags == {
        "Amy": ("false", "false"),
        "Bo": ("true", "false"),
        "Cal": ("false", "false"),
        "Dee": ("false", "false"),
        "Eli": ("true", "true"),
    }


def test_the_autumn_census_has_no_needs(school):
    maya = make_pupil(school, provision="K", needs=[("SLCN", 1)])
    result, root = export(school, "autumn", 2025)
    assert result.problems == []
    sen = by_upn(root)[maya.upn]
    assert sen.findtext("SENprovision") == "K" and sen.find("SENneeds") is None
    assert sen.findtext("SENunitIndicator") == "false"


def test_special_schools_and_prus_send_no_indicators(school):
    school.phase = School.Phase.SPECIAL
    school.save()
    maya = make_pupil(school, provision="E", needs=[("SLD", 1)])
    result, root = export(school, "spring", 2026)
    assert result.problems == []
    assert by_upn(root)[maya.upn].find("SENunitIndicator") is None


def test_it_returns_the_status_and_needs_in_force_on_census_day(school):
    maya = make_pupil(school, provision="K", needs=[("SLCN", 1)])
    pupil_services.change_sen_status(
        pupil=maya, provision="E", needs=[("ASD", 1)], start_date=date(2025, 11, 1), reason="Plan", by=None, today=TODAY
    )
    left = make_pupil(school, first="Gone")
    Pupil.objects.filter(pk=left.pk).update(on_roll_until=date(2025, 7, 20))
    joined = make_pupil(school, first="New")
    Pupil.objects.filter(pk=joined.pk).update(on_roll_from=date(2025, 11, 3))
    _, autumn = export(school, "autumn", 2025)
    assert set(by_upn(autumn)) == {maya.upn}
    assert by_upn(autumn)[maya.upn].findtext("SENprovision") == "K"
    _, spring = export(school, "spring", 2026)
    assert set(by_upn(spring)) == {maya.upn, joined.upn}
    assert [n.findtext("SENtype") for n in by_upn(spring)[maya.upn].iter("SENneed")] == ["ASD"]


def test_the_export_is_audited(school):
    export(school, "spring", 2026)
    assert AuditEvent.objects.filter(action="exported", school=school, summary__contains="census").count() == 1


def test_the_demo_school_census_validates_clean(db):
    demo = create_demo(today=TODAY, lived_in=False)
    for term, year in (("autumn", 2025), ("spring", 2026), ("summer", 2026)):
        result = census_report(school=demo, by=None, term=term, year=year)
        assert result.problems == [], (term, result.problems[:3])
        assert result.pupils == 420


def test_a_broken_register_is_reported_pupil_by_pupil_and_rule_by_rule(school):
    """Rows written straight into the database, as bad data from an old system would be."""
    no_need = make_pupil(school, first="Kay", last="One", provision="K", needs=[("MLD", 1)])
    SENNeed.objects.filter(pupil=no_need).delete()
    n_with_need = make_pupil(school, first="Nia", last="Two")
    SENStatus.objects.create(pupil=n_with_need, provision="N", start_date=date(2024, 9, 1))
    SENNeed.objects.create(pupil=n_with_need, need_type="MLD", rank=1, start_date=date(2024, 9, 1))
    nsa_plan = make_pupil(school, first="Ed", last="Three", provision="E", needs=[("ASD", 1)])
    SENNeed.objects.filter(pupil=nsa_plan).update(need_type="NSA")
    lone_secondary = make_pupil(school, first="Sam", last="Four", provision="K", needs=[("HI", 1)])
    SENNeed.objects.filter(pupil=lone_secondary).update(rank=2)
    school_action = make_pupil(school, first="Al", last="Five", provision="K", needs=[("VI", 1)])
    SENStatus.objects.filter(pupil=school_action).update(provision="A")
    bad_upn = make_pupil(school, first="Bo", last="Six")
    Pupil.objects.filter(pk=bad_upn.pk).update(
        upn="A" + bad_upn.upn[1:] if bad_upn.upn[0] != "A" else "B" + bad_upn.upn[1:]
    )
    make_pupil(school, first="Fine", last="Seven", provision="K", needs=[("SLCN", 1)])

    result = census_report(school=school, by=None, term="spring", year=2026)
    found = sorted((p.where.split(" (")[1].rstrip(")"), p.element, p.rule) for p in result.problems)
    assert found == [
        ("Al Five", "SENprovision", "provision_valid"),
        ("Bo Six", "UPN", "upn_valid"),
        ("Ed Three", "SENneeds", "nsa_only_with_k"),
        ("Kay One", "SENneeds", "need_required"),
        ("Nia Two", "SENneeds", "no_needs_with_n"),
        ("Sam Four", "SENneeds", "single_is_rank_1"),
    ]
    autumn = census_report(school=school, by=None, term="autumn", year=2025)
    assert sorted(p.rule for p in autumn.problems) == ["provision_valid", "upn_valid"]


def test_a_census_file_from_elsewhere_is_checked_error_by_error(school):
    good = make_upn("801", "2000", 20, 1)
    xml = f"""<SchoolCensus><Header><CensusTerm>Spring</CensusTerm><CensusYear>2026</CensusYear>
    <CensusDate>2026-01-15</CensusDate></Header><Pupils>
    <Pupil><UPN>{good}</UPN><SpecialEducationalNeeds><SENprovision>K</SENprovision>
      <SENneeds><SENneed><SENtype>MLD</SENtype><SENtypeRank>1</SENtypeRank></SENneed></SENneeds></SpecialEducationalNeeds></Pupil>
    <Pupil><UPN>{good}</UPN><SpecialEducationalNeeds><SENprovision>Q</SENprovision></SpecialEducationalNeeds></Pupil>
    </Pupils></SchoolCensus>""".encode()
    problems = census.check_file(io.BytesIO(xml))
    assert [(p.element, p.rule) for p in problems] == [
        ("SENunitIndicator", "indicators_required"),
        ("ResourcedProvisionIndicator", "indicators_required"),
        ("UPN", "upn_unique"),
        ("SENprovision", "provision_valid"),
    ]


def test_a_written_census_file_reads_back_clean(school):
    make_pupil(school, provision="K", needs=[("SLCN", 1), ("SEMH", 2)])
    out = io.BytesIO()
    export_census(out=out, school=school, by=None, term="spring", year=2026)
    assert census.check_file(io.BytesIO(out.getvalue())) == []
