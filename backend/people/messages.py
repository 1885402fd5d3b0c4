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
    # --- notification template: the code after a staff password -----------------------
    "staff_code.subject": {
        "nl": "Je QuickJob-beveiligingscode: {code}",
        "fr": "Votre code de sécurité QuickJob : {code}",
        "en": "Your QuickJob security code: {code}",
    },
    "staff_code.body": {
        "nl": "Je wachtwoord werd zonet correct ingegeven. Je beveiligingscode is {code}; hij "
              "is {minutes} minuten geldig. Was jij dit niet? Wijzig je wachtwoord en "
              "verwittig IT.",
        "fr": "Votre mot de passe vient d'être saisi correctement. Votre code de sécurité est "
              "{code} ; il est valable {minutes} minutes. Ce n'était pas vous ? Changez votre "
              "mot de passe et prévenez l'IT.",
        "en": "Your password was just entered correctly. Your security code is {code}; it is "
              "valid for {minutes} minutes. Not you? Change your password and tell IT.",
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
    "phone_not_mobile": {
        "nl": "Dit is geen gsm-nummer: een aanmeldcode kan alleen per sms naar een gsm gaan. "
              "Geef een gsm-nummer of je e-mailadres op.",
        "fr": "Ce n'est pas un numéro de GSM : un code de connexion ne peut être envoyé par SMS "
              "qu'à un GSM. Indiquez un numéro de GSM ou votre adresse e-mail.",
        "en": "This is not a mobile number: a sign-in code can only be sent by text message to "
              "a mobile phone. Give a mobile number or your e-mail address.",
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
    "auth_retry_soon": {
        "nl": "Te veel mislukte aanmeldpogingen. Probeer het over {seconds} seconden opnieuw.",
        "fr": "Trop de tentatives de connexion échouées. Réessayez dans {seconds} secondes.",
        "en": "Too many failed sign-in attempts. Try again in {seconds} seconds.",
    },
    "staff_second_factor_required": {
        "nl": "Medewerkers melden zich aan met hun wachtwoord en een tweede factor, niet met "
              "een eenmalige code.",
        "fr": "Les collaborateurs se connectent avec leur mot de passe et un second facteur, "
              "pas avec un code à usage unique.",
        "en": "Staff sign in with their password and a second factor, not with a one-time code.",
    },
    "second_factor_invalid": {
        "nl": "Deze beveiligingscode klopt niet. Je kunt het nog {remaining} keer proberen.",
        "fr": "Ce code de sécurité n'est pas correct. Il vous reste {remaining} essai(s).",
        "en": "This security code is not correct. You have {remaining} attempt(s) left.",
    },
    "second_factor_expired": {
        "nl": "Deze aanmelding is verlopen. Geef je wachtwoord opnieuw in.",
        "fr": "Cette connexion a expiré. Saisissez à nouveau votre mot de passe.",
        "en": "This sign-in has expired. Please enter your password again.",
    },
    "second_factor_locked": {
        "nl": "Te veel foute beveiligingscodes. Geef je wachtwoord opnieuw in.",
        "fr": "Trop de codes de sécurité erronés. Saisissez à nouveau votre mot de passe.",
        "en": "Too many wrong security codes. Please enter your password again.",
    },
    "totp_already_enrolled": {
        "nl": "Je authenticator-app is al ingesteld.",
        "fr": "Votre application d'authentification est déjà configurée.",
        "en": "Your authenticator app is already set up.",
    },
    "totp_not_started": {
        "nl": "Start eerst de instelling van je authenticator-app (POST /me/totp).",
        "fr": "Commencez d'abord la configuration de votre application d'authentification "
              "(POST /me/totp).",
        "en": "Start setting up your authenticator app first (POST /me/totp).",
    },
    "totp_code_invalid": {
        "nl": "Deze code van je authenticator-app klopt niet (of werd al gebruikt). Probeer de "
              "volgende code.",
        "fr": "Ce code de votre application d'authentification n'est pas correct (ou a déjà "
              "servi). Essayez le code suivant.",
        "en": "This code from your authenticator app is not correct (or was already used). Try "
              "the next code.",
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
              "verder te werken: vraag een aandeel aan (€ {price}) in de app, of via "
              "POST /api/v1/me/membership met {{\"shares\": 1}}, en betaal het met de "
              "gestructureerde mededeling die je krijgt, of laat het van je eerste loon afhouden.",
        "fr": "Vous avez déjà effectué {count} prestations sans part coopérative. Devenez "
              "coopérateur pour continuer : demandez une part ({price} €) dans l'application, "
              "ou via POST /api/v1/me/membership avec {{\"shares\": 1}}, puis payez-la avec la "
              "communication structurée reçue, ou faites-la retenir sur votre premier salaire.",
        "en": "You have already done {count} performances without a cooperative share. Become a "
              "member to continue: ask for a share (€{price}) in the app, or through "
              "POST /api/v1/me/membership with {{\"shares\": 1}}, then pay it with the "
              "structured communication you get, or have it withheld from your first salary.",
    },
    "share_payment_pending": {
        "nl": "Er wacht al een aandeel op betaling: schrijf € {amount} over met de mededeling "
              "{communication}, of laat het van je eerste loon afhouden "
              "(POST /api/v1/me/membership/withholding).",
        "fr": "Une part attend déjà son paiement : virez {amount} € avec la communication "
              "{communication}, ou faites-la retenir sur votre premier salaire "
              "(POST /api/v1/me/membership/withholding).",
        "en": "A share already waits for its payment: transfer €{amount} with the communication "
              "{communication}, or have it withheld from your first salary "
              "(POST /api/v1/me/membership/withholding).",
    },
    "no_share_payment_pending": {
        "nl": "Er wacht geen aandeel op betaling. Vraag eerst een aandeel aan.",
        "fr": "Aucune part n'attend de paiement. Demandez d'abord une part.",
        "en": "No share waits for its payment. Ask for a share first.",
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
    # --- identity, just in time ---------------------------------------------------------
    "iban_outside_sepa": {
        "nl": "Je loon wordt per SEPA-overschrijving betaald; een rekening uit {country} is "
              "daarmee niet bereikbaar. Geef een rekening in de SEPA-zone op (bv. een Belgische).",
        "fr": "Votre salaire est payé par virement SEPA ; un compte de {country} n'est pas "
              "joignable ainsi. Indiquez un compte de la zone SEPA (p. ex. belge).",
        "en": "Your salary is paid by SEPA transfer, which cannot reach an account in {country}. "
              "Give an account in the SEPA area (e.g. a Belgian one).",
    },
    "invalid_bic": {
        "nl": "Deze BIC-code is ongeldig (8 of 11 tekens, bv. GEBABEBB).",
        "fr": "Ce code BIC n'est pas valable (8 ou 11 caractères, p. ex. GEBABEBB).",
        "en": "This BIC is invalid (8 or 11 characters, e.g. GEBABEBB).",
    },
    "national_number_birth_date_mismatch": {
        "nl": "Je rijksregisternummer en je geboortedatum passen niet bij elkaar: het nummer "
              "begint met je geboortedatum (JJMMDD). Stuur beide samen, verbeterd.",
        "fr": "Votre numéro de registre national et votre date de naissance ne concordent pas : "
              "le numéro commence par votre date de naissance (AAMMJJ). Envoyez les deux "
              "ensemble, corrigés.",
        "en": "Your national register number and birth date do not match: the number starts "
              "with your birth date (YYMMDD). Send both together, corrected.",
    },
    "identity_required": {
        "nl": "Vul eerst je profiel aan: de offerte vermeldt je naam.",
        "fr": "Complétez d'abord votre profil : le devis mentionne votre nom.",
        "en": "Complete your profile first: the quote shows your name.",
    },
    "needed_for_quote": {
        "nl": "Nodig voor de offerte: vul het in je profiel in (PATCH /api/v1/me).",
        "fr": "Nécessaire pour le devis : complétez-le dans votre profil (PATCH /api/v1/me).",
        "en": "Needed for the quote: fill it in your profile (PATCH /api/v1/me).",
    },
    "identity_needed.subject": {
        "nl": "QuickJob: we hebben nog enkele gegevens nodig",
        "fr": "QuickJob : il nous manque encore quelques données",
        "en": "QuickJob: we still need a few details",
    },
    "identity_needed.body": {
        "nl": "Je QuickJob '{function}' voor {client} is besteld. Om je contract aan te geven en "
              "je loon te betalen, hebben we nog nodig: {missing}. Vul het aan in de app.",
        "fr": "Votre QuickJob « {function} » pour {client} est commandé. Pour déclarer votre "
              "contrat et payer votre salaire, il nous faut encore : {missing}. Complétez-le "
              "dans l'application.",
        "en": "Your QuickJob '{function}' for {client} is ordered. To declare your contract and "
              "pay your salary we still need: {missing}. Add it in the app.",
    },
    "salary_held.subject": {
        "nl": "QuickJob: je loon wacht op je gegevens",
        "fr": "QuickJob : votre salaire attend vos données",
        "en": "QuickJob: your salary waits for your details",
    },
    "salary_held.body": {
        "nl": "Je loon voor '{function}' ({client}) is klaar, maar we kunnen het niet betalen "
              "zonder: {missing}. Vul het aan in de app; de volgende betaling neemt het mee.",
        "fr": "Votre salaire pour « {function} » ({client}) est prêt, mais nous ne pouvons pas "
              "le payer sans : {missing}. Complétez-le dans l'application ; le prochain "
              "paiement l'inclura.",
        "en": "Your salary for '{function}' ({client}) is ready, but we cannot pay it without: "
              "{missing}. Add it in the app; the next payment run includes it.",
    },
    "field.first_name": {"nl": "voornaam", "fr": "prénom", "en": "first name"},
    "field.last_name": {"nl": "familienaam", "fr": "nom de famille", "en": "last name"},
    "field.national_number": {"nl": "rijksregisternummer", "fr": "numéro de registre national",
                              "en": "national register number"},
    "field.birth_date": {"nl": "geboortedatum", "fr": "date de naissance", "en": "birth date"},
    "field.address": {"nl": "adres", "fr": "adresse", "en": "address"},
    "field.iban": {"nl": "rekeningnummer (IBAN)", "fr": "numéro de compte (IBAN)",
                   "en": "bank account (IBAN)"},
    "field.bic": {"nl": "BIC van je bank", "fr": "BIC de votre banque", "en": "your bank's BIC"},
    "field.usage_agreement": {"nl": "aanvaarding van de gebruiksovereenkomst",
                              "fr": "acceptation de la convention d'utilisation",
                              "en": "acceptance of the usage agreement"},
    # --- personal data ------------------------------------------------------------------
    "erasure_staff_account": {
        "nl": "Een account van een medewerker wordt afgesloten door een beheerder, niet hier.",
        "fr": "Un compte de membre du personnel est clôturé par un administrateur, pas ici.",
        "en": "A staff account is closed by an admin, not here.",
    },
    "erasure_status_invalid": {
        "nl": "Status: requested, waiting of done.",
        "fr": "Statut : requested, waiting ou done.",
        "en": "Status: requested, waiting or done.",
    },
})
