"""Answers compressed at GZIP_LEVEL, otherwise as Django's middleware does."""

import gzip
import random
import secrets

import pytest
from django.http import HttpResponse, StreamingHttpResponse
from django.test import RequestFactory

from digitalrights.core.compression import GZipMiddleware

WORDS = ["digital", "rights", "cities", "privacy", "open", "data", "inclusion"]
_random = random.Random(7)
# Varied enough that every level compresses it to another size.
TEXT = " ".join(
    _random.choice(WORDS) + str(_random.randrange(100)) for _ in range(3000)
)
TEXT = TEXT.encode()


def answer(response):
    return GZipMiddleware(lambda request: response)


def get(encoding="gzip, deflate, br"):
    return RequestFactory().get("/", headers={"accept-encoding": encoding})


@pytest.mark.parametrize("level", [1, 3, 6])
def test_an_answer_is_compressed_at_the_level_set(settings, level):
    settings.GZIP_LEVEL = level
    response = answer(HttpResponse(TEXT))(get())
    assert response["Content-Encoding"] == "gzip"
    assert response["Content-Length"] == str(len(response.content))
    assert "Accept-Encoding" in response["Vary"]
    assert gzip.decompress(response.content) == TEXT
    expected = len(gzip.compress(TEXT, compresslevel=level, mtime=0))
    name = response.content[10:].index(b"\x00") + 1  # the random file name
    assert len(response.content) == expected + name


def test_the_levels_tested_give_different_sizes():
    sizes = {len(gzip.compress(TEXT, compresslevel=level)) for level in (1, 3, 6)}
    assert len(sizes) == 3


def test_the_file_name_that_hides_the_length_varies_as_djangos_does():
    sizes = {len(answer(HttpResponse(TEXT))(get()).content) for _ in range(40)}
    assert len(sizes) > 1, "every answer had the same length"
    first = answer(HttpResponse(TEXT))(get()).content
    assert first[3] & gzip.FNAME


def test_a_strong_etag_becomes_weak_and_a_weak_one_stays():
    strong = HttpResponse(TEXT)
    strong["ETag"] = '"abc"'
    assert answer(strong)(get())["ETag"] == 'W/"abc"'
    weak = HttpResponse(TEXT)
    weak["ETag"] = 'W/"abc"'
    assert answer(weak)(get())["ETag"] == 'W/"abc"'


@pytest.mark.parametrize(
    "response, encoding",
    [
        (HttpResponse(TEXT), "identity"),
        (HttpResponse(TEXT), ""),
        (HttpResponse(b"short"), "gzip"),
    ],
)
def test_what_is_not_worth_or_not_asked_for_is_left_plain(response, encoding):
    answered = answer(response)(get(encoding))
    assert not answered.has_header("Content-Encoding")
    assert answered.content in (TEXT, b"short")


def test_an_answer_already_encoded_is_left_alone():
    response = HttpResponse(b"x" * 500)
    response["Content-Encoding"] = "br"
    assert answer(response)(get()).content == b"x" * 500


def test_random_bytes_that_would_not_shrink_are_sent_plain():
    noise = secrets.token_bytes(4000)
    answered = answer(HttpResponse(noise))(get())
    assert not answered.has_header("Content-Encoding")
    assert answered.content == noise
    assert "Accept-Encoding" in answered["Vary"]


def test_a_streamed_answer_is_still_compressed_by_django():
    streamed = StreamingHttpResponse(iter([TEXT[:5000], TEXT[5000:]]))
    answered = answer(streamed)(get())
    assert answered["Content-Encoding"] == "gzip"
    assert gzip.decompress(b"".join(answered.streaming_content)) == TEXT
