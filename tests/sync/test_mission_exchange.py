"""Round trip demo mission → Department → mission, through the mission's services and CLI."""

from __future__ import annotations

import errno
import json
import os
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select, update

import desktop.cli
from desktop.department.service import Department
from desktop.services import exchange as service
from desktop.services import session
from desktop.services.context import DeskContext
from desktop.services.errors import KnownError, StoreDamaged
from desktop.storage.models import AttachmentRow, CaseRow, EventRow, ExchangeIdentityRow
from desktop.storage.vault import Vault
from desktop.sync.errors import PackageError
from tests.conftest import PASSWORD
from tests.storage.backup_helpers import pages_into_table

BUNDLE_PW = "bundle-pw-1234"
DEP_PW = "department-pw-1234"


@pytest.fixture
def department(tmp_path: Path) -> Department:
    dep = Department.init(tmp_path / "department", {"admin": DEP_PW})
    yield dep  # type: ignore[misc]
    dep.close()


@pytest.fixture
def enrolled(admin: DeskContext, department: Department, tmp_path: Path) -> DeskContext:
    bundle = department.enrol_mission("KZ-BER", "Embassy in Berlin", BUNDLE_PW)
    installed = service.install_enrolment(admin, bundle, BUNDLE_PW)
    assert installed.mission_code == "KZ-BER"
    # Some scanned pages on the first three cases that have gone to the Department (§7).
    with admin.uow() as uow:
        ids = list(
            uow.session.scalars(
                select(CaseRow.id)
                .where(CaseRow.stage.not_in(service.NOT_EXPORTED_STAGES))
                .order_by(CaseRow.id)
                .limit(3)
            )
        )
        assert len(ids) == 3
        for cid in ids:
            for page in (1, 2):
                uow.attachments.add(
                    AttachmentRow(
                        case_id=cid,
                        item_key="passport",
                        document_id=f"doc-{cid}",
                        page_no=page,
                        mime="image/png",
                        width=10,
                        height=10,
                        data=f"page {page} {cid}".encode() * 500,
                        created_at=admin.now(),
                        created_by=None,
                        note="",
                    )
                )
        uow.commit()
    return admin


def numbers_at(ctx: DeskContext, stage: str) -> list[str]:
    with ctx.uow() as uow:
        return list(
            uow.session.scalars(
                select(CaseRow.number).where(CaseRow.stage == stage).order_by(CaseRow.id)
            )
        )


def exportable(ctx: DeskContext) -> int:
    with ctx.uow() as uow:
        return len(
            uow.session.scalars(
                select(CaseRow.id).where(CaseRow.stage.not_in(service.NOT_EXPORTED_STAGES))
            ).all()
        )


