import pytest
from django.test import override_settings

from digitalrights.core import personal_data


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("Ada.Lovelace@Example.org", "ada.lovelace@example.org"),
        ("ada+petitions@example.org", "ada@example.org"),
        ("a.d.a+x@gmail.com", "ada@gmail.com"),
        ("A.DA@googlemail.com", "ada@gmail.com"),
        ("ada.l+news@outlook.com", "ada.l@outlook.com"),
        ("ada-news@yahoo.com", "ada@yahoo.com"),
        ("ada+x@yahoo.com", "ada+x@yahoo.com"),
        ("+ada@example.org", "+ada@example.org"),
        ("  ada@example.org ", "ada@example.org"),
    ],
)
def test_addresses_of_one_mailbox_normalise_alike(written, normalised):
    assert personal_data.email_normalise(written) == normalised


def test_the_hash_is_keyed_and_ignores_how_the_address_is_written():
    same = personal_data.email_hash("Ada.Lovelace+x@gmail.com")
    assert same == personal_data.email_hash("adalovelace@gmail.com")
    assert len(same) == 64
    with override_settings(PERSONAL_DATA_HASH_KEYS=["another key" * 4]):
        assert personal_data.email_hash("adalovelace@gmail.com") != same


def test_hashes_under_older_keys_are_still_recognised():
    old = personal_data.email_hash("ada@example.org")
    with override_settings(PERSONAL_DATA_HASH_KEYS=["new key " * 5, *_current_keys()]):
        assert old in personal_data.email_hashes("ada@example.org")
        assert personal_data.email_hash("ada@example.org") != old


def _current_keys():
    from django.conf import settings

    return settings.PERSONAL_DATA_HASH_KEYS


def test_encrypted_addresses_read_back_and_survive_key_rotation():
    from cryptography.fernet import Fernet
    from django.conf import settings

    token = personal_data.encrypt("ada@example.org")
    assert "ada" not in token
    new_key = Fernet.generate_key().decode()
    rotated_keys = [new_key, *settings.PERSONAL_DATA_ENCRYPTION_KEYS]
    with override_settings(PERSONAL_DATA_ENCRYPTION_KEYS=rotated_keys):
        assert personal_data.decrypt(token) == "ada@example.org"
        rotated = personal_data.reencrypt(token)
    with override_settings(PERSONAL_DATA_ENCRYPTION_KEYS=[new_key]):
        assert personal_data.decrypt(rotated) == "ada@example.org"
        assert personal_data.decrypt(token) is None


def test_a_forged_token_reads_as_nothing():
    assert personal_data.decrypt("not a token") is None


@pytest.mark.parametrize(
    ("address", "prefix"),
    [
        ("203.0.113.77", "203.0.113.0/24"),
        ("2001:db8:1234:5678::1", "2001:db8:1234::/48"),
        ("::ffff:203.0.113.77", "203.0.113.0/24"),
        ("nonsense", "unknown"),
    ],
)
def test_only_the_network_of_an_address_is_used(address, prefix):
    assert personal_data.network_prefix(address) == prefix


def test_a_network_hash_matches_its_addresses_and_its_prefix():
    one = personal_data.network_hash("203.0.113.5")
    assert one == personal_data.network_hash("203.0.113.250")
    assert one == personal_data.network_hash("203.0.113.0/24")
    assert one != personal_data.network_hash("203.0.114.5")
    assert "203" not in one
