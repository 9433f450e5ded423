"""Issue 21, "no silent second store": an enrolment bundle serves one mission store. Every
package names the store that wrote it; the Department binds the mission to the first store it
hears from and refuses the same bundle installed on a second store, with a message that says
how several desks share one store."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop import cli
from desktop.department.service import Department
from desktop.services import cases, demo, session
from desktop.services import exchange as service
from desktop.services.exchange.refusals import ExchangeFailed
from desktop.services.exchange.trust import STORE_ID
from desktop.storage.models import InboxRow, MissionRow, OutboxRow
from desktop.sync.errors import SecondStoreError
from desktop.sync.package.manifest import Manifest
from tests.conftest import FAST_KDF, PASSWORD

DEP_PW = "department-pw-1234"
BUNDLE_PW = "bundle-pw-1234"


def _store(folder: Path, bundle: bytes) -> str:
    """A one-desk demo store with the bundle installed; its store id."""
    demo.create_demo(folder, cases=3, seed=4, password=PASSWORD, kdf=FAST_KDF)
    return _install(folder, bundle)


def _install(folder: Path, bundle: bytes) -> str:
    """The bundle installed on the store in ``folder``; the store id it is bound to."""
    ctx = session.login(folder, "admin", PASSWORD)
    try:
        service.install_enrolment(ctx, bundle, BUNDLE_PW)
        with ctx.uow() as uow:
            mission = uow.session.get(MissionRow, 1)
            assert mission is not None
            return str(mission.settings[STORE_ID])
    finally:
        ctx.close()


def _export(folder: Path, out: Path) -> Path:
    ctx = session.login(folder, "admin", PASSWORD)
    try:
        done = service.export(ctx, out, include_stages=True)
    finally:
        ctx.close()
    return out / done.packages[-1].file_name


def _manifest(path: Path) -> dict[str, object]:
    with zipfile.ZipFile(path) as z:
        return json.loads(z.read("META-INF/manifest.json"))  # type: ignore[no-any-return]


def test_a_bundle_installed_on_a_second_store_is_refused(tmp_path: Path) -> None:
    dep = Department.init(tmp_path / "department", {"admin": DEP_PW})
    try:
        bundle = dep.enrol_mission("KZ-BER", "Embassy in Berlin", BUNDLE_PW)
        first = _store(tmp_path / "a", bundle)
        second = _store(tmp_path / "b", bundle)
        assert first != second
        # Installed again on the same store: the same store.
        assert _install(tmp_path / "a", bundle) == first

        package_a = _export(tmp_path / "a", tmp_path / "out-a")
        assert _manifest(package_a)["store"] == first  # signed with the rest of the manifest
        assert dep.receive(package_a).sequence == 1

        package_b = _export(tmp_path / "b", tmp_path / "out-b")
        with pytest.raises(SecondStoreError) as refused:
            dep.receive(package_b)  # not taken for a replay of package 1
        assert "second store" in str(refused.value)
        assert "Several desks" in str(refused.value)

        # The mission's own store goes on as before.
        ctx = session.login(tmp_path / "a", "admin", PASSWORD)
        try:
            q = cases.get_case(ctx, cases.list_cases(ctx, limit=1)[0].id).questionnaire
            cases.create_draft(ctx, q)
        finally:
            ctx.close()
        assert dep.receive(_export(tmp_path / "a", tmp_path / "out-a2")).sequence == 2

        # An administrator who means the mission to start over on the other store resets the
        # chain to 0: the binding goes with it.
        dep.reset_chain("KZ-BER", 0, "the Berlin store was replaced")
        assert dep.receive(package_b).sequence == 1
    finally:
        dep.close()


def _inbox_and_outbox(folder: Path) -> tuple[int, list[str]]:
    ctx = session.login(folder, "admin", PASSWORD)
    try:
        with ctx.uow() as uow:
            received = len(uow.session.scalars(select(InboxRow)).all())
            sent = [row.state for row in uow.session.scalars(select(OutboxRow))]
    finally:
        ctx.close()
    return received, sent


def test_the_second_store_is_told_by_the_department_s_own_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Offline, the second store never hears the Department's refusal: the Department's
    packages name the store the mission is bound to, and the second store refuses them with
    the way to the shared store, applying nothing (their decisions name the first store's
    case ids, which are other applicants there)."""
    dep = Department.init(tmp_path / "department", {"admin": DEP_PW})
    try:
        bundle = dep.enrol_mission("KZ-BER", "Embassy in Berlin", BUNDLE_PW)
        _store(tmp_path / "a", bundle)
        _store(tmp_path / "b", bundle)
        assert dep.receive(_export(tmp_path / "a", tmp_path / "out-a")).sequence == 1
        with pytest.raises(SecondStoreError):
            dep.receive(_export(tmp_path / "b", tmp_path / "out-b"))
        reply = dep.send("KZ-BER", tmp_path / "back").path
    finally:
        dep.close()
    assert _manifest(reply)["store"] == _install(tmp_path / "a", bundle)

    ctx = session.login(tmp_path / "b", "admin", PASSWORD)
    try:
        with pytest.raises(ExchangeFailed) as refused:
            service.import_package(ctx, reply)
    finally:
        ctx.close()
    assert refused.value.code == "for-another-store"
    said = refused.value.message
    # What is true and can be done: this desk uses another store than the one the Department
    # bound the bundle to; join the mission's store, or have the Department re-bind. No word
    # of moving cases between stores, which nothing does.
    assert "another store of KZ-BER than the one this desk uses" in said.en
    assert "Nothing was applied" in said.en
    assert "Connect this desk to the mission's store" in said.en
    assert "`qonys-department reset-chain KZ-BER --to 0 --reason …`" in said.en
    assert "does not merge two stores" in said.en
    assert "Move this store" not in said.en
    assert "не для хранилища, с которым работает это рабочее место" in said.ru
    assert "Подключите это рабочее место к хранилищу загранучреждения" in said.ru
    assert "`qonys-department reset-chain`" in said.ru and "Перенесите" not in said.ru
    assert "осы жұмыс орны пайдаланатын қоймаға емес" in said.kk
    assert "`qonys-department reset-chain`" in said.kk and "көшіріңіз" not in said.kk
    assert _inbox_and_outbox(tmp_path / "b") == (0, ["built"])

    # The command line in Russian: the Russian sentence, then the English details on a line
    # of their own under their heading.
    monkeypatch.setenv("QONYS_PASSWORD", PASSWORD)
    argv = ["--data-dir", str(tmp_path / "b"), "--officer", "admin", "--lang", "ru"]
    assert cli.main([*argv, "import", str(reply)]) != 0
    printed = capsys.readouterr().err.splitlines()
    assert printed == [
        f"qonys: {said.ru}",
        f"qonys: [технические подробности] {refused.value.details}",
    ]
    assert refused.value.details.startswith(f"{reply.name}: package ")

    # The mission's store takes the same package as ever.
    ctx = session.login(tmp_path / "a", "admin", PASSWORD)
    try:
        assert service.import_package(ctx, reply).acknowledged == 1
    finally:
        ctx.close()
    assert _inbox_and_outbox(tmp_path / "a") == (1, ["acknowledged"])