def test_round_trip(enrolled: DeskContext, department: Department, tmp_path: Path) -> None:
    ctx = enrolled
    out = tmp_path / "usb"
    out.mkdir()
    result = service.export(ctx, out)
    assert result.cases == exportable(ctx) and result.scans == 6
    [entry] = result.packages
    assert entry.state == "built" and (out / entry.file_name).exists()
    assert service.mark_carried(ctx, entry.sequence).state == "carried"
    # Nothing new: nothing exported.
    assert service.export(ctx, out).packages == []
    # Drafts and cases not yet forwarded stay at the mission (§7).
    drafts = set(numbers_at(ctx, "draft")) | set(numbers_at(ctx, "burkit_entered"))

    received = department.receive(out / entry.file_name)
    assert (received.cases, received.scans) == (exportable(ctx), 6)
    assert not drafts & {c.number for c in department.cases()}
    forwarded = numbers_at(ctx, "forwarded")[0]
    permitted = numbers_at(ctx, "permitted")[0]
    department.decide(
        forwarded, "permission", police_department="Алматы ПД", number="12/3", on=date(2026, 11, 22)
    )
    # A case the mission has already closed on its side cannot take another decision.
    department.decide(
        permitted,
        "preliminary_refusal",
        police_department="Астана ПД",
        number="45",
        on=date(2026, 11, 22),
    )
    back = tmp_path / "back"
    back.mkdir()
    sent = department.send("KZ-BER", back)

    imported = service.import_package(ctx, sent.path)
    assert imported.decisions == 2 and imported.acknowledged == 1
    assert imported.held == (permitted,)
    [row] = service.outbox(ctx)
    assert row.state == "acknowledged"
    # The permission is the workflow's own step: the case moved, the §10 clock runs.
    assert forwarded in numbers_at(ctx, "permitted")
    with ctx.uow() as uow:
        case = uow.session.scalars(select(CaseRow).where(CaseRow.number == forwarded)).one()
        case_id = case.id
        kinds = [e.kind for e in uow.events.for_case(case.id)]
        assert kinds[-1] == "record_permission"
        step = uow.events.for_case(case.id)[-1].data
        assert step["channel"] == "package" and step["decision_number"] == "12/3"
        held = uow.session.scalars(
            select(EventRow).where(EventRow.kind == service.EVENT_DECISION)
        ).one()
        assert held.data["kind"] == "preliminary_refusal" and held.data["held"]
    from desktop.services import procedure

    view = procedure.procedure_view(ctx, case_id)
    assert any(v.deadline.paragraph == "§10" for v in view.deadlines)

    # Idempotent: the same package again changes nothing.
    again = service.import_package(ctx, sent.path)
    assert again.replay
    # The Department sends decisions again until acknowledged; the mission applies them once.
    sent2 = department.send("KZ-BER", back)
    assert sent2.decisions == 2
    assert service.import_package(ctx, sent2.path).decisions == 0

    # The next export carries the acknowledgements back; the Department settles its outbox.
    [ack_pkg] = service.export(ctx, out).packages
    department.receive(out / ack_pkg.file_name)
    assert department.send("KZ-BER", back).decisions == 0

    status = service.trust_status(ctx)
    assert status.mission_code == "KZ-BER" and status.age_days < 1
    with ctx.uow() as uow:
        identity = uow.session.get(ExchangeIdentityRow, 1)
        assert identity is not None
        assert identity.seal_kid == department.trust_list_entry_kid("KZ-BER")
    # The seal is a signing official's, not the administrator's who installed the bundle.
    with pytest.raises(KnownError, match="own password"):
        service.seal_key(ctx)

    # The recovery slot opens the store with the Department's key (DESIGN: trust model).
    vault = Vault.load(ctx.store.paths.vault)
    assert bytes(vault.unwrap_recovery(department._encryption_key())) == ctx.store.key
    data_dir = ctx.store.paths.root
    ctx.close()
    department.recover_store(data_dir, "consul", "a-new-password-2026")
    reopened = session.login(data_dir, "consul", "a-new-password-2026")
    reopened.close()


