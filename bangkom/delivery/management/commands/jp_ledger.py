"""``bangkom jp-ledger --instansi KODE_WILAYAH --year Y [--json] [--as-of DATE]``: every ASN's
JP for the year, from the same selector as the "JP" pages."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from bangkom.delivery.ledger import selectors
from bangkom.delivery.ledger.rules import default_as_of
from bangkom.organisation.models import Instansi


def ledger_json(
    instansi: Instansi, year: int, people: list[selectors.EmployeeYear]
) -> dict[str, Any]:
    return {
        "instansi": instansi.kode,
        "year": year,
        "employees": [
            {
                "nip": person.nip,
                "jp_earned": float(person.jp_earned),
                "jp_target": person.jp_target,
                "on_track": person.on_track,
                "lines": [
                    {
                        "activity": line.activity,
                        "date": line.date.isoformat(),
                        "jp": float(line.jp),
                        "source": line.source,
                    }
                    for line in person.lines
                ],
            }
            for person in people
        ],
    }


def _number(value: Any) -> str:
    text = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


class Command(BaseCommand):
    help = "Rekam JP setiap ASN suatu instansi untuk satu tahun."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--instansi", required=True, help="Kode wilayah instansi, mis. 53.71")
        parser.add_argument("--year", type=int, required=True, help="Tahun, mis. 2026")
        parser.add_argument("--json", action="store_true", help="Keluaran JSON")
        parser.add_argument(
            "--as-of",
            type=date.fromisoformat,
            default=None,
            help="Tanggal penilaian 'sesuai jalur' (bawaan: hari ini, atau akhir tahun yang lalu)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        kode = options["instansi"].strip()
        instansi = Instansi.objects.filter(wilayah_id=kode).select_related("wilayah").first()
        if instansi is None:
            raise CommandError(
                _("Instansi dengan kode wilayah %(kode)s tidak ditemukan.") % {"kode": kode},
                returncode=2,
            )
        year = options["year"]
        if not 1900 <= year <= 2200:
            raise CommandError(_("Tahun %(year)s tidak masuk akal.") % {"year": year}, returncode=2)
        as_of = options["as_of"] or default_as_of(year, timezone.localdate())
        people = selectors.instansi_year(instansi, year, as_of=as_of)
        if options["json"]:
            self.stdout.write(json.dumps(ledger_json(instansi, year, people), ensure_ascii=False))
            return
        self.stdout.write(
            _("Rekam JP %(nama)s (%(kode)s), tahun %(year)s, dinilai per %(as_of)s")
            % {
                "nama": instansi.nama,
                "kode": instansi.kode,
                "year": year,
                "as_of": as_of.isoformat(),
            }
        )
        header = f"{_('NIP'):<18}  {_('Nama'):<30}  {_('JP'):>7}  {_('Target'):>6}  {_('Status')}"
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for person in people:
            status = _("sesuai jalur") if person.on_track else _("tertinggal")
            self.stdout.write(
                f"{person.nip:<18}  {person.name[:30]:<30}  {_number(person.jp_earned):>7}  "
                f"{person.jp_target:>6}  {status}"
            )
            for line in person.lines:
                self.stdout.write(
                    f"{'':<18}  · {line.date.isoformat()} {line.activity[:40]} "
                    f"({_number(line.jp)} JP, {line.source_label})"
                )
        on_track = sum(1 for person in people if person.on_track)
        self.stdout.write(
            _("%(ok)s dari %(total)s ASN sesuai jalur.") % {"ok": on_track, "total": len(people)}
        )
