"""The Department's refusals carry the stable codes of desktop.sync.errors (SQLite and PostgreSQL)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from desktop.department import ca
from desktop.department.service import Department
from desktop.sync.errors import ExchangeError
from tests.department.conftest import PASSWORD
from tests.department.helpers import case, export


def test_receive_refusals_have_codes(run, enrolled, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    me = enrolled
    stranger = ca.new_mission(ca.new_department().ca, "KZ-BER", "Impostor")
    impostor = replace(me, signing_cert=stranger.signing.cert, signing_key=stranger.signing.key)
    [bad] = export(impostor, tmp_path / "x", [case(1)], sequence=1, previous=None)
    [good] = export(me, tmp_path / "z", [case(1)], sequence=1, previous=None)
    [later] = export(me, tmp_path / "w", [case(2)], sequence=3, previous="0" * 64)
    dep = Department.open(run.data_dir, "admin", PASSWORD, db_url=run.db_url)
    try:

        def code_of(path: Path) -> str:
            with pytest.raises(ExchangeError) as info:
                dep.receive(path)
            return info.value.code

        assert code_of(bad.path) == "unknown-sender"
        assert code_of(later.path) == "sequence-gap"
        dep.receive(good.path)
        assert code_of(good.path) == "replay"
        dep.revoke_mission("KZ-BER")
        [next_one] = export(me, tmp_path / "v", [case(3)], sequence=2, previous=good.sha256)
        assert code_of(next_one.path) == "revoked-sender"
        with pytest.raises(ExchangeError) as info:
            dep.send("KZ-BER", tmp_path / "back")
        assert info.value.code == "department"
    finally:
        dep.close()