def test_tampered_decision_package_changes_nothing(
    enrolled: DeskContext, department: Department, tmp_path: Path
) -> None:
    ctx = enrolled
    [entry] = service.export(ctx, tmp_path).packages
    department.receive(tmp_path / entry.file_name)
    number = department.cases()[0].number
    department.decide(
        number, "permission", police_department="ПД", number="1", on=date(2026, 11, 22)
    )
    back = tmp_path / "back"
    back.mkdir()
    sent = department.send("KZ-BER", back)
    data = bytearray(sent.path.read_bytes())
    data[len(data) // 2] ^= 0x40
    bad = tmp_path / "bad.qpkg"
    bad.write_bytes(data)
    with pytest.raises(service.ExchangeFailed):
        service.import_package(ctx, bad)
    assert service.outbox(ctx)[0].state == "built"
    assert service.import_package(ctx, sent.path).decisions == 1


def _add_scans(ctx: DeskContext, pages: range = range(3, 9), size: int = 400_000) -> int:
    """Scans of random bytes (incompressible) on the first forwarded case, whose id is
    returned: a package too large for one part."""
    with ctx.uow() as uow:
        cid = uow.session.scalars(select(CaseRow.id).where(CaseRow.stage == "forwarded")).first()
        for page in pages:
            uow.attachments.add(
                AttachmentRow(
                    case_id=cid,
                    item_key="birth",
                    document_id="b",
                    page_no=page,
                    mime="image/jpeg",
                    width=1,
                    height=1,
                    data=os.urandom(size),
                    created_at=ctx.now(),
                    created_by=None,
                    note="",
                )
            )
        uow.commit()
    assert cid is not None
    return cid


def test_split_export(enrolled: DeskContext, department: Department, tmp_path: Path) -> None:
    ctx = enrolled
    _add_scans(ctx)
    result = service.export(ctx, tmp_path, max_part_mb=1)
    assert len(result.packages) >= 3
    assert all(p.size <= 1024 * 1024 for p in result.packages)
    for p in result.packages:
        department.receive(tmp_path / p.file_name)
    assert department.scan_count() == 12


def test_split_export_outbox_counts_are_exact_per_part(
    enrolled: DeskContext, department: Department, tmp_path: Path
) -> None:
    """Each outbox row counts what its own package carries, read back from the package."""
    from desktop.sync import package, records

    ctx = enrolled
    cid = _add_scans(ctx)
    result = service.export(ctx, tmp_path, max_part_mb=1)
    assert len(result.packages) >= 3
    keys = department.keys
    key = department._encryption_key()
    carried_cases: list[set[str]] = []
    for entry in result.packages:
        verified = package.verify_package(
            tmp_path / entry.file_name,
            [keys.ca.cert],
            recipient=department.code,
            recipient_cert=keys.encryption.cert,
        )
        cases: set[str] = set()
        events: set[str] = set()
        scans: set[str] = set()
        for member in verified.members("records"):
            rec = records.Records.from_json(
                verified.decrypt(member.name, keys.encryption.cert, key)
            )
            cases |= {c["id"] for c in rec.cases}
            events |= {e["id"] for c in rec.cases for e in c["events"]}
            scans |= {sc["id"] for sc in rec.scans}
        assert (entry.cases, entry.events, entry.scans) == (len(cases), len(events), len(scans))
        carried_cases.append(cases)
    # Every scan page travels once; the straddling case is counted in each part carrying it.
    assert sum(p.scans for p in result.packages) == result.scans == 12
    assert str(cid) in carried_cases[0] and str(cid) in carried_cases[-1]
    assert set().union(*carried_cases) and len(set().union(*carried_cases)) == result.cases
    # The outbox shows the same figures later.
    assert [(e.cases, e.events, e.scans) for e in service.outbox(ctx)] == [
        (e.cases, e.events, e.scans) for e in result.packages
    ]


def test_cli(
    demo_dir: Path,
    department: Department,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("QONYS_PASSWORD", PASSWORD)
    monkeypatch.setenv("QONYS_OFFICER", "admin")
    monkeypatch.setenv("QONYS_BUNDLE_PASSWORD", BUNDLE_PW)
    bundle = tmp_path / "ber.bundle"
    bundle.write_bytes(department.enrol_mission("KZ-BER", "Embassy in Berlin", BUNDLE_PW))

    def qonys(*argv: str) -> tuple[int, str, str]:
        code = desktop.cli.main(["--data-dir", str(demo_dir), *argv])
        got = capsys.readouterr()
        return code, got.out, got.err

    code, out, err = qonys("trust", "import", str(bundle))
    assert code == 0, err
    assert "recovery slot" in out
    code, out, err = qonys("export", "--out", str(tmp_path / "usb"))
    assert code == 0, err
    assert "package 1" in out
    code, out, err = qonys("export", "--out", str(tmp_path / "usb"))
    assert code == 0 and "Nothing new" in out
    code, out, _ = qonys("outbox", "--json")
    assert json.loads(out)[0]["state"] == "built"
    assert qonys("outbox", "--carried", "1")[0] == 0
    [pkg] = (tmp_path / "usb").iterdir()
    department.receive(pkg)
    sent = department.send("KZ-BER", tmp_path)
    code, out, err = qonys("import", str(sent.path))
    assert code == 0 and "0 decisions applied, 1 packages acknowledged" in out
    code, out, err = qonys("import", str(sent.path))
    assert code == 0 and "already imported" in out
    junk = tmp_path / "junk.qpkg"
    junk.write_bytes(b"junk")
    code, out, err = qonys("import", str(junk))
    assert code == 1 and err.count("\n") == 1 and "junk.qpkg" in err
    code, out, err = qonys("trust", "show")
    assert code == 0 and "trust list v2" in out


@pytest.fixture
def full_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A folder on a 256 KiB tmpfs (a full USB stick); where mounting is not permitted, the
    package writer's file fails with ENOSPC after 256 KiB instead."""
    folder = tmp_path / "stick"
    folder.mkdir()
    mounted = (
        os.geteuid() == 0
        and subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(folder)],
            capture_output=True,
            check=False,
        ).returncode
        == 0
    )
    if not mounted:
        from desktop.sync import package

        original = package._HashingFile.write

        def write(self: package._HashingFile, data: bytes) -> None:
            if self.offset + len(data) > 256 * 1024:
                raise OSError(errno.ENOSPC, "No space left on device")
            original(self, data)

        monkeypatch.setattr(package._HashingFile, "write", write)
    try:
        yield folder
    finally:
        if mounted:
            subprocess.run(["umount", str(folder)], check=False)


