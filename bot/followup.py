"""After a QuickJob exists: its invoice, its expenses and their receipt photos, and the client
reached by e-mail when the worker gives the address later. Called by ``bot.dialogue`` with its
turn (``state``, ``services``, ``say``); every figure comes from the port."""

from __future__ import annotations

from rapidfuzz import fuzz, process

from bot import texts
from bot import understanding as u
from bot.normalise import fold
from bot.parties import parse_email
from bot.problems import FieldProblem

EXPENSE_JOB_STATUSES = ("quote_sent", "in_review")
INVOICE_JOB_STATUSES = ("accepted",)
REACHABLE_STATUSES = ("quote_sent", "in_review")


def pick_job(jobs: list[dict], text: str, lang: str) -> dict | None:  # noqa: ARG001
    """The QuickJob the message names by its client or work (typos allowed)."""
    if not jobs:
        return None
    folded = fold(text)
    choices = {i: fold(f"{j['client']} {j['function']}") for i, j in enumerate(jobs)}
    for j in jobs:
        if fold(j["client"]) in folded:
            return j
    match = process.extractOne(folded, choices, scorer=fuzz.partial_ratio, score_cutoff=80)
    return jobs[match[2]] if match else None


async def invoice(turn, text: str) -> None:
    state = turn.state
    jobs = await turn.services.jobs(turn.lang)
    ready = [j for j in jobs if j["status"] in INVOICE_JOB_STATUSES]
    named = pick_job(jobs, text, turn.lang) if u.extract(text, turn.today, turn.lang).client_name else None
    created = state.get("created") or state.get("last_created")
    target = named or next((j for j in jobs if created and str(j["id"]) == created["id"]
                            and j["status"] in INVOICE_JOB_STATUSES), None)
    if target is None and len(ready) == 1:
        target = ready[0]
    if target is None and len(ready) > 1:
        state["pending"] = {"kind": "invoice_pick", "jobs": [_job_ref(j) for j in ready]}
        turn.say("invoice.which", [j["client"] for j in ready][:4],
                 jobs=texts.job_list(ready, turn.lang))
        return
    if target is None or target["status"] not in INVOICE_JOB_STATUSES:
        shown = [target] if target else jobs[:3]
        turn.say("invoice.not_ready" if shown else "status.no_quickjobs",
                 jobs=texts.job_list(shown, turn.lang))
        return
    await _issue(turn, target)


def _job_ref(job: dict) -> dict:
    return {k: (str(v) if k == "id" else v) for k, v in job.items()
            if k in ("id", "function", "client", "status", "dates")}


async def _issue(turn, job: dict) -> None:
    turn.state["pending"] = None
    try:
        invoice = await turn.services.issue_invoice(str(job["id"]), turn.lang)
    except FieldProblem as problem:
        turn.say("error_general", message=problem.message)
        return
    turn.say("invoice.issued", number=invoice["number"], client=job["client"],
             function=job["function"], total=texts.money(invoice["total_cents"], turn.lang),
             due=texts.date(invoice["due_date"], turn.lang),
             communication=invoice["structured_communication"])
    if invoice.get("sent_to"):
        turn.say("invoice.sent", to=invoice["sent_to"])
    else:
        turn.say("invoice.forward")


async def expense(turn, facts: u.Facts) -> None:
    """An expense for a QuickJob already made: which one, then a yes before it is added."""
    state = turn.state
    jobs = [j for j in await turn.services.jobs(turn.lang) if j["status"] in EXPENSE_JOB_STATUSES]
    created = state.get("created") or state.get("last_created")
    target = None
    if facts.client_name:
        target = pick_job(jobs, facts.client_name, turn.lang)
    if target is None and created:
        target = next((j for j in jobs if str(j["id"]) == created["id"]), None)
    if target is None and len(jobs) == 1:
        target = jobs[0]
    pending = {"kind": "expense", "expenses": facts.expenses, "job": None,
               "attachment": state.get("attachment")}
    state["attachment"] = None
    if target is None:
        if not jobs:
            turn.say("expense.no_job")
            return
        pending["kind"] = "expense_pick"
        pending["jobs"] = [_job_ref(j) for j in jobs]
        state["pending"] = pending
        turn.say("expense.which", [j["client"] for j in jobs][:4], jobs=texts.job_list(jobs, turn.lang))
        return
    pending["job"] = _job_ref(target)
    state["pending"] = pending
    _confirm_expense(turn, pending)


