"""French transcripts (today in the stub: Wednesday 4 March 2026). The conversations start with
the default language nl: French is detected from the first message."""

from tests.bot.transcripts import R, T, u

SUMMARY = "Résumé de votre QuickJob"
ASK_FUNCTION = "Quel travail faites-vous ?"
ASK_CLIENT = "Pour quel client travaillez-vous ?"
ASK_AMOUNT = "Quel montant demandez-vous"
ASK_DATES = "Quel(s) jour(s) travaillez-vous ?"
CREATED = "C'est fait ! Votre QuickJob est créé"
NOT_UNDERSTOOD = "Je n'ai pas compris."

STUB = [
    T("all-in-one", [
        u("Bonjour", "Bonjour !", "Graphisme pour le client", stage="idle", lang="fr"),
        u("Photographe pour le client Café Central, 1.250,50 € vendredi prochain",
          SUMMARY, "Travail : Photographe", "Client : Café Central", "Jours : vendredi 6 mars 2026",
          "Montant : 1 250,50 € HTVA", "TVA (21 %) : 262,60 € (le client paie 1 513,10 €)",
          "Contrat : employé", "Contribution à la coopérative : 81,28 €",
          "Salaire net attendu : 625,25 €", "Paiement : 18 mars 2026", "Répondez \"oui\"",
          lacks=(CREATED,), stage="confirm"),
        u("oui", CREATED, "devis Q2026-000001", stage="done"),
    ], created={"function": "Photographe", "client_name": "Café Central", "amount_cents": 125050,
                "dates": ["2026-03-06"], "vat_rate": "21", "contract_type": "employee"},
       max_messages=3),
    T("one-by-one", [
        u("je voudrais faire un devis", ASK_FUNCTION, "photographe", stage="collect", lang="fr"),
        u("photographe", ASK_CLIENT, fields={"function": "photographe"}),
        u("Café Central", ASK_AMOUNT, "250 euros", fields={"client_name": "Café Central"}),
        u("250 euros", ASK_DATES, "demain", fields={"amount_cents": 25000}),
        u("demain", SUMMARY, "Jours : jeudi 5 mars 2026", "Montant : 250,00 €",
          "Salaire net attendu : 125,00 €"),
        u("oui", CREATED),
    ], created={"function": "photographe", "client_name": "Café Central", "amount_cents": 25000,
                "dates": ["2026-03-05"]}, max_messages=10),
    T("amount-euro-sign-first-day-after-tomorrow", [
        u("Graphisme pour le client Brasserie Dupont, €250, après-demain", SUMMARY,
          "Montant : 250,00 €", "Jours : vendredi 6 mars 2026", "Travail : Graphisme"),
        u("oui", CREATED),
    ], created={"amount_cents": 25000, "dates": ["2026-03-06"], "function": "Graphisme"}),
    T("amount-space-thousands-today", [
        u("Traiteur pour le client Resto Max, 1 250 euros, aujourd'hui", SUMMARY,
          "Montant : 1 250,00 €", "Jours : mercredi 4 mars 2026"),
        u("d'accord", CREATED),
    ], created={"amount_cents": 125000, "dates": ["2026-03-04"]}),
    T("amount-cents-next-monday", [
        u("Cours de guitare pour le client Famille Dubois, 99,99 € lundi prochain", SUMMARY,
          "Montant : 99,99 €", "Jours : lundi 9 mars 2026"),
        u("oui", CREATED),
    ], created={"amount_cents": 9999, "dates": ["2026-03-09"], "client_name": "Famille Dubois"}),
    T("amount-eur-numeric-dates", [
        u("Montage pour le client Studio Nord, 300 EUR le 12/03 et le 13/03", SUMMARY,
          "Jours : jeudi 12 mars 2026, vendredi 13 mars 2026", "Montant : 300,00 €"),
        u("oui", CREATED),
    ], created={"amount_cents": 30000, "dates": ["2026-03-12", "2026-03-13"]}),
    T("date-month-name-first-of-month", [
        u("Photographe pour le client Café Central, 250 euros le 1er avril", SUMMARY,
          "Jours : mercredi 1 avril 2026"),
        u("oui", CREATED),
    ], created={"dates": ["2026-04-01"]}),
    T("weekday-with-explicit-date", [
        u("DJ pour le client Club Quatre, 400 euros mardi 10 mars", SUMMARY,
          "Jours : mardi 10 mars 2026"),
        u("oui", CREATED),
    ], created={"dates": ["2026-03-10"]}),
    T("vat-six-percent", [
        u("Atelier pour le client Atelier Sud, 200 euros demain, TVA 6 %", SUMMARY,
          "TVA (6 %) : 12,00 € (le client paie 212,00 €)"),
        u("oui", CREATED),
    ], created={"vat_rate": "6", "amount_cents": 20000}),
    T("vat-twelve-as-correction", [
        u("Photographe pour le client Café Central, 250 euros demain", SUMMARY, "TVA (21 %)"),
        u("12 % de TVA", SUMMARY, "TVA (12 %) : 30,00 €", fields={"vat_rate": "12"}),
        u("oui", CREATED),
    ], created={"vat_rate": "12"}),
    T("vat-exemption-asked-with-reasons", [
        u("Traduction pour le client Globex, 400 euros demain, exonéré de TVA", "Pourquoi sans TVA ?",
          "exportation", stage="collect", fields={"vat_mode": "exempt"}),
        u("exportation", SUMMARY, "TVA (0 %, exonéré, exportation) : 0,00 €"),
        u("oui", CREATED),
    ], created={"vat_rate": "0", "vat_exemption": "export"}),
    T("vat-reverse-charge-in-one-message", [
        u("Traduction pour le client Globex, 400 euros demain, autoliquidation", SUMMARY,
          "TVA (0 %, autoliquidation, client UE)"),
        u("oui", CREATED),
    ], created={"vat_rate": "0", "vat_exemption": "intra_eu_reverse_charge"}),
    T("contract-student", [
        u("Plonge pour le client Resto Max, 120 euros demain, comme étudiant", SUMMARY,
          "Contrat : étudiant", "Travail : Plonge"),
        u("oui", CREATED),
    ], created={"contract_type": "student", "function": "Plonge"}),
    T("contract-artist-keeps-the-work", [
        u("Atelier céramique pour le client Atelier Nord, 250 euros demain, en tant qu'artiste",
          SUMMARY, "Travail : Atelier céramique", "Contrat : artiste"),
        u("oui", CREATED),
    ], created={"contract_type": "artist", "function": "Atelier céramique"}),
    T("contract-manual-worker", [
        u("Déménagement pour le client Déménag SA, 180 euros demain, ouvrier", SUMMARY,
          "Contrat : ouvrier"),
        u("oui", CREATED),
    ], created={"contract_type": "manual_worker"}),
    T("client-email-and-vat-number", [
        u("Photographe pour le client Café Central, 250 euros demain, info@cafecentral.be, "
          "TVA BE0403019261", SUMMARY,
          "Client : Café Central (entreprise, BE0403019261)", "E-mail du client : info@cafecentral.be", "TVA (21 %)"),
        u("oui", CREATED),
    ], created={"email": "info@cafecentral.be", "vat_number": "BE0403019261"}),
    T("invalid-vat-number-then-none", [
        u("Photographe pour le client Café Central, 250 euros demain", SUMMARY),
        u("numéro de TVA BE0403019262", "Ce numéro de TVA n'est pas correct", "BE0403019261",
          stage="collect"),
        u("pas de numéro", SUMMARY, lacks=("BE04",)),
        u("oui", CREATED),
    ], created={"vat_rate": "21"}),
    T("amount-correction", [
        u("Photographe pour le client Café Central, 250 euros demain", SUMMARY),
        u("non, 300 euros", SUMMARY, "Montant : 300,00 €", "Salaire net attendu : 150,00 €",
          "Travail : Photographe"),
        u("oui", CREATED),
    ], created={"amount_cents": 30000}),
    T("amount-correction-by-field-name", [
        u("Photographe pour le client Café Central, 250 euros demain", SUMMARY),
        u("le montant est 500", SUMMARY, "Montant : 500,00 €"),
        u("oui", CREATED),
    ], created={"amount_cents": 50000}),
    T("date-correction", [
        u("Photographe pour le client Café Central, 250 euros demain", SUMMARY, "5 mars 2026"),
        u("change la date à vendredi", SUMMARY, "Jours : vendredi 6 mars 2026", lacks=("5 mars 2026",)),
        u("oui", CREATED),
    ], created={"dates": ["2026-03-06"]}),
    T("date-correction-with-negation", [
        u("Photographe pour le client Café Central, 250 euros demain", SUMMARY),
        u("pas demain mais le 12 mars", SUMMARY, "Jours : jeudi 12 mars 2026", lacks=("5 mars",)),
        u("oui", CREATED),
    ], created={"dates": ["2026-03-12"]}),
    T("client-correction", [
        u("Photographe pour le client Café Central, 250 euros demain", SUMMARY),
        u("le client est Brasserie Dupont", SUMMARY, "Client : Brasserie Dupont",
          "Travail : Photographe"),
        u("oui", CREATED),
    ], created={"client_name": "Brasserie Dupont", "function": "Photographe"}),
    T("work-and-contract-correction", [
        u("Photographe pour le client Café Central, 250 euros demain", SUMMARY),
        u("change le travail en vidéaste", SUMMARY, "Travail : vidéaste"),
        u("comme étudiant", SUMMARY, "Contrat : étudiant"),
        u("oui", CREATED),
    ], created={"function": "vidéaste", "contract_type": "student"}),
    T("no-at-summary-asks-what-to-change", [
        u("Photographe pour le client Café Central, 250 euros demain", SUMMARY),
        u("non", "Que voulez-vous changer ?", "300 euros", stage="collect"),
        u("400 euros", SUMMARY, "400,00 €"),
        u("oui", CREATED),
    ], created={"amount_cents": 40000}),
    T("invalid-amount-gets-example-not-a-loop", [
        u("photographe pour le client Café Central", ASK_AMOUNT),
        u("beaucoup", NOT_UNDERSTOOD, "Par exemple \"250 euros\"", lacks=("conseiller",)),
        u("vraiment beaucoup", NOT_UNDERSTOOD, "250 euros", "Dites \"conseiller\""),
        u("250 euros", ASK_DATES, fields={"amount_cents": 25000}),
        u("le 45/45", NOT_UNDERSTOOD, "lundi prochain"),
        u("demain", SUMMARY),
    ], created=0),
    T("unclear-answer-at-summary", [
        u("Photographe pour le client Café Central, 250 euros demain", SUMMARY),
        u("peut-être", NOT_UNDERSTOOD, "Répondez \"oui\" pour créer le devis", stage="confirm"),
        u("oui", CREATED),
    ], created=1),
    T("switch-to-dutch-at-summary", [
        u("Photographe pour le client Café Central, 250 euros demain", SUMMARY, lang="fr"),
        u("en néerlandais svp", "we gaan verder in het Nederlands", "Samenvatting van je QuickJob",
          "Bedrag: € 250,00 excl. btw", lang="nl"),
        u("ja", "Klaar!"),
    ], created=1, lang="nl"),
    T("switch-to-english-while-collecting", [
        u("photographe pour le client Café Central", ASK_AMOUNT),
        u("in English please", "let's continue in English", "What amount do you charge",
          lang="en"),
        u("€250 tomorrow", "Summary of your QuickJob", "5 March 2026"),
        u("yes", "Done!"),
    ], created={"amount_cents": 25000}, lang="en"),
    T("cancel-creates-nothing", [
        u("Photographe pour le client Café Central, 250 euros demain", SUMMARY),
        u("annuler", "j'ai tout annulé", "Rien n'a été créé", stage="idle", fields={}),
        u("oui", ASK_FUNCTION, lacks=(CREATED,)),
    ], created=0),
    T("help-repeats-the-pending-question", [
        u("photographe pour le client Café Central", ASK_AMOUNT),
        u("aide", "Je peux créer un QuickJob", "mon client a-t-il payé ?", ASK_AMOUNT),
        u("250 euros demain", SUMMARY),
        u("oui", CREATED),
    ], created=1),
    T("start-again-forgets-everything", [
        u("Photographe pour le client Café Central, 250 euros demain", SUMMARY),
        u("on recommence", "On recommence.", ASK_FUNCTION, fields={}, stage="collect"),
        u("Cuisinier pour le client Resto Max, 300 euros après-demain", SUMMARY,
          "Travail : Cuisinier", "Client : Resto Max"),
        u("oui", CREATED),
    ], created={"function": "Cuisinier", "client_name": "Resto Max", "amount_cents": 30000}),
    T("repeated-yes-creates-one", [
        u("Photographe pour le client Café Central, 250 euros demain", SUMMARY),
        u("oui", CREATED, "Q2026-000001"),
        u("oui", "Ce QuickJob est déjà créé (devis Q2026-000001)"),
        u("oui", "déjà créé"),
    ], created=1),
    T("handoff-to-an-adviser", [
        u("photographe pour le client Café Central, info@cafecentral.be", ASK_AMOUNT),
        u("je veux parler à un conseiller", "J'ai transmis votre question", "référence R-1"),
    ], created=0, handoffs=1),
    T("status-salary", [
        u("quand mon salaire est-il payé ?",
          "Votre salaire pour \"poster\" (Acme) sera payé le 20 mars 2026 : 432,10 € net."),
    ]),
    T("status-salary-other-phrasing", [
        u("Bonjour", "Bonjour !"),
        u("quand est-ce que je suis payé ?", "sera payé le 20 mars 2026"),
    ]),
    T("status-unit", [
        u("combien reste-t-il dans mon unité ?", "Votre unité \"Lena\" dispose maintenant de 123,45 €."),
    ]),
    T("status-client-paid", [
        u("mon client a-t-il payé ?", "Pas encore : Acme doit encore payer 1 210,00 €",
          "échéance 3 avril 2026", "fonds de garantie"),
    ]),
    T("status-payslip-and-contract", [
        u("où est ma fiche de paie ?", "Pas encore de fiche de paie"),
        u("où est mon contrat ?", "Pas encore de contrat"),
    ]),
    T("status-contribution", [
        u("à quoi sert la contribution de 6,5 % ?", "La contribution de 6,5 %", "fonds de garantie"),
    ]),
    T("status-question-mid-flow-keeps-the-summary", [
        u("Photographe pour le client Café Central, 250 euros demain", SUMMARY),
        u("quand mon salaire est-il payé ?", "20 mars 2026", SUMMARY, stage="confirm"),
        u("oui", CREATED),
    ], created=1),
]

