"""Secrets: argon2id password hashes (argon2-cffi, the reference implementation's binding) and
personal API tokens (random, shown once, kept only as their SHA-256)."""

from __future__ import annotations

import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from bioecon.catalogs import security_policy
from bioecon.errors import InvalidValue

# argon2-cffi's defaults are RFC 9106's second recommended option (argon2id, t=3, 64 MiB, p=4)
_HASHER = PasswordHasher()
TOKEN_PREFIX = "bec_"  # lets a leaked token be recognised by secret scanners


def check_password_policy(password: str, login: str) -> None:
    """Refuse a password the policy of ``security.yaml`` does not allow, saying why."""
    policy = security_policy()["password"]
    if len(password) > policy["max_length"]:
        raise InvalidValue(f"密码不得超过{policy['max_length']}个字符")
    if len(password) < policy["min_length"]:
        raise InvalidValue(f"密码至少{policy['min_length']}个字符")
    classes = sum(
        (
            any(c.islower() for c in password),
            any(c.isupper() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        )
    )
    if classes < policy["min_classes"]:
        raise InvalidValue(
            f"密码须包含小写字母、大写字母、数字、符号中的至少{policy['min_classes']}类"
        )
    if login.lower() in password.lower():
        raise InvalidValue("密码不得包含登录名")


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def password_matches(stored_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """Whether a stored hash uses weaker parameters than today's (rehash it at login)."""
    return _HASHER.check_needs_rehash(stored_hash)


def new_token() -> str:
    """A personal API token: 256 random bits, URL-safe."""
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def new_session_cookie() -> str:
    """A web session's cookie value: 256 random bits, URL-safe."""
    return secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    """What is stored of a token: its SHA-256 (a token is random, so no salt or stretching
    is needed, and a lookup by digest stays one indexed query)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
