"""Every reply of the bot, in Dutch, French and English, plus money and date formatting."""

from __future__ import annotations

import datetime as dt

TEXTS: dict[str, dict[str, str]] = {
    "welcome": {
        "nl": "Hallo! Ik help je een QuickJob maken (offerte, contract en loon) of beantwoord je "
              "vragen over je betalingen. Vertel me bijvoorbeeld: \"Grafisch ontwerp voor klant "
              "Brouwerij De Klok, 250 euro, morgen\".",
        "fr": "Bonjour ! Je vous aide à créer un QuickJob (devis, contrat et salaire) ou je réponds "
              "à vos questions sur vos paiements. Dites par exemple : \"Graphisme pour le client "
              "Café Central, 250 euros, demain\".",
        "en": "Hello! I help you create a QuickJob (quote, contract and salary) or answer questions "
              "about your payments. Tell me for example: \"Graphic design for client Acme, "
              "250 euro, tomorrow\".",
    },
    "ask.function": {
        "nl": "Welk werk doe je? Bijvoorbeeld: \"fotograaf\" of \"workshop keramiek\".",
        "fr": "Quel travail faites-vous ? Par exemple : \"photographe\" ou \"atelier céramique\".",
        "en": "What work will you do? For example: \"photographer\" or \"pottery workshop\".",
    },
    "ask.client_name": {
        "nl": "Voor welke klant werk je? Geef de naam, bijvoorbeeld \"Brouwerij De Klok\".",
        "fr": "Pour quel client travaillez-vous ? Donnez son nom, par exemple \"Café Central\".",
        "en": "Who is the client? Give the name, for example \"Acme Ltd\".",
    },
    "ask.amount_cents": {
        "nl": "Welk bedrag vraag je aan de klant, zonder btw? Bijvoorbeeld \"250 euro\" of \"1.250,50 €\".",
        "fr": "Quel montant demandez-vous au client, hors TVA ? Par exemple \"250 euros\" ou \"1.250,50 €\".",
        "en": "What amount do you charge the client, excluding VAT? For example \"250 euro\" or \"€1,250.50\".",
    },
    "ask.dates": {
        "nl": "Op welke dag(en) werk je? Bijvoorbeeld \"morgen\", \"volgende maandag\" of \"12/03\".",
        "fr": "Quel(s) jour(s) travaillez-vous ? Par exemple \"demain\", \"lundi prochain\" ou \"12/03\".",
        "en": "On which day(s) do you work? For example \"tomorrow\", \"next Monday\" or \"12/03\".",
    },
    "ask.email": {
        "nl": "Geef een geldig e-mailadres van de klant, bijvoorbeeld \"info@deklok.be\".",
        "fr": "Donnez une adresse e-mail valable du client, par exemple \"info@cafecentral.be\".",
        "en": "Give a valid e-mail address of the client, for example \"billing@acme.be\".",
    },
    "ask.vat_number": {
        "nl": "Dat btw-nummer klopt niet. Een voorbeeld: \"BE0403019261\". Of zeg \"geen btw-nummer\".",
        "fr": "Ce numéro de TVA n'est pas correct. Un exemple : \"BE0403019261\". Ou dites \"pas de numéro\".",
        "en": "That VAT number is not right. An example: \"BE0403019261\". Or say \"no VAT number\".",
    },
    "ask.vat_rate": {
        "nl": "Welk btw-tarief? 21 %, 12 % of 6 %. Bijvoorbeeld \"21 % btw\". Zonder btw, zeg de "
              "reden: \"uitvoer\", \"btw verlegd\" of \"vrijgesteld, opleiding\".",
        "fr": "Quel taux de TVA ? 21 %, 12 % ou 6 %. Par exemple \"TVA 21 %\". Sans TVA, dites la "
              "raison : \"exportation\", \"autoliquidation\" ou \"exonéré, formation\".",
        "en": "Which VAT rate? 21 %, 12 % or 6 %. For example \"21 % VAT\". Without VAT, say why: "
              "\"export\", \"reverse charge\" or \"exempt, training\".",
    },
    "ask.contract_type": {
        "nl": "Welk contract? Bijvoorbeeld \"bediende\", \"student\" of \"artiest\".",
        "fr": "Quel contrat ? Par exemple \"employé\", \"étudiant\" ou \"artiste\".",
        "en": "Which contract? For example \"employee\", \"student\" or \"artist\".",
    },
    "not_understood": {
        "nl": "Dat begreep ik niet.",
        "fr": "Je n'ai pas compris.",
        "en": "I did not understand that.",
    },
    "skip_hint": {
        "nl": "Lukt het niet? Zeg \"adviseur\" en een mens helpt je verder.",
        "fr": "Ça ne marche pas ? Dites \"conseiller\" et une personne vous aidera.",
        "en": "Stuck? Say \"adviser\" and a person will help you.",
    },
    "summary": {
        "nl": "Samenvatting van je QuickJob:\n- Werk: {function}\n- Klant: {client}\n- Dagen: {dates}\n"
              "- Bedrag: {amount} excl. btw\n- Btw ({vat_rate} %{exemption}): {vat} (klant betaalt {total})\n"
              "- Contract: {contract}\n- Bijdrage aan de coöperatie: {contribution}\n"
              "- Verwacht nettoloon: {net}\n- Uitbetaling: {pay_date}\n"
              "Klopt dit? Antwoord \"ja\" om de offerte te maken, of zeg wat je wilt veranderen.",
        "fr": "Résumé de votre QuickJob :\n- Travail : {function}\n- Client : {client}\n- Jours : {dates}\n"
              "- Montant : {amount} HTVA\n- TVA ({vat_rate} %{exemption}) : {vat} (le client paie {total})\n"
              "- Contrat : {contract}\n- Contribution à la coopérative : {contribution}\n"
              "- Salaire net attendu : {net}\n- Paiement : {pay_date}\n"
              "Est-ce correct ? Répondez \"oui\" pour créer le devis, ou dites ce qu'il faut changer.",
        "en": "Summary of your QuickJob:\n- Work: {function}\n- Client: {client}\n- Days: {dates}\n"
              "- Amount: {amount} excl. VAT\n- VAT ({vat_rate} %{exemption}): {vat} (the client pays {total})\n"
              "- Contract: {contract}\n- Contribution to the cooperative: {contribution}\n"
              "- Expected net salary: {net}\n- Paid on: {pay_date}\n"
              "Is this right? Answer \"yes\" to create the quote, or tell me what to change.",
    },
    "confirm_again": {
        "nl": "Antwoord \"ja\" om de offerte te maken, \"nee\" om iets te veranderen of \"annuleer\".",
        "fr": "Répondez \"oui\" pour créer le devis, \"non\" pour changer quelque chose ou \"annuler\".",
        "en": "Answer \"yes\" to create the quote, \"no\" to change something or \"cancel\".",
    },
    "what_to_change": {
        "nl": "Wat wil je veranderen? Bijvoorbeeld \"300 euro\" of \"de datum naar vrijdag\".",
        "fr": "Que voulez-vous changer ? Par exemple \"300 euros\" ou \"la date à vendredi\".",
        "en": "What do you want to change? For example \"300 euro\" or \"the date to Friday\".",
    },
    "created": {
        "nl": "Klaar! Je QuickJob is gemaakt (offerte {quote}, status: {status}). "
              "De klant krijgt de offerte om te aanvaarden.",
        "fr": "C'est fait ! Votre QuickJob est créé (devis {quote}, statut : {status}). "
              "Le client reçoit le devis à accepter.",
        "en": "Done! Your QuickJob is created (quote {quote}, status: {status}). "
              "The client receives the quote to accept.",
    },
    "already_created": {
        "nl": "Deze QuickJob is al gemaakt (offerte {quote}). Zeg \"opnieuw\" voor een nieuwe.",
        "fr": "Ce QuickJob est déjà créé (devis {quote}). Dites \"recommencer\" pour un nouveau.",
        "en": "This QuickJob was already created (quote {quote}). Say \"start again\" for a new one.",
    },
    "cancelled": {
        "nl": "Oké, ik heb alles geannuleerd. Er is niets gemaakt.",
        "fr": "D'accord, j'ai tout annulé. Rien n'a été créé.",
        "en": "OK, I cancelled everything. Nothing was created.",
    },
    "restarted": {
        "nl": "We beginnen opnieuw.",
        "fr": "On recommence.",
        "en": "Let's start again.",
    },
    "help": {
        "nl": "Ik kan een QuickJob voor je maken: geef het werk, de klant, het bedrag en de dag(en), "
              "samen of één voor één. Ik toon altijd eerst een samenvatting. Je kan ook vragen: "
              "\"heeft mijn klant betaald?\", \"wanneer wordt mijn loon betaald?\", \"hoeveel staat "
              "er nog op mijn eenheid?\", \"waar is mijn loonfiche?\", \"waarvoor dient de 6,5 %?\". "
              "Zeg \"annuleer\", \"opnieuw\", \"adviseur\" of \"in English\" wanneer je wil.",
        "fr": "Je peux créer un QuickJob : donnez le travail, le client, le montant et le(s) jour(s), "
              "ensemble ou un par un. Je montre toujours d'abord un résumé. Vous pouvez aussi "
              "demander : \"mon client a-t-il payé ?\", \"quand mon salaire est-il payé ?\", "
              "\"combien reste-t-il dans mon unité ?\", \"où est ma fiche de paie ?\", \"à quoi "
              "sert la contribution de 6,5 % ?\". Dites \"annuler\", \"recommencer\", "
              "\"conseiller\" ou \"in het Nederlands\" quand vous voulez.",
        "en": "I can create a QuickJob: give the work, the client, the amount and the day(s), "
              "together or one by one. I always show a summary first. You can also ask: \"has my "
              "client paid?\", \"when is my salary paid?\", \"how much is left in my unit?\", "
              "\"where is my payslip?\", \"what does the 6.5 % pay for?\". Say \"cancel\", "
              "\"start again\", \"adviser\" or \"en français\" whenever you like.",
    },
    "language_switched": {
        "nl": "Oké, we gaan verder in het Nederlands.",
        "fr": "D'accord, on continue en français.",
        "en": "OK, let's continue in English.",
    },
    "handoff": {
        "nl": "Ik heb je vraag met ons gesprek doorgegeven aan een adviseur (referentie {ref}). "
              "Je krijgt zo snel mogelijk antwoord.",
        "fr": "J'ai transmis votre question et notre conversation à un conseiller (référence {ref}). "
              "Vous recevrez une réponse dès que possible.",
        "en": "I passed your question and our conversation to an adviser (reference {ref}). "
              "You will get an answer as soon as possible.",
    },
    "error_field": {
        "nl": "Dat kan niet: {message}",
        "fr": "Ce n'est pas possible : {message}",
        "en": "That is not possible: {message}",
    },
    "error_general": {
        "nl": "Dat lukte niet: {message} Zeg \"adviseur\" als je hulp wil.",
        "fr": "Cela n'a pas marché : {message} Dites \"conseiller\" si vous voulez de l'aide.",
        "en": "That did not work: {message} Say \"adviser\" if you want help.",
    },
    # Status answers ---------------------------------------------------------------------------
    "status.no_quickjobs": {
        "nl": "Je hebt nog geen QuickJobs. Wil je er een maken? Vertel me het werk en de klant.",
        "fr": "Vous n'avez pas encore de QuickJob. Voulez-vous en créer un ? Dites-moi le travail et le client.",
        "en": "You have no QuickJobs yet. Want to create one? Tell me the work and the client.",
    },
    "status.client_paid.paid": {
        "nl": "Ja, {client} heeft {amount} betaald voor \"{function}\".",
        "fr": "Oui, {client} a payé {amount} pour \"{function}\".",
        "en": "Yes, {client} paid {amount} for \"{function}\".",
    },
    "status.client_paid.open": {
        "nl": "Nog niet: {client} moet nog {amount} betalen voor \"{function}\" (vervaldag {due}). "
              "Je loon wordt toch betaald: het waarborgfonds schiet het voor.",
        "fr": "Pas encore : {client} doit encore payer {amount} pour \"{function}\" (échéance {due}). "
              "Votre salaire est payé quand même : le fonds de garantie l'avance.",
        "en": "Not yet: {client} still has to pay {amount} for \"{function}\" (due {due}). "
              "Your salary is paid anyway: the guarantee fund advances it.",
    },
    "status.client_paid.no_invoice": {
        "nl": "Voor \"{function}\" ({client}) is nog geen factuur verstuurd (status: {status}).",
        "fr": "Pour \"{function}\" ({client}), aucune facture n'est encore envoyée (statut : {status}).",
        "en": "For \"{function}\" ({client}) no invoice has been sent yet (status: {status}).",
    },
    "status.client_paid.cash": {
        "nl": "{client} betaalde \"{function}\" cash.",
        "fr": "{client} a payé \"{function}\" en espèces.",
        "en": "{client} paid \"{function}\" in cash.",
    },
    "status.salary.scheduled": {
        "nl": "Je loon voor \"{function}\" ({client}) wordt betaald op {pay_date}: {net} netto.",
        "fr": "Votre salaire pour \"{function}\" ({client}) sera payé le {pay_date} : {net} net.",
        "en": "Your salary for \"{function}\" ({client}) is paid on {pay_date}: {net} net.",
    },
    "status.salary.paid": {
        "nl": "Je loon voor \"{function}\" ({client}) is betaald: {net} netto.",
        "fr": "Votre salaire pour \"{function}\" ({client}) est payé : {net} net.",
        "en": "Your salary for \"{function}\" ({client}) has been paid: {net} net.",
    },
    "status.salary.planned": {
        "nl": "Voor \"{function}\" ({client}) is de uitbetaling voorzien op {pay_date} (ongeveer {net} "
              "netto), zodra de klant de offerte aanvaardt.",
        "fr": "Pour \"{function}\" ({client}), le paiement est prévu le {pay_date} (environ {net} net), "
              "dès que le client accepte le devis.",
        "en": "For \"{function}\" ({client}) the pay date is {pay_date} (about {net} net), once the "
              "client accepts the quote.",
    },
    "status.unit": {
        "nl": "Op je eenheid \"{name}\" staat nu {balance}.",
        "fr": "Votre unité \"{name}\" dispose maintenant de {balance}.",
        "en": "Your unit \"{name}\" now has {balance} available.",
    },
    "status.no_unit": {
        "nl": "Je hebt nog geen eenheid: die komt er met je eerste QuickJob.",
        "fr": "Vous n'avez pas encore d'unité : elle est créée avec votre premier QuickJob.",
        "en": "You have no unit yet: it is created with your first QuickJob.",
    },
    "status.payslip": {
        "nl": "Je laatste loonfiche (\"{function}\"): {url}",
        "fr": "Votre dernière fiche de paie (\"{function}\") : {url}",
        "en": "Your latest payslip (\"{function}\"): {url}",
    },
    "status.no_payslip": {
        "nl": "Er is nog geen loonfiche: die verschijnt online zodra je loon betaald is.",
        "fr": "Pas encore de fiche de paie : elle apparaît en ligne dès que votre salaire est payé.",
        "en": "No payslip yet: it appears online as soon as your salary is paid.",
    },
    "status.contract": {
        "nl": "Je contract voor \"{function}\" ({status}): {url}",
        "fr": "Votre contrat pour \"{function}\" ({status}) : {url}",
        "en": "Your contract for \"{function}\" ({status}): {url}",
    },
    "status.no_contract": {
        "nl": "Er is nog geen contract: dat wordt gemaakt met je QuickJob.",
        "fr": "Pas encore de contrat : il est créé avec votre QuickJob.",
        "en": "No contract yet: it is created with your QuickJob.",
    },
    "status.contribution": {
        "nl": "De bijdrage van 6,5 % op je omzet betaalt wat de coöperatie voor je doet: facturatie "
              "en opvolging van betalingen, het waarborgfonds (je loon wordt betaald ook als de klant "
              "te laat is), verzekeringen, loonadministratie en contracten, en advies. Zo ben je "
              "werknemer met volledige sociale zekerheid.",
        "fr": "La contribution de 6,5 % sur votre chiffre d'affaires paie ce que la coopérative fait "
              "pour vous : facturation et suivi des paiements, le fonds de garantie (votre salaire "
              "est payé même si le client est en retard), les assurances, la gestion des salaires "
              "et des contrats, et les conseils. Vous êtes ainsi salarié avec une sécurité sociale "
              "complète.",
        "en": "The 6.5 % contribution on your turnover pays for what the cooperative does for you: "
              "invoicing and chasing payments, the guarantee fund (your salary is paid even when the "
              "client is late), insurance, payroll and contracts, and advice. That way you are an "
              "employee with full social security.",
    },
}

