"""§14-1: the Department distributes a new rule set as a signed update in its packages; the
mission verifies it with the Department's trust, installs it, and a case keeps the version in
force when it was accepted. A tampered rule set, or one signed by anyone but the Department,
refuses the whole package."""

from __future__ import annotations

import base64
import copy
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.department import cli as department_cli
from desktop.department.rules import SETTING_PREFIX
from desktop.department.service import Department
from desktop.department.store import Setting
from desktop.domain.checklist import BUNDLED_2025_12_05
from desktop.services import exchange as service
from desktop.services import procedure, rulesets
from desktop.services.context import DeskContext
from desktop.storage.models import AuditRow, CaseRow
from desktop.sync.rulesets import BadRuleSetError, sign_rule_set

BUNDLE_PW = "bundle-pw-1234"
DEP_PW = "department-pw-1234"


@pytest.fixture
def department(tmp_path: Path) -> Iterator[Department]:
    dep = Department.init(tmp_path / "department", {"admin": DEP_PW})
    yield dep
    dep.close()


@pytest.fixture
def enrolled(admin: DeskContext, department: Department) -> DeskContext:
    bundle = department.enrol_mission("KZ-BER", "Embassy in Berlin", BUNDLE_PW)
    service.install_enrolment(admin, bundle, BUNDLE_PW)
    return admin


def _rules(**changes: object) -> bytes:
    doc = copy.deepcopy(BUNDLED_2025_12_05)
    doc.update(changes)
    return json.dumps(doc, ensure_ascii=False).encode()


def _case_at(ctx: DeskContext, stage: str) -> int:
    with ctx.uow() as uow:
        found = uow.session.scalars(
            select(CaseRow.id).where(CaseRow.stage == stage).order_by(CaseRow.id)
        ).first()
    assert found is not None
    return found


def _deliver(department: Department, ctx: DeskContext, tmp_path: Path, name: str) -> None:
    out = tmp_path / name
    out.mkdir()
    sent = department.send("KZ-BER", out)
    service.import_package(ctx, sent.path)


def test_p14_1_department_rule_update_is_installed_and_shown(
    enrolled: DeskContext, department: Department, tmp_path: Path
) -> None:
    ctx = enrolled
    accepted = _case_at(ctx, "accepted")
    before = procedure.procedure_view(ctx, accepted).rules
    assert "не подтверждена" in before.ru  # the bundled version: publication date unknown
    published = department.publish_rules(_rules(published_on="2025-12-10"))
    assert published.in_force_from.isoformat() == "2025-12-21" and published.confirmed
    _deliver(department, ctx, tmp_path, "one")
    [info] = rulesets.rule_sets(ctx)
    assert info.version == "2025-12-05" and info.installed and info.confirmed
    view = procedure.procedure_view(ctx, accepted)
    assert "21.12.2025" in view.rules.ru and "не подтверждена" not in view.rules.ru
    assert "21.12.2025" in view.rules.kk and "11-1-4/730" in view.rules.kk

    # A newer version: new drafts take it, an accepted case keeps the one it was accepted
    # under (stored with the case).
    department.publish_rules(
        _rules(version="2026-03-01", order_date="2026-02-01", in_force_from="2026-03-01")
    )
    _deliver(department, ctx, tmp_path, "two")
    assert [i.version for i in rulesets.rule_sets(ctx)] == ["2025-12-05", "2026-03-01"]
    assert procedure.get_checklist(ctx, accepted).status.ruleset == "2025-12-05"
    draft = _case_at(ctx, "draft")
    assert procedure.get_checklist(ctx, draft).status.ruleset == "2026-03-01"
    assert "01.03.2026" in procedure.get_checklist(ctx, draft).rules.ru
    # Delivered again (every package carries them): nothing changes, no second audit entry.
    _deliver(department, ctx, tmp_path, "three")
    with ctx.uow() as uow:
        installs = uow.session.scalars(
            select(AuditRow).where(AuditRow.action == "rules.install")
        ).all()
    assert len(installs) == 2


def test_p14_1_tampered_rule_set_refuses_the_whole_package(
    enrolled: DeskContext, department: Department, tmp_path: Path
) -> None:
    ctx = enrolled
    department.publish_rules(_rules(published_on="2025-12-10"))
    with department.uow() as tx:
        row = tx.session.get(Setting, SETTING_PREFIX + "2025-12-05")
        assert row is not None
        der = bytearray(base64.b64decode(row.value))
        at = bytes(der).index(b"2025-12-10")
        der[at + 9] = ord("1")  # published on 11.12 instead: the signature no longer holds
        row.value = base64.b64encode(bytes(der)).decode()
        tx.commit()
    out = tmp_path / "back"
    out.mkdir()
    sent = department.send("KZ-BER", out)
    with pytest.raises(service.ExchangeFailed) as err:
        service.import_package(ctx, sent.path)
    assert err.value.code == "bad-rule-set"
    assert "Редакция Правил" in err.value.message.ru
    assert [i.installed for i in rulesets.rule_sets(ctx)] == [False]


def test_p14_1_rule_set_signed_by_a_mission_is_refused(
    enrolled: DeskContext, department: Department
) -> None:
    """A mission's certificate chains to the same CA, but only the Department publishes."""
    ctx = enrolled
    doc = json.loads(_rules(published_on="2025-12-10"))
    with ctx.uow() as uow:
        me, trust = service._identity(uow)
        assert trust is not None
        der = sign_rule_set(doc, me.signing_cert, me.signing_key)
        with pytest.raises(BadRuleSetError, match="not signed by the Department"):
            rulesets.install_signed(ctx, uow, der, [me.ca], trust.department_signing)
        # The same document signed by the Department is taken.
        department.publish_rules(_rules(published_on="2025-12-10"))
        signed = base64.b64decode(department.signed_rule_sets()[0])
        installed = rulesets.install_signed(ctx, uow, signed, [me.ca], trust.department_signing)
        assert installed is not None and installed.confirmed


def test_p14_1_publish_rules_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "department"
    monkeypatch.setenv("QONYS_PASSWORD", DEP_PW)
    monkeypatch.delenv("QONYS_DEPARTMENT_DB", raising=False)
    assert department_cli.main(["--data-dir", str(data_dir), "init"]) == 0
    good = tmp_path / "rules.json"
    good.write_bytes(_rules(published_on="2025-12-10"))
    capsys.readouterr()
    assert department_cli.main(["--data-dir", str(data_dir), "publish-rules", str(good)]) == 0
    assert "in force from 2025-12-21" in capsys.readouterr().out
    bad = tmp_path / "bad.json"
    bad.write_bytes(_rules(derivation="p3-2099"))
    assert department_cli.main(["--data-dir", str(data_dir), "publish-rules", str(bad)]) == 1
    assert "does not know the rules" in capsys.readouterr().err
