"""Is this Annex 4 notification genuine? One implementation for `qonys verify` and the desk.

Checks a notification PDF (PAdES signature, revocation, the seal on the page) or the text
scanned from its QR seal, offline, against a trust list: the store's (services/handouts.py
`trust_anchors`) or a trust list folder (`load_trust_dir`, for a border post):

    DIR/roots/*.pem        Department CA certificates (PEM)
    DIR/seal-keys/MISSION.pem  a mission's seal public key(s) (Ed25519, PEM SubjectPublicKeyInfo);
                           the file name is the mission's code (KZ-BER.pem): a seal is
                           genuine only when it names its key's mission
    DIR/revoked.txt        revoked signing-certificate serials, hexadecimal, one a line

The answer names exactly what failed (not signed, altered after signing, unknown or revoked
signer, seal does not match the page). The log records verdicts only, never the claims
(they name a person).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from desktop.documents.seal import SealClaims, SealFailure, verify_seal
from desktop.documents.texts import format_date
from desktop.documents.trust import TrustAnchors
from desktop.documents.verify import Failure, verify_pdf

log = logging.getLogger(__name__)

__all__ = [
    "SealClaims",
    "TrustAnchors",
    "TrustListError",
    "Verdict",
    "check_pdf_bytes",
    "check_pdf_file",
    "check_seal_text",
    "claim_lines",
    "load_trust_dir",
]


class TrustListError(Exception):
    """The trust list folder is missing or holds something unreadable."""


@dataclass(frozen=True)
class Verdict:
    """`lines`: the verdict (GENUINE …, or one NOT GENUINE line per failure) then the claims."""

    genuine: bool
    lines: tuple[str, ...]
    claims: SealClaims | None = None
    signer: str = ""
    signer_serial: int | None = None
    # What failed, by kind (`SealFailure`, `Failure`), for the desk's own words
    # (`services/verdict_text.py`); `unreadable` names a file that could not be read.
    failures: tuple[SealFailure | Failure, ...] = ()
    unreadable: str = ""

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def load_trust_dir(directory: Path) -> TrustAnchors:
    """Read a trust list folder (layout in the module docstring)."""
    if not directory.is_dir():
        log.warning("trust list refused: no folder")
        raise TrustListError(f"no trust list folder at {directory}")
    roots: list[x509.Certificate] = []
    seal_keys: list[tuple[str, Ed25519PublicKey]] = []
    revoked: set[int] = set()
    try:
        for path in sorted((directory / "roots").glob("*.pem")):
            roots.extend(x509.load_pem_x509_certificates(path.read_bytes()))
        for path in sorted((directory / "seal-keys").glob("*.pem")):
            key = serialization.load_pem_public_key(path.read_bytes())
            if not isinstance(key, Ed25519PublicKey):
                log.warning("trust list refused: a seal key is not Ed25519")
                raise TrustListError(f"{path.name}: not an Ed25519 public key")
            seal_keys.append((path.stem, key))  # the file is named by the key's mission
        revoked_file = directory / "revoked.txt"
        if revoked_file.is_file():
            for line in revoked_file.read_text(encoding="utf-8").splitlines():
                line = line.split("#", 1)[0].strip().replace(":", "")
                if line:
                    revoked.add(int(line, 16))
    except (OSError, ValueError) as exc:
        log.warning("trust list refused: unreadable (%s)", type(exc).__name__)
        raise TrustListError(f"cannot read the trust list: {exc}") from exc
    if not roots and not seal_keys:
        log.warning("trust list refused: no CA and no seal key")
        raise TrustListError(f"the trust list at {directory} holds no CA and no seal key")
    log.info(
        "trust list folder loaded: %d CA, %d seal keys, %d revoked",
        len(roots),
        len(seal_keys),
        len(revoked),
    )
    return TrustAnchors.build(roots=roots, missions=seal_keys, revoked_serials=revoked)


def claim_lines(claims: SealClaims) -> list[str]:
    """What the seal claims, to compare with the paper."""
    return [
        f"  notification: {claims.notification_id} (mission {claims.mission_code}), "
        f"issued {format_date(claims.issue_date)}",
        f"  person: {claims.person_full_name}, born {format_date(claims.birth_date)}",
        f"  destination: {claims.destination_country}, {claims.destination_settlement}",
        f"  decision: {claims.police_department} Police Department, "
        f"No. {claims.decision_number} of {format_date(claims.decision_date)}",
    ]


def check_seal_text(text: str, trust: TrustAnchors) -> Verdict:
    check = verify_seal(text.strip(), trust.seal_keys, trust.seal_missions)
    if not check.ok or check.claims is None:
        log.info("seal check: not genuine")
        failure = check.failure or SealFailure.BAD_STRUCTURE
        return Verdict(False, (f"NOT GENUINE: {check.message}",), failures=(failure,))
    log.info("seal check: genuine (mission %s)", check.claims.mission_code)
    head = "GENUINE: the seal is valid; compare with the paper:"
    return Verdict(True, (head, *claim_lines(check.claims)), claims=check.claims)


def check_pdf_bytes(pdf: bytes, trust: TrustAnchors) -> Verdict:
    result = verify_pdf(pdf, trust)
    if not result.ok:
        log.info("PDF check: not genuine (%d problems)", len(result.problems))
        return Verdict(
            False,
            tuple(f"NOT GENUINE: {p.message}" for p in result.problems),
            failures=tuple(p.failure for p in result.problems),
        )
    log.info("PDF check: genuine (signing certificate %X)", result.signer_serial)
    head = (
        f"GENUINE: signed by {result.signer} (certificate {result.signer_serial:X}); "
        "the seal is valid and matches the page"
    )
    claims = claim_lines(result.claims) if result.claims else []
    return Verdict(
        True,
        (head, *claims),
        claims=result.claims,
        signer=str(result.signer),
        signer_serial=result.signer_serial,
    )


def check_pdf_file(path: Path, trust: TrustAnchors) -> Verdict:
    """`check_pdf_bytes` of a file; an unreadable file is a verdict too (never genuine)."""
    try:
        pdf = path.read_bytes()
    except OSError as exc:
        log.warning("PDF check refused: cannot read the file (%s)", type(exc).__name__)
        return Verdict(False, (f"cannot read {path.name}: {exc.strerror}",), unreadable=path.name)
    return check_pdf_bytes(pdf, trust)
