"""The export checks each case against the records schema as it goes: a malformed case is
refused before its package is finished, and nothing is left behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.sync import exchange
from desktop.sync.errors import MalformedPackageError
from tests.department.helpers import case, export


def test_a_malformed_case_fails_the_export_and_leaves_no_file(
    enrolled: exchange.Identity, tmp_path: Path
) -> None:
    bad = case(2, pages=2)
    bad.record["events"][0]["kind"] = ""
    out = tmp_path / "out"
    with pytest.raises(MalformedPackageError, match="cases/\\?/events/0/kind"):
        export(enrolled, out, [case(1, pages=2), bad, case(3)], sequence=1, previous=None)
    assert list(out.iterdir()) == []
