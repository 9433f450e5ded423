"""Known errors of the exchange: each one a message an officer can act on (STYLE §12).

Every check a package can fail has its own class, so the command line, the desk and the tests
can tell a replay (harmless) from a rollback (someone restored an old store) from a gap
(a package is still on its way).

The messages are English (the command line shows them as they are). Each class also has a
stable machine-readable ``code`` ('wrong-recipient', 'sequence-gap', 'replay', …) that never
changes with the wording, so the desk can show its own Kazakh and Russian text for it.
"""

from __future__ import annotations

from typing import ClassVar


class ExchangeError(Exception):
    """Base of every known exchange failure; ``str(err)`` is the one-line message."""

    code: ClassVar[str] = "exchange-error"


class PackageError(ExchangeError):
    """The package cannot be accepted; nothing was changed."""

    code = "package-refused"


class MalformedPackageError(PackageError):
    """Not a package of this format, truncated, or its container was altered."""

    code = "malformed"


class TruncatedPackageError(MalformedPackageError):
    """The file ends before the package does (an interrupted copy, a full medium)."""

    code = "truncated"


class UnsupportedVersionError(PackageError):
    """The package (or trust list) uses a format version this program does not read."""

    code = "unsupported-version"


class SignatureError(PackageError):
    """The manifest's CMS signature does not verify or does not chain to the trust anchor."""

    code = "bad-signature"


class NonCanonicalSignatureError(SignatureError):
    """The signature file was changed outside what its signature covers (a version, the
    digest-algorithm set, the DER encoding): not the bytes the sender wrote."""

    code = "signature-not-canonical"


class UntrustedSignerError(SignatureError):
    """The signature is intact but its certificate does not chain to the trust anchor."""

    code = "untrusted-signer"


class DigestMismatchError(PackageError):
    """A member's bytes differ from the SHA-256 digest in the signed manifest."""

    code = "tampered-member"


class WrongRecipientError(PackageError):
    """The package was made for another recipient."""

    code = "wrong-recipient"


class UnknownSenderError(PackageError):
    """The signer is not a certificate the recipient trusts."""

    code = "unknown-sender"


class RevokedSenderError(PackageError):
    """The signer's certificate has been revoked."""

    code = "revoked-sender"


class SequenceError(PackageError):
    """The package does not continue the sender's sequence."""

    code = "sequence"


class SequenceGapError(SequenceError):
    """One or more earlier packages from this sender have not been received yet."""

    code = "sequence-gap"

    def __init__(self, message: str, missing: range) -> None:
        super().__init__(message)
        self.missing = missing


class ReplayError(SequenceError):
    """This exact package was received before: receiving it again changes nothing."""

    code = "replay"


class RollbackError(SequenceError):
    """An older (or a different) package under a sequence number already accepted."""

    code = "rollback"


class BrokenChainError(SequenceError):
    """The next sequence number, but it names a different previous package."""

    code = "broken-chain"


class SecondStoreError(PackageError):
    """The mission's packages come from another store than the one its first packages came
    from: the enrolment bundle was installed twice (one store per mission)."""

    code = "second-store"


class DecryptionError(PackageError):
    """A member cannot be decrypted with the recipient's key."""

    code = "decryption-failed"


class TrustError(ExchangeError):
    """The trust list or an enrolment bundle is invalid, unsigned or outdated."""

    code = "bad-trust-list"
