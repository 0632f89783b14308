#!/usr/bin/env python
"""CTF import speed and memory: 10,000 and 50,000 pupils, every one with SEN history and needs.

    .venv/bin/python bench/ctf_import.py                 # a temporary SQLite database
    DATABASE_URL=postgres://... .venv/bin/python bench/ctf_import.py   # PostgreSQL (tables are created)

Each import runs in its own process so its peak memory (ru_maxrss) is its own: once untraced for
the speed, and once under tracemalloc for the peak of Python allocations. The target is at least
1,000 pupils a second on SQLite and PostgreSQL, under 200 MB peak, and flat from 10,000 to 50,000.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZES = (10_000, 50_000)
TODAY = date(2025, 11, 20)
NEEDS = ["SLCN", "SEMH", "MLD", "SPLD", "ASD", "PD", "HI", "OTH"]


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sendsupport.settings")
    os.environ.setdefault("SENDSUPPORT_MODE", "development")
    import django

    django.setup()


def write_ctf(path: Path, count: int, la: str, estab: str) -> None:
    """A CTF of ``count`` pupils: SEN support; support then an EHC plan; support then no longer needed."""
    from sendsupport.pupils.upn import make_upn

    with path.open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n<CTfile><Header><DocumentName>Common Transfer File</DocumentName>'
            "<CTFversion>25.0</CTFversion><DateTime>2025-11-01T09:00:00</DateTime>"
            "<DocumentQualifier>full</DocumentQualifier><SupplierID>bench</SupplierID>"
            "<SourceSchool><LEA>801</LEA><Estab>3999</Estab><URN>199999</URN><SchoolName>Bench Source</SchoolName>"
            f"<AcademicYear>2025</AcademicYear></SourceSchool><DestSchool><LEA>{la}</LEA><Estab>{estab}</Estab></DestSchool>"
            "</Header>\n<CTFpupilData>\n"
        )
        for serial in range(count):
            upn = make_upn(la, estab, serial // 1000, serial % 1000)
            year = serial % 7
            born = f"{2019 - year}-{1 + serial % 12:02d}-{1 + serial % 28:02d}"
            first, second = NEEDS[serial % len(NEEDS)], NEEDS[(serial + 3) % len(NEEDS)]
            kind = serial % 20
            if kind < 12:  # on SEN support
                sen = [("2024-09-02", "K")]
                needs = [(first, 1, "2024-09-02", None)]
            elif kind < 17:  # support, then an EHC plan
                sen = [("2023-09-04", "K"), ("2025-03-03", "E")]
                needs = [
                    (first, 1, "2023-09-04", "2025-03-03"),
                    (second, 1, "2025-03-03", None),
                    (first, 2, "2025-03-03", None),
                ]
            else:  # support that ended
                sen = [("2023-09-04", "K"), ("2025-07-01", "N")]
                needs = [(first, 1, "2023-09-04", "2025-07-01")]
            history = "".join(f"<SEN><StartDate>{d}</StartDate><SENprovision>{p}</SENprovision></SEN>" for d, p in sen)
            need_xml = "".join(
                f"<SENneed><SENtype>{t}</SENtype><SENtypeRank>{r}</SENtypeRank><NeedStartDate>{s}</NeedStartDate>"
                + (f"<NeedEndDate>{e}</NeedEndDate>" if e else "")
                + "</SENneed>"
                for t, r, s, e in needs
            )
            out.write(
                f"<Pupil><UPN>{upn}</UPN><Surname>Surname{serial}</Surname><Forename>Pupil</Forename>"
                f"<DOB>{born}</DOB><Sex>{'MF'[serial % 2]}</Sex><BasicDetails><NCyearActual>{year or 'R'}</NCyearActual>"
                f"</BasicDetails><SENhistory>{history}<SENneeds>{need_xml}</SENneeds></SENhistory></Pupil>\n"
            )
        out.write("</CTFpupilData></CTfile>\n")


def child(size: int, traced: bool, index: int, folder: Path) -> None:
    """One import in this process; prints one line of JSON."""
    setup_django()
    from sendsupport.interop.services.ctf_import import import_ctf
    from sendsupport.pupils.models import Pupil
    from sendsupport.schools.models import LocalAuthority, School

    la_number = f"{900 + index:03d}"
    la, _ = LocalAuthority.objects.get_or_create(number=la_number, defaults={"name": f"Bench LA {la_number}"})
    # A rerun on the same PostgreSQL database starts from a clean bench school.
    Pupil.objects.filter(school__urn=f"{900000 + index}").delete()
    School.objects.filter(urn=f"{900000 + index}").delete()
    school = School.objects.create(
        urn=f"{900000 + index}", local_authority=la, estab="2000", name=f"Bench school {index}", phase="primary"
    )
    path = folder / f"ctf-{size}-{index}.xml"
    write_ctf(path, size, la_number, "2000")
    baseline_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if traced:
        tracemalloc.start()
    started = time.perf_counter()
    with path.open("rb") as source:
        report = import_ctf(source=source, school=school, by=None, file_name=path.name, today=TODAY)
    elapsed = time.perf_counter() - started
    traced_peak = tracemalloc.get_traced_memory()[1] if traced else None
    if traced:
        tracemalloc.stop()
    print(
        json.dumps(
            {
                "size": size,
                "traced": traced,
                "pupils": report.new_pupils,
                "sen_entries": report.new_sen_entries,
                "needs": report.new_needs,
                "seconds": round(elapsed, 2),
                "per_second": round(report.new_pupils / elapsed),
                "file_mb": round(path.stat().st_size / 1e6, 1),
                "baseline_rss_mb": round(baseline_kb / 1024, 1),
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                "tracemalloc_peak_mb": round(traced_peak / 1e6, 1) if traced_peak is not None else None,
            }
        )
    )
    path.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--child", nargs=3, metavar=("SIZE", "TRACED", "INDEX"), help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--no-trace", action="store_true", help="Skip the tracemalloc runs (speed only).")
    args = parser.parse_args()
    if args.child:
        size, traced, index = args.child
        child(int(size), traced == "1", int(index), Path(args.folder))
        return

    with tempfile.TemporaryDirectory(prefix="ctf-bench-") as tmp:
        folder = Path(tmp)
        env = dict(os.environ)
        env.setdefault("SENDSUPPORT_MODE", "development")
        env.setdefault("DJANGO_SETTINGS_MODULE", "sendsupport.settings")
        env.setdefault("DATABASE_URL", f"sqlite:///{folder / 'bench.sqlite3'}")
        env["SENDSUPPORT_DATA_DIR"] = str(folder)
        engine = "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"
        subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), "migrate", "--verbosity", "0", "--skip-checks"],
            env=env,
            check=True,
            cwd=ROOT,
        )
        print(f"CTF import on {engine}: every pupil with SEN history and ranked needs")
        print(
            f"{'pupils':>7} {'traced':>6} {'seconds':>8} {'pupils/s':>9} {'file MB':>8} {'RSS before':>11} {'peak RSS':>9} {'tracemalloc peak':>17}"
        )
        index = 0
        for size in args.sizes:
            for traced in (False,) if args.no_trace else (False, True):
                index += 1
                result = subprocess.run(
                    [
                        sys.executable,
                        __file__,
                        "--child",
                        str(size),
                        "1" if traced else "0",
                        str(index),
                        "--folder",
                        tmp,
                    ],
                    env=env,
                    cwd=ROOT,
                    check=True,
                    capture_output=True,
                    text=True,
                )
                row = json.loads(result.stdout.strip().splitlines()[-1])
                peak = f"{row['tracemalloc_peak_mb']} MB" if row["tracemalloc_peak_mb"] is not None else "-"
                print(
                    f"{row['size']:>7} {'yes' if traced else 'no':>6} {row['seconds']:>8} {row['per_second']:>9} "
                    f"{row['file_mb']:>8} {row['baseline_rss_mb']:>8} MB {row['peak_rss_mb']:>6} MB {peak:>17}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
