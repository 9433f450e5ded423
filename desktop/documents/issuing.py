"""Issue an Annex 4 notification: seal, render, sign — the one call the services make.

§10: the notification is certified by a consular official's signature and seal. The service
layer checks that the officer holds the signing role, logs reprints as duplicates and writes
the Annex 5 journal row; this module only produces the bytes.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.documents.data import NotificationData
from desktop.documents.notification import render_notification
from desktop.documents.seal import SealClaims, SealSigner, seal_url
from desktop.documents.signing import PdfSigner


@dataclass(frozen=True)
class IssuedNotification:
    pdf: bytes
    seal_text: str


class NotificationIssuer:
    """Holds the loaded seal key and signing key of one consular official for a session."""

    def __init__(self, seal_signer: SealSigner, pdf_signer: PdfSigner) -> None:
        self.seal_signer = seal_signer
        self.pdf_signer = pdf_signer

    def issue(self, data: NotificationData, verifier_url: str = "") -> IssuedNotification:
        """`verifier_url`: the Department's verifier address (trust list); when set, the QR
        holds the seal inside a URL a phone's camera opens (`seal.seal_url`)."""
        seal_text = self.seal_signer.sign(SealClaims.from_notification(data))
        qr_text = seal_url(verifier_url, seal_text) if verifier_url else seal_text
        pdf = render_notification(data, seal_text, self.pdf_signer.info, qr_text=qr_text)
        return IssuedNotification(self.pdf_signer.sign(pdf, seal_text), seal_text)
