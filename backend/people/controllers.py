"""HTTP edge of the people context: parse, call one service function, return its struct."""

from __future__ import annotations

import re
from typing import Annotated, Literal

import msgspec
from litestar import Controller, Request, Response, get, patch, post
from litestar.exceptions import InternalServerException, ValidationException
from litestar.params import Parameter

from backend.http import errors
from backend.http.context import Principal
from backend.people import erasure, export, service, totp
from backend.people.schemas import (
    ErasureOut,
    ErasureRequestList,
    Me,
    Membership,
    MeUpdate,
    OtpRequest,
    OtpSent,
    PasswordRequest,
    RefreshRequest,
    SecondFactorChallenge,
    SecondFactorRequest,
    SharePurchaseRequest,
    TokenPair,
    TokenRequest,
    TotpConfirmRequest,
    TotpEnrolment,
    TotpStatus,
    UsageAgreementRequest,
    UsageAgreementText,
    WithholdingConsentRequest,
)


def _auth(request: Request) -> service.AuthContext:
    # Item access works whether app.state is a Litestar State or the plain dict given to it.
    state = request.app.state
    return service.AuthContext(settings=state["settings"], tokens=state["tokens"],
                               redis=state["redis"])


def _ip(request: Request) -> str | None:
    return request.client.host if request.client else None


def _explicit_language(request: Request, language: str) -> str | None:
    """The negotiated language only when the caller sent Accept-Language."""
    return language if request.headers.get("accept-language") else None


_BODY_PATH = re.compile(r"^(?P<message>.*?) - at `\$\.data\.?(?P<key>[^`]*)`$", re.S)


def _body_error_named_like_a_dependency(request: Request, exc: InternalServerException) -> Response:
    """Litestar turns a body validation error into a 500 when the field is named like an
    app-wide dependency (PATCH /me ``language`` vs the ``language`` dependency). Such a 500
    caused by a body decoding error is the client's 422 after all."""
    cause = exc.__cause__
    extra = []
    if isinstance(cause, msgspec.ValidationError):
        for item in getattr(cause, "errors", None) or [{"msg": str(cause)}]:
            loc = [str(part) for part in item.get("loc", ())]
            if loc and loc[0] == "data":
                extra.append({"message": item["msg"], "key": ".".join(loc[1:]) or "body"})
            elif m := _BODY_PATH.match(item.get("msg", "")):
                extra.append({"message": m["message"], "key": m["key"] or "body"})
    if not extra:
        return errors.http_handler(request, exc)
    return errors.validation_handler(request, ValidationException(extra=extra))


async def _strictly(request: Request, kind: type[msgspec.Struct]) -> msgspec.Struct:
    """The body decoded strictly: Litestar converts leniently (``0`` would be ``false``), and a
    consent is a JSON boolean or nothing (422 naming the field)."""
    try:
        return msgspec.json.decode(await request.body(), type=kind)
    except msgspec.ValidationError as exc:
        raise ValidationException(extra=[{"message": str(exc)}]) from None


class AuthController(Controller):
    path = "/auth"
    tags = ["auth"]

    @post("/otp", operation_id="requestOtp",
          description=("Sends a six-digit sign-in code to a Belgian or foreign mobile number "
                       "(SMS) or an e-mail address; give exactly one of phone and email. The "
                       "answer says where it went and how long the code stays valid. 422 for a "
                       "number that is not a mobile one; 429 when asked too often."), status_code=202,
          summary="Send a one-time sign-in code by SMS or e-mail (public, rate limited)")
    async def request_otp(self, request: Request, data: OtpRequest, language: str) -> OtpSent:
        return await service.request_otp(_auth(request), phone=data.phone, email=data.email,
                                         ip=_ip(request),
                                         language=_explicit_language(request, language))

    @post("/token", operation_id="exchangeOtp",
          description=("Exchanges the code of POST /auth/otp, with the same phone or email, for "
                       "an access and a refresh token. The first sign-in creates the person (a "
                       "worker). A wrong or expired code is a 401; each wrong code counts as an "
                       "attempt and after too many the code stops working."), status_code=200,
          summary="Exchange the one-time code for a token pair; creates the person (public)")
    async def token(self, request: Request, data: TokenRequest, language: str) -> TokenPair:
        return await service.verify_otp(_auth(request), phone=data.phone, email=data.email,
                                        code=data.code,
                                        language=_explicit_language(request, language),
                                        ip=_ip(request))

    @post("/refresh", operation_id="refreshToken",
          description=("Gives a new access and refresh token for a refresh token that is still "
                       "valid; the old refresh token is used up. Presenting a used refresh "
                       "token again revokes the whole session (401), as it may have been "
                       "stolen."), status_code=200,
          summary="Rotate a refresh token into a new pair; reuse revokes the family (public)")
    async def refresh(self, request: Request, data: RefreshRequest) -> TokenPair:
        return await service.refresh(_auth(request), data.refresh_token)

    @post("/password", operation_id="signInWithPassword",
          description=("The first step of a staff sign-in. A right password answers a "
                       "challenge: method totp when an authenticator app is enrolled, else "
                       "email (a code was just e-mailed). A wrong e-mail or password is a 401 "
                       "that does not say which one was wrong."), status_code=200,
          summary="Advisers and admins, step 1: e-mail and password for a second-factor "
                  "challenge (a TOTP code, or a code sent by e-mail) (public)")
    async def password(self, request: Request, data: PasswordRequest) -> SecondFactorChallenge:
        return await service.password_sign_in(_auth(request), email=data.email,
                                              password=data.password, ip=_ip(request))

    @post("/second-factor", operation_id="verifySecondFactor",
          description=("The second step of a staff sign-in: the challengeToken of POST "
                       "/auth/password and the code of the authenticator app (or of the "
                       "e-mail). Answers the token pair; a wrong or expired code is a 401."), status_code=200,
          summary="Advisers and admins, step 2: the challenge and its code for a staff token "
                  "pair (public)")
    async def second_factor(self, request: Request, data: SecondFactorRequest) -> TokenPair:
        return await service.second_factor(_auth(request), challenge_token=data.challenge_token,
                                           code=data.code, ip=_ip(request))

    @post("/logout", operation_id="signOut",
          description=("Revokes the caller's session: its refresh token stops working and every "
                       "access token issued in it is refused from now on (401). Answers 204."), status_code=204, security=[{"BearerToken": []}],
          summary="End this session: its refresh token and every access token it issued")
    async def logout(self, request: Request, principal: Principal) -> None:
        await service.logout(_auth(request), principal)


