"""The people context's use cases, one module each; this module is what other contexts import.

- ``otp``: passer-by sign-in with a one-time code (SMS to mobiles, or e-mail);
- ``staff``: advisers and admins, password then a second factor; creating staff accounts;
- ``totp``: enrolling and checking the TOTP second factor;
- ``sessions``: token pairs, refresh rotation, logout and the revocation list;
- ``profile``: GET/PATCH /me and persons for other contexts;
- ``membership``: shares, the usage agreement, the performances allowed without a share.

Services own the transaction (``unit_of_work``); every query lives in ``repository``; every
state change is audited in the same transaction. Input is validated before the transaction
opens, so bad input changes nothing.
"""

from backend.people.common import STAFF_ROLES, AuthContext
from backend.people.lockout import FREE_FAILURES, backoff_seconds
from backend.people.membership import (
    accept_usage_agreement,
    buy_shares,
    check_can_perform,
    current_agreement_version,
    membership,
    membership_rules,
    performance_limit,
    record_performance,
    share_price_cents,
)
from backend.people.otp import request_otp, verify_otp
from backend.people.profile import get_me, get_person, update_me
from backend.people.sessions import logout, refresh
from backend.people.staff import create_staff, password_sign_in, second_factor

__all__ = [
    "FREE_FAILURES", "STAFF_ROLES", "AuthContext", "accept_usage_agreement", "backoff_seconds",
    "buy_shares", "check_can_perform", "create_staff", "current_agreement_version", "get_me",
    "get_person", "logout", "membership", "membership_rules", "password_sign_in",
    "performance_limit", "record_performance", "refresh", "request_otp", "second_factor",
    "share_price_cents", "update_me", "verify_otp",
]
