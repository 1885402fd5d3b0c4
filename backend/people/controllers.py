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

    @post("/otp", operation_id="requestOtp", status_code=202,
          summary="Send a one-time sign-in code by SMS or e-mail (public, rate limited)")
    async def request_otp(self, request: Request, data: OtpRequest, language: str) -> OtpSent:
        return await service.request_otp(_auth(request), phone=data.phone, email=data.email,
                                         ip=_ip(request),
                                         language=_explicit_language(request, language))

    @post("/token", operation_id="exchangeOtp", status_code=200,
          summary="Exchange the one-time code for a token pair; creates the person (public)")
    async def token(self, request: Request, data: TokenRequest, language: str) -> TokenPair:
        return await service.verify_otp(_auth(request), phone=data.phone, email=data.email,
                                        code=data.code,
                                        language=_explicit_language(request, language),
                                        ip=_ip(request))

    @post("/refresh", operation_id="refreshToken", status_code=200,
          summary="Rotate a refresh token into a new pair; reuse revokes the family (public)")
    async def refresh(self, request: Request, data: RefreshRequest) -> TokenPair:
        return await service.refresh(_auth(request), data.refresh_token)

    @post("/password", operation_id="signInWithPassword", status_code=200,
          summary="Advisers and admins, step 1: e-mail and password for a second-factor "
                  "challenge (a TOTP code, or a code sent by e-mail) (public)")
    async def password(self, request: Request, data: PasswordRequest) -> SecondFactorChallenge:
        return await service.password_sign_in(_auth(request), email=data.email,
                                              password=data.password, ip=_ip(request))

    @post("/second-factor", operation_id="verifySecondFactor", status_code=200,
          summary="Advisers and admins, step 2: the challenge and its code for a staff token "
                  "pair (public)")
    async def second_factor(self, request: Request, data: SecondFactorRequest) -> TokenPair:
        return await service.second_factor(_auth(request), challenge_token=data.challenge_token,
                                           code=data.code, ip=_ip(request))

    @post("/logout", operation_id="signOut", status_code=204, security=[{"BearerToken": []}],
          summary="End this session: its refresh token and every access token it issued")
    async def logout(self, request: Request, principal: Principal) -> None:
        await service.logout(_auth(request), principal)


class MeController(Controller):
    path = "/me"
    tags = ["me"]
    security = [{"BearerToken": []}]
    exception_handlers = {InternalServerException: _body_error_named_like_a_dependency}

    @get("/", operation_id="getMe", summary="The signed-in person's profile")
    async def get_me(self, principal: Principal) -> Me:
        return await service.get_me(principal.id)

    @patch("/", operation_id="updateMe",
           summary="Change profile fields; absent fields stay, null clears an optional one")
    async def update_me(self, principal: Principal, data: MeUpdate) -> Me:
        return await service.update_me(principal.id, data)

    @get("/membership", operation_id="getMembership",
         summary="Shares (paid, or waiting for their payment), usage agreement, and whether "
                 "the person may perform")
    async def get_membership(self, principal: Principal) -> Membership:
        return await service.membership(principal.id)

    @post("/membership", operation_id="buyShares", status_code=201,
          summary="Subscribe cooperative shares: a payment request with its own structured "
                  "communication (or, with withholdFromSalary, withheld from the first "
                  "salary); a member once paid. 409 while another waits for its payment")
    async def buy_shares(self, request: Request, principal: Principal,
                         data: SharePurchaseRequest) -> Membership:
        data = await _strictly(request, SharePurchaseRequest)
        return await service.request_shares(
            principal.id, shares=data.shares, category=data.category,
            withhold_from_salary=data.withhold_from_salary, ip=_ip(request))

    @post("/membership/withholding", operation_id="setShareWithholding", status_code=200,
          summary="Consent (or withdraw the consent) to withhold the share payment from the "
                  "first salary")
    async def set_withholding(self, request: Request, principal: Principal,
                              data: WithholdingConsentRequest) -> Membership:
        data = await _strictly(request, WithholdingConsentRequest)
        return await service.set_withholding_consent(principal.id, data.consent, _ip(request))

    @post("/usage-agreement", operation_id="acceptUsageAgreement", status_code=200,
          summary="Accept a version of the usage agreement (in the language of "
                  "Accept-Language, as shown by GET /usage-agreement)")
    async def accept_usage_agreement(self, request: Request, principal: Principal,
                                     data: UsageAgreementRequest, language: str) -> Membership:
        return await service.accept_usage_agreement(principal.id, data.version,
                                                    language=language, ip=_ip(request))

    @get("/export", operation_id="exportMyData", media_type="application/zip",
         summary="Everything about the signed-in person: data.json and their documents, as a "
                 "zip")
    async def export(self, request: Request, principal: Principal) -> Response[bytes]:
        content, name = await export.export_zip(principal.id,
                                                request.app.state.quickjob_ports.storage)
        return Response(content, media_type="application/zip",
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})

    @post("/erasure", operation_id="requestErasure", status_code=202,
          summary="Workers: ask for the erasure of their personal data (executed once no work "
                  "is under way; what the law keeps is kept until its period ends)")
    async def request_erasure(self, request: Request, principal: Principal) -> ErasureOut:
        return await erasure.request(principal, _ip(request))

    @get("/erasure", operation_id="getErasure",
         summary="The signed-in person's latest erasure request (404: none)")
    async def get_erasure(self, principal: Principal) -> ErasureOut:
        return await erasure.status(principal)


class UsageAgreementController(Controller):
    path = "/usage-agreement"
    tags = ["me"]

    @get("/", operation_id="getUsageAgreement",
         summary="The current usage agreement's text, in the language of Accept-Language "
                 "(public)")
    async def text(self, language: str) -> UsageAgreementText:
        return service.usage_agreement_text(language)


class ErasureRequestsController(Controller):
    path = "/backoffice/erasure-requests"
    tags = ["backoffice"]
    security = [{"BearerToken": []}]

    @get("/", operation_id="listErasureRequests",
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

    @get("/", operation_id="getTotp", summary="Staff: whether an authenticator app is set up")
    async def status(self, principal: Principal) -> TotpStatus:
        return await totp.status(principal)

    @post("/", operation_id="startTotpEnrolment", status_code=201,
          summary="Staff: a new TOTP secret and its QR code to scan; 409 once one is confirmed")
    async def start(self, request: Request, principal: Principal) -> TotpEnrolment:
        return await totp.start_enrolment(_auth(request), principal)

    @post("/confirm", operation_id="confirmTotp", status_code=200,
          summary="Staff: the first code of the authenticator app; from then on sign-in asks "
                  "for a TOTP code")
    async def confirm(self, request: Request, principal: Principal,
                      data: TotpConfirmRequest) -> TotpStatus:
        return await totp.confirm_enrolment(_auth(request), principal, data.code, _ip(request))


CONTROLLERS = [AuthController, MeController, TotpController, UsageAgreementController,
               ErasureRequestsController]
