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
    `seal_keys`: mission seal public keys by key id (see `seal.seal_key_id`);
    `seal_missions`: the mission each seal key belongs to, by key id: a seal is genuine only
    when it names its key's mission (a key without a mission vouches for none).
    """

    roots: tuple[x509.Certificate, ...] = ()
    intermediates: tuple[x509.Certificate, ...] = ()
    revoked_serials: frozenset[int] = frozenset()
    seal_keys: Mapping[bytes, Ed25519PublicKey] = field(default_factory=dict)
    seal_missions: Mapping[bytes, str] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        roots: Iterable[x509.Certificate] = (),
        seal_keys: Iterable[Ed25519PublicKey] = (),
        revoked_serials: Iterable[int] = (),
        intermediates: Iterable[x509.Certificate] = (),
        missions: Iterable[tuple[str, Ed25519PublicKey]] = (),
    ) -> TrustAnchors:
        """Convenience constructor: seal keys are indexed by their key id.

        ``missions`` gives seal keys with the mission each belongs to; keys in ``seal_keys``
        alone belong to no mission, so no seal made with them is genuine.
        """
        bound = list(missions)
        keys = {seal_key_id(k): k for k in seal_keys}
        keys.update({seal_key_id(k): k for _code, k in bound})
        return cls(
            roots=tuple(roots),
            intermediates=tuple(intermediates),
            revoked_serials=frozenset(revoked_serials),
            seal_keys=keys,
            seal_missions={seal_key_id(k): code for code, k in bound},
        )
