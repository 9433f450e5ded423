"""Who can sign and seal: a signing official's keys open only with that official's secret.

Every officer's password opens the store's data key, so nothing that must stay the consul's
may be readable with the data key alone. Two keys are the consul's (§10, Annex 4):

* **The PAdES key** (`signing_credentials.private_key`): encrypted PKCS#8 (PBES2, AES-256)
  under a passphrase derived (HKDF) from the official's *personal key*, 32 random bytes that
  lie only in that official's vault slot, AES-GCM-wrapped under their Argon2id password key
  (`desktop/storage/vault.py`). An administrator can no longer install it for somebody else:
  the official installs their own PKCS#12, logged in with their own password.
* **The mission's Ed25519 seal key**: RSA-OAEP-wrapped (`seal_key_wraps`) to each official's
  *box key* (`officer_box_keys`), an RSA key pair whose private half is encrypted under the
  official's personal key and whose public half is endorsed by a signature of their PAdES key.
  Only an endorsement by a Department-issued official certificate of this mission counts, so
  an officer who edits the tables cannot slip in a box key of their own. Whoever can open the
  seal (at a login or an issue) wraps it to every endorsed official who lacks it.

Where the keys live is behind `SigningKeyProvider`: `PasswordWrappedKey` is the one above. A
hardware token (PKCS#11) is another provider: its `pdf_signer` hands pyHanko's `PKCS11Signer`
to `PdfSigner`, its `sign` signs the box key's endorsement on the token, and `install` records
only the certificate and the token's key label; nothing else changes (docs/administration.md).

Upgrades of older stores (where both keys lay as plain PKCS#8 in the database) happen at the
official's next login (`upgrade_at_login`): their PAdES key is encrypted, their box key made,
the seal wrapped to them, and the plain seal key removed from `exchange_identity`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.x509.oid import ExtendedKeyUsageOID
from sqlalchemy import delete, select

from desktop.domain.i18n import Text
from desktop.services.context import DeskContext, Role
from desktop.services.errors import KnownError
from desktop.storage.models import (
    ExchangeIdentityRow,
    OfficerBoxKeyRow,
    OfficerRow,
    SealWrapRow,
    SigningCredentialRow,
)
from desktop.storage.uow import UnitOfWork

if TYPE_CHECKING:  # pyHanko is loaded only when a PDF is signed
    from desktop.documents.signing import PdfSigner

BOX_KEY_BITS = 3072
_ENDORSEMENT_LABEL = b"qonys officer box key v1\x00"
PLAIN_PKCS8 = b"-----BEGIN " + b"PRIVATE KEY-----"  # the PEM header, not a key
PrivateKey = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey


class KeyNotOpen(KnownError):
    """The signing key or the seal cannot be opened in this session."""

    def __init__(self, kk: str, ru: str, en: str) -> None:
        super().__init__(Text(kk, ru, en))


def not_own_session() -> KeyNotOpen:
    return KeyNotOpen(
        "Қол қою кілті тек қол қоюшы лауазымды тұлғаның өз құпиясөзімен ашылады: "
        "өз логиніңізбен кіріңіз",
        "Ключ подписи открывается только собственным паролем подписывающего лица: "
        "войдите под своим логином",
        "the signing key opens only with the signing official's own password: "
        "log in with your own login",
    )


def seal_not_shared() -> KeyNotOpen:
    return KeyNotOpen(
        "Өкілдік мөрі сізге әлі берілмеген: мөрі бар басқа консул жүйеге кірген соң "
        "немесе тіркеу бумасы қайта орнатылған соң қол жетімді болады",
        "Печать загранучреждения вам ещё не передана: она станет доступна после входа "
        "другого консула, у которого она есть, или после повторной установки пакета регистрации",
        "the mission's seal has not been shared with you yet: it is, at the next login of a "
        "consul who holds it, or when the enrolment bundle is installed again",
    )


def _passphrase(personal_key: bytes | bytearray, purpose: str) -> bytes:
    """The PKCS#8 passphrase of one of the official's keys (hex: printable, 256 bits)."""
    derived = HKDF(hashes.SHA256(), 32, salt=None, info=f"qonys {purpose}".encode()).derive(
        bytes(personal_key)
    )
    return derived.hex().encode("ascii")