class MeController(Controller):
    path = "/me"
    tags = ["me"]
    security = [{"BearerToken": []}]
    exception_handlers = {InternalServerException: _body_error_named_like_a_dependency}

    @get("/", operation_id="getMe",
          description=("The signed-in person's profile and, per QuickJob step (quote, contract, "
                       "salary), what the app still has to ask them before that step can "
                       "happen."), summary="The signed-in person's profile")
    async def get_me(self, principal: Principal) -> Me:
        return await service.get_me(principal.id)

    @patch("/", operation_id="updateMe",
          description=("Changes the signed-in person's profile: only the fields given change, "
                       "null clears an optional one. The national register number, IBAN and "
                       "birth date are checked (checksums, not in the future) with a localised "
                       "422 naming the field."),
           summary="Change profile fields; absent fields stay, null clears an optional one")
    async def update_me(self, principal: Principal, data: MeUpdate) -> Me:
        return await service.update_me(principal.id, data)

    @get("/membership", operation_id="getMembership",
          description=("The person's cooperative shares (paid, or waiting for their payment), "
                       "the open payment request, the usage agreement they accepted, and "
                       "whether they may perform (a member, or still within the performances "
                       "allowed without a share)."),
         summary="Shares (paid, or waiting for their payment), usage agreement, and whether "
                 "the person may perform")
    async def get_membership(self, principal: Principal) -> Membership:
        return await service.membership(principal.id)

    @post("/membership", operation_id="buyShares",
          description=("Subscribes cooperative shares (category A for workers). Answers the "
                       "payment request to pay by transfer with its structured communication, "
                       "or, with withholdFromSalary, the consent to withhold it from the first "
                       "salary. A member once the payment arrives; 409 while another "
                       "subscription waits for its payment."), status_code=201,
          summary="Subscribe cooperative shares: a payment request with its own structured "
                  "communication (or, with withholdFromSalary, withheld from the first "
                  "salary); a member once paid. 409 while another waits for its payment")
    async def buy_shares(self, request: Request, principal: Principal,
                         data: SharePurchaseRequest) -> Membership:
        data = await _strictly(request, SharePurchaseRequest)
        return await service.request_shares(
            principal.id, shares=data.shares, category=data.category,
            withhold_from_salary=data.withhold_from_salary, ip=_ip(request))

    @post("/membership/withholding", operation_id="setShareWithholding",
          description=("Gives (consent true) or withdraws (false) the consent to withhold the "
                       "open share payment from the first salary. 409 when no share payment is "
                       "open."), status_code=200,
          summary="Consent (or withdraw the consent) to withhold the share payment from the "
                  "first salary")
    async def set_withholding(self, request: Request, principal: Principal,
                              data: WithholdingConsentRequest) -> Membership:
        data = await _strictly(request, WithholdingConsentRequest)
        return await service.set_withholding_consent(principal.id, data.consent, _ip(request))

    @post("/usage-agreement", operation_id="acceptUsageAgreement",
          description=("Records that the person accepted the given version of the usage "
                       "agreement, in the language of Accept-Language (as shown by GET /usage- "
                       "agreement), with the text's sha256. An unknown version is a 422 naming "
                       "the current one; accepting a version again changes nothing."), status_code=200,
          summary="Accept a version of the usage agreement (in the language of "
                  "Accept-Language, as shown by GET /usage-agreement)")
    async def accept_usage_agreement(self, request: Request, principal: Principal,
                                     data: UsageAgreementRequest, language: str) -> Membership:
        return await service.accept_usage_agreement(principal.id, data.version,
                                                    language=language, ip=_ip(request))

    @get("/export", operation_id="exportMyData",
          description=("Everything stored about the signed-in person (GDPR access and "
                       "portability): data.json and their documents, as a zip file."), media_type="application/zip",
         summary="Everything about the signed-in person: data.json and their documents, as a "
                 "zip")
    async def export(self, request: Request, principal: Principal) -> Response[bytes]:
        content, name = await export.export_zip(principal.id,
                                                request.app.state.quickjob_ports.storage)
        return Response(content, media_type="application/zip",
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})

    @post("/erasure", operation_id="requestErasure",
          description=("A worker asks for the erasure of their personal data. It is executed "
                       "once no work is under way (blockers say what waits); what the law "
                       "obliges us to keep (accounting, social records) is kept until its "
                       "period ends. Asking again answers the open request."), status_code=202,
          summary="Workers: ask for the erasure of their personal data (executed once no work "
                  "is under way; what the law keeps is kept until its period ends)")
    async def request_erasure(self, request: Request, principal: Principal) -> ErasureOut:
        return await erasure.request(principal, _ip(request))

    @get("/erasure", operation_id="getErasure",
          description=("The signed-in person's latest request to erase their personal data, "
                       "with what still blocks it and what the law keeps until when. 404 when "
                       "there is none."),
         summary="The signed-in person's latest erasure request (404: none)")
    async def get_erasure(self, principal: Principal) -> ErasureOut:
        return await erasure.status(principal)


