"""The OpenAPI the app is built from is complete: every operation says what it does, every
property and parameter what it means, every closed value set is an enum, errors are
documented as problem+json. Checked on openapi/openapi.json, what `make openapi` writes from
the app (tests/test_openapi.py fails when it is stale)."""

import glob
import json

import pytest

from backend.engine.rules_schema import CONTRACT_TYPES, EXPENSE_CATEGORIES, VAT_EXEMPTIONS
from backend.http.values import VAT_RATES
from backend.openapi_export import OPENAPI_PATH
from backend.platform.settings import PROJECT_ROOT
from backend.quickjobs.lifecycle import ContractStatus, InvoiceStatus, QuickJobStatus

METHODS = ("get", "post", "put", "patch", "delete")


@pytest.fixture(scope="module")
def schema():
    return json.loads(OPENAPI_PATH.read_text())


def _operations(schema):
    for path, item in schema["paths"].items():
        for method in METHODS:
            if method in item:
                yield f"{method.upper()} {path}", item[method]


def _value(prop):
    """The non-null arm of ``X | None``."""
    arms = [a for a in prop.get("oneOf", ()) if a.get("type") != "null"]
    return arms[0] if len(arms) == 1 else prop


def test_every_operation_has_a_summary_and_a_description(schema):
    operations = dict(_operations(schema))
    assert len(operations) >= 80
    missing = [name for name, op in operations.items()
               if not op.get("summary") or len(op.get("description", "")) < 40]
    assert missing == []


def test_every_property_and_parameter_is_described(schema):
    components = schema["components"]["schemas"]
    undescribed = [f"{name}.{prop}" for name, component in components.items()
                   for prop, value in (component.get("properties") or {}).items()
                   if not value.get("description")]
    assert undescribed == []
    parameters = [f"{name} {p['name']}" for name, op in _operations(schema)
                  for p in op.get("parameters", ()) if not p.get("description")]
    assert parameters == []
    # Request bodies carry examples for the fields an app fills in.
    create = components["QuickJobCreate"]["properties"]
    assert all(create[f].get("examples") for f in
               ("function", "description", "performanceDates", "amountCents", "vatRate",
                "contractType"))


def _enum(schema, component, prop):
    return _value(schema["components"]["schemas"][component]["properties"][prop]).get("enum")


@pytest.mark.parametrize(("component", "prop", "values"), [
    ("QuickJobCreate", "contractType", CONTRACT_TYPES),
    ("SimulationRequest", "contractType", CONTRACT_TYPES),
    ("ContractOut", "contractType", CONTRACT_TYPES),
    ("EmploymentOut", "contractType", CONTRACT_TYPES),
    ("QuickJobCreate", "vatRate", VAT_RATES),
    ("SimulationRequest", "vatRate", VAT_RATES),
    ("QuickJobCreate", "vatExemption", VAT_EXEMPTIONS),
    ("SimulationRequest", "vatExemption", VAT_EXEMPTIONS),
    ("ExpenseIn", "category", EXPENSE_CATEGORIES),
    ("ExpenseOut", "category", EXPENSE_CATEGORIES),
    ("EmploymentIn", "familyStatus", ("single", "married_one_income", "married_two_incomes")),
    ("EmploymentOut", "familyStatus", ("single", "married_one_income", "married_two_incomes")),
    ("QuickJobOut", "status", tuple(QuickJobStatus)),
    ("QuickJobListItem", "status", tuple(QuickJobStatus)),
    ("InvoiceOut", "status", tuple(InvoiceStatus)),
    ("ContractOut", "status", tuple(ContractStatus)),
    ("QuoteOut", "status", ("sent", "accepted", "declined", "expired")),
    ("PublicQuoteOut", "status", ("sent", "accepted", "declined", "expired")),
    ("SalaryOut", "status", ("scheduled", "held", "paid")),
    ("InvoiceOut", "kind", ("invoice", "credit_note")),
    ("OrderOut", "source", ("client_link", "worker_attested")),
    ("EmploymentOut", "status", ("active", "ended")),
    ("EmploymentOut", "approval", ("not_needed", "pending", "approved")),
    ("HeldPayOut", "status", ("held", "approved", "released")),
    ("HeldPayOut", "kind", ("quickjob_salary", "monthly_salary")),
    ("ReviewItemOut", "status", ("open", "approved", "rejected")),
    ("ReviewItemOut", "kind", ("quickjob", "overdue_invoice", "bot_handoff",
                               "monthly_salary_uncovered")),
    ("CorrectionOut", "status", ("pending", "applied", "rejected")),
    ("RuleSetUploadOut", "status", ("pending", "approved", "rejected", "superseded")),
    ("SharePurchaseOut", "status", ("requested", "paid", "cancelled")),
    ("SharePurchaseOut", "category", ("A", "B", "C")),
    ("ErasureOut", "status", ("requested", "waiting", "done")),
    ("UnitSummary", "status", ("open", "closed")),
    ("UnitSummary", "mode", ("3in1", "activity")),
    ("MovementResult", "status", ("matched", "unmatched", "ignored")),
    ("UnmatchedPaymentOut", "status", ("open", "assigned")),
    ("Me", "role", ("worker", "adviser", "admin")),
    ("Me", "language", ("nl", "fr", "en")),
    ("MeUpdate", "language", ("nl", "fr", "en")),
    ("ClientIn", "language", ("nl", "fr", "en")),
    ("ClientOut", "language", ("nl", "fr", "en")),
    ("OtpSent", "channel", ("sms", "email")),
    ("SecondFactorChallenge", "method", ("totp", "email")),
])
def test_closed_value_sets_are_enums(schema, component, prop, values):
    assert _enum(schema, component, prop) == [str(v) for v in values]


def test_the_vat_rate_enum_is_the_shipped_rule_sets_rates():
    rates = set()
    for path in glob.glob(str(PROJECT_ROOT / "backend" / "engine" / "rulesets" / "*.json")):
        with open(path) as f:
            rates.update(json.load(f)["parameters"]["vat.rates"]["value"])
    assert rates == set(VAT_RATES)


def test_errors_are_documented_as_problem_json(schema):
    assert "ProblemDetails" in schema["components"]["schemas"]
    for name, op in _operations(schema):
        for status in ("401", "403", "404", "409", "422"):
            response = op["responses"].get(status)
            assert response is not None, (name, status)
            content = response["content"]["application/problem+json"]["schema"]
            assert content["$ref"].endswith("/ProblemDetails"), (name, status)


def test_constraints_reach_the_schema(schema):
    components = schema["components"]["schemas"]
    employment = components["EmploymentIn"]["properties"]
    assert _value(employment["dependentChildren"]) | {"minimum": 0, "maximum": 20} \
        == _value(employment["dependentChildren"])
    assert _value(components["TotpConfirmRequest"]["properties"]["code"])["pattern"]
    assert components["AcceptIn"]["properties"]["name"]["maxLength"] == 200
    # gt=0 inside "X | None" (Litestar alone drops a bound of 0)
    assert _value(employment["monthlyGrossCents"])["exclusiveMinimum"] == 0
