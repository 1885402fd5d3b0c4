"""What the client's pages say, in Dutch, French and English (registered with ``i18n`` under
``page.``, so tests/platform/test_i18n.py checks every text has the three). The words of the
documents themselves (terms of the quote, VAT mentions) come from the documents and the engine,
so the page and the PDF say the same."""

from __future__ import annotations

from backend.platform.i18n import register

TEXTS: dict[str, dict[str, str]] = {
    # Frame
    "page.language": {"nl": "Taal", "fr": "Langue", "en": "Language"},
    "page.skip": {"nl": "Naar de inhoud", "fr": "Aller au contenu", "en": "Skip to content"},
    "page.via": {"nl": "Offertes en facturen via {supplier}",
                 "fr": "Devis et factures via {supplier}",
                 "en": "Quotes and invoices through {supplier}"},
    "page.not_found.title": {"nl": "Deze link werkt niet", "fr": "Ce lien ne fonctionne pas",
                             "en": "This link does not work"},
    "page.not_found.body": {
        "nl": "Controleer of u de volledige link uit de e-mail opende. Werkt hij nog altijd "
              "niet, vraag dan een nieuwe link aan wie u de offerte of de factuur stuurde.",
        "fr": "Vérifiez que vous avez ouvert le lien complet de l'e-mail. S'il ne fonctionne "
              "toujours pas, demandez un nouveau lien à la personne qui vous a envoyé le devis "
              "ou la facture.",
        "en": "Check that you opened the whole link from the e-mail. If it still does not work, "
              "ask whoever sent you the quote or the invoice for a new link.",
    },
    "page.form_expired": {
        "nl": "Deze pagina stond te lang open. Kijk alles nog eens na en bevestig opnieuw.",
        "fr": "Cette page est restée ouverte trop longtemps. Vérifiez et confirmez à nouveau.",
        "en": "This page was open for too long. Please check and confirm again.",
    },
    # Parts shared by the quote and the invoice
    "page.who": {"nl": "Wie", "fr": "Qui", "en": "Who"},
    "page.what": {"nl": "Wat", "fr": "Quoi", "en": "What"},
    "page.when": {"nl": "Wanneer", "fr": "Quand", "en": "When"},
    "page.amounts": {"nl": "Bedrag", "fr": "Montant", "en": "Amount"},
    "page.supplier": {"nl": "Leverancier", "fr": "Fournisseur", "en": "Supplier"},
    "page.performed_by": {"nl": "Uitgevoerd door", "fr": "Réalisé par", "en": "Performed by"},
    "page.client": {"nl": "Klant", "fr": "Client", "en": "Client"},
    "page.dates": {"nl": "Datum van de prestatie", "fr": "Date de la prestation",
                   "en": "Date of the work"},
    "page.base": {"nl": "Totaal excl. btw", "fr": "Total hors TVA", "en": "Total excl. VAT"},
    "page.vat": {"nl": "Btw {rate}", "fr": "TVA {rate}", "en": "VAT {rate}"},
    "page.total": {"nl": "Totaal incl. btw", "fr": "Total TVA comprise", "en": "Total incl. VAT"},
    # The quote
    "page.quote.title": {"nl": "Offerte {number}", "fr": "Devis {number}", "en": "Quote {number}"},
    "page.quote.intro": {
        "nl": "{worker} stelt u deze offerte voor via {supplier}.",
        "fr": "{worker} vous propose ce devis via {supplier}.",
        "en": "{worker} offers you this quote through {supplier}.",
    },
    "page.quote.jump": {"nl": "Naar uw antwoord: aanvaarden of weigeren",
                        "fr": "Aller à votre réponse : accepter ou refuser",
                        "en": "Go to your answer: accept or decline"},
    "page.quote.issued": {"nl": "Datum van de offerte", "fr": "Date du devis",
                          "en": "Date of the quote"},
    "page.quote.valid_until": {"nl": "Geldig tot", "fr": "Valable jusqu'au",
                               "en": "Valid until"},
    "page.quote.pdf": {"nl": "De offerte downloaden (PDF)", "fr": "Télécharger le devis (PDF)",
                       "en": "Download the quote (PDF)"},
    "page.quote.answer": {"nl": "Uw antwoord", "fr": "Votre réponse", "en": "Your answer"},
    "page.quote.accept_help": {
        "nl": "Door te aanvaarden wordt deze offerte de bestelbon: {worker} kan de opdracht "
              "uitvoeren zoals hierboven beschreven.",
        "fr": "En acceptant, ce devis devient le bon de commande : {worker} peut réaliser la "
              "mission décrite ci-dessus.",
        "en": "Accepting makes this quote the order: {worker} can do the work described above.",
    },
    "page.quote.name": {"nl": "Uw naam", "fr": "Votre nom", "en": "Your name"},
    "page.quote.name_help": {
        "nl": "Zoals u zou tekenen: voornaam en naam.",
        "fr": "Comme pour une signature : prénom et nom.",
        "en": "As you would sign: first and last name.",
    },
    "page.quote.name_required": {
        "nl": "Vul uw naam in om de offerte te aanvaarden.",
        "fr": "Indiquez votre nom pour accepter le devis.",
        "en": "Enter your name to accept the quote.",
    },
    "page.quote.accept": {"nl": "Offerte aanvaarden", "fr": "Accepter le devis",
                          "en": "Accept the quote"},
    "page.quote.decline_open": {"nl": "Offerte weigeren", "fr": "Refuser le devis",
                                "en": "Decline the quote"},
    "page.quote.reason": {"nl": "Reden (niet verplicht)", "fr": "Raison (facultatif)",
                          "en": "Reason (optional)"},
    "page.quote.decline": {"nl": "Weigering bevestigen", "fr": "Confirmer le refus",
                           "en": "Confirm that you decline"},
    "page.quote.accepted_title": {"nl": "Offerte {number} aanvaard",
                                  "fr": "Devis {number} accepté",
                                  "en": "Quote {number} accepted"},
    "page.quote.accepted_by": {
        "nl": "Aanvaard door {name} op {moment}. Deze offerte geldt nu als bestelbon.",
        "fr": "Accepté par {name} le {moment}. Ce devis vaut désormais bon de commande.",
        "en": "Accepted by {name} on {moment}. This quote is now the order.",
    },
    "page.quote.accepted_on": {
        "nl": "Aanvaard op {moment}. Deze offerte geldt nu als bestelbon.",
        "fr": "Accepté le {moment}. Ce devis vaut désormais bon de commande.",
        "en": "Accepted on {moment}. This quote is now the order.",
    },
    "page.quote.accepted_next": {
        "nl": "{worker} is verwittigd. U ontvangt de factuur na de prestatie.",
        "fr": "{worker} est averti·e. Vous recevrez la facture après la prestation.",
        "en": "{worker} has been told. You will receive the invoice after the work.",
    },
    "page.quote.declined_title": {"nl": "Offerte {number} geweigerd",
                                  "fr": "Devis {number} refusé",
                                  "en": "Quote {number} declined"},
    "page.quote.declined": {
        "nl": "Deze offerte werd geweigerd op {moment}. {worker} is verwittigd.",
        "fr": "Ce devis a été refusé le {moment}. {worker} est averti·e.",
        "en": "This quote was declined on {moment}. {worker} has been told.",
    },
    "page.quote.declined_reason": {"nl": "Uw reden: {reason}", "fr": "Votre raison : {reason}",
                                   "en": "Your reason: {reason}"},
    "page.quote.expired_title": {"nl": "Offerte {number} verlopen",
                                 "fr": "Devis {number} expiré",
                                 "en": "Quote {number} expired"},
    "page.quote.expired_validity": {
        "nl": "Deze offerte was geldig tot {date} en kan niet meer aanvaard worden.",
        "fr": "Ce devis était valable jusqu'au {date} et ne peut plus être accepté.",
        "en": "This quote was valid until {date} and can no longer be accepted.",
    },
    "page.quote.expired_started": {
        "nl": "De prestatie zou beginnen op {date}: deze offerte kan niet meer aanvaard worden.",
        "fr": "La prestation devait commencer le {date} : ce devis ne peut plus être accepté.",
        "en": "The work was to start on {date}: this quote can no longer be accepted.",
    },
    "page.quote.ask_new": {
        "nl": "Vraag {worker} om een nieuwe offerte.",
        "fr": "Demandez un nouveau devis à {worker}.",
        "en": "Ask {worker} for a new quote.",
    },
    "page.quote.withdrawn_title": {"nl": "Offerte {number} ingetrokken",
                                   "fr": "Devis {number} retiré",
                                   "en": "Quote {number} withdrawn"},
    "page.quote.withdrawn": {
        "nl": "Deze offerte werd ingetrokken en kan niet meer aanvaard worden. Met vragen kunt "
              "u terecht bij {worker}.",
        "fr": "Ce devis a été retiré et ne peut plus être accepté. Pour toute question, "
              "adressez-vous à {worker}.",
        "en": "This quote was withdrawn and can no longer be accepted. For any question, "
              "please ask {worker}.",
    },
    "page.quote.in_review_title": {"nl": "Offerte {number} wordt nagekeken",
                                   "fr": "Devis {number} en vérification",
                                   "en": "Quote {number} is being checked"},
    "page.quote.in_review": {
        "nl": "Een adviseur van {supplier} kijkt deze offerte nog na. U ontvangt ze per e-mail "
              "zodra ze klaar is.",
        "fr": "Un conseiller de {supplier} vérifie encore ce devis. Vous le recevrez par e-mail "
              "dès qu'il sera prêt.",
        "en": "An adviser of {supplier} is still checking this quote. You will receive it by "
              "e-mail as soon as it is ready.",
    },
    # The invoice
    "page.invoice.title": {"nl": "Factuur {number}", "fr": "Facture {number}",
                           "en": "Invoice {number}"},
    "page.invoice.open": {"nl": "Te betalen uiterlijk op {date}.",
                          "fr": "À payer au plus tard le {date}.",
                          "en": "To pay by {date}."},
    "page.invoice.overdue": {
        "nl": "Vervallen sinds {date}: gelieve zo snel mogelijk te betalen.",
        "fr": "Échue depuis le {date} : merci de payer au plus vite.",
        "en": "Overdue since {date}: please pay as soon as you can.",
    },
    "page.invoice.partly_paid": {
        "nl": "Gedeeltelijk betaald: {paid} ontvangen, nog {outstanding} te betalen.",
        "fr": "Payée en partie : {paid} reçus, reste {outstanding} à payer.",
        "en": "Partly paid: {paid} received, {outstanding} still to pay.",
    },
    "page.invoice.paid": {"nl": "Betaald. Dank u wel!", "fr": "Payée. Merci !",
                          "en": "Paid. Thank you!"},
    "page.invoice.credited": {
        "nl": "Geannuleerd door creditnota {number}: betaal deze factuur niet.",
        "fr": "Annulée par la note de crédit {number} : ne payez pas cette facture.",
        "en": "Cancelled by credit note {number}: do not pay this invoice.",
    },
    "page.invoice.pay": {"nl": "Betalen", "fr": "Payer", "en": "Pay"},
    "page.invoice.amount_due": {"nl": "Te betalen", "fr": "À payer", "en": "Amount due"},
    "page.invoice.due_date": {"nl": "Uiterlijk op", "fr": "Au plus tard le", "en": "By"},
    "page.invoice.beneficiary": {"nl": "Begunstigde", "fr": "Bénéficiaire",
                                 "en": "Beneficiary"},
    "page.invoice.communication": {"nl": "Gestructureerde mededeling",
                                   "fr": "Communication structurée",
                                   "en": "Structured communication"},
    "page.invoice.qr_title": {
        "nl": "QR-code om {amount} te betalen aan {name}",
        "fr": "Code QR pour payer {amount} à {name}",
        "en": "QR code to pay {amount} to {name}",
    },
    "page.invoice.qr_caption": {
        "nl": "Scan met uw bankapp: bedrag, rekening en mededeling worden ingevuld.",
        "fr": "Scannez avec votre app bancaire : montant, compte et communication sont remplis.",
        "en": "Scan with your banking app: amount, account and communication are filled in.",
    },
    "page.invoice.details": {"nl": "Details", "fr": "Détails", "en": "Details"},
    "page.invoice.issue_date": {"nl": "Factuurdatum", "fr": "Date de la facture",
                                "en": "Invoice date"},
    "page.invoice.order": {"nl": "Bestelbon (aanvaarde offerte)",
                           "fr": "Bon de commande (devis accepté)",
                           "en": "Order (accepted quote)"},
    "page.invoice.already_paid": {"nl": "Reeds betaald", "fr": "Déjà payé",
                                  "en": "Already paid"},
    "page.invoice.documents": {"nl": "Documenten", "fr": "Documents", "en": "Documents"},
    "page.invoice.pdf": {"nl": "Factuur {number} (PDF)", "fr": "Facture {number} (PDF)",
                         "en": "Invoice {number} (PDF)"},
    "page.invoice.ubl": {"nl": "E-factuur (UBL, Peppol)",
                         "fr": "Facture électronique (UBL, Peppol)",
                         "en": "E-invoice (UBL, Peppol)"},
    "page.invoice.credit_note_pdf": {"nl": "Creditnota {number} (PDF)",
                                     "fr": "Note de crédit {number} (PDF)",
                                     "en": "Credit note {number} (PDF)"},
}

register(TEXTS)
