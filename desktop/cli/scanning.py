"""`qonys scan …` and `qonys mrz …`: the scanning room on the command line.

Wired by adding "desktop.cli.scanning" to ``desktop.cli.EXTENSIONS``.

    qonys scan devices
    qonys scan file   CASE ITEM FILE [FILE …]        one document from files (JPEG/PNG/TIFF/PDF)
    qonys scan device CASE ITEM [--device ID] [--feeder] [--resolution N] [--grey]
    qonys scan list   CASE [--item ITEM] [--json]
    qonys scan export CASE DOCUMENT OUT.pdf
    qonys scan delete CASE DOCUMENT
    qonys mrz CASE (--text MRZ | --serial PORT | --document DOC | --image FILE) [--record ITEM]
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.cli.common import bounded_int
from desktop.domain.i18n import Text
from desktop.scanning.mrz import MrzError, MrzStreamReader
from desktop.scanning.pages import PageSettings
from desktop.scanning.sources import (
    MAX_RESOLUTION,
    MIN_RESOLUTION,
    BatchResult,
    ColourMode,
    FileSource,
    PaperSource,
    SaneSource,
    ScanError,
    ScannedPage,
    ScanOptions,
    available_sources,
    collect,
)
from desktop.services import cases as case_service
from desktop.services import scans
from desktop.services.errors import InvalidInput
from desktop.storage.files import write_atomic

if TYPE_CHECKING:
    from desktop.cli import Cli

EXIT_OK = 0


def _case_id(cli: Cli, reference: str) -> int:
    return case_service.find_case(cli.context(), reference).summary.id


def _pages_or_error(result: BatchResult, cli: Cli) -> list[ScannedPage]:
    if result.error is not None and not result.pages:
        raise scans.scan_error(result.error)
    if result.error is not None:
        cli.say(f"warning: {result.error}")
    return result.pages


def cmd_scan_devices(_args: argparse.Namespace, cli: Cli) -> int:
    found = 0
    for source in available_sources():
        try:
            devices = source.list_devices()
        except ScanError as exc:
            raise scans.scan_error(exc) from exc
        for d in devices:
            cli.say(f"{d.backend}:{d.id:30} {d.label}")
            found += 1
    if not found:
        cli.say(Text("Сканер табылмады", "Сканеры не найдены", "No scanners found"))
    return EXIT_OK


def cmd_scan_file(args: argparse.Namespace, cli: Cli) -> int:
    ctx = cli.context()
    case_id = _case_id(cli, args.case)
    pages: list[ScannedPage] = []
    source = FileSource(assume_dpi=args.resolution)
    for path in args.files:
        # The page count is checked before any page is rendered (a document's limit).
        left = scans.MAX_PAGES_PER_DOCUMENT - len(pages)
        options = ScanOptions(resolution=args.resolution, max_pages=max(left, 0))
        result = collect(source.read(path, options))
        if result.error is not None:
            # Bad input: nothing of this document is stored (issue 7, "Bad input").
            raise scans.scan_error(_as_scan_error(result.error).about(Path(path).name))
        pages.extend(result.pages)
    doc = scans.attach_scanned(ctx, case_id, args.item, pages, _settings(args))
    cli.say(f"{doc.document_id}  {len(doc.pages)} page(s), {doc.size_bytes // 1024} KB")
    return EXIT_OK


def cmd_scan_device(args: argparse.Namespace, cli: Cli) -> int:
    ctx = cli.context()
    case_id = _case_id(cli, args.case)
    source = SaneSource()
    device = args.device
    if device is None:
        try:
            devices = source.list_devices()
        except ScanError as exc:
            raise scans.scan_error(exc) from exc
        if not devices:
            raise scans.scan_error(ScanError.coded("scanner.none"))
        device = devices[0].id
    options = ScanOptions(
        resolution=args.resolution,
        mode=ColourMode.GREY if args.grey else ColourMode.COLOUR,
        source=PaperSource.FEEDER if args.feeder else PaperSource.FLATBED,
    )
    pages = _pages_or_error(collect(source.scan(device, options)), cli)
    doc = scans.attach_scanned(ctx, case_id, args.item, pages, _settings(args))
    cli.say(f"{doc.document_id}  {len(doc.pages)} page(s), {doc.size_bytes // 1024} KB")
    return EXIT_OK


def cmd_scan_list(args: argparse.Namespace, cli: Cli) -> int:
    ctx = cli.context()
    docs = scans.list_documents(ctx, _case_id(cli, args.case), args.item)
    if args.json:
        out: list[dict[str, Any]] = [
            {
                "document_id": d.document_id,
                "item": d.item_key,
                "pages": [
                    {
                        "id": p.id,
                        "page_no": p.page_no,
                        "width": p.width,
                        "height": p.height,
                        "bytes": p.size_bytes,
                    }
                    for p in d.pages
                ],
            }
            for d in docs
        ]
        json.dump(out, cli.out, ensure_ascii=False, indent=1)
        cli.out.write("\n")
        return EXIT_OK
    for d in docs:
        cli.say(
            f"{d.item_key:24} {d.document_id}  {len(d.pages)} page(s)  {d.size_bytes // 1024} KB"
        )
    return EXIT_OK


def cmd_scan_export(args: argparse.Namespace, cli: Cli) -> int:
    ctx = cli.context()
    pdf = scans.export_document_pdf(ctx, _case_id(cli, args.case), args.document)
    try:
        write_atomic(Path(args.out), pdf)  # owner-only (0600): scans hold personal data
    except OSError as exc:
        raise InvalidInput(
            Text(
                f"Жазу мүмкін емес: {exc.strerror}",
                f"Не удалось записать: {exc.strerror}",
                f"cannot write {args.out}: {exc.strerror}",
            )
        ) from exc
    cli.say(f"{args.out}  {len(pdf) // 1024} KB")
    return EXIT_OK


def cmd_scan_delete(args: argparse.Namespace, cli: Cli) -> int:
    ctx = cli.context()
    scans.delete_document(ctx, _case_id(cli, args.case), args.document)
    return EXIT_OK


def cmd_mrz(args: argparse.Namespace, cli: Cli) -> int:
    ctx = cli.context()
    case_id = _case_id(cli, args.case)
    proposal: scans.IdentityProposal | None
    if args.document:
        reading = scans.read_document_mrz(ctx, case_id, args.document)
        proposal = reading.proposal
        if proposal is None:
            raise scans.scan_error(ScanError.coded("mrz.not_found"))
    elif args.image:
        proposal = _propose_from_image(cli, case_id, args.image)
    elif args.serial:
        try:
            reader = MrzStreamReader.open_serial(args.serial, keep_listening=False, timeout=10.0)
            first = next(iter(reader), None)
            reader.close()
        except MrzError as exc:
            raise scans.scan_error(ScanError.coded("mrz.reader_failed", detail=exc.text)) from exc
        if first is None:
            raise scans.scan_error(ScanError.coded("mrz.reader_silent", seconds=10))
        proposal = scans.propose_from_mrz(ctx, case_id, first)
    else:
        text = args.text if args.text is not None else sys.stdin.read()
        proposal = scans.propose_from_text(ctx, case_id, text)
    if args.record:
        scans.record_document_check(ctx, case_id, args.record, proposal)
    if args.prefill:
        done = scans.prefill_case(ctx, case_id, proposal)
        cli.say(f"pre-filled: {', '.join(done.filled) or 'nothing (already filled)'}; "
                f"identity document {'recorded' if done.facts_updated else 'unchanged'}")  # fmt: skip
    if args.json:
        json.dump(proposal.to_json(), cli.out, ensure_ascii=False, indent=1)
        cli.out.write("\n")
        return EXIT_OK
    cli.say(f"{proposal.document_kind} {proposal.document_number} ({proposal.issuing_state})")
    cli.say(f"  surname (as printed)      {proposal.surname_latin}")
    cli.say(f"  given names (as printed)  {proposal.given_names_latin}   ← confirm: no check digit")
    cli.say(f"  born {proposal.birth_date or '—'}, sex {proposal.sex or '—'}, "
            f"expires {proposal.expiry_date or '—'}{'  EXPIRED (§5)' if proposal.expired else ''}")  # fmt: skip
    for finding in findings(proposal):
        cli.say(finding)
    return EXIT_OK


_WRONG_DIGITS = Text(
    "  бақылау цифрлары ҚАТЕ: {fields}",
    "  контрольные цифры НЕВЕРНЫ: {fields}",
    "  check digits WRONG: {fields}",
)
_PROBLEM = Text("  ескерту: {problem}", "  замечание: {problem}", "  problem: {problem}")
_MISMATCH = Text(
    "  сәйкес емес, {field}: MRZ «{mrz}» ≠ {other} «{q}»{note}",
    "  расхождение, {field}: MRZ «{mrz}» ≠ {other} «{q}»{note}",
    "  mismatch {field}: MRZ {mrz!r} ≠ {other} {q!r}{note}",
)
_QUESTIONNAIRE = Text("өтініш-сауалнама", "заявление-анкета", "questionnaire")
_CHECKLIST = Text("3-тармақ бойынша тізбе", "перечень по п. 3", "checklist")


def findings(proposal: scans.IdentityProposal) -> list[Text]:
    """What `qonys mrz` says about a zone besides its values, in the three languages: English
    as it always was (field keys, for scripts), Kazakh and Russian with the form's names."""
    out: list[Text] = []
    if proposal.failed_checks:
        names = [scans.mrz_field_name(f) for f in proposal.failed_checks]
        out.append(_WRONG_DIGITS.format(fields=Text(
            ", ".join(n.kk for n in names), ", ".join(n.ru for n in names),
            ", ".join(proposal.failed_checks))))  # fmt: skip
    out.extend(_PROBLEM.format(problem=problem.text) for problem in proposal.problems)
    for m in proposal.mismatches:
        name = scans.mrz_field_name(m.field)
        note = Text(*(f" ({n})" if n else "" for n in (m.note_text.kk, m.note_text.ru, "")))
        out.append(_MISMATCH.format(
            field=Text(name.kk, name.ru, m.field), mrz=_value(m.mrz_value),
            q=_value(m.questionnaire_value),
            other=_CHECKLIST if m.field == "document_number" else _QUESTIONNAIRE, note=note))  # fmt: skip
    return out


