"""The visible digital seal: COSE_Sign1 / Ed25519 / Base45, and its failure messages."""

from __future__ import annotations

import base64
from dataclasses import replace
from datetime import date

import base45
import cbor2
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop.documents.seal import (
    PREFIX,
    SealClaims,
    SealFailure,
    SealSigner,
    seal_key_id,
    seal_qr,
    verify_seal,
)
from tests.documents import fixtures


@pytest.fixture
def key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


@pytest.fixture
def claims() -> SealClaims:
    return SealClaims.from_notification(fixtures.notification())


def keys_for(key: Ed25519PrivateKey) -> dict[bytes, object]:
    return {seal_key_id(key.public_key()): key.public_key()}


def test_round_trip(key: Ed25519PrivateKey, claims: SealClaims) -> None:
    text = SealSigner(key).sign(claims)
    assert text.startswith(PREFIX)
    check = verify_seal(text, keys_for(key))  # type: ignore[arg-type]
    assert check.ok, check.message
    assert check.claims == claims
    assert check.message == "seal genuine"


def test_structure_is_a_tagged_cose_sign1_per_rfc9052(
    key: Ed25519PrivateKey, claims: SealClaims
) -> None:
    text = SealSigner(key).sign(claims)
    message = cbor2.loads(base45.b45decode(text[len(PREFIX) :]))
    assert message.tag == 18
    protected, unprotected, payload, signature = message.value
    assert cbor2.loads(protected) == {1: -8, 4: seal_key_id(key.public_key())}
    assert dict(unprotected) == {}
    assert len(signature) == 64
    # The signature is over Sig_structure = ["Signature1", protected, h'', payload].
    key.public_key().verify(signature, cbor2.dumps(["Signature1", protected, b"", payload]))
    assert SealClaims.from_cbor(payload) == claims


def test_every_single_character_change_is_rejected(
    key: Ed25519PrivateKey, claims: SealClaims
) -> None:
    text = SealSigner(key).sign(claims)
    trusted = keys_for(key)
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
    for i in range(len(PREFIX), len(text)):
        other = alphabet[(alphabet.index(text[i]) + 7) % len(alphabet)]
        check = verify_seal(text[:i] + other + text[i + 1 :], trusted)  # type: ignore[arg-type]
        assert not check.ok, i
        assert check.failure is not None


def test_a_changed_claim_character_says_the_signature_fails(
    key: Ed25519PrivateKey, claims: SealClaims
) -> None:
    text = SealSigner(key).sign(claims)
    raw = bytearray(base45.b45decode(text[len(PREFIX) :]))
    where = raw.index("Берлин".encode())
    raw[where + 1] ^= 0x01  # one letter of the destination
    forged = PREFIX + base45.b45encode(bytes(raw)).decode()
    check = verify_seal(forged, keys_for(key))  # type: ignore[arg-type]
    assert check.failure is SealFailure.BAD_SIGNATURE
    assert check.message == "the seal's signature does not verify (altered or forged)"


@pytest.mark.parametrize(
    ("text", "failure"),
    [
        ("HC1:ABC", SealFailure.NOT_A_SEAL),
        ("https://example.kz/x", SealFailure.NOT_A_SEAL),
        (PREFIX + "A", SealFailure.BAD_ENCODING),
        (PREFIX + base45.b45encode(b"\xff\x00garbage").decode(), SealFailure.BAD_STRUCTURE),
        (PREFIX + base45.b45encode(cbor2.dumps([1, 2])).decode(), SealFailure.BAD_STRUCTURE),
    ],
)
def test_damaged_texts_say_what_is_wrong(
    key: Ed25519PrivateKey, text: str, failure: SealFailure
) -> None:
    assert verify_seal(text, keys_for(key)).failure is failure  # type: ignore[arg-type]


def test_unknown_key_is_named(key: Ed25519PrivateKey, claims: SealClaims) -> None:
    text = SealSigner(key).sign(claims)
    other = Ed25519PrivateKey.generate()
    check = verify_seal(text, keys_for(other))  # type: ignore[arg-type]
    assert check.failure is SealFailure.UNKNOWN_KEY
    assert seal_key_id(key.public_key()).hex() in check.message


def test_a_key_posing_under_a_trusted_key_id_fails(
    key: Ed25519PrivateKey, claims: SealClaims
) -> None:
    forger = Ed25519PrivateKey.generate()
    text = SealSigner(forger, key_id=seal_key_id(key.public_key())).sign(claims)
    check = verify_seal(text, keys_for(key))  # type: ignore[arg-type]
    assert check.failure is SealFailure.BAD_SIGNATURE


def test_other_algorithms_are_refused(key: Ed25519PrivateKey, claims: SealClaims) -> None:
    protected = cbor2.dumps({1: -7, 4: seal_key_id(key.public_key())})  # ES256 claimed
    payload = claims.to_cbor()
    sig = key.sign(cbor2.dumps(["Signature1", protected, b"", payload]))
    text = (
        PREFIX
        + base45.b45encode(cbor2.dumps(cbor2.CBORTag(18, [protected, {}, payload, sig]))).decode()
    )
    check = verify_seal(text, keys_for(key))  # type: ignore[arg-type]
    assert check.failure is SealFailure.UNSUPPORTED_ALGORITHM


def test_qr_is_ecc_m_alphanumeric_and_moderate_in_size(
    key: Ed25519PrivateKey, claims: SealClaims
) -> None:
    # A long name, department and settlement still fit a QR a phone reads easily.
    long = replace(
        claims,
        person_full_name="ӘБДІРАХМАНОВА-ТҰҢҒЫШБАЕВА Гүлнұр Сағындыққызы",
        police_department="Шығыс Қазақстан облысы Полиция департаменті",
        destination_settlement="Frankfurt am Main",
        issue_date=date(2026, 12, 31),
    )
    qr = seal_qr(SealSigner(key).sign(long))
    assert qr.error == "M"
    assert qr.mode == "alphanumeric"
    assert qr.version <= 17


def test_seal_text_is_not_base64_by_accident(key: Ed25519PrivateKey, claims: SealClaims) -> None:
    text = SealSigner(key).sign(claims)
    assert set(text[len(PREFIX) :]) <= set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")
    with pytest.raises(ValueError):
        base64.b64decode(text, validate=True)


def test_a_seal_naming_another_mission_than_its_keys_is_refused(
    key: Ed25519PrivateKey, claims: SealClaims
) -> None:
    """Issue 13, point 5: a seal made with KZ-ANK's key that claims KZ-BER is not genuine."""
    ber = Ed25519PrivateKey.generate()
    keys = {**keys_for(key), **keys_for(ber)}
    missions = {seal_key_id(key.public_key()): "KZ-ANK", seal_key_id(ber.public_key()): "KZ-BER"}
    forged = SealSigner(key).sign(replace(claims, mission_code="KZ-BER"))
    check = verify_seal(forged, keys, missions)  # type: ignore[arg-type]
    assert check.failure is SealFailure.WRONG_MISSION
    assert check.message == (
        "the seal names another mission than the one its key belongs to: "
        "it claims KZ-BER, its key is KZ-ANK's"
    )
    # The same key sealing for its own mission is genuine; a key of no mission vouches for none.
    own = SealSigner(key).sign(replace(claims, mission_code="KZ-ANK"))
    assert verify_seal(own, keys, missions).ok  # type: ignore[arg-type]
    unbound = verify_seal(own, keys, {})  # type: ignore[arg-type]
    assert unbound.failure is SealFailure.WRONG_MISSION
    assert "names no mission" in unbound.message
