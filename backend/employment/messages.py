"""Messages of open-ended employment."""

from backend.platform import i18n

i18n.register({
    "employment_person_unknown": {
        "nl": "Deze persoon bestaat niet.",
        "fr": "Cette personne n'existe pas.",
        "en": "This person does not exist.",
    },
    "employment_unit_not_held": {
        "nl": "Deze persoon is geen houder van deze unit.",
        "fr": "Cette personne n'est pas titulaire de cette unité.",
        "en": "This person is not a holder of this unit.",
    },
    "employment_gross_or_projection": {
        "nl": "Geef een brutomaandloon of een verwachte jaaromzet, niet allebei.",
        "fr": "Indiquez un salaire brut mensuel ou un chiffre d'affaires annuel prévu, pas les deux.",
        "en": "Give a monthly gross salary or a projected yearly turnover, not both.",
    },
    "employment_already_active": {
        "nl": "Deze persoon heeft al een lopend contract van onbepaalde duur.",
        "fr": "Cette personne a déjà un contrat à durée indéterminée en cours.",
        "en": "This person already has a running open-ended contract.",
    },
    "employment_already_ended": {
        "nl": "Dit contract is al beëindigd.",
        "fr": "Ce contrat a déjà pris fin.",
        "en": "This contract has already ended.",
    },
    "employment_end_before_paid": {
        "nl": "De einddatum valt vóór een maand die al betaald is ({month}).",
        "fr": "La date de fin précède un mois déjà payé ({month}).",
        "en": "The end date is before a month already paid ({month}).",
    },
    "employment_end_before_start": {
        "nl": "De einddatum valt vóór de begindatum.",
        "fr": "La date de fin précède la date de début.",
        "en": "The end date is before the start date.",
    },
    "employment_not_pending": {
        "nl": "Dit contract wacht niet op een goedkeuring ({approval}).",
        "fr": "Ce contrat n'attend pas d'approbation ({approval}).",
        "en": "This contract is not waiting for an approval ({approval}).",
    },
    "own_employment": {
        "nl": "Een tweede adviseur keurt dit contract goed, niet wie het aanmaakte.",
        "fr": "Un second conseiller approuve ce contrat, pas celui qui l'a créé.",
        "en": "A second adviser approves this contract, not the one who made it.",
    },
    "review.monthly_salary_uncovered": {
        "nl": "Het maandloon van {month} ({cost}) is niet gedekt: de unit staat op {balance}.",
        "fr": "Le salaire de {month} ({cost}) n'est pas couvert : l'unité est à {balance}.",
        "en": "The salary of {month} ({cost}) is not covered: the unit stands at {balance}.",
    },
})
