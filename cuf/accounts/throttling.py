"""Who is trying to log in, as login throttling (django-axes) records it.

Both values are stored and compared on every failed login, so they must be what the
portal can trust and store: the client's address as the trusted proxy saw it (never a
value the client chose, never empty), and the typed name cut to what the table holds.
"""

import ipaddress

from django.conf import settings

# django-axes keeps usernames in a column of 255 characters.
USERNAME_MAX_LENGTH = 255


def _valid_address(value: str) -> str | None:
    """The address in an X-Forwarded-For entry: "203.0.113.5", "203.0.113.5:4444",
    "2001:db8::1" or "[2001:db8::1]:4444" (some proxies write the client's port)."""
    value = value.strip()
    if value.startswith("[") and "]" in value:
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_address(request) -> str:
    """The address of the client, as the last trusted proxy received the request.

    Behind ``TRUSTED_PROXY_COUNT`` proxies, each appending the address it received from
    to X-Forwarded-For (or the outermost one setting it), the client is the entry that
    many places from the right: entries further left were written by the client and
    prove nothing. With fewer entries than proxies (a proxy that sets the header), the
    leftmost is taken. Without a proxy, or without a usable entry: REMOTE_ADDR.
    """
    remote = request.META.get("REMOTE_ADDR", "") or "0.0.0.0"
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies <= 0 or not forwarded:
        return remote
    hops = [hop for hop in forwarded.split(",") if hop.strip()]
    if not hops:
        return remote
    chosen = hops[-proxies] if len(hops) >= proxies else hops[0]
    return _valid_address(chosen) or remote


# An IPv6 subscriber is given a whole /64 (RFC 6177) and picks any address in it at will:
# counted one address at a time, they would get 2^64 fresh counts.
IPV6_NETWORK_PREFIX = 64


def throttled_address(request) -> str:
    """The client as throttles count it (login lock-outs, password reset requests, the
    API's rate): its address, or for IPv6 the /64 network it belongs to, written as that
    network's first address (a valid address, as the lock-out table stores them)."""
    address = client_address(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        network = ipaddress.ip_network(f"{parsed}/{IPV6_NETWORK_PREFIX}", strict=False)
        return str(network.network_address)
    return address


def attempted_username(request, credentials: dict | None = None) -> str:
    """The name typed on the login form, as stored: printable and at most 255 characters
    (any input gets the login form's own error, never a database error)."""
    name = (credentials or {}).get("username")
    if name is None:
        name = request.POST.get("username", "")
    printable = "".join(char for char in str(name) if char.isprintable())
    return printable[:USERNAME_MAX_LENGTH]
