"""What the bot says after a QuickJob exists: reaching the client, the invoice, expenses and
their receipt photos, and the identity data the contract and the salary still need."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "invoice.issued": {
        "nl": "Factuur {number} is gemaakt voor \"{function}\" ({client}): {total}, te betalen voor "
              "{due} met de gestructureerde mededeling {communication}.",
        "fr": "La facture {number} est créée pour \"{function}\" ({client}) : {total}, à payer "
              "avant le {due} avec la communication structurée {communication}.",
        "en": "Invoice {number} is made for \"{function}\" ({client}): {total}, to be paid by "
              "{due} with the structured communication {communication}.",
    },
    "invoice.sent": {
        "nl": "De factuur is per e-mail verstuurd naar {to}.",
        "fr": "La facture est envoyée par e-mail à {to}.",
        "en": "The invoice was e-mailed to {to}.",
    },
    "invoice.forward": {
        "nl": "De klant heeft ze nog niet ontvangen (geen e-mailadres): download ze in de app en "
              "stuur ze door.",
        "fr": "Le client ne l'a pas encore reçue (pas d'adresse e-mail) : téléchargez-la dans "
              "l'app et transférez-la.",
        "en": "The client has not received it yet (no e-mail address): download it in the app and "
              "forward it.",
    },
    "invoice.which": {
        "nl": "Voor welke QuickJob maak ik de factuur?\n{jobs}",
        "fr": "Pour quel QuickJob dois-je faire la facture ?\n{jobs}",
        "en": "Which QuickJob do I invoice?\n{jobs}",
    },
    "invoice.not_ready": {
        "nl": "Een factuur kan pas als de klant de offerte aanvaard heeft. Je QuickJobs:\n{jobs}",
        "fr": "Une facture n'est possible qu'après l'acceptation du devis par le client. Vos "
              "QuickJobs :\n{jobs}",
        "en": "An invoice is possible only once the client has accepted the quote. Your "
              "QuickJobs:\n{jobs}",
    },
    "expense.confirm": {
        "nl": "Onkosten toevoegen aan \"{function}\" ({client}): {expenses}? Ze worden belastingvrij "
              "terugbetaald uit het bedrag van de factuur. Antwoord \"ja\" of \"nee\"; een foto van "
              "het bonnetje mag je meteen sturen.",
        "fr": "Ajouter ces frais à \"{function}\" ({client}) : {expenses} ? Ils sont remboursés sans "
              "impôt sur le montant facturé. Répondez \"oui\" ou \"non\" ; vous pouvez envoyer la "
              "photo du ticket tout de suite.",
        "en": "Add these expenses to \"{function}\" ({client}): {expenses}? They are refunded tax-free "
              "out of the invoiced amount. Answer \"yes\" or \"no\"; you can send a photo of the "
              "receipt right away.",
    },
    "expense.added": {
        "nl": "Toegevoegd aan \"{function}\" ({client}): {expenses}.",
        "fr": "Ajouté à \"{function}\" ({client}) : {expenses}.",
        "en": "Added to \"{function}\" ({client}): {expenses}.",
    },
    "expense.photo": {
        "nl": "Stuur nog een foto van het bonnetje: zonder bewijs kan de onkost niet terugbetaald worden.",
        "fr": "Envoyez encore une photo du ticket : sans preuve, le frais ne peut pas être remboursé.",
        "en": "Please send a photo of the receipt: without proof the expense cannot be refunded.",
    },
    "expense.which": {
        "nl": "Bij welke QuickJob hoort deze onkost?\n{jobs}",
        "fr": "À quel QuickJob ce frais appartient-il ?\n{jobs}",
        "en": "Which QuickJob is this expense for?\n{jobs}",
    },
    "expense.no_job": {
        "nl": "Je hebt geen QuickJob waar nog onkosten bij kunnen (dat kan tot de klant de offerte "
              "aanvaardt). Zeg \"adviseur\" als je hulp wil.",
        "fr": "Vous n'avez pas de QuickJob auquel ajouter des frais (c'est possible jusqu'à "
              "l'acceptation du devis). Dites \"conseiller\" si vous voulez de l'aide.",
        "en": "You have no QuickJob that can still take expenses (possible until the client "
              "accepts the quote). Say \"adviser\" if you want help.",
    },
    "photo.kept": {
        "nl": "Foto ontvangen; ik voeg ze bij de onkost.",
        "fr": "Photo reçue ; je la joins au frais.",
        "en": "Photo received; I will attach it to the expense.",
    },
    "photo.attached": {
        "nl": "Foto van het bonnetje toegevoegd.",
        "fr": "Photo du ticket ajoutée.",
        "en": "Receipt photo attached.",
    },
    "photo.not_stored": {
        "nl": "Ik heb de foto niet bewaard: {message}",
        "fr": "Je n'ai pas gardé la photo : {message}",
        "en": "I did not keep the photo: {message}",
    },
    "photo.which": {
        "nl": "Foto ontvangen. Voor welke onkost is ze? Bijvoorbeeld \"parking 7,50\".",
        "fr": "Photo reçue. Pour quel frais ? Par exemple \"parking 7,50\".",
        "en": "Photo received. Which expense is it for? For example \"parking fee 7.50\".",
    },
    "photo.unavailable": {
        "nl": "Ik kon je foto niet ophalen bij Telegram (deze server heeft geen verbinding met "
              "Telegram), dus ik heb niets bewaard. Voeg het bonnetje toe bij de onkost in de app.",
        "fr": "Je n'ai pas pu récupérer votre photo chez Telegram (ce serveur n'est pas relié à "
              "Telegram), je n'ai donc rien gardé. Ajoutez le justificatif au frais dans l'app.",
        "en": "I could not fetch your photo from Telegram (this server has no connection to "
              "Telegram), so nothing was kept. Add the receipt to the expense in the app.",
    },
    "photo.refused": {
        "nl": "Die foto kan ik niet bewaren: {message}",
        "fr": "Je ne peux pas garder ce fichier : {message}",
        "en": "I cannot keep that file: {message}",
    },
    # The client reached later -------------------------------------------------------------
    "reach.sent": {
        "nl": "De offerte is per e-mail verstuurd naar {to}; de klant kan ze online aanvaarden.",
        "fr": "Le devis est envoyé par e-mail à {to} ; le client peut l'accepter en ligne.",
        "en": "The quote was e-mailed to {to}; the client can accept it online.",
    },
    "reach.already": {
        "nl": "De offerte is al naar {to} gemaild.",
        "fr": "Le devis a déjà été envoyé à {to}.",
        "en": "The quote was already e-mailed to {to}.",
    },
    "reach.after_review": {
        "nl": "Genoteerd: {to}. Een adviseur kijkt de offerte eerst na; daarna gaat ze naar dat adres.",
        "fr": "C'est noté : {to}. Un conseiller vérifie d'abord le devis ; il part ensuite à cette "
              "adresse.",
        "en": "Noted: {to}. An adviser checks the quote first; it then goes to that address.",
    },
    "reach.refused": {
        "nl": "Ik heb niets verstuurd: {message}",
        "fr": "Je n'ai rien envoyé : {message}",
        "en": "I sent nothing: {message}",
    },
    # Identity just in time ------------------------------------------------------------------
    "identity.quote_needs": {
        "nl": "Nog één ding: de offerte staat op jouw naam en die ken ik nog niet.",
        "fr": "Encore une chose : le devis est à votre nom, que je ne connais pas encore.",
        "en": "One more thing: the quote carries your name, which I do not have yet.",
    },
    "identity.contract_needs": {
        "nl": "Voor je contract, de Dimona-aangifte en je loon heb ik nog nodig: {missing}. Je mag "
              "het nu geven of later.",
        "fr": "Pour votre contrat, la déclaration Dimona et votre salaire, il me faut encore : "
              "{missing}. Vous pouvez le donner maintenant ou plus tard.",
        "en": "For your contract, the Dimona declaration and your salary I still need: {missing}. "
              "You can give it now or later.",
    },
    "identity.reminder": {
        "nl": "Let op: je contract of je loon wacht nog op {missing}. Stuur het hier wanneer je wil.",
        "fr": "Attention : votre contrat ou votre salaire attend encore {missing}. Envoyez-le ici "
              "quand vous voulez.",
        "en": "Note: your contract or your salary still waits for {missing}. Send it here whenever "
              "you like.",
    },
    "identity.ask.name": {
        "nl": "Wat is je voornaam en achternaam?",
        "fr": "Quels sont votre prénom et votre nom ?",
        "en": "What are your first and last name?",
    },
    "identity.ask.first_name": {
        "nl": "Wat is je voornaam?",
        "fr": "Quel est votre prénom ?",
        "en": "What is your first name?",
    },
    "identity.ask.last_name": {
        "nl": "En je achternaam?",
        "fr": "Et votre nom de famille ?",
        "en": "And your last name?",
    },
    "identity.ask.national_number": {
        "nl": "Wat is je rijksregisternummer? Het staat op de achterkant van je identiteitskaart "
              "(11 cijfers, bijvoorbeeld 85.07.30-033.28).",
        "fr": "Quel est votre numéro de registre national ? Il figure au dos de votre carte "
              "d'identité (11 chiffres, par exemple 85.07.30-033.28).",
        "en": "What is your national register number? It is on the back of your Belgian identity "
              "card (11 digits, for example 85.07.30-033.28).",
    },
    "identity.ask.birth_date": {
        "nl": "Wat is je geboortedatum? Bijvoorbeeld 30/07/1985.",
        "fr": "Quelle est votre date de naissance ? Par exemple 30/07/1985.",
        "en": "What is your date of birth? For example 30/07/1985.",
    },
    "identity.ask.address": {
        "nl": "Wat is je adres? Straat en nummer, postcode en gemeente, bijvoorbeeld \"Kerkstraat 5, "
              "9000 Gent\".",
        "fr": "Quelle est votre adresse ? Rue et numéro, code postal et commune, par exemple \"Rue "
              "Haute 12, 1000 Bruxelles\".",
        "en": "What is your address? Street and number, postcode and town, for example \"Rue Haute "
              "12, 1000 Brussels\".",
    },
    "identity.ask.iban": {
        "nl": "Op welke rekening storten we je loon? Geef je IBAN, bijvoorbeeld BE71 0961 2345 6769.",
        "fr": "Sur quel compte verser votre salaire ? Donnez votre IBAN, par exemple "
              "BE71 0961 2345 6769.",
        "en": "Which account should your salary go to? Give your IBAN, for example "
              "BE71 0961 2345 6769.",
    },
    "identity.invalid.national_number": {
        "nl": "Dat rijksregisternummer klopt niet: het controlegetal (de laatste 2 cijfers) past "
              "niet bij de andere cijfers. Kijk het even na op je identiteitskaart.",
        "fr": "Ce numéro de registre national n'est pas correct : le nombre de contrôle (les 2 "
              "derniers chiffres) ne correspond pas. Vérifiez-le sur votre carte d'identité.",
        "en": "That national register number is not right: its check number (the last 2 digits) "
              "does not match the others. Please check it on your identity card.",
    },
    "identity.invalid.iban": {
        "nl": "Dat IBAN klopt niet (de controlecijfers kloppen niet). Kijk het na in je bankapp.",
        "fr": "Cet IBAN n'est pas correct (les chiffres de contrôle ne correspondent pas). "
              "Vérifiez-le dans votre app bancaire.",
        "en": "That IBAN is not right (its check digits do not add up). Please check it in your "
              "banking app.",
    },
    "identity.invalid.birth_date": {
        "nl": "Dat is geen geboortedatum die ik kan gebruiken (dag, maand en jaar, in het verleden).",
        "fr": "Ce n'est pas une date de naissance utilisable (jour, mois et année, dans le passé).",
        "en": "That is not a birth date I can use (day, month and year, in the past).",
    },
    "identity.saved": {
        "nl": "Bewaard in je profiel: {saved}.",
        "fr": "Enregistré dans votre profil : {saved}.",
        "en": "Saved in your profile: {saved}.",
    },
    "identity.refused": {
        "nl": "Dat kon ik niet bewaren: {message}",
        "fr": "Je n'ai pas pu l'enregistrer : {message}",
        "en": "I could not save that: {message}",
    },
    "identity.complete": {
        "nl": "Je profiel is compleet: je contract en je loon kunnen verder.",
        "fr": "Votre profil est complet : votre contrat et votre salaire peuvent suivre leur cours.",
        "en": "Your profile is complete: your contract and your salary can go ahead.",
    },
    "identity.later": {
        "nl": "Geen probleem. Zonder {missing} kan je contract niet aangegeven of je loon niet "
              "gestort worden; stuur het hier of vul het in de app in wanneer je kan.",
        "fr": "Pas de souci. Sans {missing}, votre contrat ne peut pas être déclaré ni votre "
              "salaire versé ; envoyez-le ici ou complétez l'app quand vous pouvez.",
        "en": "No problem. Without {missing} your contract cannot be declared nor your salary "
              "paid; send it here or fill it in in the app when you can.",
    },
    "identity.needed_for_quote": {
        "nl": "Zonder je naam kan ik de offerte niet maken: de klant moet weten wie het werk doet.",
        "fr": "Sans votre nom je ne peux pas faire le devis : le client doit savoir qui fait le "
              "travail.",
        "en": "Without your name I cannot make the quote: the client must know who does the work.",
    },
}
