"""The Department's sync server over TLS on loopback, on the throw-away PostgreSQL (issue 16)."""

from __future__ import annotations

import base64
import dataclasses
import socket
import ssl
from pathlib import Path

import httpx
import psycopg
import pytest

from desktop.department import ca
from desktop.sync import exchange, http_signing, package
from desktop.sync.http_client import ServerRefused, SyncClient, file_sha256
from tests.department.helpers import case, export, identity
from tests.online.conftest import Server, free_port

PREFIX = "/sync/v1"


def client(srv: Server, me: exchange.Identity, **kw: object) -> SyncClient:
    key = me.signing_key
    return SyncClient(srv.url, srv.ca, me.signing_cert, key, **kw)  # type: ignore[arg-type]


def upload(c: SyncClient, path: Path) -> tuple[str, str | None, int | None]:
    size = path.stat().st_size
    location = c.create_upload(size, file_sha256(path), path)  # its first chunk with it
    answer = c.upload(path, location, size)
    return answer.result, answer.reason, answer.sequence


def test_the_creation_carries_the_first_chunk_and_finds_a_begun_upload(
    served: tuple[Server, exchange.Identity], tmp_path: Path
) -> None:
    srv, me = served
    [p1] = export(me, tmp_path / "out", [case(1, pages=3, page_size=300_000)], sequence=1,
                  previous=None)  # fmt: skip
    size, sha = p1.size, file_sha256(p1.path)
    with client(srv, me, chunk=256 * 1024) as c:
        location = c.create_upload(size, sha, p1.path)
    with client(srv, me) as c:
        assert c.offset(location) == (256 * 1024, None)
    # A desk killed before it recorded the address creates the upload again: the same one,
    # where it was (the body sent with it is not written twice), and it goes on from there.
    with client(srv, me, chunk=256 * 1024) as c:
        assert c.create_upload(size, sha, p1.path) == location
        assert c.offset(location) == (256 * 1024, None)
        answer = c.upload(p1.path, location, size)
    assert (answer.result, answer.sequence) == ("accepted", 1)
    assert answer.receive_seconds is not None  # its Server-Timing: how long the checks took
    # A package smaller than the first chunk: one request does it all.
    [p2] = export(me, tmp_path / "out2", [case(2)], sequence=2, previous=p1.sha256,
                  previous_manifest=p1.manifest_sha256)  # fmt: skip
    sent: list[str] = []
    with client(srv, me) as c:
        c.http.event_hooks["request"].append(lambda r: sent.append(r.method))
        location = c.create_upload(p2.size, file_sha256(p2.path), p2.path)
        assert c.upload(p2.path, location, p2.size).result == "accepted"
    assert sent == ["POST"]