def test_full_disk_during_export_records_nothing(enrolled: DeskContext, full_folder: Path) -> None:
    ctx = enrolled
    with ctx.uow() as uow:
        cid = uow.session.scalars(select(CaseRow.id).where(CaseRow.stage == "forwarded")).first()
        uow.attachments.add(
            AttachmentRow(
                case_id=cid,
                item_key="birth",
                document_id="b",
                page_no=9,
                mime="image/jpeg",
                width=1,
                height=1,
                data=os.urandom(600_000),
                created_at=ctx.now(),
                created_by=None,
                note="",
            )
        )
        uow.commit()
    with pytest.raises(service.ExchangeFailed, match="nothing was recorded"):
        service.export(ctx, full_folder)
    assert list(full_folder.iterdir()) == []
    assert service.outbox(ctx) == []
    # Room again: everything is still to be sent.
    roomy = full_folder.parent / "roomy"
    roomy.mkdir()
    assert service.export(ctx, roomy).scans == 7


def test_store_of_first_revision_gets_the_exchange_tables(tmp_path: Path) -> None:
    """Revision 0002 upgrades a 0.1 store: its data intact, the outbox empty, not enrolled."""
    from tests.storage.test_migrations import _store_at_first_revision

    _store_at_first_revision(tmp_path)
    ctx = session.login(tmp_path, "admin", PASSWORD)
    try:
        assert service.outbox(ctx) == []
        with pytest.raises(service.NotEnrolled):
            service.export(ctx, tmp_path)
        with ctx.uow() as uow:
            assert uow.session.scalars(select(CaseRow.number)).all() == ["KZ-OLD-2025-00001"]
    finally:
        ctx.close()


def test_decision_packages_out_of_order(
    enrolled: DeskContext, department: Department, tmp_path: Path
) -> None:
    ctx = enrolled
    [entry] = service.export(ctx, tmp_path).packages
    department.receive(tmp_path / entry.file_name)
    back = tmp_path / "back"
    back.mkdir()
    first = department.send("KZ-BER", back)
    second = department.send("KZ-BER", back)
    with pytest.raises(service.ExchangeFailed, match="arrived before package\\(s\\) 1") as gap:
        service.import_package(ctx, second.path)
    assert gap.value.code == "sequence-gap"  # for the desk to word in kk/ru
    # What the desk offers to accept, and the order it imports a batch in.
    assert service.missing_before(gap.value) == (1,)
    assert service.in_sequence_order([second.path, first.path]) == [first.path, second.path]
    assert service.import_package(ctx, first.path).sequence == 1
    assert service.import_package(ctx, second.path).sequence == 2


