"""Issue 13, point 4: the Department chains a mission's packages by their signed manifests, and
an administrator has an audited way out of a broken chain (`reset-chain`)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from desktop.department.service import Department
from desktop.department.store import AuditEntry
from desktop.sync import exchange, package
from tests.department.conftest import PASSWORD
from tests.department.helpers import case, export
from tests.sync.test_malleable import ecdsa_twin, rezip, signature_of


def _audit(run) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    dep = Department.open(run.data_dir, "admin", PASSWORD, db_url=run.db_url)
    try:
        with dep.uow() as tx:
            s = tx.session
            return [(a.action, a.detail) for a in s.scalars(select(AuditEntry))]
    finally:
        dep.close()


def test_a_re_spelled_package_does_not_block_the_genuine_ones(
    run,
    enrolled: exchange.Identity,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    [first] = export(enrolled, tmp_path / "a", [case(1)], sequence=1, previous=None)
    (tmp_path / "twin").mkdir()
    twin = rezip(
        first.path,
        tmp_path / "twin" / first.path.name,
        {package.SIGNATURE_NAME: ecdsa_twin(signature_of(first.path))},
    )
    code, out, err = run("receive", str(twin))
    assert code == 0, err
    # The genuine file of the same package, carried later, is a harmless replay.
    code, out, err = run("receive", str(first.path))
    assert code == 0 and "replay" in out, out + err
    # And the mission's next package, chained to the package it wrote, is accepted.
    [second] = export(
        enrolled,
        tmp_path / "b",
        [case(2)],
        sequence=2,
        previous=first.sha256,
        previous_manifest=first.manifest_sha256,
    )
    code, out, err = run("receive", str(second.path))
    assert code == 0 and "accepted package 2" in out, err


def test_reset_chain_is_the_audited_way_out_of_a_rollback(
    run,
    enrolled: exchange.Identity,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    [p1] = export(enrolled, tmp_path / "a", [case(1)], sequence=1, previous=None)
    [p2] = export(
        enrolled,
        tmp_path / "b",
        [case(2)],
        sequence=2,
        previous=p1.sha256,
        previous_manifest=p1.manifest_sha256,
    )
    assert run("receive", str(p1.path), str(p2.path))[0] == 0
    # The mission's store was restored from a backup taken after package 1: it numbers again.
    [again] = export(
        enrolled,
        tmp_path / "c",
        [case(3)],
        sequence=2,
        previous=p1.sha256,
        previous_manifest=p1.manifest_sha256,
    )
    code, _out, err = run("receive", str(again.path))
    assert code == 1 and "older than the last one received" in err

    code, _out, err = run("reset-chain", "KZ-BER", "--to", "7", "--reason", "restored")
    assert code == 1
    assert "no package 7 from KZ-BER is on record (received: 1–2)" in err
    code, out, err = run(
        "reset-chain", "KZ-BER", "--to", "1", "--reason", "KZ-BER restored its backup of 20.11"
    )
    assert code == 0, err
    assert "reset to package 1 (forgotten: 2); package 2 is accepted next" in out
    code, out, err = run("receive", str(again.path))
    assert code == 0 and "accepted package 2" in out, err
    # The chain goes on from the package accepted after the reset, and checks again.
    [p3] = export(
        enrolled,
        tmp_path / "d",
        [case(4)],
        sequence=3,
        previous=again.sha256,
        previous_manifest=again.manifest_sha256,
    )
    [stray] = export(
        enrolled,
        tmp_path / "e",
        [case(5)],
        sequence=3,
        previous=p2.sha256,
        previous_manifest=p2.manifest_sha256,
    )
    code, _out, err = run("receive", str(stray.path))
    assert code == 1 and "does not continue package 2" in err
    assert run("receive", str(p3.path))[0] == 0
    resets = [d for a, d in _audit(run) if a == "reset-chain"]
    assert resets == [
        "mission KZ-BER: chain reset to package 1; forgotten 2; reason: "
        "KZ-BER restored its backup of 20.11"
    ]


def test_reset_chain_needs_a_reason_and_a_number(run, enrolled: exchange.Identity) -> None:  # type: ignore[no-untyped-def]
    import pytest

    with pytest.raises(SystemExit) as info:
        run("reset-chain", "KZ-BER", "--to", "1")
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        run("reset-chain", "KZ-BER", "--to", "-1", "--reason", "x")
    assert info.value.code == 2
    code, _out, err = run("reset-chain", "KZ-BER", "--to", "0", "--reason", "  ")
    assert code == 1 and "say why the chain is reset" in err
