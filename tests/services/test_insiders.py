"""Issue 13, insiders: what an officer who holds the data key can no longer do unseen.

Each test scripts one attack of the attack run on a demo store (with its Department) and
checks that it is refused, or seen, with its own message.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import multiprocessing
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519
from sqlalchemy import select, text

from desktop.department.service import Department
from desktop.domain.workflow import Stage
from desktop.services import demo, exchange, handouts, session, signing_keys
from desktop.services.context import DeskContext, Officer, Role
from desktop.services.errors import (
    LoginRecordRemoved,
    LoginThrottled,
    PermissionDenied,
    WrongCredentials,
)
from desktop.storage import audit
from desktop.storage.models import (
    AuditHeadRow,
    AuditRow,
    Base,
    CaseRow,
    ExchangeIdentityRow,
    OfficerBoxKeyRow,
    SealWrapRow,
    SigningCredentialRow,
)
from desktop.storage.vault import Vault
from tests.conftest import FAST_KDF, PASSWORD, MovableClock


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("insiders") / "store"
    demo.create_demo(
        data_dir,
        cases=12,
        seed=5,
        password=PASSWORD,
        kdf=FAST_KDF,
        clock=MovableClock(),
        department=True,
    )
    return data_dir


@pytest.fixture
def store(template: Path, tmp_path: Path) -> Path:
    data_dir = tmp_path / "store"
    shutil.copytree(template, data_dir)
    return data_dir


def _login(store: Path, login: str, clock: MovableClock | None = None) -> DeskContext:
    return session.login(store, login, PASSWORD, clock=clock or MovableClock())


@pytest.fixture
def officer(store: Path) -> Iterator[DeskContext]:
    ctx = _login(store, "officer")
    yield ctx
    ctx.close()


def _permitted_case(ctx: DeskContext) -> int:
    with ctx.uow() as uow:
        case_id = uow.session.scalar(
            select(CaseRow.id).where(CaseRow.stage == Stage.PERMITTED.value).limit(1)
        )
    assert case_id is not None
    return case_id


def _consul_public_keys(store: Path) -> tuple[bytes, bytes]:
    """(the consul's PAdES public key, the seal's public key), as DER, read by the consul."""
    consul = _login(store, "consul")
    try:
        with consul.uow() as uow:
            row = uow.session.get(SigningCredentialRow, consul.officer.id)
            assert row is not None
            pades = x509.load_pem_x509_certificate(row.certificate).public_key()
        _kid, seal = exchange.seal_key(consul)
    finally:
        consul.close()
    spki = serialization.PublicFormat.SubjectPublicKeyInfo
    return (
        pades.public_bytes(serialization.Encoding.DER, spki),
        seal.public_key().public_bytes(serialization.Encoding.DER, spki),
    )


def _usable_private_keys(ctx: DeskContext) -> list[bytes]:
    """Every private key the data key alone yields from any table: PEM blocks without a
    password, and raw 32-byte Ed25519 seeds; as DER public keys."""
    found: list[bytes] = []
    spki = serialization.PublicFormat.SubjectPublicKeyInfo
    with ctx.store.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            for row in conn.execute(table.select()):
                for value in row:
                    blob = value.encode() if isinstance(value, str) else value
                    if not isinstance(blob, bytes):
                        continue
                    keys = []
                    if b"PRIVATE KEY-----" in blob:
                        with contextlib.suppress(ValueError, TypeError):  # encrypted: not usable
                            keys.append(serialization.load_pem_private_key(blob, None))
                    if len(blob) == 32:
                        keys.append(ed25519.Ed25519PrivateKey.from_private_bytes(blob))
                    found.extend(
                        k.public_key().public_bytes(serialization.Encoding.DER, spki) for k in keys
                    )
    return found


# --- 1. the consul's signing key and the mission's seal -------------------------------------


def test_an_officer_cannot_sign_or_seal_by_any_means(store: Path) -> None:
    pades, seal = _consul_public_keys(store)
    officer = _login(store, "officer")
    try:
        case_id = _permitted_case(officer)
        with pytest.raises(PermissionDenied):
            handouts.issue_notification(officer, case_id)
        # The officer poses as the consul in memory (the code's role check passes) ...
        with officer.uow() as uow:
            consul_row = uow.officers.by_login("consul")
            assert consul_row is not None
            consul_id = consul_row.id
            posing = dataclasses.replace(
                officer, officer=Officer(consul_id, "consul", consul_row.full_name, Role.CONSUL)
            )
        with pytest.raises(signing_keys.KeyNotOpen, match="own password"):
            handouts.issue_notification(posing, case_id)
        with pytest.raises(signing_keys.KeyNotOpen, match="own password"):
            exchange.seal_key(posing)
        # ... then makes themselves a consul in the database (they hold the data key) and
        # copies the consul's signing credential to their own row.
        with officer.uow() as uow:
            me = uow.officers.by_login("officer")
            assert me is not None
            me.role = Role.CONSUL.value
            cred = uow.session.get(SigningCredentialRow, consul_id)
            assert cred is not None
            uow.session.add(
                SigningCredentialRow(
                    officer_id=me.id,
                    certificate=cred.certificate,
                    chain=cred.chain,
                    private_key=cred.private_key,
                    installed_at=cred.installed_at,
                )
            )
            uow.commit()
        # The data key yields neither private key in usable form.
        usable = _usable_private_keys(officer)
        assert pades not in usable and seal not in usable
    finally:
        officer.close()
    promoted = _login(store, "officer")
    try:
        assert promoted.officer.role is Role.CONSUL
        with pytest.raises(signing_keys.KeyNotOpen, match="own password"):
            handouts.issue_notification(promoted, case_id)
        with pytest.raises(signing_keys.KeyNotOpen):
            exchange.seal_key(promoted)
    finally:
        promoted.close()
    # The real consul still signs and seals.
    consul = _login(store, "consul")
    try:
        issued = handouts.issue_notification(consul, case_id)
        assert issued.pdf.startswith(b"%PDF") and issued.seal_text
    finally:
        consul.close()


def test_an_administrator_cannot_install_a_key_for_someone_else(store: Path) -> None:
    admin = _login(store, "admin")
    try:
        with pytest.raises(handouts.HandoutError, match="only consul can install their own"):
            handouts.install_official(admin, b"not read", "x", login="consul")
        with pytest.raises(signing_keys.KeyNotOpen, match="own password"):
            exchange.seal_key(admin)
    finally:
        admin.close()


def test_plain_keys_of_an_older_store_are_wrapped_at_the_consuls_next_login(store: Path) -> None:
    pades, seal_public = _consul_public_keys(store)
    # Put the store back as an older version left it: both keys as plain PKCS#8 in tables.
    consul = _login(store, "consul")
    try:
        kid, seal = exchange.seal_key(consul)
        with consul.uow() as uow:
            cred = uow.session.get(SigningCredentialRow, consul.officer.id)
            identity = uow.session.get(ExchangeIdentityRow, 1)
            assert cred is not None and identity is not None and consul.personal_key
            key = signing_keys.decrypt_key(cred.private_key, consul.personal_key, "pades key")
            plain = serialization.PrivateFormat.PKCS8
            none = serialization.NoEncryption()
            cred.private_key = key.private_bytes(serialization.Encoding.PEM, plain, none)
            identity.seal_key = seal.private_bytes(serialization.Encoding.PEM, plain, none)
            uow.session.query(SealWrapRow).delete()
            uow.session.query(OfficerBoxKeyRow).delete()
            uow.commit()
    finally:
        consul.close()
    officer = _login(store, "officer")
    try:
        assert pades in _usable_private_keys(officer)  # the old weakness, as it was
    finally:
        officer.close()

    consul = _login(store, "consul")  # the upgrade: wrap, hand on, remove the plain copies
    try:
        assert exchange.seal_key(consul)[0] == kid
        with consul.uow() as uow:
            actions = uow.session.scalars(select(AuditRow.action)).all()
        assert "keys.signing_key_wrapped" in actions and "keys.seal_wrapped" in actions
        assert handouts.issue_notification(consul, _permitted_case(consul)).pdf
    finally:
        consul.close()
    officer = _login(store, "officer")
    try:
        usable = _usable_private_keys(officer)
        assert pades not in usable and seal_public not in usable
        with officer.uow() as uow:
            identity = uow.session.get(ExchangeIdentityRow, 1)
            assert identity is not None and identity.seal_key == b""
    finally:
        officer.close()


# --- 2. the audit log's tail -----------------------------------------------------------------


def _cut_audit_log(ctx: DeskContext, keep: int) -> None:
    """The attack: drop the triggers, delete the tail, rewrite the head, restore the triggers."""
    with ctx.store.engine.begin() as conn:
        triggers = conn.execute(
            text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
        ).all()
        for name, _sql in triggers:
            conn.execute(text(f"DROP TRIGGER {name}"))
        conn.execute(text("DELETE FROM audit_log WHERE id > :keep"), {"keep": keep})
        head = conn.execute(
            text("SELECT hash FROM audit_log WHERE id = :keep"), {"keep": keep}
        ).scalar_one()
        conn.execute(
            text("UPDATE audit_head SET last_id = :keep, last_hash = :head"),
            {"keep": keep, "head": head},
        )
        for _name, sql in triggers:
            conn.execute(text(sql))


def test_a_cut_audit_log_shows_at_the_next_login_of_another_officer(store: Path) -> None:
    _login(store, "consul").close()  # the consul's slot remembers the log as it is now
    officer = _login(store, "officer")
    try:
        with officer.uow() as uow:
            head = uow.session.get(AuditHeadRow, 1)
            assert head is not None
            seen_by_consul = head.last_id - 1  # the officer's own login came after
        _cut_audit_log(officer, seen_by_consul - 3)
        with officer.uow() as uow:
            assert audit.verify(uow.session).ok  # the chain alone says "intact" (the attack)
    finally:
        officer.close()
    consul = _login(store, "consul")
    try:
        assert [a.en for a in consul.alerts] == [
            f"The audit log was cut or rewritten: entry {seen_by_consul}, which it held at your "
            "last login, is gone or changed. Tell the administrator."
        ]
    finally:
        consul.close()
    admin = _login(store, "admin")
    try:
        report = session.audit_report(admin)
        assert not report.ok
        assert any(
            f"no longer held entry {seen_by_consul}" in p and "consul" in p for p in report.problems
        )
    finally:
        admin.close()


def test_the_department_flags_a_package_whose_audit_log_was_cut(
    store: Path, tmp_path: Path
) -> None:
    admin = _login(store, "admin")
    dep = Department.open(store / "department", "admin", PASSWORD)
    try:
        out = tmp_path / "out"
        [first] = exchange.export(admin, out, include_stages=True).packages
        assert dep.receive(out / first.file_name).audit_alarm is None
        with admin.uow() as uow:
            first_row = uow.session.scalar(select(AuditHeadRow.last_id))
        assert first_row is not None
        # The Department answers; the mission imports it, so the next export has news.
        back = tmp_path / "back"
        back.mkdir()
        exchange.import_package(admin, dep.send("KZ-BER", back).path)
        _cut_audit_log(admin, first_row - 2)
        for _ in range(8):  # work goes on after the cut: the log grows past its old length
            _login(store, "officer").close()
        [second] = exchange.export(admin, out).packages
        result = dep.receive(out / second.file_name)
        assert result.audit_alarm is not None
        assert result.audit_alarm.startswith("the audit log of KZ-BER no longer holds entry")
    finally:
        dep.close()
        admin.close()


# --- 3. failed logins ------------------------------------------------------------------------


def _wrong_login(store: Path, start: multiprocessing.synchronize.Barrier, out: object) -> None:
    start.wait()
    try:
        # One instant for all: the outcome depends on the counting, not on the machine's speed.
        session.login(store, "officer", "not the password!", clock=MovableClock())
        result = "opened"
    except LoginThrottled:
        result = "throttled"
    except WrongCredentials:
        result = "wrong"
    out.put(result)  # type: ignore[attr-defined]


def test_parallel_wrong_passwords_are_each_counted(store: Path) -> None:
    mp = multiprocessing.get_context("fork")
    start = mp.Barrier(12)
    out = mp.Queue()
    procs = [mp.Process(target=_wrong_login, args=(store, start, out)) for _ in range(12)]
    for p in procs:
        p.start()
    results = sorted(out.get(timeout=120) for _ in procs)
    for p in procs:
        p.join(timeout=60)
    record = Vault.load(store / "qonys.vault").failure_count("officer")
    assert record is not None
    # One after the other: two wrong passwords tried, then the delay refuses the rest.
    assert results.count("wrong") == record.count == 2
    assert results.count("throttled") == 10


def _vault_doc(store: Path) -> dict[str, object]:
    return dict(json.loads((store / "qonys.vault").read_bytes()))


def test_deleting_the_failure_record_does_not_reset_it(store: Path) -> None:
    clock = MovableClock()
    for _ in range(3):
        with pytest.raises((WrongCredentials, LoginThrottled)):
            session.login(store, "officer", "not the password!", clock=clock)
        clock.advance(seconds=10)
    doc = _vault_doc(store)
    del doc["failures"]
    (store / "qonys.vault").write_text(json.dumps(doc))
    with pytest.raises(LoginRecordRemoved) as refused:
        session.login(store, "officer", PASSWORD, clock=clock)
    assert refused.value.message.en == (
        "The record of failed logins was removed or rolled back; try again in 300 seconds"
    )
    assert refused.value.message.ru.endswith("повторите через 300 секунд")
    assert refused.value.message.kk.endswith("300 секундтан кейін қайталаңыз")
    clock.advance(seconds=301)
    ctx = session.login(store, "officer", PASSWORD, clock=clock)
    try:
        assert [a.en for a in ctx.alerts] == [
            "The record of failed logins was altered or removed since the last login."
        ]
    finally:
        ctx.close()


def test_lowering_a_counter_is_seen_at_the_next_login(store: Path) -> None:
    clock = MovableClock()
    for _ in range(4):
        with pytest.raises((WrongCredentials, LoginThrottled)):
            session.login(store, "consul", "not the password!", clock=clock)
        clock.advance(seconds=30)
    doc = _vault_doc(store)
    failures = doc["failures"]
    assert isinstance(failures, dict)
    for slot in failures["slots"].values():
        slot["count"] = 0  # as if no one had tried
    (store / "qonys.vault").write_text(json.dumps(doc))
    ctx = session.login(store, "officer", PASSWORD, clock=clock)
    try:
        assert [a.en for a in ctx.alerts] == [
            "The record of failed logins was altered or removed since the last login."
        ]
    finally:
        ctx.close()
    # Told once: the next login finds a record sealed again.
    again = session.login(store, "officer", PASSWORD, clock=clock)
    try:
        assert again.alerts == []
    finally:
        again.close()