def test_pages_stored_before_their_digest_was_kept_still_travel(
    enrolled: DeskContext, department: Department, tmp_path: Path
) -> None:
    # Revision 0005 added the digest; older pages have none and the export computes it. Such
    # pages are in the table (scan files came later and always carry the digest).
    pages_into_table(enrolled)
    with enrolled.uow() as uow:
        uow.session.execute(update(AttachmentRow).values(sha256=None))
        uow.commit()
    out = tmp_path / "usb"
    out.mkdir()
    [entry] = service.export(enrolled, out).packages
    # The Department checks every page's bytes against the digest the records carry.
    assert department.receive(out / entry.file_name).scans == 6


def test_a_wrong_page_digest_is_caught_by_the_department(
    enrolled: DeskContext, department: Department, tmp_path: Path
) -> None:
    # A page in a scan file is bound to its digest: a wrong one does not open at the mission.
    with enrolled.uow() as uow:
        right = dict(uow.session.execute(select(AttachmentRow.id, AttachmentRow.sha256)).all())
        uow.session.execute(update(AttachmentRow).values(sha256="0" * 64))
        uow.commit()
    out = tmp_path / "usb"
    out.mkdir()
    with pytest.raises(StoreDamaged, match="does not open"):
        service.export(enrolled, out)
    assert list(out.iterdir()) == []
    with enrolled.uow() as uow:
        for aid, digest in right.items():
            uow.session.execute(
                update(AttachmentRow).where(AttachmentRow.id == aid).values(sha256=digest)
            )
        uow.commit()
    # A page kept in the table (stores made before) is checked by the Department.
    pages_into_table(enrolled)
    with enrolled.uow() as uow:
        uow.session.execute(update(AttachmentRow).values(sha256="0" * 64))
        uow.commit()
    [entry] = service.export(enrolled, out).packages
    with pytest.raises(PackageError):
        department.receive(out / entry.file_name)
    assert department.cases() == []


def test_a_scan_file_gone_missing_fails_the_export_and_records_nothing(
    enrolled: DeskContext, department: Department, tmp_path: Path
) -> None:
    """A page's file is read by the thread that encrypts it into the package: its absence
    still stops the export with the store's own error, leaves no file and records nothing."""
    from desktop.storage import scanfiles

    files = scanfiles.scan_files_of(enrolled.store.engine.dialect)
    assert files is not None
    with enrolled.uow() as uow:
        names = list(
            uow.session.scalars(select(AttachmentRow.scan_file).order_by(AttachmentRow.id))
        )
    assert len(names) == 6 and all(names)
    last = files.path(names[-1])  # the last page: the others are encrypted by then
    kept = last.read_bytes()
    last.unlink()
    out = tmp_path / "usb"
    out.mkdir()
    with pytest.raises(StoreDamaged, match="missing"):
        service.export(enrolled, out)
    assert list(out.iterdir()) == []
    assert service.outbox(enrolled) == []
    last.write_bytes(kept)
    [entry] = service.export(enrolled, out).packages
    assert department.receive(out / entry.file_name).scans == 6


def test_a_stopped_export_leaves_nothing_and_a_new_folder_is_made(
    enrolled: DeskContext, tmp_path: Path
) -> None:
    out = tmp_path / "stick" / "to-department"  # not there yet: the export makes it
    seen: list[int] = []
    with pytest.raises(service.ExportCancelled) as stopped:
        service.export(
            enrolled,
            out,
            max_part_mb=1,
            progress=lambda done, _total: seen.append(done),
            should_stop=lambda: len(seen) >= 2,
        )
    assert stopped.value.code == "cancelled"
    assert seen == [1, 2] and list(out.iterdir()) == []
    assert service.outbox(enrolled) == []
    # Nothing was marked as sent: the next export carries everything.
    result = service.export(enrolled, out)
    assert result.cases == exportable(enrolled) and result.scans == 6


def test_an_export_into_a_file_is_refused(enrolled: DeskContext, tmp_path: Path) -> None:
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("x")
    with pytest.raises(service.ExchangeFailed) as refused:
        service.export(enrolled, not_a_folder)
    assert refused.value.code == "not-a-folder"


