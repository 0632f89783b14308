"""The command-line tools: import-ctf (with --dry-run), export-ctf and census-export."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from lxml import etree

from conftest import make_pupil
from sendsupport.cli import main
from sendsupport.interop.tests.samples import ctf_xml, pupil_xml, upn
from sendsupport.pupils.models import Pupil, SENNeed

pytestmark = pytest.mark.django_db


def call(*args, **kwargs) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err, **kwargs)
    return out.getvalue(), err.getvalue()


def test_import_ctf_dry_run_prints_each_change_and_saves_nothing(school, tmp_path):
    path = tmp_path / "in.xml"
    path.write_bytes(ctf_xml(pupil_xml(upn(1), sen=[("2024-09-01", "K")], needs=[("SLCN", "1", None, None)])))
    out, _ = call("import_ctf", str(path), "--school", school.urn, "--dry-run")
    assert f"Pupil {upn(1)} (Maya Evans): new pupil" in out
    assert "new sen entry: SEN support (K) from 2024-09-01" in out
    assert "New pupils: 1" in out and "Dry run: nothing was changed" in out
    assert not Pupil.objects.exists()
    out, _ = call("import_ctf", str(path), "--school", school.urn)
    assert "Imported into Oakfield Primary School" in out and Pupil.objects.count() == 1


def test_import_ctf_exits_non_zero_with_the_report(school, tmp_path):
    path = tmp_path / "bad.xml"
    path.write_bytes(ctf_xml(pupil_xml(upn(2), sex="X", sen=[("2024-09-01", "K")], needs=[("SLCN", "1", None, None)])))
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing has been changed"):
        call_command("import_ctf", str(path), "--school", school.urn, stderr=err)
    assert f"Pupil {upn(2)} (Maya Evans), Sex: Sex must be M or F, not 'X'. [sex_valid]" in err.getvalue()
    with pytest.raises(CommandError, match="No school has the URN 999999"):
        call_command("import_ctf", str(path), "--school", "999999")


def test_import_ctf_keeps_a_pupil_whose_sen_record_breaks_a_rule_and_lists_it(school, tmp_path):
    path = tmp_path / "rank3.xml"
    path.write_bytes(ctf_xml(pupil_xml(upn(2), sen=[("2024-09-01", "K")], needs=[("BAD", "1", None, None)])))
    out = io.StringIO()
    call_command("import_ctf", str(path), "--school", school.urn, stdout=out)
    assert "To fix: Pupil" in out.getvalue() and "[need_type_valid]" in out.getvalue()
    assert "SEN records to fix after the import: 2" in out.getvalue()


def test_the_sendsupport_command_maps_dashes_and_exits_non_zero(school, tmp_path, capsys):
    path = tmp_path / "bad.xml"
    path.write_bytes(b"<NotACTF/>")
    with pytest.raises(SystemExit) as caught:
        main(["sendsupport", "import-ctf", str(path), "--school", school.urn])
    assert caught.value.code != 0
    assert "root_element" in capsys.readouterr().err


def test_export_ctf_writes_the_named_pupils(school, tmp_path):
    maya = make_pupil(school, provision="K", needs=[("SLCN", 1)])
    make_pupil(school)
    out_path = tmp_path / "out.xml"
    out, _ = call(
        "export_ctf",
        "--school",
        school.urn,
        "--upn",
        maya.upn,
        "--dest-la",
        "330",
        "--dest-estab",
        "2100",
        "-o",
        str(out_path),
    )
    assert "Wrote 1 pupils" in out
    root = etree.parse(str(out_path)).getroot()
    assert [p.findtext("UPN") for p in root.iter("Pupil")] == [maya.upn]
    with pytest.raises(CommandError):
        call(
            "export_ctf",
            "--school",
            school.urn,
            "--upn",
            maya.upn,
            "--dest-la",
            "3",
            "--dest-estab",
            "2100",
            "-o",
            str(tmp_path / "x.xml"),
        )
    assert not (tmp_path / "x.xml").exists()


def test_census_export_writes_and_validates(school, tmp_path):
    make_pupil(school, provision="K", needs=[("SLCN", 1)])
    out_path = tmp_path / "census.xml"
    out, _ = call("census_export", "--school", school.urn, "--term", "spring", "--year", "2026", "-o", str(out_path))
    assert "Validation: no problems found." in out and out_path.is_file()
    broken = make_pupil(school, first="Kay", last="One", provision="K", needs=[("MLD", 1)])
    SENNeed.objects.filter(pupil=broken).delete()
    err = io.StringIO()
    with pytest.raises(CommandError, match="census SEN rules"):
        call_command(
            "census_export",
            "--school",
            school.urn,
            "--term",
            "spring",
            "--year",
            "2026",
            "-o",
            str(out_path),
            stderr=err,
        )
    assert f"Pupil {broken.upn} (Kay One), SENneeds:" in err.getvalue() and "[need_required]" in err.getvalue()
