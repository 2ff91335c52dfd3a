"""Signed links of the subscriptions (pure): an HMAC of what the link does and the subscription's
id, so a link cannot be made up or turned from "confirm" into "unsubscribe"."""

from __future__ import annotations

import base64
import hashlib
import hmac


def sign(secret: bytes, purpose: str, subscription_id: str) -> str:
    digest = hmac.new(secret, f"{purpose}:{subscription_id}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def verify(secret: bytes, purpose: str, subscription_id: str, signature: str) -> bool:
    return hmac.compare_digest(sign(secret, purpose, subscription_id), signature)
