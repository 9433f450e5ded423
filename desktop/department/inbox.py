"""Receiving: mission packages verified and stored, all or nothing; the chain reset."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop.department.casebook import search_keys
from desktop.department.core import (
    OBJECTION_EVENTS,
    STAGE_AWAITING,
    STAGE_OBJECTION,
    DepartmentCore,
    DepartmentError,
    ReceiveResult,
    _aware,
    sent_decisions,
)
from desktop.department.store import (
    Case,
    CaseEvent,
    Decision,
    IssuedCertificate,
    Mission,
    ReceivedPackage,
    Scan,
    SentPackage,
    Setting,
    utcnow,
)
from desktop.sync import package, records
from desktop.sync.errors import (
    DigestMismatchError,
    MalformedPackageError,
    ReplayError,
    RevokedSenderError,
    SecondStoreError,
    UnknownSenderError,
)
from desktop.sync.trust import fingerprint


def _parse_time(text: str) -> datetime:
    try:
        return _aware(datetime.fromisoformat(text))
    except ValueError as exc:
        raise MalformedPackageError(f"a time in the records is not ISO 8601: {text!r}") from exc


STORE_BINDING = "store-binding/"  # Setting key prefix: the store a mission's packages come from

# `receive FILE…` takes the files in the order of their package numbers.
order_by_sequence = package.sort_by_sequence


class Inbox(DepartmentCore):
    """Receiving: mission packages verified and stored, all or nothing; the chain reset."""

    # -- receiving -------------------------------------------------------------------------
    def receive(self, path: Path, *, allow_gap: bool = False) -> ReceiveResult:
        """Verify and store one mission package, all or nothing.

        Raises a ``PackageError`` subclass (``ReplayError`` for a package already received,
        which is harmless) and changes nothing when any check fails.
        """
        keys = self.keys
        verified = package.verify_package(
            path, [keys.ca.cert], recipient=self.code, recipient_cert=keys.encryption.cert
        )
        manifest = verified.manifest
        try:
            return self._receive_verified(path, verified, allow_gap)
        except IntegrityError as exc:
            # Two receives of the same package at once (PostgreSQL, two consoles): one wins.
            raise ReplayError(
                f"package {manifest.sequence} from {manifest.sender} was received at the same "
                "time by another console; nothing changed here"
            ) from exc

    def _receive_verified(
        self, path: Path, verified: package.VerifiedPackage, allow_gap: bool
    ) -> ReceiveResult:
        manifest = verified.manifest
        with self.uow() as tx:
            s = tx.session
            signer = s.scalar(
                select(IssuedCertificate).where(
                    IssuedCertificate.fingerprint == fingerprint(verified.signer)
                )
            )
            if signer is None or signer.kind != "mission-signing":
                raise UnknownSenderError(
                    f"{path.name} is signed by a certificate that is not a mission's signing "
                    "certificate issued here (unknown sender); refused"
                )
            if signer.mission_code != manifest.sender:
                raise UnknownSenderError(
                    f"{path.name} claims to come from {manifest.sender} but is signed by "
                    f"mission {signer.mission_code}; refused"
                )
            mission = s.get(Mission, manifest.sender)
            if signer.revoked_at is not None or mission is None or mission.revoked_at is not None:
                raise RevokedSenderError(
                    f"{path.name} is signed by mission {manifest.sender}, whose certificate "
                    "has been revoked; refused"
                )
            self._check_store(s, mission.code, verified.manifest)
            last = s.scalars(
                select(ReceivedPackage)
                .where(ReceivedPackage.mission_code == mission.code)
                .order_by(ReceivedPackage.sequence.desc())
                .limit(1)
            ).first()
            if last is None:
                state = package.ChannelState(0, None)
            elif last.chain_reset:  # an administrator reset the chain here
                state = package.ChannelState(last.sequence, None)
            else:
                state = package.ChannelState(last.sequence, last.sha256, last.manifest_sha256)

            def received(seq: int) -> package.Link | None:
                row = s.scalars(
                    select(ReceivedPackage).where(
                        ReceivedPackage.mission_code == mission.code,
                        ReceivedPackage.sequence == seq,
                    )
                ).first()
                return package.Link(row.sha256, row.manifest_sha256) if row else None

            package.check_sequence(
                manifest,
                verified.sha256,
                state,
                received,
                allow_gap=allow_gap,
                manifest_sha256=verified.manifest_sha256,
            )
            missing = tuple(range(state.last_sequence + 1, manifest.sequence))
            audit_alarm = self._check_audit(s, mission.code, manifest)
            counts = self._apply_mission_records(s, verified, mission.code)
            s.add(
                ReceivedPackage(
                    mission_code=mission.code,
                    sequence=manifest.sequence,
                    sha256=verified.sha256,
                    manifest_sha256=verified.manifest_sha256,
                    package_id=manifest.package_id,
                    created_at=manifest.created_at,
                    received_at=utcnow(),
                    cases=counts[0],
                    events=counts[1],
                    scans=counts[2],
                    gap_accepted=bool(missing),
                )
            )
            self._audit(
                s,
                "receive",
                f"mission {mission.code} package {manifest.sequence}: "
                f"{counts[0]} cases, {counts[1]} events, {counts[2]} scans"
                + (f", gap {missing[0]}–{missing[-1]} accepted" if missing else ""),
            )
            tx.commit()
        return ReceiveResult(
            mission=manifest.sender,
            sequence=manifest.sequence,
            sha256=verified.sha256,
            cases=counts[0],
            events=counts[1],
            scans=counts[2],
            acknowledged=counts[3],
            missing=missing,
            audit_alarm=audit_alarm,
        )

    def _check_store(self, s: Session, mission: str, manifest: package.Manifest) -> None:
        """One enrolment, one store: the first package that names its store binds the mission
        to it; a package from another store is refused before its sequence is looked at (it
        would otherwise read as a replay or a rollback). Packages that name no store (older
        desks) are taken as before. `reset-chain` to 0 forgets the binding."""
        if manifest.store is None:
            return
        key = f"{STORE_BINDING}{mission}"
        row = s.get(Setting, key)
        if row is None:
            s.add(Setting(key=key, value=manifest.store))
        elif row.value != manifest.store:
            raise SecondStoreError(
                f"package {manifest.sequence} from {mission} was written by another store than "
                f"the mission's earlier packages: its enrolment bundle was installed on a "
                "second store. A mission keeps one store; its desks share it on PostgreSQL "
                "(README, 'Several desks'). Refused; nothing changed"
            )

    def _check_audit(self, s: Session, mission: str, manifest: package.Manifest) -> str | None:
        """Compare the package's audit checkpoint with the one kept from the mission's last
        package, keep the new one, and say (and audit) what does not fit.

        A package whose log does not extend the kept checkpoint is still accepted: refusing it
        would hold back the applicants' genuine cases and jam the sequence chain, and what the
        Department must do about a cut log (ask the mission, inspect its store and backups)
        does not depend on this package. The alarm is in the Department's audit log and in
        the receive report; the next checks start from the new checkpoint.
        """
        key = f"audit-checkpoint/{mission}"
        row = s.get(Setting, key)
        kept = json.loads(row.value) if row is not None else None
        cp = manifest.audit
        alarm: str | None = None
        if cp is None:
            if kept is not None:
                alarm = (
                    f"package {manifest.sequence} from {mission} carries no audit checkpoint, "
                    f"although earlier packages did (entry {kept['entries']})"
                )
        elif kept is not None:
            n0, h0 = int(kept["entries"]), str(kept["head"])
            if cp["entries"] < n0:
                alarm = (
                    f"the audit log of {mission} shrank: {n0} entries at its last package, "
                    f"{cp['entries']} in package {manifest.sequence} (entries were removed)"
                )
            elif cp["entries"] == n0 and cp["head"] != h0:
                alarm = (
                    f"the audit log of {mission} was rewritten: entry {n0} differs from the one "
                    f"its last package reported (package {manifest.sequence})"
                )
            elif cp["entries"] > n0 and cp["anchors"].get(str(n0)) != h0:
                alarm = (
                    f"the audit log of {mission} no longer holds entry {n0} as its last "
                    f"package reported it (cut or rewritten; package {manifest.sequence})"
                )
        if cp is not None:
            value = json.dumps({"entries": cp["entries"], "head": cp["head"]})
            if row is None:
                s.add(Setting(key=key, value=value))
            else:
                row.value = value
        if alarm is not None:
            self._audit(s, "audit-alarm", alarm)
        return alarm

    def _apply_mission_records(
        self, s: Session, verified: package.VerifiedPackage, mission: str
    ) -> tuple[int, int, int, int]:
        cert, key = self.keys.encryption.cert, self._encryption_key()
        n_cases = n_events = n_scans = n_acks = 0
        scan_kinds = {m.name for m in verified.members("scan")}
        now = utcnow()
        for member in verified.members("records"):
            recs = records.Records.from_json(verified.decrypt(member.name, cert, key))
            if recs.decisions or recs.trust_list:
                # DESIGN: ownership partitions the data; decisions and trust are the Department's.
                raise MalformedPackageError("a mission package cannot carry decisions or trust")
            refs = [c["id"] for c in recs.cases] + [sc["case_id"] for sc in recs.scans]
            existing = (
                {
                    c.case_ref: c
                    for c in s.scalars(
                        select(Case).where(
                            Case.mission_code == mission, Case.case_ref.in_(set(refs))
                        )
                    )
                }
                if refs
                else {}
            )
            for doc in recs.cases:
                n_events += self._receive_case(s, doc, mission, existing, now)
                n_cases += 1
            for sc in recs.scans:
                n_scans += self._receive_scan(s, verified, sc, existing, scan_kinds, (cert, key))
            for ack in recs.acknowledgements:
                sent = s.scalar(
                    select(SentPackage).where(
                        SentPackage.mission_code == mission, SentPackage.sequence == ack["sequence"]
                    )
                )
                if sent is None or sent.sha256 != ack["sha256"]:
                    continue  # an acknowledgement of something we did not send: ignore it
                if sent.acknowledged_at is None:
                    sent.acknowledged_at = now
                    n_acks += 1
                    for decision_id in sent_decisions(s, sent):
                        d = s.get(Decision, decision_id)
                        if d is not None and d.acknowledged_at is None:
                            d.acknowledged_at = now
            s.flush()
        return n_cases, n_events, n_scans, n_acks

    def _receive_case(
        self,
        s: Session,
        doc: dict[str, Any],
        mission: str,
        existing: dict[str, Case],
        now: datetime,
    ) -> int:
        """One case of a mission package, added or updated, with its new events (counted)."""
        if doc["mission"] != mission:
            raise MalformedPackageError(
                f"a case in the package belongs to mission {doc['mission']}, not {mission}"
            )
        case = existing.get(doc["id"])
        iin, name_key = search_keys(doc["questionnaire"])
        if case is None:
            case = Case(
                mission_code=mission,
                case_ref=doc["id"],
                number=doc["number"],
                questionnaire=doc["questionnaire"],
                stage=STAGE_AWAITING,
                received_at=now,
                updated_at=now,
                iin=iin,
                name_key=name_key,
            )
            s.add(case)
            s.flush()
            existing[case.case_ref] = case
            known: set[str] = set()
        else:
            case.number = doc["number"]
            case.questionnaire = doc["questionnaire"]
            case.iin, case.name_key = iin, name_key
            case.updated_at = now
            known = set(s.scalars(select(CaseEvent.event_ref).where(CaseEvent.case_id == case.id)))
        rows = []
        for ev in doc["events"]:
            if ev["id"] in known:
                continue  # already received: a package may repeat an event
            known.add(ev["id"])
            rows.append(
                {
                    "case_id": case.id,
                    "event_ref": ev["id"],
                    "kind": ev["kind"],
                    "at": _parse_time(ev["at"]),
                    "officer": ev["officer"],
                    "data": ev["data"],
                }
            )
            if ev["kind"] in OBJECTION_EVENTS and case.stage == "preliminary_refusal":
                case.stage = STAGE_OBJECTION  # §11: the objection goes to the police
        if rows:
            s.execute(insert(CaseEvent), rows)
        return len(rows)

    def _receive_scan(
        self,
        s: Session,
        verified: package.VerifiedPackage,
        sc: dict[str, Any],
        existing: dict[str, Case],
        scan_kinds: set[str],
        opener: tuple[x509.Certificate, rsa.RSAPrivateKey],
    ) -> int:
        """One scan page of a mission package, stored unless received before (1 if stored)."""
        cert, key = opener
        if sc["member"] not in scan_kinds:
            raise MalformedPackageError(f"scan {sc['id']} names a member that is not a scan")
        case = existing.get(sc["case_id"])
        if case is None:
            raise MalformedPackageError("a scan belongs to a case the package does not carry")
        if (
            s.scalar(select(Scan.id).where(Scan.case_id == case.id, Scan.scan_ref == sc["id"]))
            is not None
        ):
            return 0  # already received
        data = verified.decrypt(sc["member"], cert, key)
        if hashlib.sha256(data).hexdigest() != sc["sha256"]:
            raise DigestMismatchError(f"scan {sc['id']} does not match its digest")
        # Core insert: the page is not kept in the session, so memory stays bounded.
        s.execute(
            insert(Scan).values(
                case_id=case.id,
                scan_ref=sc["id"],
                document=sc.get("document"),
                page=sc["page"],
                media_type=sc["media_type"],
                sha256=sc["sha256"],
                data=data,
            )
        )
        return 1

    def reset_chain(self, mission_code: str, to: int, reason: str) -> tuple[int, ...]:
        """The way out of a broken chain of packages from a mission (audited).

        Packages numbered above ``to`` are forgotten (what they carried stays), and the next
        package, ``to + 1``, is accepted whatever it names as the package before it. Returns
        the numbers forgotten. For a mission restored from a backup, or a package accepted
        earlier that turns out not to be the one the mission sent.
        """
        reason = reason.strip()
        if not reason:
            raise DepartmentError("say why the chain is reset (--reason)")
        with self.uow() as tx:
            s = tx.session
            mission = s.get(Mission, mission_code)
            if mission is None:
                raise DepartmentError(f"no mission {mission_code!r} is enrolled")
            rows = list(
                s.scalars(
                    select(ReceivedPackage)
                    .where(ReceivedPackage.mission_code == mission_code)
                    .order_by(ReceivedPackage.sequence)
                )
            )
            numbers = [r.sequence for r in rows]
            if to != 0 and to not in numbers:
                known = f"{numbers[0]}–{numbers[-1]}" if numbers else "none"
                raise DepartmentError(
                    f"no package {to} from {mission_code} is on record (received: {known})"
                )
            forgotten = tuple(r.sequence for r in rows if r.sequence > to)
            for r in rows:
                if r.sequence > to:
                    s.delete(r)
                else:
                    r.chain_reset = r.sequence == to
            if to == 0:  # the mission starts over (e.g. a new store): bound by its next package
                binding = s.get(Setting, f"{STORE_BINDING}{mission_code}")
                if binding is not None:
                    s.delete(binding)
            self._audit(
                s,
                "reset-chain",
                f"mission {mission_code}: chain reset to package {to}; forgotten "
                f"{', '.join(map(str, forgotten)) or 'none'}; reason: {reason[:500]}",
            )
            tx.commit()
        return forgotten