REAL = [
    R("real-all-in-one-creates-one-quickjob", [
        u("Bonjour", "Bonjour !", lang="fr"),
        u("Photographe pour le client Café Central, 250 euros le {d7}, info@cafecentral.be",
          SUMMARY, "Montant : 250,00 € HTVA", "Jours : {day7}",
          "TVA (21 %) : 52,50 € (le client paie 302,50 €)", stage="confirm"),
        u("oui", CREATED, stage="done"),
        u("oui", "déjà créé"),
    ], db={"amountCents": 25000, "clientName": "Café Central", "function": "Photographe",
           "performanceDates": ["{iso7}"], "status": "quote_sent"}, jobs=1, lang="fr",
       max_messages=4),
    R("real-one-by-one-with-corrections", [
        u("je voudrais faire un devis", ASK_FUNCTION),
        u("graphiste", ASK_CLIENT),
        u("Brasserie Dupont", ASK_AMOUNT),
        u("1.250,50 €", ASK_DATES),
        u("le {d5}", SUMMARY, "1 250,50 €", "Jours : {day5}"),
        u("comme étudiant", SUMMARY, "Contrat : étudiant"),
        u("oui", CREATED),
    ], db={"amountCents": 125050, "clientName": "Brasserie Dupont", "function": "graphiste",
           "performanceDates": ["{iso5}"]}, jobs=1, lang="fr", max_messages=10),
    R("real-status-client-not-paid-salary-contract", [
        u("mon client a-t-il payé ?", "Pas encore : Brouwerij De Klok doit encore payer {open}",
          "échéance {due}"),
        u("quand mon salaire est-il payé ?", "sera payé le {pay_date} : {net} net"),
        u("où est mon contrat ?", "Votre contrat", "{contract_url}"),
    ], setup="invoiced", jobs=1, lang="fr"),
    R("real-status-paid-payslip-unit", [
        u("est-ce que le client a payé ?", "Oui, Brouwerij De Klok a payé {total}"),
        u("mon salaire est-il payé ?", "est payé : {net} net"),
        u("où est ma fiche de paie ?", "Votre dernière fiche de paie", "{payslip_url}"),
        u("combien reste-t-il dans mon unité ?", "dispose maintenant de {balance}"),
    ], setup="paid", jobs=1, lang="fr"),
    R("real-status-quote-waiting", [
        u("mon client a-t-il payé ?", "aucune facture n'est encore envoyée",
          "devis en attente du client", lacks=("quote_sent",)),
        u("quand mon salaire est-il payé ?", "le paiement est prévu le {pay_date}", "{net}"),
    ], setup="quote_sent", jobs=1, lang="fr"),
    R("real-handoff-creates-a-review-item", [
        u("photographe pour le client Café Central, info@cafecentral.be", ASK_AMOUNT),
        u("je veux parler à un conseiller", "J'ai transmis votre question", "référence"),
    ], review=True, jobs=0, lang="fr"),
    R("real-validation-exemption-then-cancel", [
        u("Photographe pour le client Café Central, 250 euros le {d5}, exonéré de TVA",
          "Pourquoi sans TVA ?", "exportation"),
        u("TVA 6 %", SUMMARY, "TVA (6 %)"),
        u("annuler", "Rien n'a été créé"),
    ], jobs=0, lang="fr"),
]
