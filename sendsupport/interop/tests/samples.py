"""Small Common Transfer Files built in the tests, in the shape of DOMAIN.md."""

from __future__ import annotations

from collections.abc import Sequence

from sendsupport.pupils.upn import make_upn


def upn(serial: int, la: str = "801", estab: str = "3000", year: int = 18) -> str:
    return make_upn(la, estab, year, serial)


def pupil_xml(
    upn_value: str,
    *,
    surname: str = "Evans",
    forename: str = "Maya",
    dob: str = "2016-03-01",
    sex: str = "F",
    sex_element: str = "Sex",
    year: str | None = "4",
    sen: Sequence[tuple[str, str]] = (),
    needs: Sequence[tuple[str, str, str | None, str | None]] = (),
    extra: str = "",
) -> str:
    """A Pupil element. ``sen`` is (StartDate, SENprovision); ``needs`` is (SENtype, rank, start, end)."""
    parts = [
        f"<UPN>{upn_value}</UPN>",
        f"<Surname>{surname}</Surname>",
        f"<Forename>{forename}</Forename>",
        f"<DOB>{dob}</DOB>",
        f"<{sex_element}>{sex}</{sex_element}>",
    ]
    if year is not None:
        parts.append(f"<BasicDetails><NCyearActual>{year}</NCyearActual></BasicDetails>")
    parts.append(extra)
    if sen or needs:
        history = "".join(f"<SEN><StartDate>{d}</StartDate><SENprovision>{p}</SENprovision></SEN>" for d, p in sen)
        if needs:
            items = []
            for need_type, rank, start, end in needs:
                item = f"<SENneed><SENtype>{need_type}</SENtype><SENtypeRank>{rank}</SENtypeRank>"
                item += f"<NeedStartDate>{start}</NeedStartDate>" if start else ""
                item += f"<NeedEndDate>{end}</NeedEndDate>" if end else ""
                items.append(item + "</SENneed>")
            history += "<SENneeds>" + "".join(items) + "</SENneeds>"
        parts.append(f"<SENhistory>{history}</SENhistory>")
    return "<Pupil>" + "".join(parts) + "</Pupil>"


def ctf_xml(*pupils: str, version: str = "25.0", dest_lea: str = "801", dest_estab: str = "2000") -> bytes:
    header = (
        "<Header><DocumentName>Common Transfer File</DocumentName>"
        f"<CTFversion>{version}</CTFversion><DateTime>2025-11-01T10:00:00</DateTime>"
        "<DocumentQualifier>partial</DocumentQualifier><SupplierID>test</SupplierID>"
        "<SourceSchool><LEA>801</LEA><Estab>3000</Estab><URN>109999</URN><SchoolName>Sender Primary</SchoolName>"
        "<AcademicYear>2025</AcademicYear></SourceSchool>"
        f"<DestSchool><LEA>{dest_lea}</LEA><Estab>{dest_estab}</Estab></DestSchool></Header>"
    )
    body = "".join(pupils)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<CTfile>{header}<CTFpupilData>{body}</CTFpupilData></CTfile>'.encode()
    )


def write_many(path, count: int, *, la: str = "801", estab: str = "3000") -> None:
    """A CTF of ``count`` pupils, each with SEN history, written without holding it in memory."""
    needs = ["SLCN", "SEMH", "MLD", "SPLD", "ASD"]
    with open(path, "wb") as out:
        head = ctf_xml().decode().split("<CTFpupilData>")[0]
        out.write((head + "<CTFpupilData>").encode())
        for serial in range(count):
            number = upn(serial % 1000, la=la, estab=estab, year=10 + serial // 1000)
            out.write(
                pupil_xml(
                    number,
                    forename=f"Pupil{serial}",
                    sen=[("2023-09-01", "K"), ("2025-01-10", "E")],
                    needs=[(needs[serial % 5], "1", "2023-09-01", None)],
                ).encode()
            )
        out.write(b"</CTFpupilData></CTfile>")
