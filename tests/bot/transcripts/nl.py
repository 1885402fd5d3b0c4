"""Dutch transcripts (today in the stub: Wednesday 4 March 2026)."""

from tests.bot.transcripts import R, T, u

SUMMARY = "Samenvatting van je QuickJob"
ASK_FUNCTION = "Welk werk doe je?"
ASK_CLIENT = "Voor welke klant werk je?"
ASK_AMOUNT = "Welk bedrag vraag je"
ASK_DATES = "Op welke dag(en) werk je?"
CREATED = "Klaar! Je QuickJob is gemaakt"
NOT_UNDERSTOOD = "Dat begreep ik niet."

STUB = [
    T("all-in-one", [
        u("Hallo", "Hallo!", "Grafisch ontwerp voor klant", stage="idle", lang="nl"),
        u("Grafisch ontwerp voor klant Brouwerij De Klok, 1.250,50 € op 12 maart",
          SUMMARY, "Werk: Grafisch ontwerp", "Klant: Brouwerij De Klok", "Dagen: donderdag 12 maart 2026",
          "Bedrag: € 1.250,50 excl. btw", "Btw (21 %): € 262,60 (klant betaalt € 1.513,10)",
          "Contract: bediende", "Bijdrage aan de coöperatie: € 81,28",
          "Verwacht nettoloon: € 625,25", "Uitbetaling: 18 maart 2026", "Antwoord \"ja\"",
          lacks=(CREATED,), stage="confirm"),
        u("ja", CREATED, "offerte Q2026-000001", stage="done"),
    ], created={"function": "Grafisch ontwerp", "client_name": "Brouwerij De Klok",
                "amount_cents": 125050, "dates": ["2026-03-12"], "vat_rate": "21",
                "contract_type": "employee"}, max_messages=3),
    T("one-by-one", [
        u("ik wil een offerte maken", ASK_FUNCTION, "fotograaf", stage="collect"),
        u("fotograaf", ASK_CLIENT, fields={"function": "fotograaf"}),
        u("Brouwerij De Klok", ASK_AMOUNT, "250 euro", fields={"client_name": "Brouwerij De Klok"}),
        u("250", ASK_DATES, "morgen", fields={"amount_cents": 25000}),
        u("morgen", SUMMARY, "Dagen: donderdag 5 maart 2026", "€ 250,00", "Verwacht nettoloon: € 125,00"),
        u("ja", CREATED),
    ], created={"function": "fotograaf", "client_name": "Brouwerij De Klok", "amount_cents": 25000,
                "dates": ["2026-03-05"]}, max_messages=10),
    T("amount-euro-sign-first-day-after-tomorrow", [
        u("Fotograaf voor klant Acme, €250, overmorgen", SUMMARY, "Bedrag: € 250,00",
          "Dagen: vrijdag 6 maart 2026"),
        u("ja", CREATED),
    ], created={"amount_cents": 25000, "dates": ["2026-03-06"]}),
    T("amount-with-space-thousands-today", [
        u("Catering voor klant Resto Max, 1 250 euro, vandaag", SUMMARY, "Bedrag: € 1.250,00",
          "Dagen: woensdag 4 maart 2026", "Werk: Catering"),
        u("oké", CREATED),
    ], created={"amount_cents": 125000, "dates": ["2026-03-04"], "function": "Catering"}),
    T("amount-cents-next-weekday", [
        u("Bijles wiskunde voor klant Familie Peeters, 99,99 € volgende dinsdag", SUMMARY,
          "Bedrag: € 99,99", "Dagen: dinsdag 10 maart 2026"),
        u("ja", CREATED),
    ], created={"amount_cents": 9999, "dates": ["2026-03-10"],
                "client_name": "Familie Peeters"}),
    T("amount-eur-two-numeric-dates", [
        u("Montage voor klant Studio Noord, 300 EUR op 12/03 en 13/03", SUMMARY,
          "Dagen: donderdag 12 maart 2026, vrijdag 13 maart 2026", "Bedrag: € 300,00"),
        u("ja", CREATED),
    ], created={"amount_cents": 30000, "dates": ["2026-03-12", "2026-03-13"]}),
    T("weekday-with-explicit-date", [
        u("Dj-set voor klant Club Vier, 400 euro op maandag 9 maart", SUMMARY,
          "Dagen: maandag 9 maart 2026", "Bedrag: € 400,00"),
        u("ja", CREATED),
    ], created={"dates": ["2026-03-09"], "function": "Dj-set"}),
    T("iso-date-and-year", [
        u("Fotograaf voor klant Acme, 250 euro op 2026-05-01", SUMMARY, "Dagen: vrijdag 1 mei 2026"),
        u("ja", CREATED),
    ], created={"dates": ["2026-05-01"]}),
    T("vat-six-percent", [
        u("Workshop voor klant Atelier Zuid, 200 euro morgen, 6% btw", SUMMARY,
          "Btw (6 %): € 12,00 (klant betaalt € 212,00)"),
        u("ja", CREATED),
    ], created={"vat_rate": "6", "amount_cents": 20000}),
    T("vat-twelve-as-correction", [
        u("Fotograaf voor klant Acme, 250 euro morgen", SUMMARY, "Btw (21 %)"),
        u("btw 12", SUMMARY, "Btw (12 %): € 30,00", fields={"vat_rate": "12"}),
        u("ja", CREATED),
    ], created={"vat_rate": "12"}),
    T("vat-exemption-asked-with-reasons", [
        u("Vertaling voor klant Globex, 400 euro morgen, vrijgesteld van btw", "Waarom geen btw?",
          "uitvoer", stage="collect", fields={"vat_mode": "exempt"}),
        u("uitvoer", SUMMARY, "Btw (0 %, vrijgesteld, uitvoer): € 0,00"),
        u("ja", CREATED),
    ], created={"vat_rate": "0", "vat_exemption": "export", "amount_cents": 40000}),
    T("vat-reverse-charge-in-one-message", [
        u("Vertaling voor klant Globex, 400 euro morgen, btw verlegd", SUMMARY,
          "Btw (0 %, btw verlegd, klant in de EU)"),
        u("ja", CREATED),
    ], created={"vat_rate": "0", "vat_exemption": "intra_eu_reverse_charge"}),
    T("contract-student", [
        u("Afwas voor klant Resto Max, 120 euro morgen, als student", SUMMARY,
          "Contract: student", "Werk: Afwas"),
        u("ja", CREATED),
    ], created={"contract_type": "student", "function": "Afwas"}),
    T("contract-artist-keeps-the-work", [
        u("Workshop keramiek voor klant Atelier Noord, €250 volgende dinsdag, als artiest",
          SUMMARY, "Werk: Workshop keramiek", "Contract: artiest", lacks=("Werk: artiest",)),
        u("ja", CREATED),
    ], created={"contract_type": "artist", "function": "Workshop keramiek"}),
    T("contract-manual-worker", [
        u("Verhuishulp voor klant Verhuis NV, 180 euro morgen, arbeider", SUMMARY,
          "Contract: arbeider"),
        u("ja", CREATED),
    ], created={"contract_type": "manual_worker"}),
    T("client-email-and-vat-number", [
        u("Fotograaf voor klant Brouwerij De Klok, 250 euro morgen, info@deklok.be, "
          "btw BE 0403.019.261", SUMMARY,
          "Klant: Brouwerij De Klok (bedrijf, BE0403019261)", "E-mail klant: info@deklok.be", "Btw (21 %)"),
        u("ja", CREATED),
    ], created={"email": "info@deklok.be", "vat_number": "BE0403019261", "vat_rate": "21"}),
    T("invalid-vat-number-then-none", [
        u("Fotograaf voor klant Acme, 250 euro morgen", SUMMARY),
        u("btw-nummer BE0403019262", "Dat btw-nummer klopt niet", "BE0403019261",
          stage="collect"),
        u("geen btw-nummer", SUMMARY, "Klant: Acme", "Btw (21 %)", lacks=("BE04",)),
        u("ja", CREATED),
    ], created={"vat_rate": "21", "client_name": "Acme"}),
    T("amount-correction", [
        u("Fotograaf voor klant Acme, 250 euro morgen", SUMMARY, "€ 250,00"),
        u("nee, 300 euro", SUMMARY, "Bedrag: € 300,00", "Verwacht nettoloon: € 150,00",
          "Werk: Fotograaf"),
        u("ja", CREATED),
    ], created={"amount_cents": 30000, "function": "Fotograaf"}),
    T("amount-correction-by-field-name", [
        u("Fotograaf voor klant Acme, 250 euro morgen", SUMMARY),
        u("het bedrag is 450", SUMMARY, "Bedrag: € 450,00"),
        u("ja", CREATED),
    ], created={"amount_cents": 45000}),
    T("date-correction", [
        u("Fotograaf voor klant Acme, 250 euro morgen", SUMMARY, "5 maart 2026"),
        u("verander de datum naar vrijdag", SUMMARY, "Dagen: vrijdag 6 maart 2026",
          lacks=("5 maart 2026",)),
        u("ja", CREATED),
    ], created={"dates": ["2026-03-06"]}),
    T("date-correction-with-negation", [
        u("Fotograaf voor klant Acme, 250 euro morgen", SUMMARY),
        u("niet morgen maar 12 maart", SUMMARY, "Dagen: donderdag 12 maart 2026", lacks=("5 maart",)),
        u("ja", CREATED),
    ], created={"dates": ["2026-03-12"]}),
    T("client-correction-keeps-the-work", [
        u("Fotograaf voor klant Acme, 250 euro morgen", SUMMARY),
        u("nee, de klant is Globex", SUMMARY, "Klant: Globex", "Werk: Fotograaf",
          lacks=("Werk: nee",)),
        u("ja", CREATED),
    ], created={"client_name": "Globex", "function": "Fotograaf"}),
    T("work-and-contract-correction", [
        u("Fotograaf voor klant Acme, 250 euro morgen", SUMMARY),
        u("verander het werk naar videograaf", SUMMARY, "Werk: videograaf"),
        u("als student", SUMMARY, "Contract: student"),
        u("ja", CREATED),
    ], created={"function": "videograaf", "contract_type": "student"}),
    T("email-added-at-summary", [
        u("Fotograaf voor klant Acme, 250 euro morgen", SUMMARY),
        u("het e-mailadres is factuur@acme.be", SUMMARY, "E-mail klant: factuur@acme.be"),
        u("ja", CREATED),
    ], created={"email": "factuur@acme.be"}),
    T("no-at-summary-asks-what-to-change", [
        u("Fotograaf voor klant Acme, 250 euro morgen", SUMMARY),
        u("nee", "Wat wil je veranderen?", "300 euro", stage="collect"),
        u("400 euro", SUMMARY, "€ 400,00"),
        u("ja", CREATED),
    ], created={"amount_cents": 40000}),
    T("invalid-amount-gets-example-not-a-loop", [
        u("fotograaf voor klant Acme", ASK_AMOUNT),
        u("veel", NOT_UNDERSTOOD, "Bijvoorbeeld \"250 euro\"", lacks=("adviseur",)),
        u("heel veel", NOT_UNDERSTOOD, "250 euro", "Zeg \"adviseur\""),
        u("250 euro", ASK_DATES, fields={"amount_cents": 25000}),
        u("32/13", NOT_UNDERSTOOD, "volgende maandag"),
        u("morgen", SUMMARY),
    ], created=0),
    T("unclear-answer-at-summary", [
        u("Fotograaf voor klant Acme, 250 euro morgen", SUMMARY),
        u("misschien", NOT_UNDERSTOOD, "Antwoord \"ja\" om de offerte te maken", stage="confirm"),
        u("ja", CREATED),
    ], created=1),
    T("switch-to-french-at-summary", [
        u("Fotograaf voor klant Acme, 250 euro morgen", SUMMARY, lang="nl"),
        u("in het Frans graag", "on continue en français", "Résumé de votre QuickJob",
          "Montant : 250,00 € HTVA", lang="fr"),
        u("oui", "C'est fait"),
    ], created=1, lang="fr"),
    T("switch-to-english-while-collecting", [
        u("fotograaf voor klant Acme", ASK_AMOUNT),
        u("kan het in het Engels?", "let's continue in English",
          "What amount do you charge", lang="en"),
        u("250 euro", "On which day(s)"),
        u("tomorrow", "Summary of your QuickJob", "5 March 2026"),
        u("yes", "Done!"),
    ], created={"amount_cents": 25000, "dates": ["2026-03-05"]}, lang="en"),
    T("cancel-creates-nothing", [
        u("Fotograaf voor klant Acme, 250 euro morgen", SUMMARY),
        u("annuleer", "ik heb alles geannuleerd", "Er is niets gemaakt", stage="idle",
          fields={}),
        u("ja", ASK_FUNCTION, lacks=(CREATED,)),
    ], created=0),
    T("help-repeats-the-pending-question", [
        u("fotograaf voor klant Acme", ASK_AMOUNT),
        u("help", "Ik kan een QuickJob voor je maken", "heeft mijn klant betaald?", ASK_AMOUNT),
        u("250 euro morgen", SUMMARY),
        u("ja", CREATED),
    ], created=1),
    T("start-again-forgets-everything", [
        u("Fotograaf voor klant Acme, 250 euro morgen", SUMMARY),
        u("opnieuw beginnen", "We beginnen opnieuw", ASK_FUNCTION, fields={}, stage="collect"),
        u("Kok voor klant Resto Max, 300 euro overmorgen", SUMMARY, "Werk: Kok",
          "Klant: Resto Max"),
        u("ja", CREATED),
    ], created={"function": "Kok", "client_name": "Resto Max", "amount_cents": 30000,
                "dates": ["2026-03-06"]}),
    T("repeated-yes-creates-one", [
        u("Fotograaf voor klant Acme, 250 euro morgen", SUMMARY),
        u("ja", CREATED, "Q2026-000001"),
        u("ja", "Deze QuickJob is al gemaakt (offerte Q2026-000001)"),
        u("ja", "al gemaakt"),
    ], created=1),
    T("a-second-quickjob-after-the-first", [
        u("Fotograaf voor klant Acme, 250 euro morgen", SUMMARY),
        u("ja", CREATED, "Q2026-000001"),
        u("Kok voor klant Resto Max, 300 euro overmorgen", SUMMARY, "Klant: Resto Max",
          lacks=("Acme",)),
        u("ja", CREATED, "Q2026-000002"),
    ], created=2),
    T("handoff-to-an-adviser", [
        u("fotograaf voor klant Acme, info@acme.be", ASK_AMOUNT),
        u("ik wil met een adviseur spreken", "doorgegeven aan een adviseur", "referentie R-1"),
    ], created=0, handoffs=1),
    T("status-salary", [
        u("wanneer wordt mijn loon betaald?",
          "Je loon voor \"poster\" (Acme) wordt betaald op 20 maart 2026: € 432,10 netto."),
    ]),
    T("status-unit", [
        u("hoeveel staat er nog op mijn eenheid?", "Op je eenheid \"Lena\" staat nu € 123,45."),
    ]),
    T("status-client-paid", [
        u("heeft mijn klant betaald?", "Nog niet: Acme moet nog € 1.210,00 betalen",
          "vervaldag 3 april 2026", "waarborgfonds"),
    ]),
    T("status-payslip-and-contract", [
        u("waar is mijn loonfiche?", "nog geen loonfiche"),
        u("waar vind ik mijn contract?", "nog geen contract"),
    ]),
    T("status-contribution", [
        u("waarvoor dient de 6,5 %?", "De bijdrage van 6,5 %", "waarborgfonds"),
    ]),
    T("status-question-mid-flow-keeps-the-summary", [
        u("Fotograaf voor klant Acme, 250 euro morgen", SUMMARY),
        u("wanneer krijg ik mijn loon?", "20 maart 2026", SUMMARY, stage="confirm"),
        u("ja", CREATED),
    ], created=1),
]

