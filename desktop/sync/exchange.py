"""Writing and opening packages for one side of the exchange, independent of any database.

The mission's export (``desktop.services.exchange``) feeds ``export_packages`` with cases and
lazily loaded scan pages; the Department's service does the same with decisions. Reading, a
side calls ``open_incoming`` with what it remembers of the sender's sequence.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from desktop.sync import package, records
from desktop.sync.errors import MalformedPackageError, RevokedSenderError, UnknownSenderError
from desktop.sync.trust import Enrolment, TrustList, fingerprint

RECORDS_PER_MEMBER = 500  # keeps a records member (and its CMS envelope) at a few MB
_PART_RESERVE = 256 * 1024  # manifest, signature and ZIP directory of a part
_MEMBER_OVERHEAD = 2048  # CMS envelope and ZIP headers around one member


@dataclass(frozen=True)
class Identity:
    """One side's keys and its peer, as installed from an enrolment bundle (or at the CA)."""

    code: str
    signing_cert: x509.Certificate
    signing_key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey
    encryption_cert: x509.Certificate
    encryption_key: rsa.RSAPrivateKey
    ca: x509.Certificate
    peer_code: str
    peer_encryption_cert: x509.Certificate
    peer_signing_fingerprints: frozenset[str]
    # The mission store this identity is installed in (its `store` in each package's manifest:
    # the Department refuses a second store using the same enrolment). None: not recorded.
    store: str | None = None


def mission_identity(enrolment: Enrolment, trust: TrustList | None = None) -> Identity:
    """A mission's side of the exchange, from its enrolment (and its newest trust list)."""
    signers = {fingerprint(enrolment.department_signing)}
    if trust is not None:
        signers.add(fingerprint(trust.department_signing))
    return Identity(
        code=enrolment.code,
        signing_cert=enrolment.signing_cert,
        signing_key=enrolment.signing_key,
        encryption_cert=enrolment.encryption_cert,
        encryption_key=enrolment.encryption_key,
        ca=enrolment.ca,
        peer_code=enrolment.department_code,
        peer_encryption_cert=(trust or enrolment.trust_list).department_encryption,
        peer_signing_fingerprints=frozenset(signers),
    )


@dataclass
class OutgoingScan:
    """One scanned page; ``load`` reads (and decrypts) it from the store only when written, or
    gives a ``package.Deferred`` that the package's encrypting thread reads."""

    id: str
    case_id: str
    page: int
    media_type: str
    load: Callable[[], bytes | package.Deferred]
    document: str | None = None
    sha256: str | None = None  # computed from the bytes when not known beforehand
    digest: Callable[[], str] | None = None  # or computed by the loader, after ``load()``


@dataclass
class OutgoingCase:
    record: dict[str, Any]  # id, number, mission, questionnaire, events (records schema 1)
    scans: list[OutgoingScan] = field(default_factory=list)


@dataclass(frozen=True)
class PartContents:
    """What one written package carries, by the ids in its records.

    A case whose scans straddle two parts travels in both, with its events: it is counted in
    each part that carries it, as the receiving side will see it.
    """

    cases: tuple[str, ...]
    events: tuple[str, ...]
    scans: tuple[str, ...]


def package_name(sender: str, recipient: str, sequence: int) -> str:
    # File names carry codes and numbers only: no personal data on removable media labels.
    return f"{sender}-to-{recipient}-{sequence:06d}{package.SUFFIX}"


class _Part:
    def __init__(
        self,
        out_dir: Path,
        me: Identity,
        sequence: int,
        previous: tuple[str | None, str | None],
        now: datetime,
        stage: Callable[[Path], Path] | None,
    ) -> None:
        self.path = out_dir / package_name(me.code, me.peer_code, sequence)
        if self.path.exists():
            raise FileExistsError(17, "a package with this number already exists", str(self.path))
        self.writer = package.PackageWriter(
            stage(self.path) if stage is not None else self.path,
            sender=me.code,
            recipient=me.peer_code,
            recipient_cert=me.peer_encryption_cert,
            signer_cert=me.signing_cert,
            signer_key=me.signing_key,
            sequence=sequence,
            previous_sha256=previous[0],
            previous_manifest_sha256=previous[1],
            records_schema=records.SCHEMA_VERSION,
            created_at=now,
        )
        self.cases: list[dict[str, Any]] = []
        self.scans: list[dict[str, Any]] = []
        self.pending_bytes = 0
        self.acks: list[dict[str, Any]] = []
        self.records_written = 0
        self.carried: tuple[list[str], list[str], list[str]] = ([], [], [])

    def flush(self) -> None:
        if not (self.cases or self.scans or self.acks) and self.records_written:
            return
        rec = records.Records(cases=self.cases, scans=self.scans, acknowledgements=self.acks)
        # Every case and scan entry was checked when it joined the part (export_packages).
        self.writer.add("records", rec.to_json(items_checked=True))
        self.records_written += 1
        cases, events, scans = self.carried
        cases.extend(c["id"] for c in self.cases)
        events.extend(e["id"] for c in self.cases for e in c["events"])
        scans.extend(sc["id"] for sc in self.scans)
        self.cases, self.scans, self.acks, self.pending_bytes = [], [], [], 0


