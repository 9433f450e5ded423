"""A rule set as the Department distributes it (§14-1: the Ministry informs the missions of
changes of the Rules): the rule-set JSON encapsulated in a CMS SignedData made by the
Department's signing certificate, carried in decision packages (records field `rule_sets`).

Like the trust list it is signed on its own, so a mission checks it against the Department
CA *and* the Department's signing certificate that its trust list names: a mission
certificate (issued by the same CA) cannot publish rules, and a changed byte is refused.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from desktop.sync import cms
from desktop.sync.errors import TrustError
from desktop.sync.trust import fingerprint


class BadRuleSetError(TrustError):
    """A distributed rule set whose signature or signer is not the Department's, or whose
    document cannot be used; the package that carries it is refused whole."""

    code = "bad-rule-set"


@dataclass(frozen=True, slots=True)
class SignedRuleSet:
    doc: dict[str, Any]
    der: bytes


def canonical(doc: dict[str, Any]) -> bytes:
    """The bytes that are signed: the document as sorted, compact UTF-8 JSON."""
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def sign_rule_set(
    doc: dict[str, Any],
    cert: x509.Certificate,
    key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey,
) -> bytes:
    """The rule set as a CMS SignedData (DER) with the JSON encapsulated."""
    return cms.sign_attached(canonical(doc), cert, key)


def verify_rule_set(
    der: bytes, anchors: Sequence[x509.Certificate], department_signing: x509.Certificate
) -> SignedRuleSet:
    """Verify a distributed rule set and return its document (not yet checked as rules)."""
    try:
        verified = cms.verify_attached(der, anchors)
    except Exception as exc:
        raise BadRuleSetError(f"the rule set's signature is not valid: {exc}") from exc
    if fingerprint(verified.signer) != fingerprint(department_signing):
        raise BadRuleSetError("the rule set is not signed by the Department's signing certificate")
    try:
        doc = json.loads(verified.content)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadRuleSetError("the signed rule set is not JSON") from exc
    if not isinstance(doc, dict):
        raise BadRuleSetError("the signed rule set is not a JSON object")
    return SignedRuleSet(doc, der)