QUICK_REPLIES: dict[str, dict[str, list[str]]] = {
    "confirm": {"nl": ["ja", "nee", "annuleer"], "fr": ["oui", "non", "annuler"],
                "en": ["yes", "no", "cancel"]},
    "start": {"nl": ["nieuwe QuickJob", "wanneer wordt mijn loon betaald?", "help"],
              "fr": ["nouveau QuickJob", "quand mon salaire est-il payé ?", "aide"],
              "en": ["new QuickJob", "when is my salary paid?", "help"]},
    "vat_rate": {"nl": ["21 %", "12 %", "6 %"], "fr": ["21 %", "12 %", "6 %"], "en": ["21 %", "12 %", "6 %"]},
    "contract_type": {"nl": ["bediende", "student", "artiest"], "fr": ["employé", "étudiant", "artiste"],
                      "en": ["employee", "student", "artist"]},
    "dates": {"nl": ["morgen", "volgende maandag"], "fr": ["demain", "lundi prochain"],
              "en": ["tomorrow", "next Monday"]},
}

CONTRACT_NAMES = {
    "employee": {"nl": "bediende", "fr": "employé", "en": "employee"},
    "manual_worker": {"nl": "arbeider", "fr": "ouvrier", "en": "manual worker"},
    "student": {"nl": "student", "fr": "étudiant", "en": "student"},
    "artist": {"nl": "artiest", "fr": "artiste", "en": "artist"},
    "artist_1bis": {"nl": "artiest (1bis)", "fr": "artiste (1bis)", "en": "artist (1bis)"},
    "interim": {"nl": "interim", "fr": "intérim", "en": "temporary agency work"},
    "training": {"nl": "opleiding", "fr": "formation", "en": "training"},
    "open_ended": {"nl": "onbepaalde duur", "fr": "durée indéterminée", "en": "open-ended"},
}


