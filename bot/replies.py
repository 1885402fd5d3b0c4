"""What the bot says while it collects a QuickJob and answers status questions, in Dutch,
French and English (``bot.texts`` puts the figures in; ``bot.replies_followup`` has what it says
after a creation)."""

from __future__ import annotations

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
        "nl": "Welk bedrag vraag je aan de klant? Bijvoorbeeld \"250 euro\" (zonder btw) of \"300 euro incl. btw\".",
        "fr": "Quel montant demandez-vous au client ? Par exemple \"250 euros\" (hors TVA) ou \"300 euros TVAC\".",
        "en": "What amount do you charge the client? For example \"250 euro\" (excl. VAT) or \"300 euro incl. VAT\".",
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
    "ask.vat_exemption": {
        "nl": "Waarom geen btw? Zeg de reden: \"uitvoer\" (klant buiten de EU), \"btw verlegd\" (bedrijf "
              "in een ander EU-land) of \"vrijgesteld, opleiding\". Of zeg \"21 % btw\".",
        "fr": "Pourquoi sans TVA ? Dites la raison : \"exportation\" (client hors UE), \"autoliquidation\" "
              "(entreprise d'un autre pays de l'UE) ou \"exonéré, formation\". Ou dites \"TVA 21 %\".",
        "en": "Why no VAT? Say the reason: \"export\" (client outside the EU), \"reverse charge\" (a "
              "business in another EU country) or \"exempt, training\". Or say \"21 % VAT\".",
    },
    "non_answer.client_name": {
        "nl": "Zonder klant kan ik geen offerte maken: die moet iemand aanvaarden. Wil je eerst weten "
              "wat je overhoudt? Vraag bijvoorbeeld \"hoeveel hou ik over van 300 euro\".",
        "fr": "Sans client, je ne peux pas faire de devis : quelqu'un doit l'accepter. Vous voulez "
              "d'abord savoir ce qu'il vous reste ? Demandez par exemple \"combien je touche net pour 300 €\".",
        "en": "Without a client I cannot make a quote: someone has to accept it. Want to know first "
              "what you keep? Ask for example \"how much do I get net for 300 euros\".",
    },
    "non_answer.amount_cents": {
        "nl": "Geen probleem. Het bedrag bepaal jij; ik bereken wat je ervan overhoudt zodra je een "
              "bedrag geeft.",
        "fr": "Pas de souci. C'est vous qui fixez le montant ; je calcule ce qu'il vous reste dès "
              "que vous en donnez un.",
        "en": "No problem. You set the amount; I work out what you keep as soon as you give one.",
    },
    "non_answer.other": {
        "nl": "Geen probleem, maar dit heb ik nodig om verder te gaan.",
        "fr": "Pas de souci, mais j'en ai besoin pour continuer.",
        "en": "No problem, but I need this to go on.",
    },
    "past_dates": {
        "nl": "{dates} ligt al in het verleden. Een QuickJob wordt aangegeven vóór het werk (je "
              "contract en je verzekering beginnen dan). Is het werk nog te doen? Geef de juiste "
              "dag(en), bijvoorbeeld \"morgen\" of \"12/03\". Is het al gedaan? Zeg \"adviseur\": een adviseur bekijkt met je wat nog kan "
              "(bijvoorbeeld een aangifte van inning).",
        "fr": "{dates} est déjà passé. Un QuickJob se déclare avant le travail (votre contrat et "
              "votre assurance commencent alors). Le travail est encore à faire ? Donnez le(s) bon(s) "
              "jour(s), par exemple \"demain\" ou \"12/03\". Il est déjà fait ? Dites \"conseiller\" : un conseiller voit avec vous ce qui "
              "est encore possible (par exemple une déclaration d'encaissement).",
        "en": "{dates} is already past. A QuickJob is declared before the work (your contract and "
              "insurance start then). Is the work still to come? Give the right day(s), for example \"tomorrow\" or \"12/03\". Already "
              "done? Say \"adviser\": an adviser will look with you at what can still be done (for "
              "example a cash collection declaration).",
    },
    "minimum.below": {
        "nl": "Let op: {amount} voor {days} dag(en) is te weinig: {reason} Klopt het bedrag? Geef het "
              "juiste bedrag, of zeg \"ja\" om toch verder te gaan.",
        "fr": "Attention : {amount} pour {days} jour(s), c'est trop peu : {reason} Le montant est-il "
              "correct ? Donnez le bon montant, ou dites \"oui\" pour continuer quand même.",
        "en": "Careful: {amount} for {days} day(s) is too little: {reason} Is the amount right? Give "
              "the right amount, or say \"yes\" to go on anyway.",
    },
    "minimum.ask": {
        "nl": "Geef het juiste bedrag, of zeg \"ja\" om met dit bedrag verder te gaan.",
        "fr": "Donnez le bon montant, ou dites \"oui\" pour continuer avec ce montant.",
        "en": "Give the right amount, or say \"yes\" to go on with this amount.",
    },
    "created": {
        "nl": "Klaar! Je QuickJob is gemaakt: offerte {quote} ({status}).",
        "fr": "C'est fait ! Votre QuickJob est créé : devis {quote} ({status}).",
        "en": "Done! Your QuickJob is created: quote {quote} ({status}).",
    },
    "created.sent": {
        "nl": "De offerte is per e-mail verstuurd naar {to}; de klant kan ze online aanvaarden.",
        "fr": "Le devis est envoyé par e-mail à {to} ; le client peut l'accepter en ligne.",
        "en": "The quote was e-mailed to {to}; the client can accept it online.",
    },
    "created.forward": {
        "nl": "De klant heeft nog niets ontvangen: ik heb geen e-mailadres. Stuur deze link door "
              "(WhatsApp, sms, e-mail), daar kan de klant de offerte aanvaarden: {url} "
              "Of geef me het e-mailadres van de klant, dan mail ik de offerte.",
        "fr": "Le client n'a encore rien reçu : je n'ai pas d'adresse e-mail. Transférez-lui ce lien "
              "(WhatsApp, SMS, e-mail), il pourra y accepter le devis : {url} "
              "Ou donnez-moi l'adresse e-mail du client et je lui envoie le devis.",
        "en": "The client has not received anything yet: I have no e-mail address. Forward this "
              "link (WhatsApp, SMS, e-mail); the client can accept the quote there: {url} "
              "Or give me the client's e-mail address and I will e-mail the quote.",
    },
    "created.review": {
        "nl": "Een adviseur kijkt de offerte eerst na; de klant krijgt ze daarna. Ik laat je weten "
              "wanneer.",
        "fr": "Un conseiller vérifie d'abord le devis ; le client le reçoit ensuite. Je vous "
              "préviens.",
        "en": "An adviser checks the quote first; the client gets it afterwards. I will let you know.",
    },
    "simulation": {
        "nl": "Voor {amount} ({days}, {contract}):\n- Bijdrage aan de coöperatie: {contribution}\n"
              "{expenses}- Brutoloon: {gross}\n- Nettoloon: ongeveer {net}\n- Uitbetaling: {pay_date}\n"
              "Er is niets aangemaakt. Wil je er een QuickJob van maken? Zeg het werk en de klant.",
        "fr": "Pour {amount} ({days}, {contract}) :\n- Contribution à la coopérative : {contribution}\n"
              "{expenses}- Salaire brut : {gross}\n- Salaire net : environ {net}\n- Paiement : {pay_date}\n"
              "Rien n'a été créé. Vous voulez en faire un QuickJob ? Dites le travail et le client.",
        "en": "For {amount} ({days}, {contract}):\n- Contribution to the cooperative: {contribution}\n"
              "{expenses}- Gross salary: {gross}\n- Net salary: about {net}\n- Paid on: {pay_date}\n"
              "Nothing was created. Want to make it a QuickJob? Tell me the work and the client.",
    },
    "no_change": {
        "nl": "Dat stond er al zo. Wil je iets anders? Zeg het zo: \"het werk is ...\", \"de klant is "
              "...\", \"het bedrag is ...\", of zeg \"adviseur\".",
        "fr": "C'était déjà ainsi. Autre chose ? Dites-le ainsi : \"le travail est ...\", \"le client "
              "est ...\", \"le montant est ...\", ou dites \"conseiller\".",
        "en": "That was already so. Something else? Say it like this: \"the work is ...\", \"the "
              "client is ...\", \"the amount is ...\", or say \"adviser\".",
    },
    "ok_nothing": {
        "nl": "Oké, ik heb niets veranderd.",
        "fr": "D'accord, je n'ai rien changé.",
        "en": "OK, I changed nothing.",
    },
    "status.quickjobs": {
        "nl": "Je QuickJobs:\n{jobs}",
        "fr": "Vos QuickJobs :\n{jobs}",
        "en": "Your QuickJobs:\n{jobs}",
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
    "offer": {"nl": ["ja", "help"], "fr": ["oui", "aide"], "en": ["yes", "help"]},
    "past_dates": {"nl": ["adviseur", "annuleer"], "fr": ["conseiller", "annuler"],
                   "en": ["adviser", "cancel"]},
    "vat_exemption": {"nl": ["uitvoer", "btw verlegd", "21 % btw"],
                      "fr": ["exportation", "autoliquidation", "TVA 21 %"],
                      "en": ["export", "reverse charge", "21 % VAT"]},
}