def _confirm_expense(turn, pending: dict) -> None:
    job = pending["job"]
    turn.say("expense.confirm", texts.quick_replies("confirm", turn.lang),
             expenses=texts.expense_list(pending["expenses"], turn.lang),
             function=job["function"], client=job["client"])


async def pending(turn, pending: dict, text: str, values: dict, answer: bool | None) -> bool:
    """An answer to a question about an invoice or an expense; False when it is something else."""
    state = turn.state
    if pending["kind"] in ("invoice_pick", "expense_pick"):
        job = pick_job(pending["jobs"], text, turn.lang)
        if job is None:
            if answer is False:
                state["pending"] = None
                turn.say("ok_nothing")
                return True
            return False
        if pending["kind"] == "invoice_pick":
            await _issue(turn, job)
            return True
        pending.update(kind="expense", job=job)
        _confirm_expense(turn, pending)
        return True
    if pending["kind"] == "expense":
        if answer is True:
            state["pending"] = None
            ids = []
            for expense in pending["expenses"]:
                try:
                    added = await turn.services.add_expense(pending["job"]["id"], expense,
                                                            pending.get("attachment"), turn.lang)
                except FieldProblem as problem:
                    turn.say("error_general", message=problem.message)
                    return True
                ids.append(str(added["id"]))
            state["last_expense"] = ids[-1] if ids else None
            turn.say("expense.added", expenses=texts.expense_list(pending["expenses"], turn.lang),
                     function=pending["job"]["function"], client=pending["job"]["client"])
            if not pending.get("attachment"):
                turn.say("expense.photo")
            return True
        if answer is False:
            state["pending"] = None
            turn.say("ok_nothing")
            return True
        if values.get("expenses") and not values.get("function"):
            pending["expenses"] = values["expenses"]  # a corrected amount
            _confirm_expense(turn, pending)
            return True
    return False


async def photo(turn, attachment: dict) -> None:
    """A receipt photo: for the expense waiting for a yes, else the last one added, else kept
    for the next expense. A photo the channel could not fetch, or one of the wrong type or
    size, is said so and kept nowhere."""
    state = turn.state
    if attachment.get("unavailable"):
        turn.say("photo.unavailable")
        return
    if attachment.get("problem"):
        turn.say("photo.refused", message=attachment["problem"])
        return
    pending = state["pending"]
    if pending and pending["kind"] in ("expense", "expense_pick"):
        pending["attachment"] = attachment
        turn.say("photo.kept")
        return
    if state["last_expense"]:
        try:
            await turn.services.attach_receipt(state["last_expense"], attachment, turn.lang)
        except FieldProblem as problem:
            turn.say("photo.not_stored", message=problem.message)
            return
        state["last_expense"] = None
        turn.say("photo.attached")
        return
    state["attachment"] = attachment
    turn.say("photo.which")


def reach_text(created: dict, lang: str) -> str:
    """How the client hears of the quote, as it really is: e-mailed (to which address), waiting
    for an adviser, or not yet: the link to forward, or the e-mail to give."""
    if created.get("sent_to"):
        return texts.say("created.sent", lang, to=created["sent_to"])
    if created.get("accept_url"):
        return texts.say("created.forward", lang, url=created["accept_url"])
    return texts.say("created.review", lang)


async def reach(turn, text: str, values: dict) -> bool:
    """The client's e-mail given after the creation: the quote is e-mailed to it (the port sets it
    on the QuickJob's client and queues the e-mail). True when the message was that."""
    state = turn.state
    created = state.get("created")
    email = parse_email(text)
    if not created or not email or set(values) - {"email", "client_name", "client_kind"}:
        return False
    if created.get("sent_to") == email:
        turn.say("reach.already", to=email)
        return True
    try:
        result = await turn.services.email_quote(created["id"], email, turn.lang)
    except FieldProblem as problem:
        turn.say("reach.refused", message=problem.message)
        if created.get("accept_url"):
            turn.say("created.forward", url=created["accept_url"])
        return True
    if result.get("sent_to"):
        created["sent_to"] = result["sent_to"]
        turn.say("reach.sent", to=result["sent_to"])
    else:
        turn.say("reach.after_review", to=email)
    return True