def encrypt_key(key: PrivateKey, personal_key: bytes | bytearray, purpose: str) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(_passphrase(personal_key, purpose)),
    )


def decrypt_key(pem: bytes, personal_key: bytes | bytearray, purpose: str) -> PrivateKey:
    try:
        key = serialization.load_pem_private_key(pem, _passphrase(personal_key, purpose))
    except (ValueError, TypeError):
        raise not_own_session() from None
    if not isinstance(key, PrivateKey):
        raise not_own_session()
    return key


# --- the provider -----------------------------------------------------------------------------


class SigningKeyProvider(ABC):
    """Where a signing official's private key is and how it signs.

    `pdf_signer` signs Annex 4 PDFs (PAdES); `sign` signs small messages (the endorsement of
    the official's box key). A PKCS#11 provider implements both on the token.
    """

    certificate: x509.Certificate
    chain: list[x509.Certificate]

    @abstractmethod
    def pdf_signer(self, location: str) -> PdfSigner: ...

    @abstractmethod
    def sign(self, message: bytes) -> bytes: ...


class PasswordWrappedKey(SigningKeyProvider):
    """The key as encrypted PKCS#8 in the store, opened with the official's personal key."""

    def __init__(
        self,
        encrypted_pem: bytes,
        certificate: x509.Certificate,
        chain: list[x509.Certificate],
        personal_key: bytes | bytearray,
    ) -> None:
        self.certificate = certificate
        self.chain = chain
        self._key = decrypt_key(encrypted_pem, personal_key, "pades key")

    def pdf_signer(self, location: str) -> PdfSigner:
        from desktop.documents.signing import PdfSigner

        return PdfSigner(self._key, self.certificate, self.chain, location=location)

    def sign(self, message: bytes) -> bytes:
        return _sign(self._key, message)


def _sign(key: PrivateKey, message: bytes) -> bytes:
    if isinstance(key, ec.EllipticCurvePrivateKey):
        return key.sign(message, ec.ECDSA(hashes.SHA256()))
    return key.sign(message, _pss(), hashes.SHA256())


def _pss() -> padding.PSS:
    return padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=padding.PSS.DIGEST_LENGTH)


def provider(ctx: DeskContext, uow: UnitOfWork) -> SigningKeyProvider | None:
    """The acting officer's signing key, opened with their personal key (None: none installed)."""
    row = uow.session.get(SigningCredentialRow, ctx.officer.id)
    if row is None:
        return None
    if ctx.personal_key is None or row.private_key.lstrip().startswith(PLAIN_PKCS8):
        raise not_own_session()
    cert = x509.load_pem_x509_certificate(row.certificate)
    chain = x509.load_pem_x509_certificates(row.chain) if row.chain.strip() else []
    return PasswordWrappedKey(row.private_key, cert, chain, ctx.personal_key)


# --- box keys and the seal ------------------------------------------------------------------


def _endorsement_message(officer_id: int, public_der: bytes) -> bytes:
    return _ENDORSEMENT_LABEL + officer_id.to_bytes(8, "big") + public_der


def _is_official_of(cert: x509.Certificate, ca: x509.Certificate, mission_code: str) -> bool:
    """A Department-issued official (PAdES) certificate of this mission, valid now or not.

    The mission's own package-signing certificate is issued by the same CA and its key is in
    every officer's reach: only the official profile (EKU emailProtection + nonRepudiation,
    `desktop/department/ca.py`) counts.
    """
    try:
        cert.verify_directly_issued_by(ca)
        eku = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except (ValueError, TypeError, InvalidSignature, x509.ExtensionNotFound):
        return False
    units = cert.subject.get_attributes_for_oid(x509.NameOID.ORGANIZATIONAL_UNIT_NAME)
    return (
        ExtendedKeyUsageOID.EMAIL_PROTECTION in eku
        and usage.content_commitment
        and any(str(u.value) == f"Mission {mission_code}" for u in units)
    )


