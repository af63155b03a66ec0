"""A sentence a shopper understands, in their language, for anything the client raises.

Scalev's own error texts are English and written for developers, so they are never shown as
they are: a known ``error_code`` has its own message in the catalog, anything else gets a
plain sentence of ours, with the request id (when Scalev sent one) for the merchant to quote.
"""

from __future__ import annotations

from .api.errors import ApiError, BadAnswer, NetworkError, RequestTimeout, SessionExpired
from .i18n import Translator


def describe(error: Exception, t: Translator) -> str:
    if isinstance(error, RequestTimeout):
        return t("error.timeout")
    if isinstance(error, NetworkError):
        return t("error.network")
    if isinstance(error, SessionExpired):
        return t("error.session_expired")
    if isinstance(error, BadAnswer):
        return with_reference(t("error.generic"), error.request_id, t)
    if not isinstance(error, ApiError):
        return t("error.generic")
    if error.is_rate_limited:
        return t("error.rate_limited")
    known = next((code for code in error.codes if t.has(f"api.{code}")), None)
    if known:
        return t(f"api.{known}")
    return with_reference(t("error.generic") if error.status >= 500 else t("error.refused"), error.request_id, t)


def with_reference(text: str, request_id: str | None, t: Translator) -> str:
    return f"{text} {t('error.reference', id=request_id)}" if request_id else text
