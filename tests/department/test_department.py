"""`qonys-department` end to end, on encrypted SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from desktop.department import ca
from desktop.sync import package, records
from desktop.sync.trust import verify_trust_list
from tests.department.helpers import BUNDLE_PASSWORD, case, export


def test_round_trip_with_decisions_and_acknowledgements(run, enrolled, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    me = enrolled
    [p1] = export(
        me, tmp_path / "out", [case(1, pages=2), case(2), case(3)], sequence=1, previous=None
    )
    code, out, err = run("receive", str(p1.path))
    assert code == 0, err
    assert "accepted package 1 from KZ-BER: 3 cases, 6 events, 4 scan pages" in out

    # A replay is reported and harmless.
    code, out, err = run("receive", str(p1.path))
    assert code == 0 and "replay" in out and "nothing changed" in out

    code, out, _ = run("cases", "--json")
    listed = json.loads(out)
    assert [c["number"] for c in listed] == [f"KZ-BER-2026-000{i}" for i in (1, 2, 3)]
    assert {c["stage"] for c in listed} == {"awaiting_decision"}
    assert listed[0]["applicant"] == "Әбдірахманова Әсел 1"

    assert (
        run(
            "decide",
            "KZ-BER-2026-0001",
            "--kind",
            "permission",
            "--police-department",
            "Алматы облысының ПД",
            "--number",
            "12-3/456",
            "--date",
            "2026-11-22",
        )[0]
        == 0
    )
    assert (
        run(
            "decide",
            "KZ-BER-2026-0002",
            "--kind",
            "preliminary-refusal",
            "--police-department",
            "Астана қаласының ПД",
            "--number",
            "77",
            "--date",
            "2026-11-22",
        )[0]
        == 0
    )
    code, out, _ = run("cases", "--stage", "permission")
    assert "KZ-BER-2026-0001" in out and "KZ-BER-2026-0002" not in out

    back = tmp_path / "back"
    back.mkdir()
    code, out, err = run("send", "--mission", "KZ-BER", "--out", str(back))
    assert code == 0, err
    [decision_file] = list(back.iterdir())

    # The mission opens it with its own keys.
    from desktop.sync import exchange

    incoming = exchange.open_incoming(
        decision_file, me, package.ChannelState(0, None), lambda n: None
    )
    [rec] = list(incoming.records(me))
    kinds = {d["case_number"]: d["kind"] for d in rec.decisions}
    assert kinds == {"KZ-BER-2026-0001": "permission", "KZ-BER-2026-0002": "preliminary_refusal"}
    assert rec.acknowledgements == [
        {"sequence": 1, "sha256": p1.sha256, "received_at": rec.acknowledgements[0]["received_at"]}
    ]
    assert rec.trust_list is not None
    tl = verify_trust_list(__import__("base64").b64decode(rec.trust_list), [me.ca])
    assert tl.mission("KZ-BER") is not None

    # Until acknowledged, decisions are sent again; once acknowledged, not any more.
    ack = [
        {
            "sequence": incoming.manifest.sequence,
            "sha256": incoming.verified.sha256,
            "received_at": "2026-11-23T10:00:00+00:00",
        }
    ]
    [p2] = export(me, tmp_path / "out", [case(3)], sequence=2, previous=p1.sha256, acks=ack)
    code, out, err = run("receive", str(p2.path))
    assert code == 0, err
    assert "1 acknowledgements" in out
    code, out, err = run("send", "--mission", "KZ-BER", "--out", str(back))
    assert code == 0 and ": 0 decisions" in out

    # §11: after a preliminary refusal, the outcome of the objection.
    code, _, err = run(
        "decide",
        "KZ-BER-2026-0002",
        "--kind",
        "preliminary-refusal",
        "--police-department",
        "X",
        "--number",
        "1",
        "--date",
        "2026-11-23",
    )
    assert code == 1 and "already has a preliminary refusal" in err
    code, _, err = run(
        "decide",
        "KZ-BER-2026-0002",
        "--kind",
        "reasoned-refusal",
        "--police-department",
        "X",
        "--number",
        "2",
        "--date",
        "2026-11-23",
    )
    assert code == 0, err
    code, out, _ = run("cases", "--json", "--mission", "KZ-BER")
    second = next(c for c in json.loads(out) if c["number"] == "KZ-BER-2026-0002")
    assert second["stage"] == "reasoned_refusal"
    assert second["decisions"][-1]["after_objection"] is True
    code, _, err = run(
        "decide",
        "KZ-BER-2026-0001",
        "--kind",
        "reasoned-refusal",
        "--police-department",
        "X",
        "--number",
        "3",
        "--date",
        "2026-11-23",
    )
    assert code == 1 and "already has a final decision" in err


def test_sequence_errors_each_have_their_message(run, enrolled, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    me = enrolled
    [p1] = export(me, tmp_path / "a", [case(1)], sequence=1, previous=None)
    [p3] = export(me, tmp_path / "b", [case(3)], sequence=3, previous="0" * 64)
    assert run("receive", str(p1.path))[0] == 0
    code, _, err = run("receive", str(p3.path))
    assert code == 1 and "arrived before package(s) 2: receive those first" in err
    [other1] = export(me, tmp_path / "c", [case(9)], sequence=1, previous=None)
    code, _, err = run("receive", str(other1.path))
    assert code == 1 and "older than the last one received" in err
    [fork2] = export(me, tmp_path / "d", [case(4)], sequence=2, previous="1" * 64)
    code, _, err = run("receive", str(fork2.path))
    assert code == 1 and "does not continue package 1" in err
    # With --accept-gap the officer takes package 3 knowingly; the gap is reported.
    code, out, err = run("receive", "--accept-gap", str(p3.path))
    assert code == 0 and "packages 2–2 never arrived" in out
    code, out, _ = run("cases", "--json")
    assert {c["number"] for c in json.loads(out)} == {"KZ-BER-2026-0001", "KZ-BER-2026-0003"}


def test_several_files_are_received_in_sequence_order(run, enrolled, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    me = enrolled
    parts = export(
        me,
        tmp_path / "out",
        [case(i, pages=2, page_size=4000) for i in range(6)],
        sequence=1,
        previous=None,
        max_part_bytes=300_000,
    )
    assert len(parts) >= 2
    code, out, err = run("receive", *[str(p.path) for p in reversed(parts)])
    assert code == 0, err
    assert out.count("accepted") == len(parts)
    code, out, _ = run("cases", "--json")
    assert len(json.loads(out)) == 6


def test_unknown_revoked_and_misaddressed_senders(run, enrolled, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    me = enrolled
    stranger_ca = ca.new_department()
    stranger = ca.new_mission(stranger_ca.ca, "KZ-BER", "Impostor")
    from dataclasses import replace

    impostor = replace(me, signing_cert=stranger.signing.cert, signing_key=stranger.signing.key)
    [bad] = export(impostor, tmp_path / "x", [case(1)], sequence=1, previous=None)
    code, _, err = run("receive", str(bad.path))
    assert code == 1 and "unknown sender" in err

    misaddressed = replace(me, peer_code="KZ-MFA-OTHER")
    [wrong] = export(misaddressed, tmp_path / "y", [case(1)], sequence=1, previous=None)
    code, _, err = run("receive", str(wrong.path))
    assert code == 1 and "addressed to 'KZ-MFA-OTHER'" in err

    [good] = export(me, tmp_path / "z", [case(1)], sequence=1, previous=None)
    assert run("revoke-mission", "KZ-BER")[0] == 0
    code, _, err = run("receive", str(good.path))
    assert code == 1 and "revoked" in err
    code, _, err = run("send", "--mission", "KZ-BER", "--out", str(tmp_path))
    assert code == 1 and "revoked" in err

    # The trust list now says so, signed by the Department.
    out_file = tmp_path / "trust.p7m"
    assert run("trust-list", "--out", str(out_file))[0] == 0
    tl = verify_trust_list(out_file.read_bytes(), [me.ca])
    assert tl.mission("KZ-BER").revoked_at is not None  # type: ignore[union-attr]
    # docs/package-format.md: the trust list verifies and prints with openssl alone.
    shown = subprocess.run(
        [
            "openssl",
            "cms",
            "-verify",
            "-binary",
            "-inform",
            "DER",
            "-in",
            str(out_file),
            "-CAfile",
            str(run.data_dir / "keys" / "ca.crt.pem"),
        ],
        capture_output=True,
        check=False,
    )
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["version"] == tl.version
    assert tl.is_revoked(me.signing_cert)
    assert tl.version >= 3


def test_official_certificate_is_listed(run, enrolled, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from cryptography.hazmat.primitives.serialization import pkcs12

    out = tmp_path / "consul.p12"
    code, _, err = run(
        "issue-official", "--mission", "KZ-BER", "--name", "Оспанов Дәулет", "--out", str(out)
    )
    assert code == 0, err
    key, cert, _extra = pkcs12.load_key_and_certificates(out.read_bytes(), BUNDLE_PASSWORD.encode())
    assert cert is not None and key is not None
    from cryptography import x509

    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment
    version_file = tmp_path / "tl.p7m"
    run("trust-list", "--out", str(version_file))
    tl = verify_trust_list(version_file.read_bytes(), [enrolled.ca])
    assert [o.name for o in tl.officials] == ["Оспанов Дәулет"]


def test_bad_input_is_one_line(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run("cases")
    assert code == 1 and err.count("\n") == 1 and "no Department store" in err
    assert run("init")[0] == 0
    code, _, err = run("init")
    assert code == 1 and "already holds" in err
    code, _, err = run(
        "decide",
        "NOPE",
        "--kind",
        "permission",
        "--police-department",
        "X",
        "--number",
        "1",
        "--date",
        "2026-01-01",
    )
    assert code == 1 and "no case 'NOPE'" in err
    code, _, err = run(
        "decide",
        "NOPE",
        "--kind",
        "permission",
        "--police-department",
        "X",
        "--number",
        "1",
        "--date",
        "yesterday",
    )
    assert code == 1 and "YYYY-MM-DD" in err
    code, _, err = run("receive", str(tmp_path / "missing.qpkg"))
    assert code == 1 and "missing.qpkg" in err and "Traceback" not in err
    junk = tmp_path / "junk.qpkg"
    junk.write_bytes(b"PK\x03\x04 not really a zip")
    code, _, err = run("receive", str(junk))
    assert code == 1 and "junk.qpkg: refused" in err
    code, _, err = run("send", "--mission", "NOWHERE", "--out", str(tmp_path))
    assert code == 1 and "no mission" in err
    monkeypatch.setenv("QONYS_PASSWORD", "wrong-password")
    code, _, err = run("cases")
    assert code == 1 and "wrong user name or password" in err


def test_records_schema_is_enforced() -> None:
    with pytest.raises(Exception, match="schema 1"):
        records.Records.from_json(
            json.dumps(
                {
                    "schema": 1,
                    "cases": [{"id": "x"}],
                    "scans": [],
                    "decisions": [],
                    "acknowledgements": [],
                }
            ).encode()
        )


def test_mission_cannot_send_decisions(run, enrolled, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    me = enrolled
    path = tmp_path / "forged.qpkg"
    with package.PackageWriter(
        path,
        sender=me.code,
        recipient=me.peer_code,
        recipient_cert=me.peer_encryption_cert,
        signer_cert=me.signing_cert,
        signer_key=me.signing_key,
        sequence=1,
        previous_sha256=None,
        records_schema=records.SCHEMA_VERSION,
    ) as writer:
        writer.add(
            "records",
            records.Records(
                decisions=[
                    {
                        "id": "d1",
                        "case_id": "c1",
                        "kind": "permission",
                        "after_objection": False,
                        "police_department": "X",
                        "number": "1",
                        "date": "2026-11-20",
                        "recorded_at": "2026-11-20T10:00:00+00:00",
                    }
                ]
            ).to_json(),
        )
        writer.finish()
    code, _, err = run("receive", str(path))
    assert code == 1 and "cannot carry decisions" in err
    code, out, _ = run("cases", "--json")
    assert json.loads(out) == []


def test_init_against_an_unreachable_server_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop.department import cli

    monkeypatch.setenv("QONYS_PASSWORD", "department-test-pw")
    data_dir = tmp_path / "dep"
    argv = [
        "--data-dir",
        str(data_dir),
        "--db",
        "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2",
        "init",
    ]
    assert cli.main(argv) == 1
    err = capsys.readouterr().err
    assert err.startswith("qonys-department: cannot open the Department database")
    assert [p for p in data_dir.rglob("*") if p.is_file()] == []
    assert cli.main(["--data-dir", str(data_dir), "init"]) == 0


def test_p11_reasoned_refusal_only_after_a_preliminary_refusal(
    run, enrolled, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """§11 (05.12.2025): the internal affairs body refuses only preliminarily ("алдын ала бас
    тартқан жағдайда"); its reasoned refusal follows the review of the objection."""
    [p1] = export(enrolled, tmp_path / "out", [case(1)], sequence=1, previous=None)
    assert run("receive", str(p1.path))[0] == 0
    for kind in ("reasoned-refusal", "reasoned_refusal"):  # both spellings
        code, _, err = run(
            "decide",
            "KZ-BER-2026-0001",
            "--kind",
            kind,
            "--police-department",
            "X",
            "--number",
            "1",
            "--date",
            "2026-11-22",
        )
        assert code == 1 and "no preliminary refusal" in err and "§11" in err
    code, out, _ = run("cases", "--json")
    assert json.loads(out)[0]["stage"] == "awaiting_decision"  # nothing recorded
    assert (
        run(
            "decide",
            "KZ-BER-2026-0001",
            "--kind",
            "preliminary_refusal",
            "--police-department",
            "X",
            "--number",
            "2",
            "--date",
            "2026-11-22",
        )[0]
        == 0
    )
    code, _, err = run(
        "decide",
        "KZ-BER-2026-0001",
        "--kind",
        "reasoned_refusal",
        "--police-department",
        "X",
        "--number",
        "3",
        "--date",
        "2026-11-23",
    )
    assert code == 0, err