def _endorsed_public(
    row: OfficerBoxKeyRow, ca: x509.Certificate, mission_code: str
) -> rsa.RSAPublicKey | None:
    """The box key's public half if its endorsement holds, else None."""
    try:
        cert = x509.load_pem_x509_certificate(row.certificate)
        public = serialization.load_der_public_key(row.public_key)
    except ValueError:
        return None
    if not isinstance(public, rsa.RSAPublicKey) or not _is_official_of(cert, ca, mission_code):
        return None
    signer = cert.public_key()
    message = _endorsement_message(row.officer_id, row.public_key)
    try:
        if isinstance(signer, ec.EllipticCurvePublicKey):
            signer.verify(row.endorsement, message, ec.ECDSA(hashes.SHA256()))
        elif isinstance(signer, rsa.RSAPublicKey):
            signer.verify(row.endorsement, message, _pss(), hashes.SHA256())
        else:
            return None
    except InvalidSignature:
        return None
    return public


def _ensure_box_key(ctx: DeskContext, uow: UnitOfWork, signer: SigningKeyProvider) -> None:
    """Make (or re-endorse after a new certificate) the acting official's box key."""
    assert ctx.personal_key is not None
    row = uow.session.get(OfficerBoxKeyRow, ctx.officer.id)
    cert_pem = signer.certificate.public_bytes(serialization.Encoding.PEM)
    if row is not None and row.certificate == cert_pem:
        return
    key = rsa.generate_private_key(public_exponent=65537, key_size=BOX_KEY_BITS)
    public_der = key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    row = row or OfficerBoxKeyRow(officer_id=ctx.officer.id)
    row.public_key = public_der
    row.private_key = encrypt_key(key, ctx.personal_key, "box key")
    row.endorsement = signer.sign(_endorsement_message(ctx.officer.id, public_der))
    row.certificate = cert_pem
    row.created_at = ctx.now()
    uow.session.merge(row)
    # A new box key: the old wrap (to the old key) no longer opens.
    uow.session.execute(delete(SealWrapRow).where(SealWrapRow.officer_id == ctx.officer.id))
    uow.session.flush()


def _open_seal(
    ctx: DeskContext, uow: UnitOfWork, identity: ExchangeIdentityRow
) -> ed25519.Ed25519PrivateKey | None:
    """The seal key if this session may open it: its own wrap, or (only for a consul) the plain
    key still pending after enrolment or from before this version."""
    if identity.seal_key.strip():
        if not ctx.officer.may(Role.CONSUL):
            return None
        key = serialization.load_pem_private_key(identity.seal_key, None)
        return key if isinstance(key, ed25519.Ed25519PrivateKey) else None
    if ctx.personal_key is None:
        return None
    wrap = uow.session.get(SealWrapRow, ctx.officer.id)
    box = uow.session.get(OfficerBoxKeyRow, ctx.officer.id)
    if wrap is None or box is None or wrap.seal_kid != identity.seal_kid:
        return None
    box_key = decrypt_key(box.private_key, ctx.personal_key, "box key")
    assert isinstance(box_key, rsa.RSAPrivateKey)
    try:
        raw = box_key.decrypt(wrap.wrapped, _oaep())
    except ValueError:
        return None
    return ed25519.Ed25519PrivateKey.from_private_bytes(raw)


def _oaep() -> padding.OAEP:
    return padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=None)


def wrap_seal(
    ctx: DeskContext,
    uow: UnitOfWork,
    identity: ExchangeIdentityRow,
    seal: ed25519.Ed25519PrivateKey,
) -> int:
    """Wrap `seal` to every active consul with an endorsed box key and no current wrap; once
    at least one holds it, the plain copy in `exchange_identity` is removed. Returns how many
    new wraps were made."""
    ca = x509.load_pem_x509_certificate(identity.ca_cert)
    raw = seal.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    made = 0
    holders = 0
    consuls = {
        o.id
        for o in uow.session.scalars(
            select(OfficerRow).where(OfficerRow.active, OfficerRow.role == Role.CONSUL.value)
        )
    }
    for box in uow.session.scalars(select(OfficerBoxKeyRow)):
        if box.officer_id not in consuls:
            continue
        public = _endorsed_public(box, ca, identity.mission_code)
        if public is None:
            continue
        wrap = uow.session.get(SealWrapRow, box.officer_id)
        if wrap is not None and wrap.seal_kid == identity.seal_kid:
            holders += 1
            continue
        uow.session.merge(
            SealWrapRow(
                officer_id=box.officer_id,
                seal_kid=identity.seal_kid,
                wrapped=public.encrypt(raw, _oaep()),
                wrapped_at=ctx.now(),
            )
        )
        made += 1
        holders += 1
    if holders and identity.seal_key.strip():
        identity.seal_key = b""
    if made:
        ctx.audit(uow, "keys.seal_wrapped", "mission", identity.mission_code, {"wraps": made})
    return made


