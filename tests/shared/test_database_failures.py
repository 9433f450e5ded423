"""What a desk says when the shared store's server refuses it or goes away (issue 21), on real
servers: no server, no such database, a role the server does not know or that has no rights,
a server certificate that is not the pinned one, and the server stopped in the middle of work.
Each is a message in the officer's language with what to do — never libpq's English words
inside a Kazakh or Russian sentence, never a crash."""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from desktop.services import backup, cases, demo, session, shared_store
from desktop.services.errors import (
    DatabaseUnreachable,
    StoreNotAnswering,
    as_known,
)
from tests.conftest import FAST_KDF, PASSWORD, MovableClock
from tests.pg import PgServer, postgres_server

LIBPQ_WORDS = ("connection", "failed", "does not exist", "permission denied", "SSL", "FATAL")


def _refusal(tmp_path: Path, url: str) -> DatabaseUnreachable:
    folder = tmp_path / f"desk{len(list(tmp_path.iterdir()))}"
    shared_store.join(folder, url)
    with pytest.raises(DatabaseUnreachable) as refused:
        session.login(folder, "officer", PASSWORD, clock=MovableClock())
    return refused.value


def _said_plainly(refusal: DatabaseUnreachable) -> None:
    for lang in ("kk", "ru"):
        text = refusal.message.get(lang)
        shown = text.replace(text[text.index("(") : text.index(")") + 1], "")  # the address
        assert not any(w in shown for w in LIBPQ_WORDS), text


def _demo(server: PgServer, folder: Path) -> str:
    url = server.create_database(server.mission_template())
    demo.create_demo(
        folder, cases=2, seed=4, password=PASSWORD, kdf=FAST_KDF, clock=MovableClock(),
        database=url,
    )  # fmt: skip
    return url


def test_each_refusal_at_login_says_what_to_do(pg_server: PgServer, tmp_path: Path) -> None:
    url = _demo(pg_server, tmp_path / "first")
    base, name = url.rsplit("/", 1)
    with psycopg.connect(
        host=pg_server.host, port=pg_server.port, user=pg_server.user, dbname=name,
        autocommit=True,
    ) as conn:  # fmt: skip
        conn.execute("DROP ROLE IF EXISTS clerk_without_rights")
        conn.execute("CREATE ROLE clerk_without_rights LOGIN")
    closed_port = url.replace(f":{pg_server.port}/", f":{_closed_port()}/")

    down = _refusal(tmp_path, closed_port)
    assert down.failure == "unreachable"
    assert "сервері жауап бермейді" in down.message.kk
    assert "Сервер общей базы данных не отвечает" in down.message.ru
    _said_plainly(down)

    missing = _refusal(tmp_path, f"{base}/no_such_mission")
    assert missing.failure == "no-database"
    assert "нет базы данных" in missing.message.ru and "no_such_mission" in missing.message.ru
    _said_plainly(missing)

    stranger = _refusal(tmp_path, url.replace(f"{pg_server.user}@", "nobody_known@", 1))
    assert stranger.failure == "not-let-in"
    assert "PGPASSFILE" in stranger.message.kk and "pg_hba.conf" in stranger.message.ru
    _said_plainly(stranger)

    no_rights = _refusal(tmp_path, url.replace(f"{pg_server.user}@", "clerk_without_rights@", 1))
    assert no_rights.failure == "no-rights"
    assert "нет прав" in no_rights.message.ru and "құқығы жоқ" in no_rights.message.kk
    assert "GRANT" in no_rights.message.en
    _said_plainly(no_rights)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])  # closed again: nothing listens there


def _certificate(
    folder: Path, name: str, issuer_key: ec.EllipticCurvePrivateKey | None = None,
    issuer: x509.Name | None = None, *, ca: bool,
) -> tuple[ec.EllipticCurvePrivateKey, x509.Name, Path, Path]:  # fmt: skip
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer or subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    if not ca:
        builder = builder.add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
    cert = builder.sign(issuer_key or key, hashes.SHA256())
    pem, key_file = folder / f"{name}.pem", folder / f"{name}.key"
    pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    key_file.chmod(0o600)
    return key, subject, pem, key_file


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[PgServer, Path, Path]]:
    """A server of its own with TLS on: its certificate from the mission's CA; another CA's
    certificate beside it (the wrong pin)."""
    with postgres_server() as server:
        assert server.data is not None
        keys = server.data.parent / "tls"
        keys.mkdir()
        ca_key, ca_name, ca_pem, _ = _certificate(keys, "mission-ca", ca=True)
        _, _, other_pem, _ = _certificate(keys, "other-ca", ca=True)
        _, _, server_pem, server_key = _certificate(keys, "localhost", ca_key, ca_name, ca=False)
        if os.geteuid() == 0:
            for path in (keys, server_pem, server_key):
                shutil.chown(path, "postgres", "postgres")
        with psycopg.connect(
            host=server.host, port=server.port, user=server.user, dbname="postgres",
            autocommit=True,
        ) as conn:  # fmt: skip
            conn.execute(f"ALTER SYSTEM SET ssl_cert_file = '{server_pem}'")
            conn.execute(f"ALTER SYSTEM SET ssl_key_file = '{server_key}'")
            conn.execute("ALTER SYSTEM SET ssl = on")
            conn.execute("SELECT pg_reload_conf()")
        yield server, ca_pem, other_pem


