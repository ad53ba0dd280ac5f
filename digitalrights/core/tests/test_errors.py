from unittest import mock

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db


def test_server_error_is_a_plain_page_without_details():
    client = Client(raise_request_exception=False)
    with mock.patch(
        "digitalrights.cities.selectors.member_list",
        side_effect=RuntimeError("secret internals"),
    ):
        response = client.get("/en/cities/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong on our side" in html
    assert "secret internals" not in html
    assert "Traceback" not in html


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    params=st.dictionaries(
        st.sampled_from(["country", "region", "year", "page", "q", "other"]),
        st.text(max_size=200),
        max_size=4,
    )
)
def test_no_query_string_makes_the_city_pages_fail(client, params):
    for path in ("/en/cities/", "/en/cities/find/"):
        response = client.get(path, params)
        assert response.status_code in {200, 400}, (path, params)
