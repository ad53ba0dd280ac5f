"""Email addresses and network addresses, kept as little as possible.

The platform needs an email address for two things only: to tell whether the
same person has already done something (a keyed hash does that, and cannot be
read back), and to write to them (the address encrypted at rest, deleted when
its purpose ends). IP addresses are never kept: only a keyed hash of their
network prefix, enough to see a flood coming from one network.

Keys come from settings (``PERSONAL_DATA_HASH_KEYS`` and
``PERSONAL_DATA_ENCRYPTION_KEYS``); the first of each list is current, the
others are kept so that data written with an older key stays usable while it
is rotated.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import ipaddress

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

# Providers whose addresses reach the same mailbox written in several ways:
# the domains that are one, whether dots in the local part are ignored, and
# the character that starts a sub-address ("+tag").
GMAIL = {"dots": True, "tag": "+", "domain": "gmail.com"}
PROVIDERS = {
    "gmail.com": GMAIL,
    "googlemail.com": GMAIL,
    "outlook.com": {"dots": False, "tag": "+"},
    "hotmail.com": {"dots": False, "tag": "+"},
    "live.com": {"dots": False, "tag": "+"},
    "icloud.com": {"dots": False, "tag": "+"},
    "me.com": {"dots": False, "tag": "+"},
    "fastmail.com": {"dots": False, "tag": "+"},
    "proton.me": {"dots": False, "tag": "+"},
    "protonmail.com": {"dots": False, "tag": "+"},
    "pm.me": {"dots": False, "tag": "+"},
    "yahoo.com": {"dots": False, "tag": "-"},
}
# Elsewhere "+tag" is the common convention (RFC 5233), so it is removed too.
OTHER_PROVIDERS = {"dots": False, "tag": "+"}
IPV4_PREFIX = 24
IPV6_PREFIX = 48


def email_normalise(address: str) -> str:
    """Return the form of an address that one mailbox has, however written.

    Case is ignored everywhere; sub-address tags everywhere their provider
    uses them; dots only where the provider ignores them (Gmail).
    """
    local, _, domain = address.strip().lower().rpartition("@")
    rules = PROVIDERS.get(domain, OTHER_PROVIDERS)
    domain = rules.get("domain", domain)
    if rules["tag"] in local[1:]:
        local = local[0] + local[1:].split(rules["tag"], 1)[0]
    if rules["dots"]:
        local = local.replace(".", "")
    return f"{local}@{domain}"


def email_domain(address: str) -> str:
    """Return the domain of an address, as one mailbox provider names it."""
    return email_normalise(address).rpartition("@")[2]


def _keyed_hash(key: str, value: str) -> str:
    return hmac.new(key.encode(), value.encode(), hashlib.sha256).hexdigest()


def email_hashes(address: str) -> list[str]:
    """Return the keyed hash of an address under each key, current first."""
    normalised = email_normalise(address)
    return [_keyed_hash(key, normalised) for key in settings.PERSONAL_DATA_HASH_KEYS]


def email_hash(address: str) -> str:
    """Return the keyed hash of an address under the current key."""
    return email_hashes(address)[0]


def _fernet() -> MultiFernet:
    return _fernet_for(tuple(settings.PERSONAL_DATA_ENCRYPTION_KEYS))


@functools.lru_cache(maxsize=4)
def _fernet_for(keys: tuple[str, ...]) -> MultiFernet:
    # Built once per key list, not for every address encrypted or read.
    return MultiFernet([Fernet(key.encode()) for key in keys])


def encrypt(text: str) -> str:
    """Return text encrypted with the current key (Fernet: AES and HMAC)."""
    return _fernet().encrypt(text.encode()).decode()


def decrypt(token: str) -> str | None:
    """Return the text of a token, or None when no key can read it."""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except (InvalidToken, ValueError):
        return None


def reencrypt(token: str) -> str:
    """Return a token encrypted again with the current key (rotation)."""
    return _fernet().rotate(token.encode()).decode()


def network_prefix(ip: str) -> str:
    """Return the network an address belongs to (/24 for IPv4, /48 for IPv6)."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return "unknown"
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    bits = IPV4_PREFIX if address.version == 4 else IPV6_PREFIX
    return str(ipaddress.ip_network(f"{address}/{bits}", strict=False))


def network_hash(ip_or_prefix: str) -> str:
    """Return a short keyed hash of the network prefix of an address.

    Accepts an address ("203.0.113.9") or a prefix ("203.0.113.0/24"), so
    that staff can look for a network without the platform keeping any.
    """
    prefix = ip_or_prefix.strip()
    if "/" in prefix:
        try:
            prefix = str(ipaddress.ip_network(prefix, strict=False))
        except ValueError:
            return ""
    else:
        prefix = network_prefix(prefix)
    return _keyed_hash(settings.PERSONAL_DATA_HASH_KEYS[0], prefix)[:16]
