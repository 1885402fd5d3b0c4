"""English transcripts (today in the stub: Wednesday 4 March 2026). The conversations start with
the default language nl: English is detected from the first message."""

from tests.bot.transcripts import R, T, u

SUMMARY = "Summary of your QuickJob"
ASK_FUNCTION = "What work will you do?"
ASK_CLIENT = "Who is the client?"
ASK_AMOUNT = "What amount do you charge"
ASK_DATES = "On which day(s) do you work?"
CREATED = "Done! Your QuickJob is created"
NOT_UNDERSTOOD = "I did not understand that."

STUB = [
    T("all-in-one", [
        u("Hello", "Hello!", "Graphic design for client", stage="idle", lang="en"),
        u("Web design for client Acme Ltd, €1,250.50 next Monday", SUMMARY,
          "Work: Web design", "Client: Acme Ltd", "Days: Monday 9 March 2026",
          "Amount: €1,250.50 excl. VAT", "VAT (21 %): €262.60 (the client pays €1,513.10)",
          "Contract: employee", "Contribution to the cooperative: €81.28",
          "Expected net salary: €625.25", "Paid on: 18 March 2026", "Answer \"yes\"",
          lacks=(CREATED,), stage="confirm"),
        u("yes", CREATED, "quote Q2026-000001", stage="done"),
    ], created={"function": "Web design", "client_name": "Acme Ltd", "amount_cents": 125050,
                "dates": ["2026-03-09"], "vat_rate": "21", "contract_type": "employee"},
       max_messages=3),
    T("one-by-one", [
        u("I want to make a new quote", ASK_FUNCTION, "photographer", stage="collect", lang="en"),
        u("photographer", ASK_CLIENT, fields={"function": "photographer"}),
        u("Acme Ltd", ASK_AMOUNT, "250 euro", fields={"client_name": "Acme Ltd"}),
        u("250", ASK_DATES, "tomorrow", fields={"amount_cents": 25000}),
        u("tomorrow", SUMMARY, "Days: Thursday 5 March 2026", "Amount: €250.00",
          "Expected net salary: €125.00"),
        u("yes", CREATED),
    ], created={"function": "photographer", "client_name": "Acme Ltd", "amount_cents": 25000,
                "dates": ["2026-03-05"]}, max_messages=10),
    T("amount-euro-sign-day-after-tomorrow", [
        u("Photographer for client Acme, €250, the day after tomorrow", SUMMARY,
          "Amount: €250.00", "Days: Friday 6 March 2026"),
        u("yes", CREATED),
    ], created={"amount_cents": 25000, "dates": ["2026-03-06"]}),
    T("amount-eur-prefix-today", [
        u("Catering for client Resto Max, EUR 1,250 today", SUMMARY, "Amount: €1,250.00",
          "Days: Wednesday 4 March 2026"),
        u("ok", CREATED),
    ], created={"amount_cents": 125000, "dates": ["2026-03-04"]}),
    T("amount-belgian-format-numeric-date", [
        u("Tutoring for client Smith Family, 1.250,50 € on 12/03", SUMMARY,
          "Amount: €1,250.50", "Days: Thursday 12 March 2026"),
        u("yes", CREATED),
    ], created={"amount_cents": 125050, "dates": ["2026-03-12"], "client_name": "Smith Family"}),
    T("amount-decimal-point-month-first", [
        u("Editing for client Studio North, 99.99 euro on March 12", SUMMARY,
          "Amount: €99.99", "Days: Thursday 12 March 2026"),
        u("yes", CREATED),
    ], created={"amount_cents": 9999, "dates": ["2026-03-12"]}),
    T("two-dates-day-month-names", [
        u("Sound engineer for client Club Four, 400 euro on 12 March and 13 March", SUMMARY,
          "Days: Thursday 12 March 2026, Friday 13 March 2026"),
        u("yes", CREATED),
    ], created={"dates": ["2026-03-12", "2026-03-13"]}),
    T("weekday-next-friday", [
        u("Photographer for client Acme, 250 euro next Friday", SUMMARY, "Days: Friday 6 March 2026"),
        u("yes", CREATED),
    ], created={"dates": ["2026-03-06"]}),
    T("vat-six-percent", [
        u("Workshop for client Atelier South, 200 euro tomorrow, 6% VAT", SUMMARY,
          "VAT (6 %): €12.00 (the client pays €212.00)"),
        u("yes", CREATED),
    ], created={"vat_rate": "6", "amount_cents": 20000}),
    T("vat-twelve-as-correction", [
        u("Photographer for client Acme, 250 euro tomorrow", SUMMARY, "VAT (21 %)"),
        u("VAT 12", SUMMARY, "VAT (12 %): €30.00", fields={"vat_rate": "12"}),
        u("yes", CREATED),
    ], created={"vat_rate": "12"}),
    T("vat-exemption-asked-with-reasons", [
        u("Translation for client Globex, 400 euro tomorrow, VAT exempt", "Why no VAT?",
          "export", stage="collect", fields={"vat_mode": "exempt"}),
        u("export", SUMMARY, "VAT (0 %, exempt, export): €0.00"),
        u("yes", CREATED),
    ], created={"vat_rate": "0", "vat_exemption": "export"}),
    T("vat-reverse-charge-in-one-message", [
        u("Translation for client Globex, 400 euro tomorrow, reverse charge", SUMMARY,
          "VAT (0 %, reverse charge, EU client)"),
        u("yes", CREATED),
    ], created={"vat_rate": "0", "vat_exemption": "intra_eu_reverse_charge"}),
    T("contract-student", [
        u("Dishwashing for client Resto Max, 120 euro tomorrow, as a student", SUMMARY,
          "Contract: student", "Work: Dishwashing"),
        u("yes", CREATED),
    ], created={"contract_type": "student", "function": "Dishwashing"}),
    T("contract-artist-keeps-the-work", [
        u("Pottery workshop for client Atelier North, 250 euro tomorrow, as an artist", SUMMARY,
          "Work: Pottery workshop", "Contract: artist"),
        u("yes", CREATED),
    ], created={"contract_type": "artist", "function": "Pottery workshop"}),
    T("contract-interim", [
        u("Moving help for client Movers Inc, 180 euro tomorrow, interim", SUMMARY,
          "Contract: temporary agency work"),
        u("yes", CREATED),
    ], created={"contract_type": "interim"}),
    T("client-email-and-vat-number", [
        u("Photographer for client Acme, 250 euro tomorrow, billing@acme.be, VAT number "
          "BE0403019261", SUMMARY, "Client: Acme (company, BE0403019261)", "Client e-mail: billing@acme.be",
          "VAT (21 %)"),
        u("yes", CREATED),
    ], created={"email": "billing@acme.be", "vat_number": "BE0403019261", "vat_rate": "21"}),
    T("invalid-vat-number-then-none", [
        u("Photographer for client Acme, 250 euro tomorrow", SUMMARY),
        u("VAT number BE0403019262", "That VAT number is not right", "BE0403019261",
          stage="collect"),
        u("no VAT number", SUMMARY, "VAT (21 %)", lacks=("BE04",)),
        u("yes", CREATED),
    ], created={"vat_rate": "21"}),
    T("amount-correction", [
        u("Photographer for client Acme, 250 euro tomorrow", SUMMARY),
        u("no, 300 euro", SUMMARY, "Amount: €300.00", "Expected net salary: €150.00",
          "Work: Photographer"),
        u("yes", CREATED),
    ], created={"amount_cents": 30000, "function": "Photographer"}),
    T("amount-correction-by-field-name", [
        u("Photographer for client Acme, 250 euro tomorrow", SUMMARY),
        u("the amount is 400", SUMMARY, "Amount: €400.00"),
        u("yes", CREATED),
    ], created={"amount_cents": 40000}),
    T("date-correction", [
        u("Photographer for client Acme, 250 euro tomorrow", SUMMARY, "5 March 2026"),
        u("change the date to Friday", SUMMARY, "Days: Friday 6 March 2026", lacks=("5 March 2026",)),
        u("yes", CREATED),
    ], created={"dates": ["2026-03-06"]}),
    T("date-correction-with-negation", [
        u("Photographer for client Acme, 250 euro tomorrow", SUMMARY),
        u("wait, it's 12 March, not tomorrow", SUMMARY, "Days: Thursday 12 March 2026",
          lacks=("5 March",)),
        u("yes", CREATED),
    ], created={"dates": ["2026-03-12"]}),
    T("client-correction", [
        u("Photographer for client Acme, 250 euro tomorrow", SUMMARY),
        u("change the client to Globex Corp", SUMMARY, "Client: Globex Corp",
          "Work: Photographer"),
        u("yes", CREATED),
    ], created={"client_name": "Globex Corp", "function": "Photographer"}),
    T("work-and-contract-correction", [
        u("Photographer for client Acme, 250 euro tomorrow", SUMMARY),
        u("the job is videographer", SUMMARY, "Work: videographer", lacks=("Work: is",)),
        u("actually as a student", SUMMARY, "Contract: student"),
        u("yes", CREATED),
    ], created={"function": "videographer", "contract_type": "student"}),
    T("no-at-summary-asks-what-to-change", [
        u("Photographer for client Acme, 250 euro tomorrow", SUMMARY),
        u("no", "What do you want to change?", "300 euro", stage="collect"),
        u("€400", SUMMARY, "€400.00"),
        u("yes", CREATED),
    ], created={"amount_cents": 40000}),
    T("invalid-amount-gets-example-not-a-loop", [
        u("photographer for client Acme", ASK_AMOUNT),
        u("a lot", NOT_UNDERSTOOD, "For example \"250 euro\"", lacks=("adviser",)),
        u("really a lot", NOT_UNDERSTOOD, "250 euro", "Say \"adviser\""),
        u("250 euro", ASK_DATES, fields={"amount_cents": 25000}),
        u("someday", NOT_UNDERSTOOD, "next Monday"),
        u("tomorrow", SUMMARY),
    ], created=0),
    T("unclear-answer-at-summary", [
        u("Photographer for client Acme, 250 euro tomorrow", SUMMARY),
        u("maybe", NOT_UNDERSTOOD, "Answer \"yes\" to create the quote", stage="confirm"),
        u("yes", CREATED),
    ], created=1),
    T("switch-to-dutch-at-summary", [
        u("Photographer for client Acme, 250 euro tomorrow", SUMMARY, lang="en"),
        u("in Dutch please", "we gaan verder in het Nederlands", "Samenvatting van je QuickJob",
          "Bedrag: € 250,00 excl. btw", lang="nl"),
        u("ja", "Klaar!"),
    ], created=1, lang="nl"),
    T("switch-to-french-while-collecting", [
        u("photographer for client Acme", ASK_AMOUNT),
        u("can we switch to French?", "on continue en français", "Quel montant demandez-vous",
          lang="fr"),
        u("250 euros demain", "Résumé de votre QuickJob", "5 mars 2026"),
        u("oui", "C'est fait"),
    ], created={"amount_cents": 25000}, lang="fr"),
    T("cancel-creates-nothing", [
        u("Photographer for client Acme, 250 euro tomorrow", SUMMARY),
        u("cancel", "I cancelled everything", "Nothing was created", stage="idle", fields={}),
        u("yes", ASK_FUNCTION, lacks=(CREATED,)),
    ], created=0),
    T("help-repeats-the-pending-question", [
        u("photographer for client Acme", ASK_AMOUNT),
        u("help", "I can create a QuickJob", "has my client paid?", ASK_AMOUNT),
        u("250 euro tomorrow", SUMMARY),
        u("yes", CREATED),
    ], created=1),
    T("start-again-forgets-everything", [
        u("Photographer for client Acme, 250 euro tomorrow", SUMMARY),
        u("start again", "Let's start again.", ASK_FUNCTION, fields={}, stage="collect"),
        u("Cook for client Resto Max, 300 euro the day after tomorrow", SUMMARY, "Work: Cook",
          "Client: Resto Max"),
        u("yes", CREATED),
    ], created={"function": "Cook", "client_name": "Resto Max", "amount_cents": 30000}),
    T("repeated-yes-creates-one", [
        u("Photographer for client Acme, 250 euro tomorrow", SUMMARY),
        u("yes", CREATED, "Q2026-000001"),
        u("yes", "This QuickJob was already created (quote Q2026-000001)"),
        u("yes", "already created"),
    ], created=1),
    T("handoff-to-an-adviser", [
        u("photographer for client Acme, billing@acme.be", ASK_AMOUNT),
        u("I want to talk to a human", "I passed your question", "reference R-1"),
    ], created=0, handoffs=1),
    T("status-salary", [
        u("when is my salary paid?",
          "Your salary for \"poster\" (Acme) is paid on 20 March 2026: €432.10 net."),
    ]),
    T("status-salary-other-phrasing", [
        u("Hi", "Hello!"),
        u("when do I get paid?", "is paid on 20 March 2026"),
    ]),
    T("status-unit", [
        u("how much is left in my unit?", "Your unit \"Lena\" now has €123.45 available."),
    ]),
    T("status-client-paid", [
        u("has my client paid?", "Not yet: Acme still has to pay €1,210.00", "due 3 April 2026",
          "guarantee fund"),
    ]),
    T("status-payslip-and-contract", [
        u("where is my payslip?", "No payslip yet"),
        u("where is my contract?", "No contract yet"),
    ]),
    T("status-contribution", [
        u("what does the 6.5 % pay for?", "The 6.5 % contribution", "guarantee fund"),
    ]),
    T("status-question-mid-flow-keeps-the-summary", [
        u("Photographer for client Acme, 250 euro tomorrow", SUMMARY),
        u("when is my salary paid?", "20 March 2026", SUMMARY, stage="confirm"),
        u("yes", CREATED),
    ], created=1),
]

