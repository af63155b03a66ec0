"""Customer sign-in: passwords, OTP, signed JWTs with single-use refresh, blacklist, reset links.

Tokens are HS256 JWTs signed with a secret kept in the database, so a preview restart keeps
shoppers signed in. Every refresh token belongs to a family; using one twice revokes the whole
family (and the access tokens issued with it), as Scalev documents.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import time
import uuid
from typing import TYPE_CHECKING, Any

import jwt
from starlette.requests import Request

from .errors import ApiError
from .requests import field_error, validation_failed

if TYPE_CHECKING:
    from .state import SandboxState

OTP_MESSAGE = "If this email exists in our system, an OTP has been sent to it."
OTP_TTL_SECONDS = 300
OTP_MAX_ATTEMPTS = 5
RESET_TTL_SECONDS = 3600


def hash_password(password: str, salt: bytes | None = None) -> str:
    salt = salt or os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 10_000)
    return f"{salt.hex()}${digest.hex()}"


def check_password(password: str, stored: str) -> bool:
    salt, _, digest = stored.partition("$")
    candidate = hash_password(password, bytes.fromhex(salt)).partition("$")[2]
    return hmac.compare_digest(candidate, digest)


#: Checked against when an email has no account, so both answers take as long.
DECOY_HASH = hash_password(secrets.token_hex(8))


def unauthorized(error: str = "Unauthorized", code: str = "invalid_token") -> ApiError:
    return ApiError(401, error, code)


class Auth:
    def __init__(self, state: SandboxState) -> None:
        self.state = state
        self.db = state.db

    @property
    def secret(self) -> str:
        meta = self.db.get("meta", "jwt")
        if meta is None:
            meta = self.db.put("meta", "jwt", {"secret": secrets.token_hex(32)})
        return meta["secret"]

    # -- tokens ------------------------------------------------------------------------------

    def issue(self, customer: dict[str, Any], family: str | None = None) -> dict[str, Any]:
        config = self.state.config
        now = int(time.time())
        family = family or str(uuid.uuid4())
        store = self.state.seed.store.unique_id
        common = {"sub": str(customer["id"]), "store": store, "fam": family, "iat": now}
        access_jti, refresh_jti = str(uuid.uuid4()), str(uuid.uuid4())
        access = jwt.encode(
            {**common, "typ": "access", "jti": access_jti, "exp": now + config.access_ttl},
            self.secret,
            algorithm="HS256",
        )
        refresh = jwt.encode(
            {**common, "typ": "refresh", "jti": refresh_jti, "exp": now + config.refresh_ttl},
            self.secret,
            algorithm="HS256",
        )
        self.db.put("refresh", refresh_jti, {"family": family, "customer_id": customer["id"], "used": False})
        if self.db.get("family", family) is None:
            self.db.put("family", family, {"revoked": False, "customer_id": customer["id"]})
        return {
            "access": access,
            "refresh": refresh,
            "token_type": "Bearer",
            "expires_in": config.access_ttl,
            "refresh_expires_in": config.refresh_ttl,
            "store_unique_id": store,
        }

    def _decode(self, token: str, kind: str) -> dict[str, Any]:
        try:
            claims = jwt.decode(token, self.secret, algorithms=["HS256"])
        except jwt.ExpiredSignatureError:
            raise unauthorized("Token has expired", "token_expired") from None
        except jwt.PyJWTError:
            raise unauthorized("Invalid token", "invalid_token") from None
        if claims.get("typ") != kind or claims.get("store") != self.state.seed.store.unique_id:
            raise unauthorized("Invalid token", "invalid_token")
        # Signed by this sandbox, yet a token must still say who, which sign-in and which token.
        if not all(isinstance(claims.get(k), str) and claims[k] for k in ("sub", "fam", "jti")):
            raise unauthorized("Invalid token", "invalid_token")
        if not (claims["sub"].isascii() and claims["sub"].isdigit()):
            raise unauthorized("Invalid token", "invalid_token")
        return claims

    def refresh(self, token: str) -> dict[str, Any]:
        claims = self._decode(token, "refresh")
        record = self.db.get("refresh", claims["jti"])
        family = self.db.get("family", claims["fam"])
        if record is None or family is None or family["revoked"]:
            raise unauthorized("Refresh token revoked", "token_revoked")
        if record["used"]:
            family["revoked"] = True
            self.db.put("family", claims["fam"], family)
            raise unauthorized("Refresh token already used; every session of this sign-in is revoked", "token_reused")
        record["used"] = True
        self.db.put("refresh", claims["jti"], record)
        customer = self.db.get("customer", record["customer_id"])
        if customer is None:
            raise unauthorized()
        return self.issue(customer, family=claims["fam"])

    def blacklist(self, tokens: list[str]) -> None:
        for token in tokens:
            try:
                claims = jwt.decode(token, self.secret, algorithms=["HS256"], options={"verify_exp": False})
            except jwt.PyJWTError:
                continue
            if not isinstance(claims.get("jti"), str):
                continue  # not a token this sandbox issued
            if claims.get("typ") == "access":
                self.db.put("blacklist", claims["jti"], {"exp": claims.get("exp")})
            elif claims.get("typ") == "refresh" and isinstance(claims.get("fam"), str):
                family = self.db.get("family", claims.get("fam"))
                if family is not None:
                    family["revoked"] = True
                    self.db.put("family", claims["fam"], family)

    def customer_for(self, request: Request) -> dict[str, Any]:
        """The signed-in customer of a ``/customers/me`` or merge request, or 401."""
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise unauthorized("Authentication required", "missing_token")
        claims = self._decode(token.strip(), "access")
        faults = self.state.faults
        if faults.expire_tokens:
            raise unauthorized("Token has expired", "token_expired")
        family = self.db.get("family", claims["fam"])
        if self.db.get("blacklist", claims["jti"]) or family is None or family["revoked"]:
            raise unauthorized("Token revoked", "token_revoked")
        customer = self.db.get("customer", int(claims["sub"]))
        if customer is None:
            raise unauthorized()
        return customer

    # -- sign-in -----------------------------------------------------------------------------

    def find_customer(self, email: str) -> dict[str, Any] | None:
        link = self.db.get("customer_email", email.strip().lower())
        return self.db.get("customer", link["id"]) if link else None

    def login(self, email: str, password: str) -> dict[str, Any]:
        """Tokens at once, or, on a store that requires OTP, the same neutral message whatever
        the email and password (a code is mailed only when both are right), so the answer never
        tells whether an address has an account. An unknown address costs the same hashing."""
        customer = self.find_customer(email)
        valid = check_password(password, customer["password_hash"] if customer else DECOY_HASH)
        if self.state.seed.store.get("is_customer_otp_required"):
            if customer is not None and valid:
                code = f"{secrets.randbelow(1_000_000):06d}"
                record = {
                    "email": customer["email"],
                    "code": code,
                    "expires": time.time() + OTP_TTL_SECONDS,
                    "attempts": 0,
                }
                self.db.put("otp", customer["email"], record)
                self.state.send_mail(customer["email"], "Kode masuk Anda", f"Kode OTP Anda: {code}", otp=code)
            return {"message": OTP_MESSAGE}
        if customer is None or not valid:
            raise unauthorized("Invalid email or password", "invalid_credentials")
        return self.issue(customer)

    def verify_otp(self, email: str, otp: str) -> dict[str, Any]:
        customer = self.find_customer(email)
        record = self.db.get("otp", customer["email"]) if customer else None
        if customer is None or record is None:
            raise unauthorized("Invalid or expired OTP", "invalid_otp")
        if time.time() > record["expires"]:
            self.db.delete("otp", customer["email"])
            raise unauthorized("This OTP has expired; sign in again for a new code", "otp_expired")
        record["attempts"] += 1
        if record["attempts"] > OTP_MAX_ATTEMPTS:
            self.db.delete("otp", customer["email"])
            raise unauthorized("Too many attempts; sign in again for a new code", "otp_attempts_exceeded")
        if not hmac.compare_digest(record["code"].encode(), otp.strip().encode("utf-8", "surrogatepass")):
            self.db.put("otp", customer["email"], record)
            raise unauthorized("Invalid or expired OTP", "invalid_otp")
        self.db.delete("otp", customer["email"])
        return self.issue(customer)

    def expire_codes(self) -> int:
        """Every code sent so far stops working (a control route, for tests of the expired case)."""
        codes = self.db.all("otp")
        for record in codes:
            self.db.put("otp", record["email"], {**record, "expires": 0})
        return len(codes)

    def start_reset(self, email: str, origin: str | None) -> None:
        customer = self.find_customer(email)
        if customer is None:
            return  # same answer whether or not the address exists
        token = secrets.token_urlsafe(32)
        self.db.put(
            "reset", token, {"customer_id": customer["id"], "expires": time.time() + RESET_TTL_SECONDS, "used": False}
        )
        host = origin if origin in self.state.allowed_origins else self.state.seed.store.get("custom_domain")
        link = f"{host}/reset-password?token={token}"
        self.state.send_mail(
            customer["email"],
            "Atur ulang kata sandi",
            f"Buka tautan ini untuk mengatur ulang kata sandi: {link}",
            link=link,
        )

    def save_password(self, token: str, password: str) -> None:
        record = self.db.get("reset", token)
        if record is None:
            raise ApiError(404, "Reset token not found", "reset_token_not_found")
        if record["used"] or time.time() > record["expires"]:
            raise ApiError(400, "Reset token has expired", "reset_token_expired")
        customer = self.db.get("customer", record["customer_id"])
        if customer is None:
            raise ApiError(404, "Reset token not found", "reset_token_not_found")
        self.set_password(customer, password)
        record["used"] = True
        self.db.put("reset", token, record)

    def set_password(self, customer: dict[str, Any], password: str) -> dict[str, Any]:
        if len(password) < 8:
            raise validation_failed([field_error("password", "must be at least 8 characters", "too_short")])
        customer["password_hash"] = hash_password(password)
        customer["is_generated_password_reset"] = False
        return self.db.put("customer", customer["id"], customer)
