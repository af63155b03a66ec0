"""Which addresses from the API may become a link or a redirect.

A payment link, an e-wallet action, ``redirect_url`` or a lesson's video come from the store's
data; a ``javascript:`` or ``data:`` address there must never become a live ``href`` or a
``location.assign``. Allowed: ``https:``; ``http:`` only to this machine (the local sandbox);
and, where a payment app is opened, the e-wallets' own app schemes.
"""

from __future__ import annotations

from urllib.parse import urlsplit

#: Schemes the Indonesian e-wallets' payment deeplinks use (GoPay/Gojek, ShopeePay, DANA,
#: LinkAja, OVO).
APP_SCHEMES = frozenset({"gojek", "gopay", "shopeeid", "shopeepay", "dana", "linkaja", "ovo"})
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})


def safe_link(url: object, *, app: bool = False) -> str | None:
    """``url`` when it may be followed, else None (the caller shows it as text, if at all)."""
    if not isinstance(url, str) or not url.strip() or any(ch in url for ch in "\r\n\t\0"):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme == "https" and parts.netloc:
        return url.strip()
    if scheme == "http" and parts.hostname in LOOPBACK:
        return url.strip()
    if app and scheme in APP_SCHEMES:
        return url.strip()
    return None
