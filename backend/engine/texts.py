"""Plain-language labels and explanations (nl/fr/en) for every output line.

Templates are formatted once per (rule set, contract type, rates) and cached, so the hot
path only reuses ready dictionaries. Amounts are in the ``amount_cents`` field of a line,
never inside the text, so the same texts serve every simulation.
"""

from __future__ import annotations

T = dict[str, str]

SIMULATION: dict[str, tuple[T, T]] = {
    "turnover": (
        {
            "nl": "Omzet zonder btw",
            "fr": "Chiffre d'affaires hors TVA",
            "en": "Turnover excluding VAT",
        },
        {
            "nl": "Wat je klant betaalt voor je werk, zonder btw. Alle volgende stappen vertrekken van dit bedrag.",
            "fr": "Ce que votre client paie pour votre travail, hors TVA. Toutes les étapes suivantes partent de ce montant.",
            "en": "What your client pays for your work, without VAT. Every next step starts from this amount.",
        },
    ),
    "vat": (
        {"nl": "Btw ({vat} %)", "fr": "TVA ({vat} %)", "en": "VAT ({vat}%)"},
        {
            "nl": "Btw die de klant bovenop betaalt. Smart stort ze door aan de staat; ze telt niet mee voor je loon.",
            "fr": "TVA payée en plus par le client. Smart la reverse à l'État ; elle ne compte pas pour votre salaire.",
            "en": "VAT the client pays on top. Smart passes it on to the state; it does not count for your pay.",
        },
    ),
    "vat_exempt": (
        {"nl": "Btw (0 %)", "fr": "TVA (0 %)", "en": "VAT (0%)"},
        {
            "nl": "Geen btw: {mention_nl}. Deze vermelding staat op de factuur.",
            "fr": "Pas de TVA : {mention_fr}. Cette mention figure sur la facture.",
            "en": "No VAT: {mention_en}. This mention is printed on the invoice.",
        },
    ),
    "total_incl_vat": (
        {
            "nl": "Totaal factuur (met btw)",
            "fr": "Total de la facture (TVA comprise)",
            "en": "Invoice total (incl. VAT)",
        },
        {
            "nl": "Het bedrag dat de klant betaalt: omzet plus btw.",
            "fr": "Le montant payé par le client : chiffre d'affaires plus TVA.",
            "en": "The amount the client pays: turnover plus VAT.",
        },
    ),
    "contribution": (
        {
            "nl": "Gemeenschappelijke bijdrage ({rate} %)",
            "fr": "Contribution mutualisée ({rate} %)",
            "en": "Shared contribution ({rate}%)",
        },
        {
            "nl": "{rate} % van de omzet zonder btw. Dit betaalt de gedeelde diensten: facturatie, "
            "verzekeringen, garantiefonds en adviseurs. Iedereen betaalt hetzelfde percentage.",
            "fr": "{rate} % du chiffre d'affaires hors TVA. Cela finance les services partagés : facturation, "
            "assurances, fonds de garantie et conseillers. Tout le monde paie le même pourcentage.",
            "en": "{rate}% of the turnover without VAT. It pays for the shared services: invoicing, "
            "insurance, the guarantee fund and advisers. Everyone pays the same percentage.",
        },
    ),
    "expenses": (
        {"nl": "Terugbetaalde onkosten", "fr": "Frais remboursés", "en": "Refunded expenses"},
        {
            "nl": "Je professionele onkosten. Ze worden belastingvrij terugbetaald, samen met je loon.",
            "fr": "Vos frais professionnels. Ils sont remboursés sans impôt, avec votre salaire.",
            "en": "Your professional expenses. They are refunded tax-free, together with your pay.",
        },
    ),
    "work_budget": (
        {"nl": "Werkbudget", "fr": "Budget salarial", "en": "Work budget"},
        {
            "nl": "Wat overblijft voor je loon: omzet min bijdrage min onkosten.",
            "fr": "Ce qui reste pour votre salaire : chiffre d'affaires moins contribution moins frais.",
            "en": "What is left for your pay: turnover minus contribution minus expenses.",
        },
    ),
    "employer_cost": (
        {
            "nl": "Loonkost (brutoloon × {coef})",
            "fr": "Coût salarial (brut × {coef})",
            "en": "Labour cost (gross × {coef})",
        },
        {
            "nl": "Wat je loon de eenheid kost. De coëfficiënt {coef} voor dit contract is een interne "
            "standaardwaarde van Smart; de delen eronder tonen wat hij dekt.",
            "fr": "Ce que votre salaire coûte à l'unité. Le coefficient {coef} de ce contrat est une "
            "valeur interne par défaut de Smart ; les lignes suivantes montrent ce qu'il couvre.",
            "en": "What your pay costs the unit. The coefficient {coef} of this contract is a Smart "
            "internal default; the parts below show what it covers.",
        },
    ),
    "employer_cost_employer_social_security": (
        {
            "nl": "waarvan werkgeversbijdragen ({pct} %)",
            "fr": "dont cotisations patronales ({pct} %)",
            "en": "of which employer contributions ({pct}%)",
        },
        {
            "nl": "De sociale zekerheid die de werkgever betaalt: {pct} % op {base} % van je "
            "brutoloon (wettelijk tarief van de RSZ).",
            "fr": "La sécurité sociale payée par l'employeur : {pct} % sur {base} % de votre salaire "
            "brut (taux légal de l'ONSS).",
            "en": "The social security the employer pays: {pct}% on {base}% of your gross pay "
            "(statutory NSSO rate).",
        },
    ),
    "employer_cost_holiday_pay": (
        {
            "nl": "waarvan vakantiegeld ({pct} %)",
            "fr": "dont pécule de vacances ({pct} %)",
            "en": "of which holiday pay ({pct}%)",
        },
        {
            "nl": "Je vakantiegeld: {pct} % op {base} % van je brutoloon (wettelijk percentage), "
            "betaald bij je vertrek of via het vakantiefonds.",
            "fr": "Votre pécule de vacances : {pct} % sur {base} % de votre salaire brut "
            "(pourcentage légal), payé à la sortie ou par la caisse de vacances.",
            "en": "Your holiday pay: {pct}% on {base}% of your gross pay (statutory percentage), "
            "paid when you leave or through the holiday fund.",
        },
    ),
    "employer_cost_insurance": (
        {
            "nl": "waarvan verzekeringen ({pct} %)",
            "fr": "dont assurances ({pct} %)",
            "en": "of which insurance ({pct}%)",
        },
        {
            "nl": "Arbeidsongevallen- en aansprakelijkheidsverzekering. De premies zijn niet "
            "publiek: dit is een standaardwaarde van Smart.",
            "fr": "Assurance accidents du travail et responsabilité civile. Les primes ne sont pas "
            "publiques : c'est une valeur par défaut de Smart.",
            "en": "Work accident and liability insurance. The premiums are not public: this is a "
            "Smart default.",
        },
    ),
    "employer_cost_margin": (
        {
            "nl": "waarvan gemeenschappelijke marge",
            "fr": "dont marge mutualisée",
            "en": "of which mutualised margin",
        },
        {
            "nl": "Wat overblijft van de coëfficiënt: het gedeelde deel van Smart (reserves, "
            "garantiefonds). Interne waarde van Smart, niet publiek.",
            "fr": "Ce qui reste du coefficient : la part mutualisée de Smart (réserves, fonds de "
            "garantie). Valeur interne de Smart, non publique.",
            "en": "What is left of the coefficient: Smart's shared part (reserves, guarantee "
            "fund). A Smart internal value, not public.",
        },
    ),
    "gross": (
        {"nl": "Brutoloon", "fr": "Salaire brut", "en": "Gross pay"},
        {
            "nl": "Het hoogste brutoloon waarvoor brutoloon × {coef} nog in het werkbudget past.",
            "fr": "Le salaire brut le plus élevé pour lequel brut × {coef} tient encore dans le budget salarial.",
            "en": "The highest gross pay for which gross × {coef} still fits in the work budget.",
        },
    ),
    "gross_per_hour": (
        {"nl": "Brutoloon per uur ({hours} u per dag)", "fr": "Salaire brut horaire ({hours} h par jour)",
         "en": "Gross pay per hour ({hours} h a day)"},
        {
            "nl": "Brutoloon gedeeld door je uren ({hours} u per gewerkte dag). Het wettelijk minimum "
            "voor dit contract is € {minimum} per uur.",
            "fr": "Salaire brut divisé par vos heures ({hours} h par jour presté). Le minimum légal "
            "pour ce contrat est de {minimum} € par heure.",
            "en": "Gross pay divided by your hours ({hours} h per day worked). The legal minimum for "
            "this contract is €{minimum} per hour.",
        },
    ),
    "gross_per_hour_below": (
        {"nl": "Brutoloon per uur ({hours} u per dag): onder het minimum",
         "fr": "Salaire brut horaire ({hours} h par jour) : sous le minimum",
         "en": "Gross pay per hour ({hours} h a day): below the minimum"},
        {
            "nl": "Opgelet: dit is minder dan het wettelijk minimum van € {minimum} per uur voor dit "
            "contract. Een adviseur bekijkt de opdracht voor ze doorgaat.",
            "fr": "Attention : c'est moins que le minimum légal de {minimum} € par heure pour ce "
            "contrat. Un conseiller examine la mission avant qu'elle ne soit confirmée.",
            "en": "Warning: this is less than the legal minimum of €{minimum} per hour for this "
            "contract. An adviser reviews the job before it goes ahead.",
        },
    ),
    "gross_per_hour_unchecked": (
        {"nl": "Brutoloon per uur ({hours} u per dag)", "fr": "Salaire brut horaire ({hours} h par jour)",
         "en": "Gross pay per hour ({hours} h a day)"},
        {
            "nl": "Brutoloon gedeeld door je uren ({hours} u per gewerkte dag). Het minimum voor "
            "studenten hangt af van de leeftijd: je adviseur kijkt het na.",
            "fr": "Salaire brut divisé par vos heures ({hours} h par jour presté). Le minimum des "
            "étudiants dépend de l'âge : votre conseiller le vérifie.",
            "en": "Gross pay divided by your hours ({hours} h per day worked). The minimum for "
            "students depends on age: your adviser checks it.",
        },
    ),
    "social_security": (
        {
            "nl": "Sociale zekerheid ({ss} %)",
            "fr": "Sécurité sociale ({ss} %)",
            "en": "Social security ({ss}%)",
        },
        {
            "nl": "Je persoonlijke bijdrage: {ss} % van {base} % van je brutoloon, min de werkbonus "
            "hieronder. Ze geeft je rechten op pensioen, ziekte- en werkloosheidsuitkering.",
            "fr": "Votre cotisation personnelle : {ss} % de {base} % de votre salaire brut, moins le "
            "bonus à l'emploi ci-dessous. Elle vous ouvre des droits à la pension, aux indemnités "
            "de maladie et de chômage.",
            "en": "Your personal contribution: {ss}% of {base}% of your gross pay, minus the work "
            "bonus below. It builds your rights to pension, sickness and unemployment benefits.",
        },
    ),
    "work_bonus": (
        {"nl": "Werkbonus (al afgetrokken)", "fr": "Bonus à l'emploi (déjà déduit)",
         "en": "Work bonus (already deducted)"},
        {
            "nl": "Korting op je persoonlijke bijdrage voor lagere lonen (RSZ). Je loon per uur "
            "wordt omgerekend naar een voltijdse maand ({weekly} u per week); de korting geldt "
            "naar verhouding van je uren in die maand.",
            "fr": "Réduction de votre cotisation personnelle pour les bas salaires (ONSS). Votre "
            "salaire horaire est ramené à un mois à temps plein ({weekly} h par semaine) ; la "
            "réduction vaut au prorata de vos heures du mois.",
            "en": "A reduction of your personal contribution for lower pay (NSSO). Your pay per "
            "hour is converted to a full-time month ({weekly} h a week); the reduction applies "
            "in proportion to your hours that month.",
        },
    ),
    "social_security_student": (
        {
            "nl": "Solidariteitsbijdrage student ({ss} %)",
            "fr": "Cotisation de solidarité étudiant ({ss} %)",
            "en": "Student solidarity contribution ({ss}%)",
        },
        {
            "nl": "Als student betaal je binnen je jaarlijkse urenquotum alleen {ss} % (de werkgever {employer} %).",
            "fr": "Comme étudiant, dans votre quota d'heures annuel, vous ne payez que {ss} % (l'employeur {employer} %).",
            "en": "As a student, within your yearly hour quota you only pay {ss}% (the employer {employer}%).",
        },
    ),
    "taxable": (
        {"nl": "Belastbaar loon", "fr": "Salaire imposable", "en": "Taxable pay"},
        {
            "nl": "Brutoloon min sociale zekerheid.",
            "fr": "Salaire brut moins sécurité sociale.",
            "en": "Gross pay minus social security.",
        },
    ),
    "withholding_tax": (
        {
            "nl": "Bedrijfsvoorheffing ({wh} %)",
            "fr": "Précompte professionnel ({wh} %)",
            "en": "Withholding tax ({wh}%)",
        },
        {
            "nl": "Een voorschot op je personenbelasting, met het percentage dat bij je situatie past, "
            "min de fiscale werkbonus. Wat te veel of te weinig is, wordt verrekend bij je "
            "belastingaangifte.",
            "fr": "Une avance sur votre impôt des personnes physiques, au taux adapté à votre "
            "situation, moins le bonus à l'emploi fiscal. Le trop-perçu ou le solde est régularisé "
            "dans votre déclaration d'impôt.",
            "en": "An advance on your income tax, at the rate that suits your situation, minus the "
            "fiscal work bonus. Any difference is settled in your tax return.",
        },
    ),
    "fiscal_work_bonus": (
        {"nl": "Fiscale werkbonus (al afgetrokken)", "fr": "Bonus à l'emploi fiscal (déjà déduit)",
         "en": "Fiscal work bonus (already deducted)"},
        {
            "nl": "{a} % van werkbonus deel A en {b} % van deel B gaan af van de bedrijfsvoorheffing "
            "hierboven.",
            "fr": "{a} % du volet A et {b} % du volet B du bonus à l'emploi sont déduits du "
            "précompte ci-dessus.",
            "en": "{a}% of work bonus part A and {b}% of part B are deducted from the withholding "
            "tax above.",
        },
    ),
    "withholding_tax_monthly": (
        {
            "nl": "Bedrijfsvoorheffing (schatting {wh} %)",
            "fr": "Précompte professionnel (estimation {wh} %)",
            "en": "Withholding tax (estimate {wh}%)",
        },
        {
            "nl": "Schatting met {wh} %. Voor een contract van onbepaalde duur berekent de maandelijkse "
            "loonbrief de voorheffing met de wettelijke sleutelformule.",
            "fr": "Estimation à {wh} %. Pour un contrat à durée indéterminée, la fiche de paie mensuelle "
            "calcule le précompte avec la formule-clé légale.",
            "en": "Estimate at {wh}%. For an open-ended contract the monthly payslip computes the "
            "withholding with the statutory key formula.",
        },
    ),
    "net": (
        {"nl": "Nettoloon", "fr": "Salaire net", "en": "Net pay"},
        {
            "nl": "Wat op je rekening komt (plus je terugbetaalde onkosten), ten laatste op {pay_date}. "
            "Dit is een schatting: de sociale zekerheid rekent af bij de kwartaalaangifte.",
            "fr": "Ce qui arrive sur votre compte (plus vos frais remboursés), au plus tard le {pay_date}. "
            "C'est une estimation : la sécurité sociale régularise lors de la déclaration trimestrielle.",
            "en": "What reaches your account (plus your refunded expenses), at the latest on {pay_date}. "
            "This is an estimate: social security settles it at the quarterly declaration.",
        },
    ),
    "unit_remainder": (
        {"nl": "Blijft in je eenheid", "fr": "Reste dans votre unité", "en": "Stays in your unit"},
        {
            "nl": "De paar centen die niet in een volledig brutoloon passen, blijven in je productie-eenheid.",
            "fr": "Les quelques centimes qui ne forment pas un salaire brut complet restent dans votre unité de production.",
            "en": "The few cents that do not make up a whole gross amount stay in your production unit.",
        },
    ),
}

def fmt(template: T, **params: object) -> dict[str, str]:
    return {lang: text.format(**params) for lang, text in template.items()}
