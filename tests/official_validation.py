"""The official validators, for tests: what Peppol access points and banks check.

The artefacts are published by the bodies that define the formats and live outside the project,
in ``../shared/validation`` relative to the project root (or ``$SHARED_VALIDATION_DIR``); see
that folder's README for versions and sources:

- OASIS UBL 2.1 XSD (``ubl21-xsd/maindoc/UBL-Invoice-2.1.xsd``, ``UBL-CreditNote-2.1.xsd``),
  run with lxml;
- CEN EN 16931 UBL rules (``EN16931-UBL-validation.xslt``) and OpenPEPPOL BIS Billing 3.0
  rules (``compiled-PEPPOL-EN16931-UBL.xslt``), Schematron compiled to XSLT, run with Saxon
  (saxonche); their SVRL output is read here;
- EPC SEPA credit transfer pain.001.001.09 XSD (``EPC132-08_2025_V1.0_pain.001.001.09.xsd``).

A failed assert flagged ``fatal`` (or without a flag) rejects the document; a ``warning`` is
printed (pytest shows it with ``-s`` or on failure) and does not. Where the folder is absent
the tests skip, except in CI (``$CI`` set), where they fail.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SVRL = "http://purl.oclc.org/dsdl/svrl"

XSD_FILES = {
    "Invoice": "ubl21-xsd/maindoc/UBL-Invoice-2.1.xsd",
    "CreditNote": "ubl21-xsd/maindoc/UBL-CreditNote-2.1.xsd",
    "pain.001.001.09": "EPC132-08_2025_V1.0_pain.001.001.09.xsd",
}
SCHEMATRONS = {
    "EN 16931": "EN16931-UBL-validation.xslt",
    "Peppol BIS 3.0": "compiled-PEPPOL-EN16931-UBL.xslt",
}


def validation_dir() -> Path | None:
    """Where the artefacts are: ``$SHARED_VALIDATION_DIR``, else ``../shared/validation``."""
    env = os.environ.get("SHARED_VALIDATION_DIR")
    folder = Path(env) if env else PROJECT_ROOT.parent / "shared" / "validation"
    return folder if folder.is_dir() else None


def require_validation_dir() -> Path:
    folder = validation_dir()
    if folder is None:
        where = os.environ.get("SHARED_VALIDATION_DIR") or PROJECT_ROOT.parent / "shared" / "validation"
        if os.environ.get("CI"):
            pytest.fail(f"the official validation artefacts are missing ({where}); CI needs them")
        pytest.skip(f"no official validation artefacts at {where}")
    return folder


@dataclass(frozen=True)
class Finding:
    source: str  # which validator: "XSD", "EN 16931", "Peppol BIS 3.0"
    rule: str
    flag: str  # fatal | warning | ...
    location: str
    text: str

    @property
    def fatal(self) -> bool:
        return self.flag in ("fatal", "error", "")

    def __str__(self) -> str:
        return f"[{self.source}] {self.rule} ({self.flag or 'fatal'}) at {self.location}: {self.text}"


@functools.cache
def _schema(folder: str, name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(Path(folder) / XSD_FILES[name])))


def validate_xsd(xml: bytes, name: str | None = None) -> list[Finding]:
    """Errors of ``xml`` against the XSD named ``name`` (default: by its root element)."""
    folder = require_validation_dir()
    doc = etree.fromstring(xml)
    name = name or etree.QName(doc).localname
    schema = _schema(str(folder), name)
    if schema.validate(doc):
        return []
    return [Finding("XSD", name, "fatal", f"line {e.line}", e.message) for e in schema.error_log]


class _Saxon:
    """One Saxon processor for the session, each stylesheet compiled once (about 2 s)."""

    def __init__(self) -> None:
        from saxonche import PySaxonProcessor

        self.processor = PySaxonProcessor(license=False)
        self.xslt = self.processor.new_xslt30_processor()
        self.executables: dict[str, object] = {}

    def run(self, stylesheet: Path, xml: bytes) -> bytes:
        key = str(stylesheet)
        if key not in self.executables:
            self.executables[key] = self.xslt.compile_stylesheet(stylesheet_file=key)
        node = self.processor.parse_xml(xml_text=xml.decode("utf-8"))
        return self.executables[key].transform_to_string(xdm_node=node).encode("utf-8")


@functools.cache
def _saxon() -> _Saxon:
    return _Saxon()


def schematron(xml: bytes, name: str) -> list[Finding]:
    """The failed asserts and successful reports of one compiled Schematron (``SCHEMATRONS``)."""
    folder = require_validation_dir()
    svrl = etree.fromstring(_saxon().run(folder / SCHEMATRONS[name], xml))
    findings = []
    for element in svrl.iter(f"{{{SVRL}}}failed-assert", f"{{{SVRL}}}successful-report"):
        text = " ".join("".join(element.itertext()).split())
        findings.append(Finding(name, element.get("id") or element.get("test", "")[:60],
                                (element.get("flag") or "").lower(), element.get("location", ""),
                                text))
    return findings


def ubl_findings(xml: bytes) -> list[Finding]:
    """Everything the three UBL validators say about ``xml`` (schema first: the rules assume it)."""
    found = validate_xsd(xml)
    if found:
        return found
    return [*schematron(xml, "EN 16931"), *schematron(xml, "Peppol BIS 3.0")]


def assert_valid_ubl(xml: bytes) -> list[Finding]:
    """Fails on any fatal finding; prints the warnings and returns them."""
    findings = ubl_findings(xml)
    for finding in findings:
        if not finding.fatal:
            print("warning:", finding)
    fatal = [f for f in findings if f.fatal]
    assert not fatal, "the official validators reject the document:\n" + "\n".join(map(str, fatal))
    return findings


def assert_valid_pain001(xml: bytes) -> None:
    errors = validate_xsd(xml, "pain.001.001.09")
    assert not errors, "the EPC pain.001.001.09 schema rejects the file:\n" + "\n".join(map(str, errors))
