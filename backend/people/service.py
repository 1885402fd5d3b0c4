"""The people context's use cases, one module each; this module is what other contexts import.

- ``otp``: passer-by sign-in with a one-time code (SMS to mobiles, or e-mail);
- ``staff``: advisers and admins, password then a second factor; creating staff accounts;
- ``totp``: enrolling and checking the TOTP second factor;
- ``sessions``: token pairs, refresh rotation, logout and the revocation list;
- ``profile``: GET/PATCH /me and persons for other contexts;
- ``identity``: what each step of a QuickJob still needs to know (``missing_for``);
- ``membership``: shares as payment requests (paid by transfer or withheld from a salary), the
  performances allowed without a share; ``agreement``: the usage agreement;
- ``export`` and ``erasure``: the person's data, downloaded or erased (what the law keeps).

Services own the transaction (``unit_of_work``); every query lives in ``repository``; every
state change is audited in the same transaction. Input is validated before the transaction
opens, so bad input changes nothing.
"""

from backend.people.agreement import accept as accept_usage_agreement
from backend.people.agreement import current_text as usage_agreement_text
from backend.people.common import STAFF_ROLES, AuthContext
from backend.people.identity import missing_for
from backend.people.lockout import FREE_FAILURES, backoff_seconds
from backend.people.membership import (
    check_can_perform,
    current_agreement_version,
    membership,
    membership_rules,
    pay_share_by_bank,
    performance_limit,
    record_performance,
    request_shares,
    set_withholding_consent,
    share_price_cents,
    withhold_share,
)
from backend.people.otp import request_otp, verify_otp
from backend.people.profile import get_me, get_person, has_accepted_agreement, update_me
from backend.people.sessions import logout, refresh
from backend.people.staff import create_staff, password_sign_in, second_factor

__all__ = [
    "FREE_FAILURES", "STAFF_ROLES", "AuthContext", "accept_usage_agreement", "backoff_seconds",
    "check_can_perform", "create_staff", "current_agreement_version", "get_me", "get_person",
    "has_accepted_agreement", "logout", "membership", "membership_rules", "missing_for",
    "password_sign_in", "pay_share_by_bank", "performance_limit", "record_performance",
    "refresh", "request_otp", "request_shares", "second_factor", "set_withholding_consent",
    "share_price_cents", "update_me", "usage_agreement_text", "verify_otp", "withhold_share",
]