class UsageAgreementController(Controller):
    path = "/usage-agreement"
    tags = ["me"]

    @get("/", operation_id="getUsageAgreement",
          description=("The text of the current usage agreement in Markdown, in the language of "
                       "Accept-Language (nl, fr or en), with its version and sha256 to send "
                       "back when accepting. Public."),
         summary="The current usage agreement's text, in the language of Accept-Language "
                 "(public)")
    async def text(self, language: str) -> UsageAgreementText:
        return service.usage_agreement_text(language)


class ErasureRequestsController(Controller):
    path = "/backoffice/erasure-requests"
    tags = ["backoffice"]
    security = [{"BearerToken": []}]

    @get("/", operation_id="listErasureRequests",
          description=("The erasure requests of every person, newest first, optionally by "
                       "status; each says what blocks it and what the law keeps. Advisers only."),
         summary="Advisers: the erasure requests (status requested, waiting or done), newest "
                 "first")
    async def list_requests(
            self, principal: Principal,
            status: Literal["requested", "waiting", "done"] | None = None,
            limit: Annotated[int, Parameter(ge=1, le=200)] = 50) -> ErasureRequestList:
        return await erasure.list_requests(principal, status, limit)


class TotpController(Controller):
    """The TOTP second factor of advisers and admins (workers sign in without a password)."""

    path = "/me/totp"
    tags = ["me"]
    security = [{"BearerToken": []}]

    @get("/", operation_id="getTotp",
          description=("Whether the signed-in adviser or admin has an authenticator app "
                       "enrolled (sign-in asks for its codes) or an enrolment waiting for its "
                       "first code. Staff only (403 for workers)."), summary="Staff: whether an authenticator app is set up")
    async def status(self, principal: Principal) -> TotpStatus:
        return await totp.status(principal)

    @post("/", operation_id="startTotpEnrolment",
          description=("Starts enrolling an authenticator app: a new secret, its otpauth URI "
                       "and QR code to scan. Confirm with the first code (POST "
                       "/me/totp/confirm). 409 once an app is confirmed. Staff only."), status_code=201,
          summary="Staff: a new TOTP secret and its QR code to scan; 409 once one is confirmed")
    async def start(self, request: Request, principal: Principal) -> TotpEnrolment:
        return await totp.start_enrolment(_auth(request), principal)

    @post("/confirm", operation_id="confirmTotp",
          description=("Confirms the enrolment with the authenticator app's current code; from "
                       "then on sign-in asks for a TOTP code. A wrong code is a 422; 409 "
                       "without an enrolment started, or once one is confirmed. Staff only."), status_code=200,
          summary="Staff: the first code of the authenticator app; from then on sign-in asks "
                  "for a TOTP code")
    async def confirm(self, request: Request, principal: Principal,
                      data: TotpConfirmRequest) -> TotpStatus:
        return await totp.confirm_enrolment(_auth(request), principal, data.code, _ip(request))


CONTROLLERS = [AuthController, MeController, TotpController, UsageAgreementController,
               ErasureRequestsController]
