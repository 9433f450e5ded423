"""Benchmark: render + seal + sign one Annex 4 notification, and a batch of 100.

    python -m bench.documents [--runs 30] [--batch 100]

Targets (issue 5): one notification median <= 150 ms; a batch of 100 <= 15 s. Also prints
the ratio to rendering the same page unsigned (the baseline), and verification time: target
<= 60 ms (issue 19), printed as a ratio to render + seal + sign in the same run.
Keys are generated at run time (ECDSA P-256 signer under a throw-away CA, Ed25519 seal).
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import statistics
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.x509.oid import NameOID

from desktop.documents.data import NotificationData, PoliceDecision
from desktop.documents.issuing import NotificationIssuer
from desktop.documents.notification import render_notification
from desktop.documents.seal import SealClaims, SealSigner
from desktop.documents.signing import PdfSigner
from desktop.documents.trust import TrustAnchors
from desktop.documents.verify import verify_pdf

TARGET_ONE_MS = 150.0
TARGET_BATCH_S = 15.0
TARGET_VERIFY_MS = 60.0


def _cert(
    subject: str,
    key: ec.EllipticCurvePrivateKey,
    issuer: x509.Name | None,
    issuer_key: ec.EllipticCurvePrivateKey,
    ca: bool,
) -> x509.Certificate:
    now = dt.datetime.now(dt.UTC)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)])
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(issuer or name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .sign(issuer_key, hashes.SHA256())
    )


def sample(i: int = 1) -> NotificationData:
    return NotificationData(
        notification_id=f"BER-2026-{i:06d}",
        mission_code="BER",
        mission_name="Қазақстан Республикасының Германия Федеративтік Республикасындағы Елшілігі",
        person_full_name="ӘБДІРАХМАНОВА Гүлнұр Сағындыққызы",
        birth_date=date(1990, 3, 4),
        destination_country="Германия",
        destination_settlement="Берлин",
        decision=PoliceDecision("Алматы қаласы", "12-34/567", date(2026, 11, 10)),
        consular_official="ТҰҢҒЫШБАЕВ Өмірзақ Жиһанұлы",
        issue_date=date(2026, 11, 20),
    )


def _median_ms(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--batch", type=int, default=100)
    args = parser.parse_args()
    logging.disable(logging.WARNING)

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = _cert("Bench Department CA", ca_key, None, ca_key, ca=True)
    key = ec.generate_private_key(ec.SECP256R1())
    cert = _cert("Bench consul", key, ca.subject, ca_key, ca=False)
    seal_key = Ed25519PrivateKey.generate()
    issuer = NotificationIssuer(SealSigner(seal_key), PdfSigner(key, cert, [ca]))
    data = sample()
    seal_text = issuer.seal_signer.sign(SealClaims.from_notification(data))

    # Warm-up: font registration and parsing happen once per process.
    issuer.issue(data)
    render_notification(data, seal_text, issuer.pdf_signer.info)

    unsigned = _median_ms(
        lambda: render_notification(data, seal_text, issuer.pdf_signer.info), args.runs
    )
    signed = _median_ms(lambda: issuer.issue(data), args.runs)
    pdf = issuer.issue(data).pdf
    trust = TrustAnchors.build([ca], [seal_key.public_key()])
    verify = _median_ms(lambda: verify_pdf(pdf, trust), max(5, args.runs // 3))

    start = time.perf_counter()
    for i in range(args.batch):
        issuer.issue(replace(data, notification_id=f"BER-2026-{i:06d}"))
    batch = time.perf_counter() - start

    print(f"render unsigned (baseline):   median {unsigned:7.1f} ms")
    print(
        f"render + seal + sign:         median {signed:7.1f} ms   "
        f"target <= {TARGET_ONE_MS:.0f} ms   {'OK' if signed <= TARGET_ONE_MS else 'SLOW'}"
    )
    print(f"ratio signed / unsigned:      {signed / unsigned:7.2f} x")
    print(
        f"batch of {args.batch}:                 {batch:7.2f} s    "
        f"target <= {TARGET_BATCH_S:.0f} s     {'OK' if batch <= TARGET_BATCH_S else 'SLOW'}"
    )
    print(
        f"verify (PAdES + seal + page): median {verify:7.1f} ms   "
        f"target <= {TARGET_VERIFY_MS:.0f} ms    {'OK' if verify <= TARGET_VERIFY_MS else 'SLOW'}"
        f"   ratio to render + seal + sign {verify / signed:.2f}"
    )
    print(f"PDF size: {len(pdf) / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
