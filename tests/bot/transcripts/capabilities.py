"""Issue 13's capabilities, one transcript each in each language (stub port; today is Wednesday
4 March 2026). The slug before ':' names the capability; every language has the same set."""

import datetime as dt

from tests.bot.transcripts import T, u

TODAY_BORN = dt.date(1992, 4, 14)

ACME_SENT = {"id": "job-a", "function": "fotograaf", "client": "Acme", "status": "quote_sent",
             "dates": ["2026-03-12"]}
ACME_ACCEPTED = {**ACME_SENT, "status": "accepted", "dates": ["2026-03-02"]}


def _job(function: str, status: str = "quote_sent", **extra) -> dict:
    return {**ACME_SENT, "function": function, "status": status, **extra}


TRAIN = [{"category": "travel", "amount_cents": 1800}]
CONTRACT_DATA = ("national_number", "birth_date", "address", "iban")
# A national number whose check digits add up (born 14 April 1992), and one digit off.
NN, NN_WRONG, NN_SAVED = "92.04.14-123.59", "92.04.14-123.58", "**.**.**-***.59"
IBAN, IBAN_SAVED = "be71 0961 2345 6769", "BE71 **** **** 6769"
SAVED_CONTRACT = [{"national_number": "92041412359", "birth_date": TODAY_BORN},
                  {"address": "Kerkstraat 5, 9000 Gent"}, {"iban": "BE71096123456769"}]

