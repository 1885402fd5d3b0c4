from backend.platform import i18n

i18n.register({
    "client_required": {
        "nl": "Geef een klant op (client) of een bestaande klant (clientId), niet allebei.",
        "fr": "Indiquez un client (client) ou un client existant (clientId), pas les deux.",
        "en": "Give either a client (client) or an existing client (clientId), not both.",
    },
    "client_unknown": {
        "nl": "Deze klant bestaat niet of hoort niet bij jou.",
        "fr": "Ce client n'existe pas ou ne vous appartient pas.",
        "en": "This client does not exist or is not yours.",
    },
    "text_required": {
        "nl": "Vul dit veld in (maximaal {max} tekens).",
        "fr": "Remplissez ce champ ({max} caractères au maximum).",
        "en": "Fill in this field (at most {max} characters).",
    },
    "email_invalid": {
        "nl": "Dit e-mailadres is ongeldig.",
        "fr": "Cette adresse e-mail n'est pas valable.",
        "en": "This e-mail address is invalid.",
    },
    "vat_number_invalid": {
        "nl": "Dit btw-nummer is ongeldig (controlegetal klopt niet).",
        "fr": "Ce numéro de TVA n'est pas valable (chiffre de contrôle incorrect).",
        "en": "This VAT number is invalid (check digits do not match).",
    },
    "country_invalid": {
        "nl": "Gebruik een landcode van twee letters, bijvoorbeeld BE.",
        "fr": "Utilisez un code pays de deux lettres, par exemple BE.",
        "en": "Use a two-letter country code, for example BE.",
    },
    "language_invalid": {
        "nl": "Kies nl, fr of en.",
        "fr": "Choisissez nl, fr ou en.",
        "en": "Choose nl, fr or en.",
    },
    "date_in_past": {
        "nl": "Een QuickJob plan je vooraf: de datum {date} ligt in het verleden.",
        "fr": "Un QuickJob se déclare à l'avance : la date du {date} est passée.",
        "en": "A QuickJob is declared in advance: {date} is in the past.",
    },
    "date_too_far": {
        "nl": "De datum {date} ligt meer dan een jaar vooruit.",
        "fr": "La date du {date} est à plus d'un an.",
        "en": "The date {date} is more than a year ahead.",
    },
    "hours_invalid": {
        "nl": "Het aantal uren per dag moet tussen 1 en 12 liggen.",
        "fr": "Le nombre d'heures par jour doit être compris entre 1 et 12.",
        "en": "Hours per day must be between 1 and 12.",
    },
    "sector_unknown": {
        "nl": "Onbekende sector.",
        "fr": "Secteur inconnu.",
        "en": "Unknown sector.",
    },
    "wrong_state": {
        "nl": "Dat kan niet meer: deze QuickJob staat op '{status}'.",
        "fr": "Ce n'est plus possible : ce QuickJob est au statut « {status} ».",
        "en": "That is no longer possible: this QuickJob is '{status}'.",
    },
    "under_review": {
        "nl": "Deze QuickJob wordt eerst nagekeken door een adviseur.",
        "fr": "Ce QuickJob doit d'abord être vérifié par un conseiller.",
        "en": "This QuickJob is first being checked by an adviser.",
    },
    "quote_link_invalid": {
        "nl": "Deze link is ongeldig of verlopen. Vraag een nieuwe offerte.",
        "fr": "Ce lien n'est pas valable ou a expiré. Demandez un nouveau devis.",
        "en": "This link is invalid or has expired. Ask for a new quote.",
    },
    "already_invoiced": {
        "nl": "Er is al een factuur voor deze QuickJob.",
        "fr": "Une facture existe déjà pour ce QuickJob.",
        "en": "This QuickJob already has an invoice.",
    },
    "invoice_paid": {
        "nl": "Deze factuur is al (deels) betaald; een creditnota kan dan niet meer via de app.",
        "fr": "Cette facture est déjà (partiellement) payée ; la note de crédit ne peut plus se faire via l'app.",
        "en": "This invoice is already (partly) paid; a credit note is no longer possible in the app.",
    },
    "no_invoice": {
        "nl": "Deze QuickJob heeft geen openstaande factuur.",
        "fr": "Ce QuickJob n'a pas de facture en cours.",
        "en": "This QuickJob has no open invoice.",
    },
    "cash_amount_mismatch": {
        "nl": "Het ontvangen bedrag ({amount}) moet gelijk zijn aan het bedrag incl. btw ({expected}).",
        "fr": "Le montant reçu ({amount}) doit être égal au montant TVA comprise ({expected}).",
        "en": "The amount received ({amount}) must equal the amount including VAT ({expected}).",
    },
    "too_late_to_declare": {
        "nl": "Het werk begon op {date}: een contract kan niet meer achteraf worden aangegeven. Maak een nieuwe QuickJob met een datum in de toekomst.",
        "fr": "Le travail a commencé le {date} : un contrat ne peut pas être déclaré après coup. Créez un nouveau QuickJob avec une date future.",
        "en": "Work started on {date}: a contract cannot be declared afterwards. Create a new QuickJob with a future date.",
    },
    "already_started": {
        "nl": "Het werk is al begonnen; annuleren kan alleen vóór de eerste werkdag.",
        "fr": "Le travail a commencé ; l'annulation n'est possible qu'avant le premier jour.",
        "en": "Work has started; cancelling is only possible before the first working day.",
    },
    "amount_positive": {
        "nl": "Het bedrag moet groter zijn dan 0 cent.",
        "fr": "Le montant doit être supérieur à 0 centime.",
        "en": "The amount must be more than 0 cents.",
    },
    "receipt_type": {
        "nl": "Een bonnetje moet een JPEG-, PNG-, HEIC- of PDF-bestand zijn.",
        "fr": "Un justificatif doit être un fichier JPEG, PNG, HEIC ou PDF.",
        "en": "A receipt must be a JPEG, PNG, HEIC or PDF file.",
    },
    "receipt_size": {
        "nl": "Het bestand is te groot (maximaal {max_mb} MB).",
        "fr": "Le fichier est trop volumineux ({max_mb} Mo au maximum).",
        "en": "The file is too large (at most {max_mb} MB).",
    },
    "review_decided": {
        "nl": "Over dit dossier werd al beslist.",
        "fr": "Ce dossier a déjà été tranché.",
        "en": "This item has already been decided.",
    },
    "correction_pending": {
        "nl": "Voor deze boeking wacht al een correctie op goedkeuring.",
        "fr": "Une correction de cette écriture attend déjà une approbation.",
        "en": "A correction of this entry is already waiting for approval.",
    },
    "own_correction": {
        "nl": "Een tweede adviseur moet deze correctie goedkeuren, niet wie ze aanvroeg.",
        "fr": "Un second conseiller doit approuver cette correction, pas celui qui l'a demandée.",
        "en": "A second adviser must approve this correction, not the one who asked for it.",
    },
    "reason_required": {
        "nl": "Geef een reden op.",
        "fr": "Indiquez une raison.",
        "en": "Give a reason.",
    },
    # Review reasons, shown to the worker and the adviser.
    "review.amount_above_threshold": {
        "nl": "Bedrag boven {threshold}: een adviseur kijkt het na.",
        "fr": "Montant supérieur à {threshold} : un conseiller vérifie.",
        "en": "Amount above {threshold}: an adviser checks it.",
    },
    "review.risky_function": {
        "nl": "Functie met verhoogd risico ({function}): verzekering nakijken.",
        "fr": "Fonction à risque ({function}) : vérification de l'assurance.",
        "en": "Higher-risk function ({function}): insurance to check.",
    },
    "review.sector_conditions": {
        "nl": "Sector met voorwaarden: {condition}.",
        "fr": "Secteur soumis à conditions : {condition}.",
        "en": "Sector with conditions: {condition}.",
    },
    "review.platform_minimum": {
        "nl": "Platformwerk onder het minimum: {detail}.",
        "fr": "Travail de plateforme sous le minimum : {detail}.",
        "en": "Platform work below the minimum: {detail}.",
    },
    "review.overdue_invoice": {
        "nl": "Factuur {number} is {days} dagen te laat, ook na de laatste herinnering.",
        "fr": "La facture {number} a {days} jours de retard, même après le dernier rappel.",
        "en": "Invoice {number} is {days} days overdue, even after the last reminder.",
    },
    "invoice_to_client.subject": {
        "nl": "Factuur {number}",
        "fr": "Facture {number}",
        "en": "Invoice {number}",
    },
    "invoice_to_client.body": {
        "nl": "Goeiedag,\n\nIn bijlage factuur {number} voor {amount}, te betalen uiterlijk op {due} op rekening {iban} (BIC {bic}) met de gestructureerde mededeling {communication}.\n\nBekijk de factuur en betaal ze met de QR-code in uw bankapp: {url}\n\nMet vriendelijke groet,\nSmart",
        "fr": "Bonjour,\n\nVoici la facture {number} de {amount}, à payer au plus tard le {due} sur le compte {iban} (BIC {bic}) avec la communication structurée {communication}.\n\nConsultez la facture et payez-la avec le code QR dans votre app bancaire : {url}\n\nCordialement,\nSmart",
        "en": "Hello,\n\nHere is invoice {number} for {amount}, to pay by {due} to account {iban} (BIC {bic}) with the structured communication {communication}.\n\nView the invoice and pay it with the QR code in your banking app: {url}\n\nKind regards,\nSmart",
    },
    "credit_note_to_client.subject": {
        "nl": "Creditnota {number}: factuur {invoice} is geannuleerd",
        "fr": "Note de crédit {number} : la facture {invoice} est annulée",
        "en": "Credit note {number}: invoice {invoice} is cancelled",
    },
    "credit_note_to_client.body": {
        "nl": "Goeiedag,\n\nCreditnota {number} annuleert factuur {invoice} ({amount}). Betaal die factuur niet.\n\nDe factuur en de creditnota: {url}\n\nMet vriendelijke groet,\nSmart",
        "fr": "Bonjour,\n\nLa note de crédit {number} annule la facture {invoice} ({amount}). Ne payez pas cette facture.\n\nLa facture et la note de crédit : {url}\n\nCordialement,\nSmart",
        "en": "Hello,\n\nCredit note {number} cancels invoice {invoice} ({amount}). Do not pay that invoice.\n\nThe invoice and the credit note: {url}\n\nKind regards,\nSmart",
    },
    "invoice_reminder.subject": {
        "nl": "Herinnering {stage}: factuur {number}",
        "fr": "Rappel {stage} : facture {number}",
        "en": "Reminder {stage}: invoice {number}",
    },
    "invoice_reminder.body": {
        "nl": "Goeiedag,\n\nWe ontvingen nog geen betaling voor factuur {number}. Openstaand: {amount}. Gelieve te betalen met de mededeling {communication}.\n\nDe factuur, de rekening en de QR-code om te betalen: {url}\n\nMet vriendelijke groet,\nSmart",
        "fr": "Bonjour,\n\nNous n'avons pas encore reçu le paiement de la facture {number}. Reste dû : {amount}. Merci de payer avec la communication {communication}.\n\nLa facture, le compte et le code QR pour payer : {url}\n\nCordialement,\nSmart",
        "en": "Hello,\n\nWe have not yet received payment for invoice {number}. Outstanding: {amount}. Please pay with the communication {communication}.\n\nThe invoice, the account and the QR code to pay: {url}\n\nKind regards,\nSmart",
    },
    "event.reminder_sent": {"nl": "Herinnering verstuurd naar de klant", "fr": "Rappel envoyé au client", "en": "Reminder sent to the client"},
    # Timeline labels.
    "event.created": {"nl": "QuickJob aangemaakt", "fr": "QuickJob créé", "en": "QuickJob created"},
    "event.review_requested": {"nl": "Ter controle bij een adviseur", "fr": "En vérification chez un conseiller", "en": "Sent to an adviser for review"},
    "event.review_approved": {"nl": "Goedgekeurd door een adviseur", "fr": "Approuvé par un conseiller", "en": "Approved by an adviser"},
    "event.review_rejected": {"nl": "Geweigerd door een adviseur", "fr": "Refusé par un conseiller", "en": "Rejected by an adviser"},
    "event.quote_sent": {"nl": "Offerte verstuurd", "fr": "Devis envoyé", "en": "Quote sent"},
    "event.quote_accepted": {"nl": "Offerte aanvaard: bestelbon", "fr": "Devis accepté : bon de commande", "en": "Quote accepted: order"},
    "event.quote_declined": {"nl": "Offerte geweigerd door de klant", "fr": "Devis refusé par le client", "en": "Quote declined by the client"},
    "event.order_attested": {"nl": "Getekende bestelbon opgeladen", "fr": "Bon de commande signé déposé", "en": "Signed order uploaded"},
    "event.contract_declared": {"nl": "Contract opgemaakt en Dimona aangegeven", "fr": "Contrat établi et Dimona déclarée", "en": "Contract made and Dimona declared"},
    "event.expense_added": {"nl": "Onkosten toegevoegd", "fr": "Frais ajoutés", "en": "Expense added"},
    "event.invoice_issued": {"nl": "Factuur verstuurd", "fr": "Facture envoyée", "en": "Invoice issued"},
    "event.credit_note_issued": {"nl": "Creditnota opgemaakt", "fr": "Note de crédit établie", "en": "Credit note issued"},
    "event.cash_collected": {"nl": "Contante inning aangegeven", "fr": "Encaissement en espèces déclaré", "en": "Cash collection declared"},
    "event.paid": {"nl": "Klant heeft betaald", "fr": "Le client a payé", "en": "Client paid"},
    "event.partly_paid": {"nl": "Klant heeft deels betaald", "fr": "Le client a payé en partie", "en": "Client paid in part"},
    "event.salary_scheduled": {"nl": "Loon ingepland", "fr": "Salaire programmé", "en": "Salary scheduled"},
    "event.guarantee_advance": {"nl": "Waarborgfonds schiet je loon voor", "fr": "Le fonds de garantie avance votre salaire", "en": "The guarantee fund advances your salary"},
    "event.salary_paid": {"nl": "Loon betaald", "fr": "Salaire payé", "en": "Salary paid"},
    "event.cancelled": {"nl": "QuickJob geannuleerd", "fr": "QuickJob annulé", "en": "QuickJob cancelled"},
    "event.dimona_refused": {"nl": "Dimona geweigerd", "fr": "Dimona refusée", "en": "Dimona refused"},
    # Notifications (template.subject / template.body).
    "quote_to_client.subject": {
        "nl": "Offerte {number} van {worker}",
        "fr": "Devis {number} de {worker}",
        "en": "Quote {number} from {worker}",
    },
    "quote_to_client.body": {
        "nl": "Goeiedag,\n\n{worker} stuurt u via Smart offerte {number} voor {amount}. Bekijk en aanvaard ze hier: {url}\n\nMet vriendelijke groet,\nSmart",
        "fr": "Bonjour,\n\n{worker} vous envoie via Smart le devis {number} pour {amount}. Consultez-le et acceptez-le ici : {url}\n\nCordialement,\nSmart",
        "en": "Hello,\n\n{worker} sends you quote {number} for {amount} through Smart. View and accept it here: {url}\n\nKind regards,\nSmart",
    },
    "quickjob_update.subject": {
        "nl": "QuickJob: {event}",
        "fr": "QuickJob : {event}",
        "en": "QuickJob: {event}",
    },
    "quickjob_update.body": {
        "nl": "Je QuickJob '{function}' voor {client}: {event}.",
        "fr": "Votre QuickJob « {function} » pour {client} : {event}.",
        "en": "Your QuickJob '{function}' for {client}: {event}.",
    },
    # The bot's follow-ups (issue 13): a receipt after its expense, the quote e-mailed later.
    "receipt_present": {
        "nl": "Deze onkost heeft al een bonnetje.",
        "fr": "Ce frais a déjà un justificatif.",
        "en": "This expense already has a receipt.",
    },
    "client_email_shared": {
        "nl": "Het e-mailadres van deze klant kan hier niet gewijzigd worden: de klant wordt ook "
              "door anderen gebruikt of het adres hoort bij een andere klant.",
        "fr": "L'adresse e-mail de ce client ne peut pas être modifiée ici : le client est aussi "
              "utilisé par d'autres ou l'adresse appartient à un autre client.",
        "en": "This client's e-mail address cannot be changed here: the client is also used by "
              "others or the address belongs to another client.",
    },
    "event.receipt_added": {"nl": "Bonnetje toegevoegd", "fr": "Justificatif ajouté",
                            "en": "Receipt added"},
    "event.quote_emailed": {"nl": "Offerte gemaild naar de klant", "fr": "Devis envoyé au client par e-mail",
                            "en": "Quote e-mailed to the client"},
})
