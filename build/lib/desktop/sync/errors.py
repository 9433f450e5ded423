"""Known errors of the exchange: each one a message an officer can act on (STYLE §12).

Every check a package can fail has its own class, so the command line, the desk and the tests
can tell a replay (harmless) from a rollback (someone restored an old store) from a gap
(a package is still on its way).
"""

from __future__ import annotations


class ExchangeError(Exception):
    """Base of every known exchange failure; ``str(err)`` is the one-line message."""


class PackageError(ExchangeError):
    """The package cannot be accepted; nothing was changed."""


class MalformedPackageError(PackageError):
    """Not a package of this format, truncated, or its container was altered."""


class UnsupportedVersionError(PackageError):
    """The package (or trust list) uses a format version this program does not read."""


class SignatureError(PackageError):
    """The manifest's CMS signature does not verify or does not chain to the trust anchor."""


class UntrustedSignerError(SignatureError):
    """The signature is intact but its certificate does not chain to the trust anchor."""


class DigestMismatchError(PackageError):
    """A member's bytes differ from the SHA-256 digest in the signed manifest."""


class WrongRecipientError(PackageError):
    """The package was made for another recipient."""


class UnknownSenderError(PackageError):
    """The signer is not a certificate the recipient trusts."""


class RevokedSenderError(PackageError):
    """The signer's certificate has been revoked."""


class SequenceError(PackageError):
    """The package does not continue the sender's sequence."""


class SequenceGapError(SequenceError):
    """One or more earlier packages from this sender have not been received yet."""

    def __init__(self, message: str, missing: range) -> None:
        super().__init__(message)
        self.missing = missing


class ReplayError(SequenceError):
    """This exact package was received before: receiving it again changes nothing."""


class RollbackError(SequenceError):
    """An older (or a different) package under a sequence number already accepted."""


class BrokenChainError(SequenceError):
    """The next sequence number, but it names a different previous package."""


class DecryptionError(PackageError):
    """A member cannot be decrypted with the recipient's key."""


class TrustError(ExchangeError):
    """The trust list or an enrolment bundle is invalid, unsigned or outdated."""
