"""Trust anchors for verification, the verifier site, and the signing official's key."""

from __future__ import annotations

from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from sqlalchemy import select

from desktop.documents.signing import PdfSigner
from desktop.documents.trust import TrustAnchors
from desktop.documents.verifier_site import SiteError, WrittenSite, write_site
from desktop.domain.i18n import Text
from desktop.services import exchange, signing_keys
from desktop.services.context import DeskContext, Role
from desktop.services.errors import (
    InvalidInput,
    NotFound,
    officer_ref,
)
from desktop.services.handouts.cases import HandoutError, NoSigningKey, OfficialInstalled
from desktop.storage.models import (
    ExchangeIdentityRow,
    OfficerRow,
)
from desktop.storage.uow import UnitOfWork

# --- trust ------------------------------------------------------------------------------------


def trust_anchors(ctx: DeskContext) -> TrustAnchors:
    """The Department CA, the newest trust list's seal keys and its revoked serials."""
    tl = exchange.newest_trust_list(ctx)  # raises NotEnrolled
    with ctx.uow() as uow:
        row = uow.session.get(ExchangeIdentityRow, 1)
        if row is None:
            raise exchange.NotEnrolled
        ca = x509.load_pem_x509_certificate(row.ca_cert)
    # Each key with the mission whose entry carries it: a seal names its own mission only.
    seal_keys = [
        (m.code, k.public_key) for m in tl.missions for k in m.seal_keys if k.revoked_at is None
    ]
    return TrustAnchors.build(
        roots=[ca], missions=seal_keys, revoked_serials=[r.serial for r in tl.revocations]
    )


def write_verifier_site(ctx: DeskContext, out: Path) -> WrittenSite:
    """`qonys verifier --out DIR`: the offline verifier page from the store's trust list.

    The list the page trusts is the one the Department signed and carried inside the trust
    list; the page's key is the Department signing certificate of that (verified) trust list.
    """
    tl = exchange.newest_trust_list(ctx)  # verified against the Department CA; NotEnrolled
    if tl.verifier is None:
        raise HandoutError(
            f"Сенім тізімінде ({tl.version}-нұсқа) тексеру бетінің тізімі жоқ: Департаменттен "
            "жаңа сенім тізімін алыңыз",
            f"В списке доверия (версия {tl.version}) нет списка для страницы проверки: получите "
            "новый список доверия от Департамента",
            f"the trust list (v{tl.version}) carries no list for the verifier page: get a newer "
            "trust list from the Department",
        )
    key = tl.department_signing.public_key()
    try:
        if not isinstance(key, ec.EllipticCurvePublicKey):
            raise SiteError("the Department signing key is not ECDSA P-256")
        return write_site(out, key, tl.verifier.data, tl.verifier.signature)
    except SiteError as exc:
        raise HandoutError(
            f"Тексеру беті жазылмады: {exc}",
            f"Страница проверки не записана: {exc}",
            f"the verifier page was not written: {exc}",
        ) from None
    except OSError as exc:
        raise InvalidInput(
            Text(
                f"{out} жазылмады: {exc.strerror}",
                f"{out} не записан: {exc.strerror}",
                f"cannot write {out}: {exc.strerror}",
            )
        ) from None


# --- the signing official's key ---------------------------------------------------------------


def install_official(
    ctx: DeskContext, p12: bytes, password: str, login: str | None = None
) -> OfficialInstalled:
    """Install a signing official's PKCS#12 (from `qonys-department issue-official`).

    An administrator installs it for any consul; a consul may install their own.
    """
    login = login or ctx.officer.login
    if login != ctx.officer.login:
        # The key is wrapped under the official's own secret: only their session can do that.
        raise HandoutError(
            f"Қол қою кілтін тек {login} өзі орната алады (өз логинімен кіріп)",
            f"Ключ подписи может установить только сам {login} (войдя под своим логином)",
            f"only {login} can install their own signing key (logged in as {login}): "
            "it is locked with their password, which no one else knows",
        )
    try:
        key, cert, extra = pkcs12.load_key_and_certificates(p12, password.encode("utf-8"))
    except ValueError:
        raise InvalidInput(
            Text(
                "PKCS#12 файлы оқылмады (құпиясөз қате ме?)",
                "Файл PKCS#12 не прочитан (неверный пароль?)",
                "cannot read the PKCS#12 file (wrong password?)",
            )
        ) from None
    if cert is None or not isinstance(key, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey):
        raise InvalidInput(
            Text(
                "PKCS#12 ішінде ECDSA/RSA кілті мен сертификат жоқ",
                "В PKCS#12 нет ключа ECDSA/RSA и сертификата",
                "the PKCS#12 holds no ECDSA/RSA key with a certificate",
            )
        )
    with ctx.uow() as uow:
        identity = uow.session.get(ExchangeIdentityRow, 1)
        if identity is None:
            raise exchange.NotEnrolled
        ca = x509.load_pem_x509_certificate(identity.ca_cert)
        try:
            cert.verify_directly_issued_by(ca)
        except (ValueError, TypeError, InvalidSignature) as exc:
            raise InvalidInput(
                Text(
                    "Сертификатты Департамент CA шығармаған",
                    "Сертификат выдан не УЦ Департамента",
                    f"the certificate was not issued by the Department CA ({type(exc).__name__})",
                )
            ) from None
        officer = uow.session.scalar(select(OfficerRow).where(OfficerRow.login == login))
        if officer is None or not officer.active:
            raise NotFound(officer_ref(login))
        if officer.role != Role.CONSUL.value:
            raise HandoutError(
                f"{login} — консул емес: 4-қосымшаға тек консул қол қояды",
                f"{login} — не консул: приложение 4 подписывает только консул",
                f"{login} is not a consul: only a consul signs Annex 4 (§10)",
            )
        chain = b"".join(c.public_bytes(serialization.Encoding.PEM) for c in extra)
        signing_keys.install_signing_key(ctx, uow, key, cert, chain)
        ctx.audit(
            uow,
            "handouts.official_installed",
            "officer",
            officer.id,
            {"serial": format(cert.serial_number, "X")},
        )
        uow.commit()
    return OfficialInstalled(
        login, cert.subject.rfc4514_string(), cert.serial_number, cert.not_valid_after_utc
    )


def _pdf_signer(ctx: DeskContext, uow: UnitOfWork) -> PdfSigner:
    key = signing_keys.provider(ctx, uow)  # opens only with the official's own password
    if key is None:
        raise NoSigningKey(ctx.officer.login)
    cert = key.certificate
    if cert.not_valid_after_utc < ctx.now():
        raise HandoutError(
            "Қол қою сертификатының мерзімі өтті",
            "Срок сертификата подписи истек",
            f"the signing certificate expired on {cert.not_valid_after_utc:%Y-%m-%d}",
        )
    return key.pdf_signer(ctx.mission.name)