STUB = {
    "nl": [
        T("facts:every-fact-of-the-first-message", [
            u("Fotoshoot voor Brouwerij De Klok op 12 en 13 maart, 605 euro incl. btw, treinticket "
              "18 euro, info@deklok.be", "Samenvatting van je QuickJob",
              "Dagen: donderdag 12 maart 2026, vrijdag 13 maart 2026",
              "Bedrag: € 605,00 incl. btw (€ 500,00 excl. btw)",
              "Btw (21 %): € 105,00 (klant betaalt € 605,00)", "reiskosten € 18,00",
              "E-mail klant: info@deklok.be", lacks=("Welk", "Voor welke")),
            u("ja", "Klaar!", "per e-mail verstuurd naar info@deklok.be"),
        ], created={"vat_included": True, "expenses": TRAIN, "amount_cents": 60500,
                    "dates": ["2026-03-12", "2026-03-13"], "email": "info@deklok.be"},
            max_messages=2),
        T("correct:amount-and-date-without-no", [
            u("Fotograaf voor Acme, 250 euro morgen", "Samenvatting"),
            u("350 euro", "Samenvatting", "Bedrag: € 350,00"),
            u("vrijdag", "Samenvatting", "Dagen: vrijdag 6 maart 2026", lacks=("5 maart",)),
            u("ja", "Klaar!"),
        ], created={"amount_cents": 35000, "dates": ["2026-03-06"]}),
        T("correct:day-client-email-vat-mode", [
            u("Fotograaf voor Acme, 250 euro op 12 maart", "Samenvatting"),
            u("het is de 13de", "Samenvatting", "Dagen: vrijdag 13 maart 2026"),
            u("de klant is Acme Belgium bv", "Klant: Acme Belgium bv (bedrijf)"),
            u("jan@acme.be", "E-mail klant: jan@acme.be"),
            u("btw inbegrepen", "Bedrag: € 250,00 incl. btw (€ 206,61 excl. btw)"),
            u("ja", "Klaar!"),
        ], created={"dates": ["2026-03-13"], "client_name": "Acme Belgium bv",
                    "email": "jan@acme.be", "vat_included": True}),
        T("money:question-answered-creates-nothing", [
            u("hoeveel hou ik over van 300 euro", "Voor € 300,00 excl. btw (1 dag, bediende)",
              "Nettoloon: ongeveer € 150,00", "Er is niets aangemaakt", stage="idle"),
            u("ja", "Welk werk doe je?"),
            u("fotograaf voor Acme morgen", "Samenvatting", "Bedrag: € 300,00"),
        ], created=0, expect={"simulations": 1}),
        T("invoice:make-the-invoice", [
            u("maak de factuur", "Factuur 2026/000001", "+++026/0000/00197+++", "€ 302,50",
              "3 april 2026", "nog niet ontvangen"),
        ], jobs=[ACME_ACCEPTED], expect={"invoices": 1}),
        T("invoice:not-before-acceptance", [
            u("maak de factuur", "pas als de klant de offerte aanvaard heeft",
              "offerte wacht op de klant", lacks=("quote_sent",)),
        ], jobs=[ACME_SENT], expect={"invoices": 0}),
        T("expense:added-then-photo", [
            u("ik had nog een treinticket van 18 euro",
              "Onkosten toevoegen aan \"fotograaf\" (Acme): reiskosten € 18,00?"),
            u("ja", "Toegevoegd", "foto van het bonnetje"),
            u("[photo]", "Foto van het bonnetje toegevoegd"),
        ], jobs=[ACME_SENT], expect={"expenses": 1, "receipts": 1}),
        T("expense:photo-before-the-yes", [
            u("parking 7,50 voor de job bij Acme", "reiskosten € 7,50"),
            u("[photo]", "Foto ontvangen"),
            u("ja", "Toegevoegd", lacks=("Stuur nog een foto",)),
        ], jobs=[_job("dj", client="Club Vaag", id="job-b"), ACME_SENT],
            expect={"expenses": 1, "attached": 1}),
        T("reach:link-when-no-email", [
            u("Fotograaf voor Acme, 250 euro morgen", "E-mail klant: nog geen"),
            u("ja", "De klant heeft nog niets ontvangen", "https://example.test/q/1",
              lacks=("verstuurd",)),
        ], created=1),
        T("nonanswer:not-a-client", [
            u("ik wil een offerte maken", "Welk werk doe je?"),
            u("fotograaf", "Voor welke klant"),
            u("geen idee", "Zonder klant kan ik geen offerte maken", "Voor welke klant",
              fields={"client_name": None}),
            u("nog geen klant", "Zonder klant", fields={"client_name": None}),
            u("Brouwerij De Klok", "Welk bedrag", fields={"client_name": "Brouwerij De Klok"}),
        ]),
        T("minimum:questioned", [
            u("Fotograaf voor Acme, 30 euro op 12 en 13 maart",
              "Let op: € 30,00 voor 2 dag(en) is te weinig", "minimum 40 per day (stub).",
              lacks=("Samenvatting",)),
            u("ja", "Samenvatting", "€ 30,00"),
            u("ja", "Klaar!"),
        ], created={"amount_cents": 3000}),
        T("past:explained-and-handed-off", [
            u("Fotograaf voor Acme, 250 euro gisteren", "3 maart 2026 ligt al in het verleden",
              "vóór het werk", "adviseur", lacks=("Samenvatting",),
              fields={"dates": ["2026-03-03"]}),
            u("adviseur", "doorgegeven aan een adviseur"),
        ], handoffs=1),
        T("reach:email-given-after-creation", [
            u("Fotograaf voor Acme, 250 euro morgen", "E-mail klant: nog geen"),
            u("ja", "De klant heeft nog niets ontvangen", "geef me het e-mailadres"),
            u("info@acme.be", "De offerte is per e-mail verstuurd naar info@acme.be",
              lacks=("Samenvatting",), stage="done"),
            u("info@acme.be", "al naar info@acme.be gemaild"),
        ], created=1, expect={"emailed": [("job-1", "info@acme.be")]}),
        T("reach:never-claims-a-refused-e-mail", [
            u("Fotograaf voor Acme, 250 euro morgen", "Samenvatting"),
            u("ja", "Klaar!"),
            u("jan@shared.test", "Ik heb niets verstuurd", "https://example.test/q/1",
              lacks=("verstuurd naar",)),
        ], created=1, expect={"emailed": []}),
        T("identity:name-asked-before-the-quote", [
            u("Fotograaf voor Acme, 250 euro morgen", "Samenvatting"),
            u("ja", "de offerte staat op jouw naam", "Wat is je voornaam en achternaam?",
              lacks=("Klaar!",), stage="confirm"),
            u("lena peeters", "Bewaard in je profiel: voornaam Lena, achternaam Peeters",
              "Klaar!", stage="done"),
        ], created=1, missing=("first_name", "last_name"),
            expect={"saved": [{"first_name": "Lena", "last_name": "Peeters"}]}),
        T("identity:contract-data-after-creation-masked", [
            u("Fotograaf voor Acme, 250 euro morgen", "Samenvatting"),
            u("ja", "Klaar!", "rijksregisternummer, geboortedatum, adres, IBAN",
              "Wat is je rijksregisternummer?"),
            u(NN_WRONG, "Dat rijksregisternummer klopt niet", "Wat is je rijksregisternummer?"),
            u(NN, f"rijksregisternummer {NN_SAVED}", "geboortedatum 14 april 1992",
              "Wat is je adres?", lacks=(NN, "92041412359")),
            u("Kerkstraat 5, 9000 Gent", "adres Kerkstraat 5, 9000 Gent", "Geef je IBAN"),
            u(IBAN, f"IBAN {IBAN_SAVED}", "Je profiel is compleet", lacks=("0961 2345",)),
        ], created=1, missing=CONTRACT_DATA, expect={"saved": SAVED_CONTRACT}),
        T("identity:later-then-reminded-by-a-status-question", [
            u("Fotograaf voor Acme, 250 euro morgen", "Samenvatting"),
            u("ja", "Klaar!", "Geef je IBAN"),
            u("later", "Geen probleem. Zonder IBAN"),
            u("wanneer wordt mijn loon betaald?", "20 maart 2026", "je loon wacht nog op IBAN"),
            u(IBAN, f"IBAN {IBAN_SAVED}", "Je profiel is compleet"),
        ], created=1, missing=("iban",), expect={"saved": [{"iban": "BE71096123456769"}]}),
        T("photo:not-fetched-said-honestly", [
            u("ik had nog een treinticket van 18 euro", "reiskosten € 18,00"),
            u("ja", "Toegevoegd"),
            u("[photo-unavailable]", "Ik kon je foto niet ophalen bij Telegram",
              lacks=("Foto van het bonnetje toegevoegd",)),
        ], jobs=[ACME_SENT], expect={"expenses": 1, "receipts": 0}),
        T("status:in-words", [
            u("is mijn offerte al aanvaard?",
              "\"fotograaf\" (Acme, 12 maart 2026): offerte wacht op de klant",
              lacks=("quote_sent",)),
        ], jobs=[ACME_SENT]),
    ],
    "fr": [
        T("facts:every-fact-of-the-first-message", [
            u("Shooting photo pour le Café Central les 12 et 13 mars, 605 euros TVAC, billet de "
              "train 18 euros, info@cafecentral.be", "Résumé de votre QuickJob",
              "Jours : jeudi 12 mars 2026, vendredi 13 mars 2026",
              "Montant : 605,00 € TVAC (500,00 € HTVA)",
              "TVA (21 %) : 105,00 € (le client paie 605,00 €)", "déplacement 18,00 €",
              "E-mail du client : info@cafecentral.be", lacks=("Quel", "Pour quel")),
            u("oui", "C'est fait", "envoyé par e-mail à info@cafecentral.be"),
        ], created={"vat_included": True, "expenses": TRAIN, "amount_cents": 60500,
                    "dates": ["2026-03-12", "2026-03-13"]}, max_messages=2),
        T("correct:amount-and-date-without-no", [
            u("Photographe pour Acme, 250 euros demain", "Résumé"),
            u("350 euros", "Résumé", "Montant : 350,00 €"),
            u("vendredi", "Résumé", "Jours : vendredi 6 mars 2026", lacks=("5 mars",)),
            u("oui", "C'est fait"),
        ], created={"amount_cents": 35000, "dates": ["2026-03-06"]}),
        T("correct:day-client-email-vat-mode", [
            u("Photographe pour Acme, 250 euros le 12 mars", "Résumé"),
            u("c'est le 13", "Résumé", "Jours : vendredi 13 mars 2026"),
            u("le client est Acme Belgique srl", "Client : Acme Belgique srl (entreprise)"),
            u("jean@acme.be", "E-mail du client : jean@acme.be"),
            u("TVA comprise", "Montant : 250,00 € TVAC (206,61 € HTVA)"),
            u("oui", "C'est fait"),
        ], created={"dates": ["2026-03-13"], "client_name": "Acme Belgique srl",
                    "email": "jean@acme.be", "vat_included": True}),
        T("money:question-answered-creates-nothing", [
            u("combien je touche net pour 300€", "Pour 300,00 € HTVA (1 jour, employé)",
              "Salaire net : environ 150,00 €", "Rien n'a été créé", stage="idle"),
            u("oui", "Quel travail faites-vous ?"),
            u("photographe pour Acme demain", "Résumé", "Montant : 300,00 €"),
        ], created=0, expect={"simulations": 1}),
        T("invoice:make-the-invoice", [
            u("fais la facture", "La facture 2026/000001", "+++026/0000/00197+++", "302,50 €",
              "3 avril 2026", "pas encore reçue"),
        ], jobs=[_job("photographe", "accepted")], expect={"invoices": 1}),
        T("invoice:not-before-acceptance", [
            u("fais la facture", "qu'après l'acceptation du devis", "devis en attente du client",
              lacks=("quote_sent",)),
        ], jobs=[_job("photographe")], expect={"invoices": 0}),
        T("expense:added-then-photo", [
            u("j'avais encore un billet de train de 18 euros",
              "Ajouter ces frais à \"photographe\" (Acme) : déplacement 18,00 €"),
            u("oui", "Ajouté", "photo du ticket"),
            u("[photo]", "Photo du ticket ajoutée"),
        ], jobs=[_job("photographe")], expect={"expenses": 1, "receipts": 1}),
        T("expense:photo-before-the-yes", [
            u("parking 7,50 pour le job chez Acme", "déplacement 7,50 €"),
            u("[photo]", "Photo reçue"),
            u("oui", "Ajouté", lacks=("Envoyez encore",)),
        ], jobs=[_job("dj", client="Club Mirano", id="job-b"), _job("photographe")],
            expect={"expenses": 1, "attached": 1}),
        T("reach:link-when-no-email", [
            u("Photographe pour Acme, 250 euros demain", "E-mail du client : pas encore"),
            u("oui", "Le client n'a encore rien reçu", "https://example.test/q/1",
              lacks=("envoyé par e-mail",)),
        ], created=1),
        T("nonanswer:not-a-client", [
            u("je voudrais faire un devis", "Quel travail faites-vous ?"),
            u("photographe", "Pour quel client"),
            u("aucune idée", "Sans client, je ne peux pas faire de devis", "Pour quel client",
              fields={"client_name": None}),
            u("pas encore", "Sans client", fields={"client_name": None}),
            u("Café Central", "Quel montant", fields={"client_name": "Café Central"}),
        ]),
        T("minimum:questioned", [
            u("Photographe pour Acme, 30 euros les 12 et 13 mars",
              "Attention : 30,00 € pour 2 jour(s), c'est trop peu", lacks=("Résumé",)),
            u("200 euros", "Résumé", "Montant : 200,00 €"),
            u("oui", "C'est fait"),
        ], created={"amount_cents": 20000}),
        T("past:explained-and-handed-off", [
            u("Photographe pour Acme, 250 euros hier", "3 mars 2026 est déjà passé",
              "avant le travail", "conseiller", lacks=("Résumé",), fields={"dates": ["2026-03-03"]}),
            u("conseiller", "J'ai transmis votre question"),
        ], handoffs=1),
        T("reach:email-given-after-creation", [
            u("Photographe pour Acme, 250 euros demain", "E-mail du client : pas encore"),
            u("oui", "Le client n'a encore rien reçu", "donnez-moi l'adresse e-mail"),
            u("info@acme.be", "Le devis est envoyé par e-mail à info@acme.be",
              lacks=("Résumé",), stage="done"),
            u("info@acme.be", "déjà été envoyé à info@acme.be"),
        ], created=1, expect={"emailed": [("job-1", "info@acme.be")]}),
        T("reach:never-claims-a-refused-e-mail", [
            u("Photographe pour Acme, 250 euros demain", "Résumé"),
            u("oui", "C'est fait"),
            u("jean@shared.test", "Je n'ai rien envoyé", "https://example.test/q/1",
              lacks=("envoyé par e-mail à",)),
        ], created=1, expect={"emailed": []}),
        T("identity:name-asked-before-the-quote", [
            u("Photographe pour Acme, 250 euros demain", "Résumé"),
            u("oui", "le devis est à votre nom", "Quels sont votre prénom et votre nom ?",
              lacks=("C'est fait",), stage="confirm"),
            u("je m'appelle Marie Dubois", "Enregistré dans votre profil : prénom Marie, "
              "nom Dubois", "C'est fait", stage="done"),
        ], created=1, missing=("first_name", "last_name"),
            expect={"saved": [{"first_name": "Marie", "last_name": "Dubois"}]}),
        T("identity:contract-data-after-creation-masked", [
            u("Photographe pour Acme, 250 euros demain", "Résumé"),
            u("oui", "C'est fait", "numéro de registre national, date de naissance, adresse, IBAN",
              "Quel est votre numéro de registre national ?"),
            u(NN_WRONG, "Ce numéro de registre national n'est pas correct"),
            u(f"c'est {NN}", f"numéro de registre national {NN_SAVED}",
              "date de naissance 14 avril 1992", "Quelle est votre adresse ?",
              lacks=(NN, "92041412359")),
            u("Kerkstraat 5, 9000 Gent", "adresse Kerkstraat 5, 9000 Gent", "Donnez votre IBAN"),
            u(IBAN, f"IBAN {IBAN_SAVED}", "Votre profil est complet", lacks=("0961 2345",)),
        ], created=1, missing=CONTRACT_DATA, expect={"saved": SAVED_CONTRACT}),
        T("identity:later-then-reminded-by-a-status-question", [
            u("Photographe pour Acme, 250 euros demain", "Résumé"),
            u("oui", "C'est fait", "Donnez votre IBAN"),
            u("plus tard", "Pas de souci. Sans IBAN"),
            u("quand mon salaire est-il payé ?", "20 mars 2026",
              "votre salaire attend encore IBAN"),
            u(IBAN, f"IBAN {IBAN_SAVED}", "Votre profil est complet"),
        ], created=1, missing=("iban",), expect={"saved": [{"iban": "BE71096123456769"}]}),
        T("photo:not-fetched-said-honestly", [
            u("j'avais encore un billet de train de 18 euros", "déplacement 18,00 €"),
            u("oui", "Ajouté"),
            u("[photo-unavailable]", "Je n'ai pas pu récupérer votre photo chez Telegram",
              lacks=("Photo du ticket ajoutée",)),
        ], jobs=[_job("photographe")], expect={"expenses": 1, "receipts": 0}),
        T("status:in-words", [
            u("mon devis a été accepté ?",
              "\"photographe\" (Acme, 12 mars 2026) : devis en attente du client",
              lacks=("quote_sent",)),
        ], jobs=[_job("photographe")]),
    ],
    "en": [
        T("facts:every-fact-of-the-first-message", [
            u("Photo shoot for Acme Ltd on 12 and 13 March, 605 euros incl. VAT, train ticket "
              "18 euros, billing@acme.be", "Summary of your QuickJob",
              "Days: Thursday 12 March 2026, Friday 13 March 2026",
              "Amount: €605.00 incl. VAT (€500.00 excl. VAT)",
              "VAT (21 %): €105.00 (the client pays €605.00)", "travel €18.00",
              "Client e-mail: billing@acme.be", lacks=("What work", "Who is")),
            u("yes", "Done!", "e-mailed to billing@acme.be"),
        ], created={"vat_included": True, "expenses": TRAIN, "amount_cents": 60500,
                    "dates": ["2026-03-12", "2026-03-13"]}, max_messages=2),
        T("correct:amount-and-date-without-no", [
            u("Photographer for Acme, 250 euros tomorrow", "Summary"),
            u("350 euros", "Summary", "Amount: €350.00"),
            u("Friday", "Summary", "Days: Friday 6 March 2026", lacks=("5 March",)),
            u("yes", "Done!"),
        ], created={"amount_cents": 35000, "dates": ["2026-03-06"]}),
        T("correct:day-client-email-vat-mode", [
            u("Photographer for Acme, 250 euros on 12 March", "Summary"),
            u("it's the 13th", "Summary", "Days: Friday 13 March 2026"),
            u("the client is Acme Belgium Ltd", "Client: Acme Belgium Ltd (company)"),
            u("jan@acme.be", "Client e-mail: jan@acme.be"),
            u("VAT included", "Amount: €250.00 incl. VAT (€206.61 excl. VAT)"),
            u("yes", "Done!"),
        ], created={"dates": ["2026-03-13"], "client_name": "Acme Belgium Ltd",
                    "email": "jan@acme.be", "vat_included": True}),
        T("money:question-answered-creates-nothing", [
            u("how much do I get net for 300 euros", "For €300.00 excl. VAT (1 day, employee)",
              "Net salary: about €150.00", "Nothing was created", stage="idle"),
            u("yes", "What work will you do?"),
            u("photographer for Acme tomorrow", "Summary", "Amount: €300.00"),
        ], created=0, expect={"simulations": 1}),
        T("invoice:make-the-invoice", [
            u("make the invoice", "Invoice 2026/000001", "+++026/0000/00197+++", "€302.50",
              "3 April 2026", "has not received it yet"),
        ], jobs=[_job("photographer", "accepted")], expect={"invoices": 1}),
        T("invoice:not-before-acceptance", [
            u("make the invoice", "only once the client has accepted the quote",
              "quote waiting for the client", lacks=("quote_sent",)),
        ], jobs=[_job("photographer")], expect={"invoices": 0}),
        T("expense:added-then-photo", [
            u("I also had a train ticket of 18 euros",
              "Add these expenses to \"photographer\" (Acme): travel €18.00?"),
            u("yes", "Added", "photo of the receipt"),
            u("[photo]", "Receipt photo attached"),
        ], jobs=[_job("photographer")], expect={"expenses": 1, "receipts": 1}),
        T("expense:photo-before-the-yes", [
            u("parking fee 7.50 for the job at Acme", "travel €7.50"),
            u("[photo]", "Photo received"),
            u("yes", "Added", lacks=("Please send a photo",)),
        ], jobs=[_job("dj", client="Club Vaag", id="job-b"), _job("photographer")],
            expect={"expenses": 1, "attached": 1}),
        T("reach:link-when-no-email", [
            u("Photographer for Acme, 250 euros tomorrow", "Client e-mail: none yet"),
            u("yes", "The client has not received anything yet", "https://example.test/q/1",
              lacks=("e-mailed",)),
        ], created=1),
        T("nonanswer:not-a-client", [
            u("I want to make a new quote", "What work will you do?"),
            u("photographer", "Who is the client?"),
            u("no idea", "Without a client I cannot make a quote", "Who is the client?",
              fields={"client_name": None}),
            u("no client yet", "Without a client", fields={"client_name": None}),
            u("Acme Ltd", "What amount", fields={"client_name": "Acme Ltd"}),
        ]),
        T("minimum:questioned", [
            u("Photographer for Acme, 30 euros on 12 and 13 March",
              "Careful: €30.00 for 2 day(s) is too little", lacks=("Summary",)),
            u("yes", "Summary", "€30.00"),
            u("yes", "Done!"),
        ], created={"amount_cents": 3000}),
        T("past:explained-and-handed-off", [
            u("Photographer for Acme, 250 euros yesterday", "3 March 2026 is already past",
              "before the work", "adviser", lacks=("Summary",), fields={"dates": ["2026-03-03"]}),
            u("adviser", "I passed your question"),
        ], handoffs=1),
        T("reach:email-given-after-creation", [
            u("Photographer for Acme, 250 euros tomorrow", "Client e-mail: none yet"),
            u("yes", "The client has not received anything yet", "give me the client's e-mail"),
            u("billing@acme.be", "The quote was e-mailed to billing@acme.be",
              lacks=("Summary",), stage="done"),
            u("billing@acme.be", "already e-mailed to billing@acme.be"),
        ], created=1, expect={"emailed": [("job-1", "billing@acme.be")]}),
        T("reach:never-claims-a-refused-e-mail", [
            u("Photographer for Acme, 250 euros tomorrow", "Summary"),
            u("yes", "Done!"),
            u("jane@shared.test", "I sent nothing", "https://example.test/q/1",
              lacks=("e-mailed to",)),
        ], created=1, expect={"emailed": []}),
        T("identity:name-asked-before-the-quote", [
            u("Photographer for Acme, 250 euros tomorrow", "Summary"),
            u("yes", "the quote carries your name", "What are your first and last name?",
              lacks=("Done!",), stage="confirm"),
            u("my name is Emma Wilson", "Saved in your profile: first name Emma, last name "
              "Wilson", "Done!", stage="done"),
        ], created=1, missing=("first_name", "last_name"),
            expect={"saved": [{"first_name": "Emma", "last_name": "Wilson"}]}),
        T("identity:contract-data-after-creation-masked", [
            u("Photographer for Acme, 250 euros tomorrow", "Summary"),
            u("yes", "Done!", "national register number, date of birth, address, IBAN",
              "What is your national register number?"),
            u(NN_WRONG, "That national register number is not right"),
            u(NN, f"national register number {NN_SAVED}", "date of birth 14 April 1992",
              "What is your address?", lacks=(NN, "92041412359")),
            u("Kerkstraat 5, 9000 Gent", "address Kerkstraat 5, 9000 Gent", "Give your IBAN"),
            u(IBAN, f"IBAN {IBAN_SAVED}", "Your profile is complete", lacks=("0961 2345",)),
        ], created=1, missing=CONTRACT_DATA, expect={"saved": SAVED_CONTRACT}),
        T("identity:later-then-reminded-by-a-status-question", [
            u("Photographer for Acme, 250 euros tomorrow", "Summary"),
            u("yes", "Done!", "Give your IBAN"),
            u("not now", "No problem. Without IBAN"),
            u("when is my salary paid?", "20 March 2026", "your salary still waits for IBAN"),
            u(IBAN, f"IBAN {IBAN_SAVED}", "Your profile is complete"),
        ], created=1, missing=("iban",), expect={"saved": [{"iban": "BE71096123456769"}]}),
        T("photo:not-fetched-said-honestly", [
            u("I also had a train ticket of 18 euros", "travel €18.00"),
            u("yes", "Added"),
            u("[photo-unavailable]", "I could not fetch your photo from Telegram",
              lacks=("Receipt photo attached",)),
        ], jobs=[_job("photographer")], expect={"expenses": 1, "receipts": 0}),
        T("status:in-words", [
            u("was my quote accepted?",
              "\"photographer\" (Acme, 12 March 2026): quote waiting for the client",
              lacks=("quote_sent",)),
        ], jobs=[_job("photographer")]),
    ],
}
