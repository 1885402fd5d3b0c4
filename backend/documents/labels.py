"""Every text printed on a document, in Dutch, French and English.

``label(code, language, **params)`` returns the text with ``{params}`` filled in. A code
missing a language is a bug: tests/documents/test_labels.py checks all three exist and that
they use the same placeholders.

The VAT exemption mentions are not here: they are dated rule-set data of the engine
(``vat.exemptions.*.mention``), with their legal sources.
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    # titles
    "quote.title": {"nl": "Offerte", "fr": "Devis", "en": "Quote"},
    "invoice.title": {"nl": "Factuur", "fr": "Facture", "en": "Invoice"},
    "credit_note.title": {"nl": "Creditnota", "fr": "Note de crédit", "en": "Credit note"},
    "contract.title": {"nl": "Arbeidsovereenkomst", "fr": "Contrat de travail",
                       "en": "Employment contract"},
    "payslip.title": {"nl": "Loonbrief (raming)", "fr": "Fiche de paie (estimation)",
                      "en": "Payslip (estimate)"},
    "cash.title": {"nl": "Aangifte van inning", "fr": "Déclaration d'encaissement",
                   "en": "Cash collection declaration"},
    # identity and parties
    "number": {"nl": "Nummer", "fr": "Numéro", "en": "Number"},
    "issue_date": {"nl": "Datum", "fr": "Date", "en": "Date"},
    "valid_until": {"nl": "Geldig tot", "fr": "Valable jusqu'au", "en": "Valid until"},
    "due_date": {"nl": "Vervaldatum", "fr": "Échéance", "en": "Due date"},
    "service_dates": {"nl": "Datum van de prestatie", "fr": "Date de la prestation",
                      "en": "Date of service"},
    "supplier": {"nl": "Leverancier", "fr": "Fournisseur", "en": "Supplier"},
    "client": {"nl": "Klant", "fr": "Client", "en": "Client"},
    "performed_by": {"nl": "Uitgevoerd door", "fr": "Prestation réalisée par",
                     "en": "Performed by"},
    "function": {"nl": "Functie", "fr": "Fonction", "en": "Function"},
    "description": {"nl": "Omschrijving", "fr": "Description", "en": "Description"},
    "vat_number": {"nl": "Btw", "fr": "TVA", "en": "VAT"},
    "company_number": {"nl": "Ondernemingsnr.", "fr": "N° d'entreprise", "en": "Company no."},
    "iban": {"nl": "IBAN", "fr": "IBAN", "en": "IBAN"},
    "bic": {"nl": "BIC", "fr": "BIC", "en": "BIC"},
    "email": {"nl": "E-mail", "fr": "E-mail", "en": "E-mail"},
    "buyer_reference": {"nl": "Uw referentie", "fr": "Votre référence", "en": "Your reference"},
    "order_reference": {"nl": "Bestelbon", "fr": "Bon de commande", "en": "Order"},
    "page": {"nl": "Pagina {page}/{pages}", "fr": "Page {page}/{pages}",
             "en": "Page {page}/{pages}"},
    # lines and totals
    "qty": {"nl": "Aantal", "fr": "Qté", "en": "Qty"},
    "unit_price": {"nl": "Eenheidsprijs", "fr": "Prix unitaire", "en": "Unit price"},
    "vat_rate": {"nl": "Btw-tarief", "fr": "Taux TVA", "en": "VAT rate"},
    "amount": {"nl": "Bedrag", "fr": "Montant", "en": "Amount"},
    "amount_excl": {"nl": "Bedrag excl. btw", "fr": "Montant HTVA", "en": "Amount excl. VAT"},
    "vat_breakdown": {"nl": "Btw-overzicht", "fr": "Récapitulatif TVA", "en": "VAT breakdown"},
    "vat_base": {"nl": "Maatstaf van heffing", "fr": "Base imposable", "en": "Taxable amount"},
    "vat_amount": {"nl": "Btw-bedrag", "fr": "Montant TVA", "en": "VAT amount"},
    "exempt": {"nl": "vrijgesteld", "fr": "exonéré", "en": "exempt"},
    "total_excl": {"nl": "Totaal excl. btw", "fr": "Total HTVA", "en": "Total excl. VAT"},
    "total_vat": {"nl": "Totaal btw", "fr": "Total TVA", "en": "Total VAT"},
    "total_incl": {"nl": "Totaal incl. btw", "fr": "Total TVAC", "en": "Total incl. VAT"},
    "prepaid": {"nl": "Reeds betaald", "fr": "Déjà payé", "en": "Already paid"},
    "to_pay": {"nl": "Te betalen", "fr": "À payer", "en": "Amount due"},
    "credited_total": {"nl": "Gecrediteerd bedrag", "fr": "Montant crédité",
                       "en": "Amount credited"},
    # payment
    "payment": {"nl": "Betaling", "fr": "Paiement", "en": "Payment"},
    "structured_communication": {"nl": "Gestructureerde mededeling",
                                 "fr": "Communication structurée",
                                 "en": "Structured communication"},
    "payment_instruction": {
        "nl": "Gelieve {amount} te betalen uiterlijk op {date} op rekening {iban}{bic} met de "
              "gestructureerde mededeling {ogm}.",
        "fr": "Merci de payer {amount} au plus tard le {date} sur le compte {iban}{bic} avec "
              "la communication structurée {ogm}.",
        "en": "Please pay {amount} by {date} to account {iban}{bic} with the structured "
              "communication {ogm}.",
    },
    "credit_note.do_not_pay": {
        "nl": "Niet betalen: deze creditnota vraagt geen betaling. Ze annuleert factuur {number} "
              "voor {amount}; wat u voor die factuur al betaalde, wordt u teruggestort of "
              "verrekend.",
        "fr": "Ne pas payer : cette note de crédit ne demande aucun paiement. Elle annule la "
              "facture {number} pour {amount} ; ce que vous avez déjà payé pour cette facture "
              "vous est remboursé ou imputé.",
        "en": "Do not pay: this credit note asks for no payment. It cancels invoice {number} "
              "for {amount}; whatever you already paid for that invoice is refunded or offset.",
    },
    "invoice.online": {
        "nl": "Deze factuur online bekijken en betalen:",
        "fr": "Consulter et payer cette facture en ligne :",
        "en": "View and pay this invoice online:",
    },
    "epc_qr": {
        "nl": "Scan met uw bankapp om te betalen",
        "fr": "Scannez avec votre app bancaire pour payer",
        "en": "Scan with your banking app to pay",
    },
    "credits_invoice": {
        "nl": "Deze creditnota crediteert factuur {number}{date}.",
        "fr": "Cette note de crédit annule la facture {number}{date}.",
        "en": "This credit note credits invoice {number}{date}.",
    },
    "of_date": {"nl": " van {date}", "fr": " du {date}", "en": " of {date}"},
    "bic_suffix": {"nl": " (BIC {bic})", "fr": " (BIC {bic})", "en": " (BIC {bic})"},
    "credit_note_vat": {
        "nl": "Btw terug te storten aan de Staat in de mate waarin ze oorspronkelijk in aftrek "
              "werd gebracht.",
        "fr": "TVA à reverser à l'État dans la mesure où elle a été initialement déduite.",
        "en": "VAT to be repaid to the State to the extent it was initially deducted.",
    },
    "cooperative_mention": {
        "nl": "{supplier} factureert in eigen naam voor een prestatie van {worker}, "
              "werknemer van {supplier} voor deze opdracht.",
        "fr": "{supplier} facture en son nom propre une prestation de {worker}, salarié·e de "
              "{supplier} pour cette mission.",
        "en": "{supplier} invoices in its own name for work by {worker}, employed by "
              "{supplier} for this assignment.",
    },
    # quote
    "quote.intro": {
        "nl": "Prijsvoorstel voor de hieronder beschreven prestatie.",
        "fr": "Proposition de prix pour la prestation décrite ci-dessous.",
        "en": "Price proposal for the work described below.",
    },
    "quote.clauses": {"nl": "Voorwaarden", "fr": "Conditions", "en": "Terms"},
    "quote.payment": {
        "nl": "Betaling: na de prestatie, op factuur, binnen de termijn die de factuur vermeldt.",
        "fr": "Paiement : après la prestation, sur facture, dans le délai indiqué sur la facture.",
        "en": "Payment: after the work, on invoice, within the term stated on the invoice.",
    },
    "quote.cancellation": {
        "nl": "Annulering: annuleert de klant na aanvaarding, dan is een vergoeding van "
              "{percent} van het totaalbedrag ({amount}) verschuldigd.",
        "fr": "Annulation : si le client annule après acceptation, une indemnité de {percent} "
              "du montant total ({amount}) est due.",
        "en": "Cancellation: if the client cancels after accepting, a fee of {percent} of the "
              "total ({amount}) is due.",
    },
    "quote.notice": {
        "nl": "Opzegtermijn: een langdurige samenwerking kan door elke partij worden beëindigd "
              "met een opzegtermijn van {days} dagen.",
        "fr": "Préavis : une collaboration de longue durée peut être résiliée par chaque partie "
              "moyennant un préavis de {days} jours.",
        "en": "Notice period: either party can end a long-term engagement with {days} days' "
              "notice.",
    },
    "quote.validity": {
        "nl": "Deze offerte is geldig tot {date}.",
        "fr": "Ce devis est valable jusqu'au {date}.",
        "en": "This quote is valid until {date}.",
    },
    "quote.accept": {
        "nl": "Aanvaard deze offerte online: {url}. Na aanvaarding geldt ze als bestelbon.",
        "fr": "Acceptez ce devis en ligne : {url}. Une fois accepté, il vaut bon de commande.",
        "en": "Accept this quote online: {url}. Once accepted, it is the order.",
    },
    "quote.accept_label": {"nl": "Aanvaarden", "fr": "Accepter", "en": "Accept"},
    # contract
    "employer": {"nl": "Werkgever", "fr": "Employeur", "en": "Employer"},
    "worker": {"nl": "Werknemer", "fr": "Travailleur", "en": "Worker"},
    "national_number": {"nl": "Rijksregisternr.", "fr": "N° de registre national",
                        "en": "National number"},
    "address": {"nl": "Adres", "fr": "Adresse", "en": "Address"},
    "country": {"nl": "Land van tewerkstelling", "fr": "Pays d'occupation",
                "en": "Country of work"},
    "place_of_work": {"nl": "Plaats van het werk", "fr": "Lieu de travail",
                      "en": "Place of work"},
    "risks": {"nl": "Risico's van het werk", "fr": "Risques du travail", "en": "Risks of the work"},
    "no_particular_risk": {"nl": "Geen bijzondere risico's gemeld.",
                           "fr": "Aucun risque particulier signalé.",
                           "en": "No particular risk reported."},
    "work_dates": {"nl": "Arbeidsdagen", "fr": "Jours de travail", "en": "Working days"},
    "hours_per_day": {"nl": "Uren per dag", "fr": "Heures par jour", "en": "Hours per day"},
    "contract_type": {"nl": "Soort overeenkomst", "fr": "Type de contrat",
                      "en": "Contract type"},
    "joint_committee": {"nl": "Paritair comité", "fr": "Commission paritaire",
                        "en": "Joint committee"},
    "client_of_work": {"nl": "Opdrachtgever", "fr": "Donneur d'ordre", "en": "Client"},
    "gross": {"nl": "Brutoloon", "fr": "Salaire brut", "en": "Gross pay"},
    "withholding_rate": {"nl": "Gekozen bedrijfsvoorheffing", "fr": "Précompte choisi",
                         "en": "Chosen withholding tax"},
    "contract.parties": {
        "nl": "Tussen de werkgever en de werknemer hieronder wordt een arbeidsovereenkomst "
              "voor een bepaalde tijd gesloten, voor de vermelde arbeidsdagen.",
        "fr": "Entre l'employeur et le travailleur ci-dessous est conclu un contrat de travail "
              "à durée déterminée, pour les jours de travail mentionnés.",
        "en": "The employer and the worker below conclude a fixed-term employment contract "
              "for the working days listed.",
    },
    "contract.open_ended": {
        "nl": "Tussen de werkgever en de werknemer hieronder wordt een arbeidsovereenkomst "
              "voor onbepaalde tijd gesloten.",
        "fr": "Entre l'employeur et le travailleur ci-dessous est conclu un contrat de travail "
              "à durée indéterminée.",
        "en": "The employer and the worker below conclude an open-ended employment contract.",
    },
    "contract.pay": {
        "nl": "Het brutoloon voor deze prestatie bedraagt {gross}. De werknemer koos een "
              "bedrijfsvoorheffing van {rate}; het loon wordt uitbetaald na de prestatie, "
              "samen met de terugbetaling van de onkosten.",
        "fr": "Le salaire brut pour cette prestation s'élève à {gross}. Le travailleur a choisi "
              "un précompte professionnel de {rate} ; le salaire est versé après la prestation, "
              "avec le remboursement des frais.",
        "en": "The gross pay for this work is {gross}. The worker chose a withholding tax of "
              "{rate}; the pay is paid after the work, with the expense refunds.",
    },
    "contract.dimona": {
        "nl": "De werkgever doet de Dimona-aangifte vóór de eerste arbeidsdag en verzekert de "
              "werknemer tegen arbeidsongevallen.",
        "fr": "L'employeur effectue la déclaration Dimona avant le premier jour de travail et "
              "assure le travailleur contre les accidents du travail.",
        "en": "The employer files the Dimona declaration before the first working day and "
              "insures the worker against work accidents.",
    },
    "contract.rules": {
        "nl": "Het arbeidsreglement van de werkgever is van toepassing en kan online worden "
              "geraadpleegd.",
        "fr": "Le règlement de travail de l'employeur s'applique et peut être consulté en ligne.",
        "en": "The employer's work rules apply and can be consulted online.",
    },
    "signature_employer": {"nl": "Voor de werkgever", "fr": "Pour l'employeur",
                           "en": "For the employer"},
    "signature_worker": {"nl": "De werknemer", "fr": "Le travailleur", "en": "The worker"},
    "signature_for": {"nl": "Voor {name}", "fr": "Pour {name}", "en": "For {name}"},
    "signed_on": {"nl": "Opgemaakt op {date}", "fr": "Fait le {date}", "en": "Made on {date}"},
    # payslip
    "period": {"nl": "Periode", "fr": "Période", "en": "Period"},
    "contract_number": {"nl": "Overeenkomst", "fr": "Contrat", "en": "Contract"},
    "social_security": {"nl": "Sociale zekerheid werknemer (RSZ)",
                        "fr": "Cotisations sociales travailleur (ONSS)",
                        "en": "Employee social security"},
    "work_bonus": {"nl": "Werkbonus (korting op de persoonlijke bijdrage)",
                   "fr": "Bonus à l'emploi (réduction de la cotisation personnelle)",
                   "en": "Work bonus (reduction of the personal contribution)"},
    "fiscal_work_bonus": {"nl": "Fiscale werkbonus", "fr": "Bonus à l'emploi fiscal",
                          "en": "Fiscal work bonus"},
    "taxable": {"nl": "Belastbaar loon", "fr": "Salaire imposable", "en": "Taxable pay"},
    "withholding": {"nl": "Bedrijfsvoorheffing ({rate})", "fr": "Précompte professionnel ({rate})",
                    "en": "Withholding tax ({rate})"},
    "special_social_security": {"nl": "Bijzondere bijdrage sociale zekerheid",
                                "fr": "Cotisation spéciale de sécurité sociale",
                                "en": "Special social security contribution"},
    "net": {"nl": "Nettoloon", "fr": "Salaire net", "en": "Net pay"},
    "expense_refunds": {"nl": "Terugbetaling onkosten", "fr": "Remboursement de frais",
                        "en": "Expense refunds"},
    "total_paid": {"nl": "Totaal uitbetaald", "fr": "Total versé", "en": "Total paid"},
    "pay_date": {"nl": "Betaaldatum", "fr": "Date de paiement", "en": "Pay date"},
    "paid_to": {"nl": "Gestort op rekening", "fr": "Versé sur le compte", "en": "Paid to account"},
    "rule_set": {"nl": "Rekenregels", "fr": "Règles de calcul", "en": "Rule set"},
    "payslip.estimate": {
        "nl": "Raming. De bedragen van deze loonbrief zijn een schatting per overeenkomst: de "
              "sociale zekerheid regulariseert ze bij de driemaandelijkse aangifte (DmfA). Het "
              "definitieve bedrag kan daardoor licht verschillen.",
        "fr": "Estimation. Les montants de cette fiche sont estimés par contrat : la sécurité "
              "sociale les régularise lors de la déclaration trimestrielle (DmfA). Le montant "
              "définitif peut donc légèrement différer.",
        "en": "Estimate. The amounts on this payslip are estimated per contract: social "
              "security settles them at the quarterly declaration (DmfA), so the final amount "
              "may differ slightly.",
    },
    # cash collection
    "cash.amount": {"nl": "Ontvangen bedrag (incl. btw)", "fr": "Montant reçu (TVAC)",
                    "en": "Amount received (incl. VAT)"},
    "cash.date": {"nl": "Datum van de inning", "fr": "Date de l'encaissement",
                  "en": "Date received"},
    "cash.client": {"nl": "Betaald door", "fr": "Payé par", "en": "Paid by"},
    "cash.place": {"nl": "Plaats", "fr": "Lieu", "en": "Place"},
    "cash.statement": {
        "nl": "{worker} verklaart op {date} {amount} in contanten te hebben ontvangen van "
              "{client} voor de hieronder beschreven prestatie, in naam van {supplier}.",
        "fr": "{worker} déclare avoir reçu le {date} {amount} en espèces de {client} pour la "
              "prestation décrite ci-dessous, au nom de {supplier}.",
        "en": "{worker} declares having received {amount} in cash from {client} on {date} for "
              "the work described below, on behalf of {supplier}.",
    },
    "cash.booking": {
        "nl": "Dit bedrag wordt geboekt als omzet van de productie-eenheid en in de "
              "btw-aangifte opgenomen.",
        "fr": "Ce montant est comptabilisé comme chiffre d'affaires de l'unité de production et "
              "repris dans la déclaration TVA.",
        "en": "This amount is booked as turnover of the unit and included in the VAT return.",
    },
    "signature_declarant": {"nl": "Handtekening", "fr": "Signature", "en": "Signature"},
}

CONTRACT_TYPE_LABELS: dict[str, dict[str, str]] = {
    "employee": {"nl": "Bediende", "fr": "Employé·e", "en": "Employee"},
    "manual_worker": {"nl": "Arbeider", "fr": "Ouvrier·ère", "en": "Manual worker"},
    "student": {"nl": "Student", "fr": "Étudiant·e", "en": "Student"},
    "artist": {"nl": "Kunstenaar", "fr": "Artiste", "en": "Artist"},
    "artist_1bis": {"nl": "Kunstenaar (art. 1bis)", "fr": "Artiste (art. 1bis)",
                    "en": "Artist (art. 1bis)"},
    "interim": {"nl": "Uitzendkracht", "fr": "Intérimaire", "en": "Temporary agency worker"},
    "training": {"nl": "Opleider", "fr": "Formateur·rice", "en": "Trainer"},
    "open_ended": {"nl": "Onbepaalde duur", "fr": "Durée indéterminée", "en": "Open-ended"},
}

EXPENSE_CATEGORY_LABELS: dict[str, dict[str, str]] = {
    "travel": {"nl": "Verplaatsing", "fr": "Déplacement", "en": "Travel"},
    "meals": {"nl": "Maaltijden", "fr": "Repas", "en": "Meals"},
    "material": {"nl": "Materiaal", "fr": "Matériel", "en": "Material"},
    "accommodation": {"nl": "Verblijf", "fr": "Logement", "en": "Accommodation"},
    "other": {"nl": "Andere", "fr": "Autres", "en": "Other"},
}

def _pick(texts: dict[str, str], language: str) -> str:
    return texts.get(language) or texts["nl"]


def label(code: str, language: str, **params: object) -> str:
    texts = LABELS.get(code)
    if texts is None:
        raise KeyError(f"no document label {code!r}")
    text = _pick(texts, language)
    return text.format(**params) if params else text


def contract_type_label(code: str, language: str) -> str:
    texts = CONTRACT_TYPE_LABELS.get(code)
    return _pick(texts, language) if texts else code


def expense_category_label(code: str, language: str) -> str:
    texts = EXPENSE_CATEGORY_LABELS.get(code)
    return _pick(texts, language) if texts else code