def open_seal(ctx: DeskContext) -> tuple[str, ed25519.Ed25519PrivateKey]:
    """The seal key for an Annex 4 notification being issued by the acting official."""
    from desktop.services.exchange import NotEnrolled

    with ctx.uow() as uow:
        identity = uow.session.get(ExchangeIdentityRow, 1)
        if identity is None:
            raise NotEnrolled
        if not ctx.officer.may(Role.CONSUL) or ctx.personal_key is None:
            raise not_own_session()
        seal = _open_seal(ctx, uow, identity)
        if seal is None:
            raise seal_not_shared()
        kid = identity.seal_kid
        if identity.seal_key.strip():  # a plain key left: hand it on now and remove it
            wrap_seal(ctx, uow, identity, seal)
            uow.commit()
    return kid, seal


def install_signing_key(
    ctx: DeskContext, uow: UnitOfWork, key: PrivateKey, cert: x509.Certificate, chain: bytes
) -> None:
    """Store the acting official's PAdES key wrapped under their personal key, then make their
    box key and hand the seal on if this session holds it."""
    if ctx.personal_key is None:
        raise not_own_session()
    row = uow.session.get(SigningCredentialRow, ctx.officer.id) or SigningCredentialRow(
        officer_id=ctx.officer.id
    )
    row.certificate = cert.public_bytes(serialization.Encoding.PEM)
    row.chain = chain
    row.private_key = encrypt_key(key, ctx.personal_key, "pades key")
    row.installed_at = ctx.now()
    uow.session.merge(row)
    uow.session.flush()
    _after_key(ctx, uow)


def _after_key(ctx: DeskContext, uow: UnitOfWork) -> int:
    signer = provider(ctx, uow)
    if signer is None:
        return 0
    _ensure_box_key(ctx, uow, signer)
    identity = uow.session.get(ExchangeIdentityRow, 1)
    if identity is None or not (identity.seal_key.strip() or _someone_lacks(uow, identity)):
        return 0
    seal = _open_seal(ctx, uow, identity)
    return 0 if seal is None else wrap_seal(ctx, uow, identity, seal)


def _someone_lacks(uow: UnitOfWork, identity: ExchangeIdentityRow) -> bool:
    """Is there an active consul's box key without a wrap of the current seal?"""
    wrapped = set(
        uow.session.scalars(
            select(SealWrapRow.officer_id).where(SealWrapRow.seal_kid == identity.seal_kid)
        )
    )
    boxes = uow.session.scalars(
        select(OfficerBoxKeyRow.officer_id)
        .join(OfficerRow, OfficerRow.id == OfficerBoxKeyRow.officer_id)
        .where(OfficerRow.active, OfficerRow.role == Role.CONSUL.value)
    )
    return any(b not in wrapped for b in boxes)


@dataclass(frozen=True)
class Upgrade:
    wrapped_signing_key: bool
    seal_wraps: int


def upgrade_at_login(ctx: DeskContext) -> Upgrade:
    """At a signing official's login (their personal key is open): wrap a plain PAdES key left
    from an older version, make their box key, and hand the seal on to whoever lacks it."""
    if ctx.personal_key is None or not ctx.officer.may(Role.CONSUL):
        return Upgrade(False, 0)
    with ctx.uow() as uow:
        row = uow.session.get(SigningCredentialRow, ctx.officer.id)
        if row is None:
            return Upgrade(False, 0)
        wrapped = False
        if row.private_key.lstrip().startswith(PLAIN_PKCS8):
            key = serialization.load_pem_private_key(row.private_key, None)
            assert isinstance(key, PrivateKey)
            row.private_key = encrypt_key(key, ctx.personal_key, "pades key")
            ctx.audit(uow, "keys.signing_key_wrapped", "officer", ctx.officer.id)
            wrapped = True
            uow.session.flush()
        try:
            made = _after_key(ctx, uow)
        except KeyNotOpen:  # a credential this officer's secret does not open: not theirs
            return Upgrade(False, 0)
        uow.commit()
    return Upgrade(wrapped, made)
