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
            "nl": "Wat je loon de eenheid kost. De coëfficiënt {coef} voor dit contract dekt de "
            "werkgeversbijdragen (ongeveer {employer} %), verzekeringen en vakantiegeld.",
            "fr": "Ce que votre salaire coûte à l'unité. Le coefficient {coef} de ce contrat couvre les "
            "cotisations patronales (environ {employer} %), les assurances et le pécule de vacances.",
            "en": "What your pay costs the unit. The coefficient {coef} of this contract covers employer "
            "contributions (about {employer}%), insurance and holiday pay.",
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
    "social_security": (
        {
            "nl": "Sociale zekerheid ({ss} %)",
            "fr": "Sécurité sociale ({ss} %)",
            "en": "Social security ({ss}%)",
        },
        {
            "nl": "Je persoonlijke bijdrage: {ss} % van {base} % van je brutoloon. Ze geeft je rechten "
            "op pensioen, ziekte- en werkloosheidsuitkering.",
            "fr": "Votre cotisation personnelle : {ss} % de {base} % de votre salaire brut. Elle vous ouvre "
            "des droits à la pension, aux indemnités de maladie et de chômage.",
            "en": "Your personal contribution: {ss}% of {base}% of your gross pay. It builds your rights to "
            "pension, sickness and unemployment benefits.",
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
            "nl": "Een voorschot op je personenbelasting, met het percentage dat bij je situatie past. "
            "Wat te veel of te weinig is, wordt verrekend bij je belastingaangifte.",
            "fr": "Une avance sur votre impôt des personnes physiques, au taux adapté à votre situation. "
            "Le trop-perçu ou le solde est régularisé dans votre déclaration d'impôt.",
            "en": "An advance on your income tax, at the rate that suits your situation. Any difference "
            "is settled in your tax return.",
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

MONTHLY: dict[str, tuple[T, T]] = {
    "gross": (
        {"nl": "Brutomaandloon", "fr": "Salaire mensuel brut", "en": "Monthly gross pay"},
        {
            "nl": "Je brutoloon voor de maand.",
            "fr": "Votre salaire brut du mois.",
            "en": "Your gross pay for the month.",
        },
    ),
    "social_security": (
        {
            "nl": "Sociale zekerheid ({ss} %)",
            "fr": "Sécurité sociale ({ss} %)",
            "en": "Social security ({ss}%)",
        },
        {
            "nl": "{ss} % van je brutoloon, vóór de werkbonus.",
            "fr": "{ss} % de votre salaire brut, avant le bonus à l'emploi.",
            "en": "{ss}% of your gross pay, before the work bonus.",
        },
    ),
    "work_bonus": (
        {"nl": "Werkbonus", "fr": "Bonus à l'emploi", "en": "Work bonus"},
        {
            "nl": "Korting op je sociale bijdrage voor lagere lonen (deel A en deel B), nooit meer dan die bijdrage.",
            "fr": "Réduction de vos cotisations sociales pour les bas salaires (volet A et volet B), jamais plus que ces cotisations.",
            "en": "Reduction of your social security contribution for lower wages (part A and part B), never more than that contribution.",
        },
    ),
    "taxable": (
        {"nl": "Belastbaar loon", "fr": "Salaire imposable", "en": "Taxable pay"},
        {
            "nl": "Brutoloon min sociale zekerheid na werkbonus.",
            "fr": "Salaire brut moins sécurité sociale après bonus à l'emploi.",
            "en": "Gross pay minus social security after the work bonus.",
        },
    ),
    "withholding_base": (
        {
            "nl": "Bedrijfsvoorheffing volgens sleutelformule",
            "fr": "Précompte professionnel selon la formule-clé",
            "en": "Withholding tax by the key formula",
        },
        {
            "nl": "Jaarloon = belastbaar × 12, min {pe} % forfaitaire beroepskosten; belasting per schijf, "
            "min de belastingvrije som; gedeeld door 12 (bijlage III KB/WIB 92).",
            "fr": "Revenu annuel = imposable × 12, moins {pe} % de frais professionnels forfaitaires ; impôt "
            "par tranche, moins la quotité exemptée ; divisé par 12 (annexe III AR/CIR 92).",
            "en": "Annual pay = taxable × 12, minus {pe}% flat professional expenses; tax per bracket, minus "
            "the tax-free allowance; divided by 12 (Annex III Royal Decree/ITC 92).",
        },
    ),
    "child_reduction": (
        {
            "nl": "Vermindering kinderen ten laste",
            "fr": "Réduction enfants à charge",
            "en": "Reduction for dependent children",
        },
        {
            "nl": "Maandelijkse vermindering van de voorheffing voor {children} kind(eren) ten laste.",
            "fr": "Réduction mensuelle du précompte pour {children} enfant(s) à charge.",
            "en": "Monthly reduction of the withholding for {children} dependent child(ren).",
        },
    ),
    "fiscal_work_bonus": (
        {"nl": "Fiscale werkbonus", "fr": "Bonus à l'emploi fiscal", "en": "Fiscal work bonus"},
        {
            "nl": "{a} % van werkbonus deel A en {b} % van deel B gaat af van de voorheffing.",
            "fr": "{a} % du volet A et {b} % du volet B du bonus à l'emploi sont déduits du précompte.",
            "en": "{a}% of work bonus part A and {b}% of part B are deducted from the withholding.",
        },
    ),
    "withholding_tax": (
        {"nl": "Bedrijfsvoorheffing", "fr": "Précompte professionnel", "en": "Withholding tax"},
        {
            "nl": "Voorschot op je personenbelasting dat deze maand wordt ingehouden.",
            "fr": "Avance sur votre impôt retenue ce mois-ci.",
            "en": "Advance on your income tax withheld this month.",
        },
    ),
    "special_social_security": (
        {
            "nl": "Bijzondere bijdrage sociale zekerheid",
            "fr": "Cotisation spéciale de sécurité sociale",
            "en": "Special social security contribution",
        },
        {
            "nl": "Maandelijkse inhouding volgens de schaal voor een gezin met één inkomen; wordt "
            "jaarlijks verrekend.",
            "fr": "Retenue mensuelle selon le barème d'un ménage à un revenu ; régularisée chaque année.",
            "en": "Monthly deduction by the single-income household scale; settled yearly.",
        },
    ),
    "net": (
        {"nl": "Nettomaandloon", "fr": "Salaire mensuel net", "en": "Monthly net pay"},
        {
            "nl": "Wat op je rekening komt.",
            "fr": "Ce qui arrive sur votre compte.",
            "en": "What reaches your account.",
        },
    ),
}


def fmt(template: T, **params: object) -> dict[str, str]:
    return {lang: text.format(**params) for lang, text in template.items()}