def test_p11_package_with_a_reasoned_refusal_without_hearing_is_refused_whole(
    enrolled: DeskContext, department: Department, tmp_path: Path
) -> None:
    """§11 (05.12.2025): a reasoned refusal comes only after a preliminary refusal and the
    review of the objection. The Department refuses to record one without (its `decide`);
    a package that carries one all the same (an older Department, a forged record) is refused
    whole: its other decisions are not applied either."""
    import uuid
    from datetime import UTC, datetime

    from desktop.department.store import Decision

    ctx = enrolled
    out = tmp_path / "usb"
    out.mkdir()
    [entry] = service.export(ctx, out).packages
    department.receive(out / entry.file_name)
    first = numbers_at(ctx, "forwarded")[0]
    second = numbers_at(ctx, "permitted")[0]  # never refused preliminarily
    department.decide(
        first, "permission", police_department="Алматы ПД", number="1", on=date(2026, 11, 22)
    )
    with department.uow() as tx:
        target = department.find_case(tx.session, second)
        tx.session.add(
            Decision(
                id=str(uuid.uuid4()),
                case_id=target.id,
                kind="reasoned_refusal",
                after_objection=False,
                police_department="Алматы ПД",
                number="2",
                date="2026-11-22",
                note=None,
                recorded_at=datetime.now(UTC),
                recorded_by="admin",
                acknowledged_at=None,
            )
        )
        tx.commit()
    # The Department shows such a case as irregular and changes nothing.
    flags = {c.number: c.as_dict()["irregular"] for c in department.cases()}
    assert flags[second] is True and flags[first] is False
    back = tmp_path / "back"
    back.mkdir()
    sent = department.send("KZ-BER", back)
    assert sent.decisions == 2
    with pytest.raises(service.ExchangeFailed) as err:
        service.import_package(ctx, sent.path)
    assert err.value.code == "refusal-without-hearing"
    assert "§11" in err.value.message.en and "п. 11" in err.value.message.ru
    # Nothing of the package was applied: the permission's case is still forwarded.
    assert first in numbers_at(ctx, "forwarded") and second in numbers_at(ctx, "permitted")


def test_reset_chain_at_the_mission(
    enrolled: DeskContext, department: Department, tmp_path: Path, officer: DeskContext
) -> None:
    """Issue 13, point 4: the mission's administrator resets the chain of Department packages,
    audited; an officer cannot, and only a package on record can be the point."""
    from desktop.services.errors import PermissionDenied
    from desktop.storage.models import AuditRow, InboxRow

    ctx = enrolled
    back = tmp_path / "back"
    first = department.send("KZ-BER", back)
    second = department.send("KZ-BER", back)
    assert service.import_package(ctx, first.path).sequence == 1
    assert service.import_package(ctx, second.path).sequence == 2
    with pytest.raises(service.ExchangeFailed, match=r"no package 5 .* \(received: 1–2\)"):
        service.reset_chain(ctx, 5, "because")
    with pytest.raises(service.ExchangeFailed, match="say why"):
        service.reset_chain(ctx, 1, " ")
    with pytest.raises(PermissionDenied):
        service.reset_chain(officer, 1, "because")
    done = service.reset_chain(ctx, 1, "the Department restored its store (letter 5/123)")
    assert done.forgotten == (2,)
    # Package 2 is no longer on record: it is taken again (its decisions were applied once).
    again = service.import_package(ctx, second.path)
    assert not again.replay and again.sequence == 2 and again.decisions == 0
    with ctx.uow() as uow:
        rows = list(uow.session.scalars(select(InboxRow).order_by(InboxRow.sequence)))
        assert [(r.sequence, r.chain_reset) for r in rows] == [(1, True), (2, False)]
        actions = list(
            uow.session.scalars(
                select(AuditRow.action).where(AuditRow.action == "exchange.chain-reset")
            )
        )
    assert actions == ["exchange.chain-reset"]
    assert session.audit_report(ctx).ok
