"""The client's pages: the quote and the invoice as a person without an account reads them on a
phone, server-rendered HTML (Jinja2), in nl / fr / en.

- ``GET /q/{token}``: the quote (who, what, when, amounts and VAT, terms, PDF) with its Accept
  and Decline forms (``POST /q/{token}/accept``, ``/decline``), or the page of its state
  (accepted, declined, expired, withdrawn);
- ``GET /i/{token}``: the invoice with what the client needs to pay it (IBAN, BIC, structured
  communication, EPC QR code), its status and its PDF and UBL.

The JSON API for the app (``/api/v1/public/quotes/{token}``) stays; these pages are for people.
"""
