"""Gzip for every answer, at a level worth its time.

Django's GZipMiddleware always compresses at zlib's level 6. For the large
JSON pages of the API (90 to 240 kB before compression) level 6 took three
times as long as level 3 for answers only about a tenth larger
(bench/README.md): on a busy server, the time is the scarcer of the two.
``GZIP_LEVEL`` (default 3) sets it; everything else is Django's, including
its protection against BREACH (a random-length file name in the gzip
header) and its handling of streamed answers.
"""

from __future__ import annotations

import gzip
import secrets

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.gzip import GZipMiddleware as DjangoGZipMiddleware
from django.middleware.gzip import re_accepts_gzip
from django.utils.cache import patch_vary_headers


def compress(content: bytes, level: int, max_random_bytes: int) -> bytes:
    """Return ``content`` gzipped as Django's ``compress_string`` does,
    with a random-length file name in the header, at ``level``."""
    compressed = memoryview(gzip.compress(content, compresslevel=level, mtime=0))
    header = bytearray(compressed[:10])
    header[3] = gzip.FNAME
    name = b"a" * secrets.randbelow(max_random_bytes) + b"\x00"
    return bytes(header) + name + compressed[10:]


class GZipMiddleware(DjangoGZipMiddleware):
    """Django's GZipMiddleware, compressing whole answers at ``GZIP_LEVEL``."""

    def process_response(
        self, request: HttpRequest, response: HttpResponse
    ) -> HttpResponse:
        if (
            response.streaming
            or len(response.content) < 200
            or response.has_header("Content-Encoding")
            or not re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        ):
            return super().process_response(request, response)
        patch_vary_headers(response, ("Accept-Encoding",))
        compressed = compress(
            response.content, settings.GZIP_LEVEL, self.max_random_bytes
        )
        if len(compressed) >= len(response.content):
            return response
        response.content = compressed
        response.headers["Content-Length"] = str(len(compressed))
        # A strong ETag becomes weak, as RFC 9110 (8.8.1) asks of a
        # transformed answer and as Django does.
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            response.headers["ETag"] = "W/" + etag
        response.headers["Content-Encoding"] = "gzip"
        return response
