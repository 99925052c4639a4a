"""The client's address: one setting, one function, for lockouts and limits."""

import pytest
from django.test import RequestFactory

from summaries.client_address import client_address, household

LB = "10.0.0.2"  # the load balancer's own address, as the app server sees it


@pytest.mark.parametrize(
    ("proxies", "meta", "expected"),
    [
        (0, {"REMOTE_ADDR": "203.0.113.7"}, "203.0.113.7"),
        # Without a trusted proxy the header is ignored: anyone can send it.
        (
            0,
            {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "203.0.113.7"},
            "10.0.0.2",
        ),
        # Behind one proxy: the last entry is what our proxy saw; earlier ones
        # are whatever the client claimed.
        (
            1,
            {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.7"},
            "203.0.113.7",
        ),
        # Behind two (a CDN, then the load balancer): the second from the right.
        (
            2,
            {
                "REMOTE_ADDR": "10.0.0.2",
                "HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.7, 198.51.100.1",
            },
            "203.0.113.7",
        ),
        # Fewer entries than proxies, or garbage: the connecting address.
        (
            2,
            {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "203.0.113.7"},
            "10.0.0.2",
        ),
        (
            1,
            {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "nonsense"},
            "10.0.0.2",
        ),
        (1, {"REMOTE_ADDR": "10.0.0.2"}, "10.0.0.2"),
        (0, {"REMOTE_ADDR": "::ffff:203.0.113.7"}, "203.0.113.7"),
        (0, {"REMOTE_ADDR": "2001:db8:1:2:3:4:5:6"}, "2001:db8:1:2:3:4:5:6"),
    ],
)
def test_the_client_address(settings, proxies, meta, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert client_address(RequestFactory().get("/", **meta)) == expected


def test_a_household_is_an_ipv6_reader_s_64_or_an_ipv4_address():
    assert household("2001:db8:1:2:3:4:5:6") == "2001:db8:1:2::/64"
    assert household("203.0.113.7") == "203.0.113.7"


def test_the_lockout_and_the_rate_limits_read_the_same_function(settings):
    from django.utils.module_loading import import_string

    assert import_string(settings.AXES_CLIENT_IP_CALLABLE) is client_address