def test_packages_of_older_desks_name_no_store() -> None:
    old = Manifest.from_json(
        json.dumps(
            {
                "format": "qonys.package", "format_version": 1, "package_id": "p",
                "sender": "KZ-BER", "recipient": "CSD", "recipient_cert_sha256": "00",
                "sequence": 1, "previous_sha256": None, "created_at": "2026-11-24T09:30:00+00:00",
                "records_schema": 1, "members": [],
            }
        ).encode()
    )  # fmt: skip
    assert old.store is None
    assert b'"store"' not in old.to_json()


def test_the_desk_words_the_refusal_in_its_languages() -> None:
    refused = ExchangeFailed("package 1 from KZ-BER was written by another store", "second-store")
    assert "второе хранилище" in refused.message.ru
    assert "PostgreSQL" in refused.message.kk
    assert "qonys --db" in refused.message.ru


def test_the_online_exchange_explains_the_refusal() -> None:
    from desktop.services.sync_online import reason_text

    said = reason_text("second-store")
    assert "one store" in said.en and "qonys --db" in said.en
    assert "второе хранилище" in said.ru and "Подключите это рабочее место" in said.ru
    for_another = reason_text("for-another-store")
    assert "than the one this desk uses" in for_another.en
    assert "reset-chain MISSION --to 0" in for_another.en
    assert "привязал пакет регистрации" in for_another.ru


def test_the_command_the_refusal_names_is_the_department_s_and_forgets_the_binding() -> None:
    """The way out the refusal names is a real command line of the Department's (parsed by
    its own parser), and `--to 0` is what forgets the binding (see the first test)."""
    from desktop.department.cli import build_parser
    from desktop.services.exchange.refusals import WAY_OUT_EN

    named = re.search(r"`qonys-department (reset-chain [^`]*)`", WAY_OUT_EN)
    assert named is not None
    given = {"MISSION": "KZ-BER", "…": "the Berlin store was replaced"}
    words = [given.get(w, w) for w in named.group(1).split()]
    args = build_parser().parse_args(["--data-dir", "DEP", *words])
    assert (args.mission, args.to) == ("KZ-BER", 0)
