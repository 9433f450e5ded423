"""DER re-encoding of a parsed asn1crypto value in one pass (a check that bytes are canonical).

``value.dump(force=True)`` re-encodes every node from its fields, which is what a canonical
check needs, but asn1crypto 1.5 does it in time exponential in the nesting depth once any
node is marked as changed (wbond/asn1crypto#256): an absent DEFAULT field (the hash algorithm
of ESSCertIDv2 inside the ``signing_certificate_v2`` attribute, say) is filled in with a
freshly built default value that counts as changed, so every ancestor re-encodes its children
again on each read of its contents, several times per level. A PDF signature's 1 KB of CMS
took ~0.2 s (88 % of verifying a notification).

`reencode` first builds every node the forced dump would build (the same parse, the same
defaults), marks nothing as changed, then runs asn1crypto's own forced dump: every node is
re-encoded from its fields exactly once, so the result is byte for byte what the slow dump
returns. Only for values parsed from bytes and thrown away afterwards.
"""

from __future__ import annotations

from asn1crypto import core


def _settle(value: core.Asn1Value) -> None:
    """Parse every child the forced dump will visit; clear the "changed" marks on the way."""
    if isinstance(value, core.Any):
        _settle(value.parsed)
    elif isinstance(value, core.Choice):
        _settle(value.chosen)
    elif isinstance(value, core.Sequence):
        for index in range(len(value)):
            _settle(value[index])
        value._mutated = False
    elif isinstance(value, core.SequenceOf):
        for child in value:
            _settle(child)
        value._mutated = False
    elif (
        isinstance(value, core.ParsableOctetString | core.ParsableOctetBitString)
        and value._parsed is not None
    ):
        _settle(value.parsed)


def reencode(value: core.Asn1Value) -> bytes:
    """The DER asn1crypto writes for ``value`` from its fields (``dump(force=True)``), fast."""
    _settle(value)
    return bytes(value.dump(force=True))