def export_packages(
    out_dir: Path,
    me: Identity,
    cases: Iterable[OutgoingCase],
    *,
    acknowledgements: list[dict[str, Any]],
    first_sequence: int,
    previous_sha256: str | None,
    previous_manifest_sha256: str | None = None,
    stage: Callable[[Path], Path] | None = None,
    max_part_bytes: int | None = None,
    progress: Callable[[int], None] | None = None,
    now: datetime | None = None,
    on_part: Callable[[package.WrittenPackage, PartContents], None] | None = None,
    audit_checkpoint: dict[str, Any] | None = None,
) -> list[package.WrittenPackage]:
    """Write cases, their scans and acknowledgements as one package or consecutive parts.

    Each part is a complete package with the next sequence number, so parts can be carried
    separately; a case whose scans straddle two parts travels in both (receiving is
    idempotent). Memory holds one scan page and the pending records at a time. If anything
    fails (a full disk), the part being written is removed and the error propagates; parts
    finished before stay valid: ``on_part`` hears of each finished part with what it carries
    (exact per-part counts), so the caller knows what to remove.

    With ``stage``, each part is written under ``stage(real_path)`` (a hidden name) and left
    there: the caller records the parts and then publishes them (crash safety, as the
    Department's ``send``). ``WrittenPackage.path`` is then the staged file.
    """
    now = now or datetime.now(UTC)
    limit = max_part_bytes
    written: list[package.WrittenPackage] = []
    part = _Part(
        out_dir, me, first_sequence, (previous_sha256, previous_manifest_sha256), now, stage
    )
    part.writer.audit_checkpoint = audit_checkpoint
    part.writer.store = me.store
    part.acks = list(acknowledgements)

    def finish_part() -> package.WrittenPackage:
        part.flush()
        done = part.writer.finish()
        written.append(done)
        if on_part is not None:
            cases, events, scans = part.carried
            on_part(done, PartContents(tuple(cases), tuple(events), tuple(scans)))
        return done

    def next_part() -> _Part:
        nonlocal part
        done = finish_part()
        part = _Part(
            out_dir,
            me,
            done.manifest.sequence + 1,
            (done.sha256, done.manifest_sha256),
            now,
            stage,
        )
        part.writer.audit_checkpoint = audit_checkpoint
        part.writer.store = me.store
        return part

    try:
        for n, case in enumerate(cases, start=1):
            records.check_item("cases", case.record)
            scans_here: list[dict[str, Any]] = []
            case_bytes = len(json.dumps(case.record, ensure_ascii=False).encode()) + 64
            for scan in case.scans:
                data = scan.load()
                need = (
                    len(data) + _MEMBER_OVERHEAD + part.pending_bytes + case_bytes + _PART_RESERVE
                )
                if limit and part.writer.member_count and part.writer.size + need > limit:
                    # The case goes with the scans already in this part, and again in the next.
                    if scans_here:
                        part.cases.append(case.record)
                        part.scans.extend(scans_here)
                        scans_here = []
                    next_part()
                name = part.writer.add("scan", data)
                if scan.sha256:
                    digest = scan.sha256
                elif scan.digest is not None:
                    digest = scan.digest()
                else:
                    digest = hashlib.sha256(
                        data.read() if isinstance(data, package.Deferred) else data
                    ).hexdigest()
                del data
                entry = {
                    "id": scan.id,
                    "case_id": scan.case_id,
                    "document": scan.document,
                    "page": scan.page,
                    "media_type": scan.media_type,
                    "sha256": digest,
                    "member": name,
                }
                records.check_item("scans", entry)
                scans_here.append(entry)
            part.cases.append(case.record)
            part.scans.extend(scans_here)
            part.pending_bytes += case_bytes
            if len(part.cases) >= RECORDS_PER_MEMBER:
                part.flush()
            if progress is not None:
                progress(n)
        finish_part()
    except BaseException:
        part.writer.abort()
        raise
    return written


@dataclass(frozen=True)
class Incoming:
    """A verified package from the peer, in sequence, ready to apply."""

    verified: package.VerifiedPackage

    @property
    def manifest(self) -> package.Manifest:
        return self.verified.manifest

    def records(self, me: Identity) -> Iterator[records.Records]:
        """Decrypt and validate the records members one at a time."""
        for member in self.verified.members("records"):
            yield records.Records.from_json(
                self.verified.decrypt(member.name, me.encryption_cert, me.encryption_key)
            )

    def scan(self, me: Identity, member: str) -> bytes:
        if member not in {m.name for m in self.verified.members("scan")}:
            raise MalformedPackageError(f"{member} is not a scan member of this package")
        return self.verified.decrypt(member, me.encryption_cert, me.encryption_key)


def open_incoming(
    path: Path,
    me: Identity,
    state: package.ChannelState,
    received: Callable[[int], package.Link | None],
    *,
    trust: TrustList | None = None,
    allow_gap: bool = False,
) -> Incoming:
    """Verify a package from the peer: container, signature, chain, sender, sequence.

    The signer must be one of the peer's signing certificates (for a mission: the Department's,
    as named in its newest trust list); a revoked one is refused.
    """
    verified = package.verify_package(
        path, [me.ca], recipient=me.code, recipient_cert=me.encryption_cert
    )
    signer = fingerprint(verified.signer)
    allowed = set(me.peer_signing_fingerprints)
    if trust is not None:
        allowed.add(fingerprint(trust.department_signing))
        if trust.is_revoked(verified.signer):
            raise RevokedSenderError(f"{path.name} is signed by a revoked certificate; refused")
    if signer not in allowed or verified.manifest.sender != me.peer_code:
        raise UnknownSenderError(
            f"{path.name} is not signed by {me.peer_code} (unknown sender); refused"
        )
    package.check_sequence(
        verified.manifest,
        verified.sha256,
        state,
        received,
        allow_gap=allow_gap,
        manifest_sha256=verified.manifest_sha256,
    )
    return Incoming(verified)
