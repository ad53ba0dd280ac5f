"""The proof-of-work challenge (ALTCHA) of the endorsement form."""

from __future__ import annotations

import base64
import datetime
import json

import altcha as altcha_lib
import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from digitalrights.core.cache import PageCacheMiddleware
from digitalrights.endorsements import altcha
from digitalrights.endorsements.models import Endorsement, EndorsementSettings

pytestmark = pytest.mark.django_db

AMSTERDAM = 2759794
CHALLENGE_URL = "/en/endorse/challenge/"


@pytest.fixture
def quick_challenges(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make challenges that Python solves at once; the checks stay the same."""
    monkeypatch.setattr(altcha, "COUNTER_MIN", 1)
    monkeypatch.setattr(altcha, "COUNTER_MAX", 50)


def solve(challenge: dict) -> str:
    """Return the payload the widget would send for a challenge."""
    parsed = altcha_lib.Challenge.from_dict(challenge)
    solution = altcha_lib.solve_challenge(parsed)
    assert solution is not None
    return altcha_lib.Payload(parsed, solution).to_base64()


def decode(payload: str) -> dict:
    return json.loads(base64.b64decode(payload))


def encode(data: dict) -> str:
    return base64.b64encode(json.dumps(data).encode()).decode()


def endorse(client, email: str, payload: str | None = None, **data):
    data = {"email": email, **data}
    if payload is not None:
        data["altcha"] = payload
    return client.post(f"/en/endorse/{AMSTERDAM}/", data)


def test_the_challenge_is_json_and_never_cached(client) -> None:
    first = client.get(CHALLENGE_URL)
    second = client.get(CHALLENGE_URL)
    assert first.status_code == 200
    assert first["Content-Type"] == "application/json"
    assert "no-store" in first["Cache-Control"]
    assert not PageCacheMiddleware(lambda request: first)._response_is_cacheable(first)
    challenge = first.json()
    assert challenge["parameters"]["algorithm"] == altcha.ALGORITHM
    assert challenge["parameters"]["cost"] == altcha.COST
    assert challenge["signature"]
    # The second visitor gets a challenge of their own, not a cached copy.
    assert second.json()["signature"] != challenge["signature"]
    assert client.post(CHALLENGE_URL).status_code == 405


def test_the_challenge_expires_in_ten_minutes(client) -> None:
    before = timezone.now()
    expires_at = client.get(CHALLENGE_URL).json()["parameters"]["expiresAt"]
    seconds = expires_at - before.timestamp()
    assert 599 <= seconds <= 601


def test_a_solved_challenge_counts_as_proof_of_work(client) -> None:
    # The real parameters, solved as the widget does (in Python, slower).
    payload = solve(client.get(CHALLENGE_URL).json())
    response = endorse(client, "ada@example.org", payload)
    assert response.status_code == 302
    assert Endorsement.objects.get().proof_of_work is True


def test_without_an_answer_the_endorsement_is_taken_without_proof(client) -> None:
    # No JavaScript, or sent before the browser finished: the no-JS fallback.
    assert endorse(client, "ada@example.org").status_code == 302
    assert endorse(client, "bob@example.org", payload="").status_code == 302
    assert list(Endorsement.objects.values_list("proof_of_work", flat=True)) == [
        False,
        False,
    ]


def test_a_solved_challenge_earns_the_higher_network_limit(
    client, quick_challenges
) -> None:
    rules = EndorsementSettings.load()
    rules.per_network_without_proof_per_hour = 1
    rules.per_network_per_hour = 1000
    rules.save()
    assert endorse(client, "one@example.org").status_code == 302
    assert endorse(client, "two@example.org").status_code == 429
    payload = solve(client.get(CHALLENGE_URL).json())
    assert endorse(client, "two@example.org", payload).status_code == 302
    assert Endorsement.objects.count() == 2


def test_a_solved_challenge_is_accepted_once(client, quick_challenges) -> None:
    payload = solve(client.get(CHALLENGE_URL).json())
    assert endorse(client, "ada@example.org", payload).status_code == 302
    again = endorse(client, "bob@example.org", payload, name="Bob")
    html = again.content.decode()
    assert again.status_code == 400
    assert "This form was already sent." in html
    assert 'value="bob@example.org"' in html
    assert 'value="Bob"' in html
    assert Endorsement.objects.count() == 1


def test_a_replay_in_another_spelling_is_still_a_replay(
    client, quick_challenges
) -> None:
    payload = solve(client.get(CHALLENGE_URL).json())
    assert endorse(client, "ada@example.org", payload).status_code == 302
    # 100.0 signs as 100: the same challenge, written differently.
    data = decode(payload)
    data["challenge"]["parameters"]["cost"] = float(altcha.COST)
    again = endorse(client, "bob@example.org", encode(data))
    assert again.status_code == 400
    assert Endorsement.objects.count() == 1


def test_an_expired_challenge_is_refused_and_nothing_stored(
    client, quick_challenges
) -> None:
    eleven_minutes_ago = timezone.now() - datetime.timedelta(minutes=11)
    payload = solve(altcha.challenge_create(now=eleven_minutes_ago))
    response = endorse(client, "ada@example.org", payload, name="Ada")
    html = response.content.decode()
    assert response.status_code == 400
    assert "has expired" in html
    assert 'value="ada@example.org"' in html
    assert 'value="Ada"' in html
    assert not Endorsement.objects.exists()


def _forgeries(payload: str) -> dict[str, str]:
    """Return ways to tamper with a genuine answer, by name."""
    forged = {}
    data = decode(payload)
    data["solution"]["derivedKey"] = "00" * 32
    forged["another key"] = encode(data)
    data = decode(payload)
    data["challenge"]["parameters"]["cost"] = 1
    forged["an easier challenge"] = encode(data)
    data = decode(payload)
    data["challenge"]["parameters"]["expiresAt"] += 3600
    forged["a later expiry"] = encode(data)
    data = decode(payload)
    del data["challenge"]["signature"]
    forged["no signature"] = encode(data)
    # What the widget sends in its test mode.
    forged["test mode"] = encode({"challenge": None, "solution": None, "test": True})
    forged["not base64"] = "%%% not base64 %%%"
    forged["not JSON"] = base64.b64encode(b"\xff\xfe not json").decode()
    return forged


@pytest.mark.parametrize(
    "forgery",
    [
        "another key",
        "an easier challenge",
        "a later expiry",
        "no signature",
        "test mode",
        "not base64",
        "not JSON",
    ],
)
def test_a_forged_answer_is_refused_with_a_message_and_nothing_stored(
    client, quick_challenges, forgery: str
) -> None:
    payload = solve(client.get(CHALLENGE_URL).json())
    response = endorse(client, "ada@example.org", _forgeries(payload)[forgery])
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html
    assert "We could not confirm the automatic check" in html
    assert 'value="ada@example.org"' in html
    assert not Endorsement.objects.exists()


def test_a_challenge_signed_with_another_key_is_refused(
    client, quick_challenges, settings
) -> None:
    settings.ALTCHA_HMAC_KEY = "another site's key, at least thirty-two characters"
    payload = solve(altcha.challenge_create())
    settings.ALTCHA_HMAC_KEY = "this site's key, also at least thirty-two characters"
    assert altcha.proof_check(payload).proof is altcha.Proof.FORGED
    assert endorse(client, "ada@example.org", payload).status_code == 400
    assert not Endorsement.objects.exists()


def test_a_huge_answer_is_refused_before_it_is_decoded() -> None:
    huge = encode({"challenge": {"parameters": {"data": "x" * 1_000_000}}})
    assert altcha.proof_check(huge).proof is altcha.Proof.FORGED


HEX = "0123456789abcdef"


@hypothesis_settings(
    max_examples=40, deadline=None, suppress_health_check=list(HealthCheck)
)
@given(data=st.data())
def test_changing_any_hex_digit_of_an_answer_is_refused(quick_challenges, data) -> None:
    payload = decode(solve(altcha.challenge_create()))
    fields = {
        "nonce": payload["challenge"]["parameters"],
        "salt": payload["challenge"]["parameters"],
        "keyPrefix": payload["challenge"]["parameters"],
        "keySignature": payload["challenge"]["parameters"],
        "signature": payload["challenge"],
        "derivedKey": payload["solution"],
    }
    name = data.draw(st.sampled_from(sorted(fields)))
    value = fields[name][name]
    position = data.draw(st.integers(0, len(value) - 1))
    digit = data.draw(st.sampled_from([d for d in HEX if d != value[position]]))
    fields[name][name] = value[:position] + digit + value[position + 1 :]
    assert altcha.proof_check(encode(payload)).proof is altcha.Proof.FORGED


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=20,
)
parameter_names = st.sampled_from(
    [
        "algorithm",
        "nonce",
        "salt",
        "cost",
        "keyLength",
        "keyPrefix",
        "keySignature",
        "expiresAt",
        "memoryCost",
        "parallelism",
        "data",
    ]
)
shaped_like_an_answer = st.fixed_dictionaries(
    {
        "challenge": st.fixed_dictionaries(
            {
                "parameters": st.dictionaries(parameter_names, json_values),
                "signature": json_values,
            }
        ),
        "solution": st.dictionaries(
            st.sampled_from(["counter", "derivedKey", "time"]), json_values
        ),
    }
)
payloads = st.one_of(
    st.text(max_size=300),
    st.binary(max_size=300).map(lambda raw: base64.b64encode(raw).decode()),
    json_values.map(encode),
    shaped_like_an_answer.map(encode),
    st.integers(0, 3).map(lambda n: "QUFB" * 10**n + "=" * n),
)


@hypothesis_settings(
    max_examples=150, deadline=None, suppress_health_check=list(HealthCheck)
)
@given(payload=payloads)
def test_no_answer_ever_fails_with_a_server_error(client, payload: str) -> None:
    response = endorse(client, "ada@example.org", payload)
    assert response.status_code in (302, 400, 429)
    assert altcha.proof_check(payload).proof is not altcha.Proof.SOLVED
