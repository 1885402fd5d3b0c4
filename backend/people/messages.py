"""People, sign-in and membership messages (nl, fr, en): error codes and notification templates."""

from backend.platform.i18n import register

register({
    # --- notification template: the one-time sign-in code -------------------------------
    "otp.subject": {
        "nl": "Je QuickJob-aanmeldcode: {code}",
        "fr": "Votre code de connexion QuickJob : {code}",
        "en": "Your QuickJob sign-in code: {code}",
    },
    "otp.body": {
        "nl": "Je aanmeldcode is {code}. Hij is {minutes} minuten geldig. "
              "Geef deze code aan niemand, ook niet aan iemand van Smart.",
        "fr": "Votre code de connexion est {code}. Il est valable {minutes} minutes. "
              "Ne le communiquez à personne, pas même à quelqu'un de Smart.",
        "en": "Your sign-in code is {code}. It is valid for {minutes} minutes. "
              "Do not share it with anyone, not even someone from Smart.",
    },
    # --- sign-in ------------------------------------------------------------------------
    "contact_required": {
        "nl": "Geef een gsm-nummer of een e-mailadres op (één van beide).",
        "fr": "Indiquez un numéro de GSM ou une adresse e-mail (l'un des deux).",
        "en": "Give a mobile number or an e-mail address (one of the two).",
    },
    "invalid_phone": {
        "nl": "Dit gsm-nummer is ongeldig. Voorbeeld: 0470 12 34 56 of +32 470 12 34 56.",
        "fr": "Ce numéro de GSM n'est pas valable. Exemple : 0470 12 34 56 ou +32 470 12 34 56.",
        "en": "This phone number is invalid. Example: 0470 12 34 56 or +32 470 12 34 56.",
    },
    "invalid_email": {
        "nl": "Dit e-mailadres is ongeldig.",
        "fr": "Cette adresse e-mail n'est pas valable.",
        "en": "This e-mail address is invalid.",
    },
    "invalid_code_format": {
        "nl": "De code bestaat uit 6 cijfers.",
        "fr": "Le code se compose de 6 chiffres.",
        "en": "The code is 6 digits.",
    },
    "otp_rate_limited": {
        "nl": "Te veel codes aangevraagd. Probeer het over {minutes} minuten opnieuw.",
        "fr": "Trop de codes demandés. Réessayez dans {minutes} minutes.",
        "en": "Too many codes requested. Try again in {minutes} minutes.",
    },
    "otp_invalid": {
        "nl": "Deze code klopt niet. Je kunt het nog {remaining} keer proberen.",
        "fr": "Ce code n'est pas correct. Il vous reste {remaining} essai(s).",
        "en": "This code is not correct. You have {remaining} attempt(s) left.",
    },
    "otp_expired": {
        "nl": "Deze code is niet meer geldig. Vraag een nieuwe code aan.",
        "fr": "Ce code n'est plus valable. Demandez un nouveau code.",
        "en": "This code is no longer valid. Please request a new code.",
    },
    "otp_locked": {
        "nl": "Te veel foute pogingen: deze code is geblokkeerd. Vraag een nieuwe code aan.",
        "fr": "Trop d'essais erronés : ce code est bloqué. Demandez un nouveau code.",
        "en": "Too many wrong attempts: this code is locked. Please request a new code.",
    },
    "refresh_invalid": {
        "nl": "Je sessie is verlopen. Meld je opnieuw aan.",
        "fr": "Votre session a expiré. Reconnectez-vous.",
        "en": "Your session has expired. Please sign in again.",
    },
    "invalid_credentials": {
        "nl": "E-mailadres of wachtwoord onjuist.",
        "fr": "Adresse e-mail ou mot de passe incorrect.",
        "en": "Wrong e-mail address or password.",
    },
    "auth_rate_limited": {
        "nl": "Te veel aanmeldpogingen. Probeer het over {minutes} minuten opnieuw.",
        "fr": "Trop de tentatives de connexion. Réessayez dans {minutes} minutes.",
        "en": "Too many sign-in attempts. Try again in {minutes} minutes.",
    },
    "invalid_role": {
        "nl": "Deze rol bestaat niet (adviser of admin).",
        "fr": "Ce rôle n'existe pas (adviser ou admin).",
        "en": "This role does not exist (adviser or admin).",
    },
    "password_too_short": {
        "nl": "Het wachtwoord moet minstens {min} tekens hebben.",
        "fr": "Le mot de passe doit compter au moins {min} caractères.",
        "en": "The password must have at least {min} characters.",
    },
    # --- profile ------------------------------------------------------------------------
    "invalid_national_number": {
        "nl": "Dit rijksregisternummer is ongeldig: 11 cijfers met een correct controlegetal "
              "(bv. 85.07.30-033.28).",
        "fr": "Ce numéro de registre national n'est pas valable : 11 chiffres avec un chiffre "
              "de contrôle correct (p. ex. 85.07.30-033.28).",
        "en": "This national register number is invalid: 11 digits with a correct check number "
              "(e.g. 85.07.30-033.28).",
    },
    "invalid_iban": {
        "nl": "Dit IBAN-rekeningnummer is ongeldig (controleer de cijfers, bv. BE71 0961 2345 6769).",
        "fr": "Ce numéro de compte IBAN n'est pas valable (vérifiez les chiffres, p. ex. "
              "BE71 0961 2345 6769).",
        "en": "This IBAN account number is invalid (check the digits, e.g. BE71 0961 2345 6769).",
    },
    "invalid_language": {
        "nl": "Kies een taal: nl, fr of en.",
        "fr": "Choisissez une langue : nl, fr ou en.",
        "en": "Choose a language: nl, fr or en.",
    },
    "invalid_name_length": {
        "nl": "Een naam heeft tussen {min} en {max} tekens.",
        "fr": "Un nom compte entre {min} et {max} caractères.",
        "en": "A name has between {min} and {max} characters.",
    },
    "address_too_long": {
        "nl": "Het adres mag hoogstens {max} tekens hebben.",
        "fr": "L'adresse ne peut pas dépasser {max} caractères.",
        "en": "The address can have at most {max} characters.",
    },
    "birth_date_in_future": {
        "nl": "De geboortedatum kan niet in de toekomst liggen.",
        "fr": "La date de naissance ne peut pas être dans le futur.",
        "en": "The birth date cannot be in the future.",
    },
    "birth_date_too_old": {
        "nl": "Deze geboortedatum is niet geloofwaardig (vóór {min}).",
        "fr": "Cette date de naissance n'est pas plausible (avant {min}).",
        "en": "This birth date is not plausible (before {min}).",
    },
    "field_cannot_be_cleared": {
        "nl": "Dit veld kan niet leeggemaakt worden.",
        "fr": "Ce champ ne peut pas être vidé.",
        "en": "This field cannot be cleared.",
    },
    # --- membership ---------------------------------------------------------------------
    "share_required": {
        "nl": "Je hebt al {count} prestaties gedaan zonder coöperatief aandeel. Word vennoot om "
              "verder te werken: koop een aandeel (€ {price}) in de app, of via "
              "POST /api/v1/me/membership met {{\"shares\": 1}}.",
        "fr": "Vous avez déjà effectué {count} prestations sans part coopérative. Devenez "
              "coopérateur pour continuer : achetez une part ({price} €) dans l'application, "
              "ou via POST /api/v1/me/membership avec {{\"shares\": 1}}.",
        "en": "You have already done {count} performances without a cooperative share. Become a "
              "member to continue: buy a share (€{price}) in the app, or through "
              "POST /api/v1/me/membership with {{\"shares\": 1}}.",
    },
    "invalid_share_count": {
        "nl": "Het aantal aandelen ligt tussen {min} en {max}.",
        "fr": "Le nombre de parts est compris entre {min} et {max}.",
        "en": "The number of shares is between {min} and {max}.",
    },
    "invalid_share_category": {
        "nl": "Kies een categorie van aandelen: A, B of C.",
        "fr": "Choisissez une catégorie de parts : A, B ou C.",
        "en": "Choose a share category: A, B or C.",
    },
    "share_category_not_allowed": {
        "nl": "Categorie B is voorbehouden aan medewerkers van de ondersteunende teams.",
        "fr": "La catégorie B est réservée aux membres des équipes de soutien.",
        "en": "Category B is reserved for members of the support teams.",
    },
    "unknown_agreement_version": {
        "nl": "Onbekende versie van de gebruiksovereenkomst (huidige versie: {current}).",
        "fr": "Version inconnue de la convention d'utilisation (version actuelle : {current}).",
        "en": "Unknown version of the usage agreement (current version: {current}).",
    },
})
