"""Who is asking: the reader's address, the one way the whole site reads it.

Used by the admin's login lockout (django-axes), the limits on what readers
post, and anything else that must tell clients apart. Behind N proxies of our
own (setting TRUSTED_PROXY_COUNT, from DJANGO_TRUSTED_PROXIES), each proxy
appends the address that connected to it to X-Forwarded-For, so the client is
the N-th entry from the right; anything further left was written by the client
itself and is ignored. With no trusted proxy, only the connecting address
counts.
"""

import ipaddress

from django.conf import settings


def _valid(text):
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    # An IPv4 reader reached over IPv6 (::ffff:203.0.113.7) is that IPv4 reader.
    return str(address.ipv4_mapped or address) if address.version == 6 else str(address)


def client_address(request):
    """The client's address as text, or "" when none can be read."""
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if len(forwarded) >= count and (address := _valid(forwarded[-count])):
            return address
    return _valid(request.META.get("REMOTE_ADDR", "")) or ""


def household(address):
    """The block one household or office gets: an IPv6 address's /64; an IPv4
    address itself. Limits count readers by it, so one home's many IPv6
    addresses share one count."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return address