def say(key: str, lang: str, **params: object) -> str:
    texts = TEXTS[key]
    text = texts.get(lang) or texts["nl"]
    return text.format(**params) if params else text


EXEMPTIONS = {
    "training": {"nl": "vrijgesteld, opleiding", "fr": "exonéré, formation", "en": "exempt, training"},
    "intra_eu_reverse_charge": {"nl": "btw verlegd, klant in de EU", "fr": "autoliquidation, client UE",
                                "en": "reverse charge, EU client"},
    "export": {"nl": "vrijgesteld, uitvoer", "fr": "exonéré, exportation", "en": "exempt, export"},
}


def exemption(code: str | None, lang: str) -> str:
    """', vrijgesteld, uitvoer' after the 0 % of the summary; empty without a reason."""
    if not code:
        return ""
    return ", " + EXEMPTIONS.get(code, {}).get(lang, code)


def quick_replies(key: str, lang: str) -> list[str]:
    return list(QUICK_REPLIES.get(key, {}).get(lang, []))


def money(cents: int, lang: str) -> str:
    """'€ 1.250,50' in nl/fr, '€1,250.50' in en."""
    sign = "-" if cents < 0 else ""
    whole, rest = divmod(abs(cents), 100)
    grouped = f"{whole:,}"
    if lang == "en":
        return f"{sign}€{grouped}.{rest:02d}"
    return f"{sign}€ {grouped.replace(',', '.')},{rest:02d}"


_MONTH_NAMES = {
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
}


def date(day: dt.date | str, lang: str) -> str:
    if isinstance(day, str):
        day = dt.date.fromisoformat(day)
    month = _MONTH_NAMES.get(lang, _MONTH_NAMES["nl"])[day.month - 1]
    if lang == "en":
        return f"{day.day} {month} {day.year}"
    return f"{day.day} {month} {day.year}"


def dates(days: list, lang: str) -> str:
    return ", ".join(date(d, lang) for d in days)
