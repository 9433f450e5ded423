"""What a verifier trusts: the Department CA, revoked certificates, mission seal keys.

The Department builds these lists (`desktop/department/ca.py`); the mission receives them in
decision packages. This room only reads them, through this small dataclass.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from desktop.documents.seal import seal_key_id


@dataclass(frozen=True)
class TrustAnchors:
    """Trust roots for offline verification of notifications.

    `roots`: CA certificates that may issue signing certificates (the Department CA);
    `intermediates`: other certificates that may help build a path;
    `revoked_serials`: serial numbers of revoked signing certificates (issued by `roots`);
    `seal_keys`: mission seal public keys by key id (see `seal.seal_key_id`).
    """

    roots: tuple[x509.Certificate, ...] = ()
    intermediates: tuple[x509.Certificate, ...] = ()
    revoked_serials: frozenset[int] = frozenset()
    seal_keys: Mapping[bytes, Ed25519PublicKey] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        roots: Iterable[x509.Certificate] = (),
        seal_keys: Iterable[Ed25519PublicKey] = (),
        revoked_serials: Iterable[int] = (),
        intermediates: Iterable[x509.Certificate] = (),
    ) -> TrustAnchors:
        """Convenience constructor: seal keys are indexed by their key id."""
        return cls(
            roots=tuple(roots),
            intermediates=tuple(intermediates),
            revoked_serials=frozenset(revoked_serials),
            seal_keys={seal_key_id(k): k for k in seal_keys},
        )