REAL = [
    R("real-all-in-one-creates-one-quickjob", [
        u("Hallo", "Hallo!", lang="nl"),
        u("Fotograaf voor klant Brouwerij De Klok, 1.250,50 € op {d7}, boekhouding@deklok.be, "
          "BE0403019261", SUMMARY, "Bedrag: € 1.250,50 excl. btw", "Dagen: {day7}",
          "Btw (21 %): € 262,61 (klant betaalt € 1.513,11)", "Bijdrage aan de coöperatie",
          stage="confirm"),
        u("ja", CREATED, stage="done"),
        u("ja", "al gemaakt"),
    ], db={"amountCents": 125050, "clientName": "Brouwerij De Klok", "function": "Fotograaf",
           "performanceDates": ["{iso7}"], "status": "quote_sent"}, jobs=1, max_messages=4),
    R("real-one-by-one-with-correction", [
        u("ik wil een offerte maken", ASK_FUNCTION),
        u("grafisch ontwerper", ASK_CLIENT),
        u("Atelier Noord", ASK_AMOUNT),
        u("400", ASK_DATES),
        u("{d5}", SUMMARY, "€ 400,00", "Dagen: {day5}"),
        u("nee, 450 euro", SUMMARY, "Bedrag: € 450,00"),
        u("ja", CREATED),
    ], db={"amountCents": 45000, "clientName": "Atelier Noord", "function": "grafisch ontwerper",
           "performanceDates": ["{iso5}"]}, jobs=1, max_messages=10),
    R("real-status-client-not-paid-salary-contract", [
        u("heeft mijn klant betaald?", "Nog niet: Brouwerij De Klok moet nog {open} betalen",
          "vervaldag {due}"),
        u("wanneer wordt mijn loon betaald?", "wordt betaald op {pay_date}: {net} netto"),
        u("waar is mijn contract?", "{contract_url}", "aangegeven"),
    ], setup="invoiced", jobs=1),
    R("real-status-paid-payslip-unit", [
        u("heeft de klant al betaald?", "Ja, Brouwerij De Klok heeft {total} betaald"),
        u("is mijn loon betaald?", "is betaald: {net} netto"),
        u("waar is mijn loonfiche?", "Je laatste loonfiche", "{payslip_url}"),
        u("hoeveel staat er nog op mijn eenheid?", "staat nu {balance}"),
    ], setup="paid", jobs=1),
    R("real-status-before-any-quickjob", [
        u("wanneer wordt mijn loon betaald?", "Je hebt nog geen QuickJobs"),
        u("heeft mijn klant betaald?", "Je hebt nog geen QuickJobs"),
        u("waarvoor dient de 6,5 %?", "waarborgfonds"),
    ], jobs=0),
    R("real-handoff-creates-a-review-item", [
        u("fotograaf voor klant Acme, info@acme.be", ASK_AMOUNT),
        u("ik wil met een adviseur spreken", "doorgegeven aan een adviseur", "referentie"),
    ], review=True, jobs=0),
    R("real-validation-past-date-exemption-cancel", [
        u("Fotograaf voor klant Acme, 250 euro op 01/01/2020", "verleden", "morgen"),
        u("op {d5}", SUMMARY, "Dagen: {day5}"),
        u("zonder btw", SUMMARY, "excl. btw", "Btw (21 %)"),
        u("21 % btw", SUMMARY, "Btw (21 %)"),
        u("annuleer", "Er is niets gemaakt"),
        u("ja", ASK_FUNCTION),
    ], jobs=0),
]