def _value(value: str) -> Text:
    """A mismatch's value: an ISO date reads dd.mm.yyyy in Kazakh and Russian."""
    try:
        shown = date.fromisoformat(value).strftime("%d.%m.%Y") if len(value) == 10 else value
    except ValueError:
        shown = value
    return Text(shown, shown, value)


def _propose_from_image(cli: Cli, case_id: int, path: Path) -> scans.IdentityProposal:
    """OCR a scanned file (e.g. from a "scan to folder" scanner) without storing it."""
    from desktop.scanning.ocr import read_mrz_image

    result = collect(FileSource().read(path))
    pages = _pages_or_error(result, cli)
    ctx = cli.context()
    for page in pages:
        reading = read_mrz_image(page.image, today=ctx.today())
        if reading.mrz is not None:
            return scans.propose_from_mrz(ctx, case_id, reading.mrz)
    raise scans.scan_error(ScanError.coded("mrz.not_in_file"))


def _settings(args: argparse.Namespace) -> PageSettings:
    return PageSettings(max_dpi=args.store_dpi)


def register(subparsers: Any) -> None:
    scan = subparsers.add_parser("scan", help="scan or import document copies into a case")
    sub = scan.add_subparsers(dest="scan_command", metavar="ACTION", required=True)

    p = sub.add_parser("devices", help="list the scanners this computer sees")
    p.set_defaults(handler=cmd_scan_devices)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("case", help="case number or id")
        p.add_argument("item", help="checklist item key, e.g. passport")
        p.add_argument("--resolution", type=bounded_int(MIN_RESOLUTION, MAX_RESOLUTION),
                       default=300, help="scan/render dpi (300)")  # fmt: skip
        p.add_argument("--store-dpi", type=bounded_int(100, 600), default=PageSettings().max_dpi,
                       help="resolution the pages are stored at (default %(default)s)")  # fmt: skip

    p = sub.add_parser("file", help="import JPEG/PNG/TIFF/PDF files as one document")
    common(p)
    p.add_argument("files", nargs="+", type=Path)
    p.set_defaults(handler=cmd_scan_file)

    p = sub.add_parser("device", help="scan from a scanner (SANE) as one document")
    common(p)
    p.add_argument("--device", help="device id from `scan devices` (default: the first)")
    p.add_argument("--feeder", action="store_true", help="every sheet in the document feeder")
    p.add_argument("--grey", action="store_true", help="scan in grey")
    p.set_defaults(handler=cmd_scan_device)

    p = sub.add_parser("list", help="the documents attached to a case")
    p.add_argument("case")
    p.add_argument("--item")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_scan_list)

    p = sub.add_parser("export", help="write a document's pages as one PDF")
    p.add_argument("case")
    p.add_argument("document")
    p.add_argument("out", type=Path)
    p.set_defaults(handler=cmd_scan_export)

    p = sub.add_parser("delete", help="remove a document from a case")
    p.add_argument("case")
    p.add_argument("document")
    p.set_defaults(handler=cmd_scan_delete)

    p = subparsers.add_parser("mrz", help="read a passport's MRZ and compare it with the case")
    p.add_argument("case")
    src = p.add_mutually_exclusive_group()
    src.add_argument("--text", help="the MRZ as typed (default: read standard input)")
    src.add_argument("--serial", help="serial port of a passport reader (COM3, /dev/ttyUSB0)")
    src.add_argument("--document", help="OCR the pages of an attached document")
    src.add_argument("--image", type=Path, help="OCR a scanned file (not stored)")
    p.add_argument("--record", metavar="ITEM", help="record the check (expiry) on this item")
    p.add_argument("--prefill", action="store_true",
                   help="fill empty identity fields and the document's number and expiry")  # fmt: skip
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_mrz)


def _as_scan_error(error: BaseException) -> ScanError:
    """A source's failure as a ScanError (a source raises nothing else for bad input)."""
    return (
        error if isinstance(error, ScanError) else ScanError.coded("scan.fault", detail=str(error))
    )
