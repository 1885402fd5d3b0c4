"""Plain-language labels and explanations (nl/fr/en) for the lines of a monthly payslip."""

from __future__ import annotations

from .texts import T

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
            "nl": "Korting op je sociale bijdrage voor lagere lonen (deel A en deel B), berekend op "
            "je loon omgerekend naar een volledige maand; nooit meer dan die bijdrage.",
            "fr": "Réduction de vos cotisations sociales pour les bas salaires (volets A et B), "
            "calculée sur votre salaire ramené à un mois complet ; jamais plus que ces cotisations.",
            "en": "Reduction of your social security contribution for lower wages (parts A and B), "
            "computed on your pay converted to a full month; never more than that contribution.",
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
            "nl": "Jaarloon = belastbaar × 12, min {pe} % forfaitaire beroepskosten; belasting per schijf "
            "(bij één inkomen apart op het huwelijksquotiënt), min de belastingvrije som; gedeeld "
            "door 12 (bijlage III KB/WIB 92).",
            "fr": "Revenu annuel = imposable × 12, moins {pe} % de frais professionnels forfaitaires ; "
            "impôt par tranche (avec un seul revenu, à part sur le quotient conjugal), moins la "
            "quotité exemptée ; divisé par 12 (annexe III AR/CIR 92).",
            "en": "Annual pay = taxable × 12, minus {pe}% flat professional expenses; tax per bracket "
            "(with one income, the marital quotient taxed apart), minus the tax-free allowance; "
            "divided by 12 (Annex III Royal Decree/ITC 92).",
        },
    ),
    "child_reduction": (
        {
            "nl": "Vermindering kinderen ten laste",
            "fr": "Réduction enfants à charge",
            "en": "Reduction for dependent children",
        },
        {
            "nl": "Vermindering van de voorheffing voor {children} kind(eren) ten laste (jaarbedrag "
            "gedeeld door 12).",
            "fr": "Réduction du précompte pour {children} enfant(s) à charge (montant annuel divisé "
            "par 12).",
            "en": "Reduction of the withholding for {children} dependent child(ren) (annual amount "
            "divided by 12).",
        },
    ),
    "single_parent_reduction": (
        {
            "nl": "Vermindering alleenstaande ouder",
            "fr": "Réduction parent isolé",
            "en": "Reduction for a single parent",
        },
        {
            "nl": "Bijkomende vermindering voor een alleenstaande met kinderen ten laste.",
            "fr": "Réduction supplémentaire pour un isolé avec enfants à charge.",
            "en": "Extra reduction for a single person with dependent children.",
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
            "nl": "Maandelijkse inhouding volgens de schaal voor {scale_nl}; wordt jaarlijks "
            "verrekend in de personenbelasting.",
            "fr": "Retenue mensuelle selon le barème {scale_fr} ; régularisée chaque année à "
            "l'impôt des personnes physiques.",
            "en": "Monthly deduction by the scale for {scale_en}; settled yearly in the income tax.",
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



SPECIAL_SS_SCALES = {
    "single": {
        "nl": "een alleen belaste werknemer",
        "fr": "un travailleur imposé isolément",
        "en": "an individually taxed worker",
    },
    "married_one_income": {
        "nl": "een gemeenschappelijke aanslag zonder beroepsinkomen van de partner",
        "fr": "une imposition commune, conjoint sans revenus professionnels",
        "en": "joint taxation, spouse without professional income",
    },
    "married_two_incomes": {
        "nl": "een gemeenschappelijke aanslag met beroepsinkomen van de partner",
        "fr": "une imposition commune, conjoint avec revenus professionnels",
        "en": "joint taxation, spouse with professional income",
    },
}