def test_the_pinned_certificate_opens_the_store_and_a_wrong_one_is_said(
    tls_server: tuple[PgServer, Path, Path], tmp_path: Path
) -> None:
    server, ca_pem, other_pem = tls_server
    plain = _demo(server, tmp_path / "first")
    pinned = plain.replace("127.0.0.1", "localhost") + f"?sslmode=verify-full&sslrootcert={ca_pem}"

    ctx = session.login(
        _joined(tmp_path / "desk", pinned), "officer", PASSWORD, clock=MovableClock()
    )
    try:
        assert len(cases.list_cases(ctx, limit=10)) == 2
        with ctx.store.engine.connect() as conn:
            used_tls = conn.exec_driver_sql(
                "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"
            ).scalar()
        assert used_tls is True
    finally:
        ctx.close()

    wrong = _refusal(tmp_path, pinned.replace(str(ca_pem), str(other_pem)))
    assert wrong.failure == "certificate"
    assert "басқа сервер болуы мүмкін" in wrong.message.kk
    assert "чужой сервер" in wrong.message.ru
    assert "another server" in wrong.message.en
    _said_plainly(wrong)

    no_file = _refusal(tmp_path, pinned.replace(str(ca_pem), str(tmp_path / "gone.pem")))
    assert no_file.failure == "certificate"


def _joined(folder: Path, url: str) -> Path:
    shared_store.join(folder, url)
    return folder


def test_the_server_stopped_mid_work_is_a_message_and_the_desk_comes_back(
    tmp_path: Path,
) -> None:
    with postgres_server() as own:  # its own server: the others' tests are not cut
        url = own.create_database()
        demo.create_demo(
            tmp_path / "a", cases=2, password=PASSWORD, kdf=FAST_KDF, clock=MovableClock(),
            database=url,
        )  # fmt: skip
        ctx = session.login(tmp_path / "a", "officer", PASSWORD, clock=MovableClock())
        try:
            first = cases.list_cases(ctx, limit=10)[0]
            detail = cases.get_case(ctx, first.id)
            q = detail.questionnaire
            q.patronymic = "Сақталмаған"
            own.stop()

            with pytest.raises(StoreNotAnswering) as save:  # not an OperationalError
                cases.update_questionnaire(ctx, first.id, q, detail.summary.version)
            assert "ештеңе өзгертілмеді" in save.value.message.kk
            assert "ничего не изменено" in save.value.message.ru
            with pytest.raises(StoreNotAnswering):
                cases.get_case(ctx, first.id)
            with pytest.raises(Exception) as listing:  # the list's own read path
                cases.list_cases(ctx, limit=10)
            said = as_known(listing.value)
            assert isinstance(said, StoreNotAnswering), listing.value
            (tmp_path / "usb").mkdir()
            with pytest.raises(Exception) as backing_up:  # the backup dialog's job
                backup.backup_store(ctx, tmp_path / "usb")
            assert isinstance(as_known(backing_up.value), StoreNotAnswering), backing_up.value

            own.restart()
            saved = cases.update_questionnaire(ctx, first.id, q, detail.summary.version)
            assert saved.summary.patronymic == "Сақталмаған"
        finally:
            ctx.close()


def test_a_move_to_a_database_the_role_may_not_write_is_said_and_keeps_the_store(
    pg_server: PgServer, tmp_path: Path
) -> None:
    url = pg_server.create_database()  # empty: the move would create the store's tables
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(
        host=pg_server.host, port=pg_server.port, user=pg_server.user, dbname=name,
        autocommit=True,
    ) as conn:  # fmt: skip
        conn.execute("DROP ROLE IF EXISTS clerk_may_not_create")
        conn.execute("CREATE ROLE clerk_may_not_create LOGIN")
        conn.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
    demo.create_demo(tmp_path / "one", cases=1, password=PASSWORD, kdf=FAST_KDF)
    ctx = session.login(tmp_path / "one", "admin", PASSWORD, clock=MovableClock())
    try:
        with pytest.raises(DatabaseUnreachable) as refused:  # was a ProgrammingError
            shared_store.move_to_database(
                ctx, url.replace(f"{pg_server.user}@", "clerk_may_not_create@", 1)
            )
        assert refused.value.failure == "no-rights"
        assert "нет прав" in refused.value.message.ru
    finally:
        ctx.close()
    assert shared_store.database_of(tmp_path / "one") is None  # still the one-desk store
    assert (tmp_path / "one" / "qonys.db").exists()


@pytest.mark.parametrize(
    "failure", ["unreachable", "certificate", "no-database", "not-let-in", "no-rights", "other"]
)
@pytest.mark.parametrize("reason", ["", "FATAL: the server's own words"])
def test_each_refusal_reads_whole_without_its_address(failure: str, reason: str) -> None:
    """The login names the address on its store line; the refusal beneath it is the same
    sentence without it, with nothing left dangling (empty brackets, a colon before nothing)."""
    where = "postgresql+psycopg://qonys@db.mission.local/qonys"
    refused = DatabaseUnreachable(where, reason, failure)
    for lang in ("kk", "ru", "en"):
        named, unnamed = refused.message.get(lang), refused.without_address.get(lang)
        assert where in named
        assert where not in unnamed and "db.mission.local" not in unnamed, unnamed
        for dangling in ("()", "( ", " )", ": .", ":)", "{", "}"):
            assert dangling not in unnamed, (lang, unnamed)
        assert unnamed.endswith(".")
