"""Import every context's message catalogue (API process and worker alike)."""

import backend.backoffice.banking.messages  # noqa: F401
import backend.backoffice.holds  # noqa: F401
import backend.documents.messages  # noqa: F401
import backend.employment.messages  # noqa: F401
import backend.people.messages  # noqa: F401
import backend.platform.dates  # noqa: F401
import backend.quickjobs.messages  # noqa: F401
import backend.quickjobs.pay_rules  # noqa: F401
import backend.rulesets.messages  # noqa: F401
import backend.units.messages  # noqa: F401