REAL = [
    R("real-all-in-one-creates-one-quickjob", [
        u("Hello", "Hello!", lang="en"),
        u("Poster design for client Globex Corp, €800 on {d7}, as an artist, 6% VAT",
          SUMMARY, "Amount: €800.00 excl. VAT", "Days: {day7}",
          "VAT (6 %): €48.00 (the client pays €848.00)", "Contract: artist", stage="confirm"),
        u("yes", CREATED, stage="done"),
        u("yes", "already created"),
    ], db={"amountCents": 80000, "clientName": "Globex Corp", "function": "Poster design",
           "performanceDates": ["{iso7}"], "status": "quote_sent"}, jobs=1, lang="en",
       max_messages=4),
    R("real-one-by-one-with-corrections", [
        u("I want to make a new quote", ASK_FUNCTION),
        u("photographer", ASK_CLIENT),
        u("Acme Ltd", ASK_AMOUNT),
        u("300", ASK_DATES),
        u("{d5}", SUMMARY, "€300.00", "Days: {day5}"),
        u("change the date to {d10}", SUMMARY, "Days: {day10}"),
        u("yes", CREATED),
    ], db={"amountCents": 30000, "clientName": "Acme Ltd", "function": "photographer",
           "performanceDates": ["{iso10}"]}, jobs=1, lang="en", max_messages=10),
    R("real-status-client-not-paid-salary-contract", [
        u("has my client paid?", "Not yet: Brouwerij De Klok still has to pay {open}",
          "due {due}"),
        u("when is my salary paid?", "is paid on {pay_date}: {net} net"),
        u("where is my contract?", "Your contract", "{contract_url}"),
    ], setup="invoiced", jobs=1, lang="en"),
    R("real-status-paid-payslip-unit", [
        u("did the client pay?", "Yes, Brouwerij De Klok paid {total}"),
        u("has my salary been paid?", "has been paid: {net} net"),
        u("where is my payslip?", "Your latest payslip", "{payslip_url}"),
        u("how much is left in my unit?", "now has {balance} available"),
    ], setup="paid", jobs=1, lang="en"),
    R("real-status-before-any-quickjob", [
        u("when is my salary paid?", "You have no QuickJobs yet"),
        u("where is my payslip?", "You have no QuickJobs yet"),
        u("what does the 6.5 % pay for?", "guarantee fund"),
    ], jobs=0, lang="en"),
    R("real-handoff-creates-a-review-item", [
        u("photographer for client Acme, billing@acme.be", ASK_AMOUNT),
        u("can I talk to an adviser?", "I passed your question", "reference"),
    ], review=True, jobs=0, lang="en"),
    R("real-past-date-asked-again-then-cancel", [
        u("Photographer for client Acme, 250 euro on 01/01/2020", "past", "tomorrow"),
        u("on {d5}", SUMMARY, "Days: {day5}"),
        u("cancel", "Nothing was created"),
        u("yes", ASK_FUNCTION),
    ], jobs=0, lang="en"),
]