def test_upload_is_received_and_the_reply_comes_back_with_range(
    served: tuple[Server, exchange.Identity], tmp_path: Path
) -> None:
    srv, me = served
    [p1] = export(me, tmp_path / "out1", [case(1, pages=3, page_size=400_000)], sequence=1,
                  previous=None)  # fmt: skip
    with client(srv, me, chunk=256 * 1024) as c:
        assert upload(c, p1.path) == ("accepted", None, 1)
        # The same bytes again: the same upload, its answer kept (nothing received twice).
        assert upload(c, p1.path) == ("accepted", None, 1)
        [reply] = c.packages(0)
        assert reply.sequence == 1 and reply.file == "CSD-to-KZ-BER-000001.qpkg"
        # Ranged download: half of it is there already, the rest is fetched.
        whole = tmp_path / "whole.qpkg"
        c.download(reply, whole)
        part = tmp_path / "part"
        part.write_bytes(whole.read_bytes()[: reply.size // 2])
        c.download(reply, part)
        assert part.read_bytes() == whole.read_bytes()
        assert file_sha256(part) == reply.sha256
        assert package.read_manifest(part).recipient == "KZ-BER"
        # Nothing new: no second reply is written.
        assert c.packages(1) == []
    assert srv.cli("cases", "--json") == 0


def test_refusals_say_their_own_reason(
    served: tuple[Server, exchange.Identity], tmp_path: Path
) -> None:
    srv, me = served
    with client(srv, me) as c:
        # A tampered package: one byte of a member changed.
        [bad] = export(me, tmp_path / "bad", [case(1)], sequence=1, previous=None)
        data = bytearray(bad.path.read_bytes())
        data[200] ^= 0x01
        bad.path.write_bytes(bytes(data))
        assert upload(c, bad.path)[:2] == ("refused", "tampered-member")
        # A package addressed to someone else.
        other = dataclasses.replace(me, peer_code="KZ-AST")
        [wrong] = export(other, tmp_path / "wrong", [case(1)], sequence=1, previous=None)
        assert upload(c, wrong.path)[:2] == ("refused", "wrong-recipient")
        # A gap: package 3 before 1 and 2 — kept, and accepted once they are in.
        [p1] = export(me, tmp_path / "p1", [case(1)], sequence=1, previous=None)
        [p2] = export(me, tmp_path / "p2", [case(2)], sequence=2, previous=p1.sha256,
                      previous_manifest=p1.manifest_sha256)  # fmt: skip
        [p3] = export(me, tmp_path / "p3", [case(3)], sequence=3, previous=p2.sha256,
                      previous_manifest=p2.manifest_sha256)  # fmt: skip
        assert upload(c, p3.path)[:2] == ("refused", "sequence-gap")
        assert upload(c, p1.path) == ("accepted", None, 1)
        # A replay: package 2 carried by hand first, then uploaded.
        assert srv.cli("receive", str(p2.path)) == 0
        assert upload(c, p2.path) == ("duplicate", None, 2)
        assert upload(c, p3.path) == ("accepted", None, 3)
        # A rollback: another package under number 2.
        [again] = export(me, tmp_path / "again", [case(9)], sequence=2, previous=p1.sha256,
                         previous_manifest=p1.manifest_sha256)  # fmt: skip
        assert upload(c, again.path)[:2] == ("refused", "rollback")

    # Another mission's package, uploaded by this mission; then that mission revoked.
    bundle = tmp_path / "ast.bundle"
    assert srv.cli("enrol-mission", "--code", "KZ-AST", "--name", "Astana", "--out",
                   str(bundle)) == 0  # fmt: skip
    ast = identity(bundle)
    [theirs] = export(ast, tmp_path / "ast", [case(1, mission="KZ-AST")], sequence=1,
                      previous=None)  # fmt: skip
    with client(srv, me) as c:
        assert upload(c, theirs.path)[:2] == ("refused", "not-the-sender")
    assert srv.cli("revoke-mission", "KZ-AST") == 0
    with client(srv, ast) as c, pytest.raises(ServerRefused) as refused:
        c.packages(0)
    assert (refused.value.status, refused.value.code) == (403, "revoked-sender")


def _raw_headers(srv: Server, me: exchange.Identity, method: str, path: str,
                 headers: dict[str, str]) -> dict[str, str]:  # fmt: skip
    signed = {"Tus-Resumable": "1.0.0", **headers}
    key = me.signing_key
    http_signing.sign(method, srv.url + path, signed, me.signing_cert, key)  # type: ignore[arg-type]
    return signed


def test_bad_requests_end_in_4xx_without_touching_the_database(
    served: tuple[Server, exchange.Identity], tmp_path: Path
) -> None:
    srv, me = served
    stranger_ca = ca.new_ca()
    stranger = ca.new_mission(stranger_ca, "KZ-BER", "Berlin")
    verify = ssl.create_default_context(cafile=str(srv.data_dir / "keys" / "ca.crt.pem"))
    sha = base64.b64encode(b"a" * 64).decode()
    signed_post = _raw_headers(
        srv,
        me,
        "POST",
        f"{PREFIX}/uploads",
        {"Upload-Length": "10", "Upload-Metadata": f"sha256 {sha}"},
    )
    tampered = dict(signed_post, **{"Upload-Length": "11"})
    foreign = {"Tus-Resumable": "1.0.0", "Upload-Length": "10", "Upload-Metadata": f"sha256 {sha}"}
    http_signing.sign("POST", srv.url + f"{PREFIX}/uploads", foreign, stranger.signing.cert,
                      stranger.signing.key)  # type: ignore[arg-type]  # fmt: skip
    cases = [
        ("POST", f"{PREFIX}/uploads", {"Tus-Resumable": "1.0.0", "Upload-Length": "10",
                                       "Upload-Metadata": f"sha256 {sha}"}, 401, "not-signed"),
        ("POST", f"{PREFIX}/uploads", {"Tus-Resumable": "1.0.0", "Upload-Length": str(5 << 30),
                                       "Upload-Metadata": f"sha256 {sha}"}, 413, "too-large"),
        ("POST", f"{PREFIX}/uploads", {"Tus-Resumable": "1.0.0", "Upload-Length": "ten"}, 400,
         "bad-header"),
        ("POST", f"{PREFIX}/uploads", {"Tus-Resumable": "1.0.0", "Upload-Length": "10",
                                       "Upload-Metadata": "sha256 !!"}, 400, "bad-header"),
        ("POST", f"{PREFIX}/uploads", dict(signed_post, **{"Tus-Resumable": "0.2.2"}), 412,
         "tus-version"),
        ("POST", f"{PREFIX}/uploads", tampered, 401, "bad-signature"),
        ("POST", f"{PREFIX}/uploads", foreign, 401, "unknown-sender"),
        ("PATCH", f"{PREFIX}/uploads/0a0b0c0d-0000-4000-8000-000000000000",
         {"Tus-Resumable": "1.0.0", "Content-Type": "text/plain", "Upload-Offset": "0"}, 415,
         "bad-content-type"),
        ("PATCH", f"{PREFIX}/uploads/..%2F..%2Fetc",
         {"Tus-Resumable": "1.0.0", "Content-Type": "application/offset+octet-stream",
          "Upload-Offset": "0"}, 404, "not-found"),
        ("GET", f"{PREFIX}/packages?after=-1", {}, 400, "bad-request"),
        ("GET", f"{PREFIX}/packages/..%2Fkeys", {}, 404, "not-found"),
        ("DELETE", f"{PREFIX}/uploads", {}, 405, "bad-request"),
    ]  # fmt: skip
    db = srv.db_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(db) as conn:
        # Every table of the Department locked: a request that reads any of them would wait.
        tables = [r[0] for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
        )]  # fmt: skip
        conn.execute(f"LOCK TABLE {', '.join(tables)} IN ACCESS EXCLUSIVE MODE")
        with httpx.Client(verify=verify, timeout=5) as http:
            for method, path, headers, status, code in cases:
                r = http.request(method, srv.url + path, headers=headers)
                assert (r.status_code, r.json()["error"]) == (status, code), (path, r.text)
            # A creation whose body is not tus bytes, or longer than the upload.
            post = {"Tus-Resumable": "1.0.0", "Upload-Length": "10",
                    "Upload-Metadata": f"sha256 {sha}"}  # fmt: skip
            for extra, body, code in (
                ({"Content-Type": "text/plain"}, b"12345", "bad-request"),
                ({"Content-Type": "application/offset+octet-stream"}, b"x" * 11, "bad-header"),
            ):
                r = http.post(srv.url + f"{PREFIX}/uploads", headers={**post, **extra},
                              content=body)  # fmt: skip
                assert (r.status_code, r.json()["error"]) == (400, code), r.text
            # The lock bites: a good request waits for the database.
            good = _raw_headers(srv, me, "GET", f"{PREFIX}/packages?after=0", {})
            with pytest.raises(httpx.ReadTimeout):
                http.get(srv.url + f"{PREFIX}/packages?after=0", headers=good, timeout=2)
        conn.rollback()


def test_a_slow_client_is_cut_off_and_what_came_is_kept(
    department: tuple[Server, exchange.Identity], tmp_path: Path
) -> None:
    srv, me = department
    srv.args = ["--read-timeout", "1"]
    srv.start()
    [p1] = export(me, tmp_path / "out", [case(1, pages=1, page_size=200_000)], sequence=1,
                  previous=None)  # fmt: skip
    data = p1.path.read_bytes()
    with client(srv, me) as c:
        location = c.create_upload(len(data), file_sha256(p1.path))
    headers = _raw_headers(srv, me, "PATCH", location, {
        "Content-Type": "application/offset+octet-stream", "Upload-Offset": "0",
        "Content-Length": str(len(data)),
    })  # fmt: skip
    context = ssl.create_default_context(cafile=str(srv.data_dir / "keys" / "ca.crt.pem"))
    with (
        socket.create_connection(("127.0.0.1", srv.port)) as raw,
        context.wrap_socket(raw, server_hostname="127.0.0.1") as tls,
    ):
        head = f"PATCH {location} HTTP/1.1\r\nHost: 127.0.0.1\r\n" + "".join(
            f"{k}: {v}\r\n" for k, v in headers.items()
        )
        tls.sendall(head.encode() + b"\r\n" + data[:5000])
        tls.settimeout(15)  # the server must answer long before: it stops waiting after 1 s
        answer = tls.recv(4096).decode()
    assert answer.startswith("HTTP/1.1 204"), answer
    assert "upload-offset: 5000" in answer.lower()
    with client(srv, me) as c:
        assert c.offset(location)[0] == 5000
        answer2 = c.upload(p1.path, location, len(data))
    assert answer2.result == "accepted"


def test_workers_are_stateless_an_upload_goes_on_at_another_one(
    served: tuple[Server, exchange.Identity], tmp_path: Path
) -> None:
    srv, me = served
    other = Server(srv.data_dir, srv.db_url, free_port(), srv.ca)
    other.start()  # a second `serve` on the same store and database, as behind a proxy
    try:
        [p1] = export(me, tmp_path / "out", [case(1, pages=2, page_size=300_000)], sequence=1,
                      previous=None)  # fmt: skip
        data = p1.path.read_bytes()
        with client(srv, me, chunk=256 * 1024) as a:
            location = a.create_upload(len(data), file_sha256(p1.path))
            a._request(
                "PATCH",
                location,
                headers={
                    "Content-Type": "application/offset+octet-stream",
                    "Upload-Offset": "0",
                    "Content-Length": str(100_000),
                },
                content=data[:100_000],
            )
        with client(other, me) as b:
            assert b.offset(location) == (100_000, None)
            answer = b.upload(p1.path, location, len(data))
        assert (answer.result, answer.sequence) == ("accepted", 1)
        with client(srv, me) as a:
            assert a.offset(location)[1] == answer
    finally:
        other.stop()


def test_the_staff_console_is_served_beside_the_sync_api(
    department: tuple[Server, exchange.Identity],
) -> None:
    """`serve` mounts the web console (issue 17) at `/` after the sync routes; `--no-console`
    leaves the missions' API alone on the port."""
    srv, _ = department
    verify = ssl.create_default_context(cafile=str(srv.data_dir / "keys" / "ca.crt.pem"))
    srv.start()
    first = httpx.get(f"{srv.url}/", verify=verify, follow_redirects=False)
    assert first.status_code == 303 and "/login" in first.headers["location"]
    login = httpx.get(f"{srv.url}/login", verify=verify)
    assert login.status_code == 200 and 'name="csrf"' in login.text
    assert httpx.get(f"{srv.url}/health", verify=verify).json() == {"status": "ok"}
    assert (srv.data_dir / "incoming").is_dir() and (srv.data_dir / "outgoing").is_dir()
    srv.stop()

    srv.args = ["--no-console"]
    srv.start()
    assert httpx.get(f"{srv.url}/login", verify=verify).status_code == 404
    assert httpx.get(f"{srv.url}/health", verify=verify).status_code == 200
