"""A proof-of-work challenge for the endorsement form (the ALTCHA protocol).

The browser fetches a signed challenge from our own site, spends about a
second finding its answer, and sends the answer with the form. Solved, the
endorsement gets the higher hourly limit per network; without an answer (no
JavaScript, or the person was quicker than the browser) it is still taken,
under the stricter limit, and the emailed link remains the real check. An
answer that is forged, expired or used before is refused.

Nothing here is stored in the database: each challenge carries its own HMAC
signature, and a solved one is remembered in the cache until it expires, so
that it is accepted once. An endorsement claims it in the same round trip to
the cache as its hourly counts (services.endorsement_sign).
"""

from __future__ import annotations

import datetime
import enum
import functools
import hashlib
import hmac
import secrets
from dataclasses import dataclass

import altcha
from django.conf import settings
from django.utils import timezone

from digitalrights.core.ratelimit import Once

# The form field the widget fills in.
FIELD_NAME = "altcha"

# Choosing the work. In deterministic mode the server picks the counter the
# browser must reach, derives the key for that counter once, and signs it;
# checking an answer is then two HMACs and no key derivation at all, whatever
# the cost. Measured (time.process_time, best of 7 x 3,000, on one core of
# the 2-core development machine): creating a challenge takes about 65 µs of
# CPU, the one derivation 30 µs of it; verifying an answer about 60 µs, the
# cache.add included; a forgery is turned away in 8 µs. So an endorsement
# costs about 0.12 ms, a sixteenth of the 2 ms that 1,000 endorsements a
# second on 2 cores allow.
#
# PBKDF2 with 100 iterations per try, because the browser computes it in
# native code (WebCrypto): in Chromium a try costs about 50 µs, the same
# with 1 iteration as with 100 (it is the call that costs), so they cost a
# resident nothing, while a script pays for them (Python's hashlib needs
# 26 µs a try, 0.4 s of a core per answer). A browser worker makes about
# 20,000 tries a second on a server core; a mid-range phone is roughly 3
# times slower per core but the widget runs a worker per core (4 to 8), so a
# counter drawn between 10,000 and 20,000 takes a phone about a second. The
# counter is chosen, not left to luck as with a bare key prefix, so no one
# waits much longer.
ALGORITHM = "PBKDF2/SHA-256"
COST = 100
COUNTER_MIN = 10_000
COUNTER_MAX = 20_000
# Long enough to read the form and type an address, short enough that a
# stock of solved challenges goes stale.
EXPIRES_AFTER = datetime.timedelta(minutes=10)
# A real answer is about 700 characters; anything much longer is not one,
# and is refused before it is decoded.
MAX_PAYLOAD_LENGTH = 4000
USED_KEY = "endorsements:altcha:used:{}"


class Proof(enum.Enum):
    """What the answer sent with a form shows."""

    ABSENT = "absent"
    SOLVED = "solved"
    FORGED = "forged"
    EXPIRED = "expired"
    REPLAYED = "replayed"


@functools.lru_cache(maxsize=4)
def _keys(secret: str) -> tuple[bytes, bytes]:
    """Return one key for signing challenges and one for signing answers."""
    return (
        hmac.new(secret.encode(), b"altcha-challenge", hashlib.sha256).digest(),
        hmac.new(secret.encode(), b"altcha-derived-key", hashlib.sha256).digest(),
    )


def challenge_create(*, now: datetime.datetime | None = None) -> dict:
    """Return a new signed challenge, as the widget expects it (JSON)."""
    now = now or timezone.now()
    challenge_key, answer_key = _keys(settings.ALTCHA_HMAC_KEY)
    challenge = altcha.create_challenge(
        ALGORITHM,
        COST,
        counter=COUNTER_MIN + secrets.randbelow(COUNTER_MAX - COUNTER_MIN),
        expires_at=now + EXPIRES_AFTER,
        hmac_secret=challenge_key,
        hmac_key_secret=answer_key,
    )
    return challenge.to_dict()


@dataclass(frozen=True)
class Verdict:
    """What an answer shows before it is claimed: SOLVED ones carry their key."""

    proof: Proof
    once: Once | None = None


def proof_check(payload: str, *, now: datetime.datetime | None = None) -> Verdict:
    """Check the answer a form carried, without claiming it.

    A SOLVED verdict is a genuine answer to a live challenge of this site;
    it counts only once its ``once`` key is claimed, in the endorsement's
    own round trip to the cache (services.endorsement_sign). Never raises, whatever
    was sent.
    """
    if not payload:
        return Verdict(Proof.ABSENT)
    if len(payload) > MAX_PAYLOAD_LENGTH:
        return Verdict(Proof.FORGED)
    try:
        answer = altcha.Payload.from_base64(payload)
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return Verdict(Proof.FORGED)
    challenge_key, answer_key = _keys(settings.ALTCHA_HMAC_KEY)
    try:
        result = altcha.verify_solution(
            answer, challenge_key, hmac_key_secret=answer_key
        )
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return Verdict(Proof.FORGED)
    if result.expired:
        return Verdict(Proof.EXPIRED)
    if not result.verified:
        return Verdict(Proof.FORGED)
    # Signed by this site, so the signature names the challenge, and the
    # expiry is the number written here.
    expires_at = answer.challenge.parameters.expires_at
    if not isinstance(expires_at, int):
        return Verdict(Proof.FORGED)
    remaining = expires_at - int((now or timezone.now()).timestamp())
    return Verdict(
        Proof.SOLVED,
        Once(USED_KEY.format(answer.challenge.signature), max(remaining, 0) + 60),
    )
