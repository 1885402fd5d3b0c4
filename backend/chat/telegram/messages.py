"""What the Telegram channel itself says (linking, unlinking); the dialogue's texts are in bot/texts."""

from backend.platform import i18n

MESSAGES = {
    "telegram.how_to_link": {
        "nl": "Hallo! Ik ben de QuickJob-bot. Koppel eerst deze chat aan je account: open de "
              "QuickJob-app, ga naar Profiel > Telegram en tik op \"Koppel Telegram\". Tik dan op "
              "de link, of stuur hier \"/link\" gevolgd door de code (bijvoorbeeld "
              "\"/link K7P2QX9M\"). De code is 10 minuten geldig.",
        "fr": "Bonjour ! Je suis le bot QuickJob. Liez d'abord cette conversation à votre compte : "
              "ouvrez l'app QuickJob, allez dans Profil > Telegram et touchez \"Lier Telegram\". "
              "Touchez ensuite le lien, ou envoyez ici \"/link\" suivi du code (par exemple "
              "\"/link K7P2QX9M\"). Le code est valable 10 minutes.",
        "en": "Hello! I am the QuickJob bot. First link this chat to your account: open the "
              "QuickJob app, go to Profile > Telegram and tap \"Link Telegram\". Then tap the "
              "link, or send \"/link\" followed by the code here (for example "
              "\"/link K7P2QX9M\"). The code is valid for 10 minutes.",
    },
    "telegram.linked": {
        "nl": "Gelukt, deze chat is gekoppeld aan je QuickJob-account ({name}). Vertel me "
              "bijvoorbeeld: \"Grafisch ontwerp voor klant Brouwerij De Klok, 250 euro, morgen\". "
              "Stuur \"/unlink\" om de koppeling te verbreken.",
        "fr": "C'est fait, cette conversation est liée à votre compte QuickJob ({name}). Dites par "
              "exemple : \"Graphisme pour le client Café Central, 250 euros, demain\". Envoyez "
              "\"/unlink\" pour supprimer le lien.",
        "en": "Done, this chat is linked to your QuickJob account ({name}). Tell me for example: "
              "\"Graphic design for client Acme, 250 euro, tomorrow\". Send \"/unlink\" to remove "
              "the link.",
    },
    "telegram.code_invalid": {
        "nl": "Die code klopt niet of werd al gebruikt. Vraag een nieuwe code in de app "
              "(Profiel > Telegram) en stuur \"/link\" gevolgd door de code.",
        "fr": "Ce code n'est pas correct ou a déjà servi. Demandez un nouveau code dans l'app "
              "(Profil > Telegram) et envoyez \"/link\" suivi du code.",
        "en": "That code is not right or was already used. Ask for a new code in the app "
              "(Profile > Telegram) and send \"/link\" followed by the code.",
    },
    "telegram.code_expired": {
        "nl": "Die code is verlopen (een code is 10 minuten geldig). Vraag een nieuwe code in de "
              "app (Profiel > Telegram).",
        "fr": "Ce code a expiré (un code est valable 10 minutes). Demandez un nouveau code dans "
              "l'app (Profil > Telegram).",
        "en": "That code has expired (a code is valid for 10 minutes). Ask for a new code in the "
              "app (Profile > Telegram).",
    },
    "telegram.too_many_attempts": {
        "nl": "Te veel foute codes. Probeer het over een uur opnieuw met een nieuwe code uit de app.",
        "fr": "Trop de codes erronés. Réessayez dans une heure avec un nouveau code de l'app.",
        "en": "Too many wrong codes. Try again in an hour with a new code from the app.",
    },
    "telegram.unlinked": {
        "nl": "De koppeling met je QuickJob-account is verbroken. Ik lees deze chat niet meer "
              "tot je opnieuw koppelt.",
        "fr": "Le lien avec votre compte QuickJob est supprimé. Je ne lis plus cette conversation "
              "jusqu'à ce que vous la liiez à nouveau.",
        "en": "This chat is no longer linked to your QuickJob account. I will not read it until "
              "you link it again.",
    },
    "telegram.not_linked": {
        "nl": "Deze chat is niet gekoppeld aan een QuickJob-account.",
        "fr": "Cette conversation n'est liée à aucun compte QuickJob.",
        "en": "This chat is not linked to a QuickJob account.",
    },
    "telegram.too_long": {
        "nl": "Dat bericht is te lang (maximaal {max} tekens). Hou het kort, bijvoorbeeld: "
              "\"fotograaf voor klant Acme, 250 euro, morgen\".",
        "fr": "Ce message est trop long ({max} caractères au maximum). Faites court, par exemple : "
              "\"photographe pour le client Acme, 250 euros, demain\".",
        "en": "That message is too long (at most {max} characters). Keep it short, for example: "
              "\"photographer for client Acme, 250 euro, tomorrow\".",
    },
    "telegram.disabled": {
        "nl": "Het Telegram-kanaal is niet ingeschakeld op deze server.",
        "fr": "Le canal Telegram n'est pas activé sur ce serveur.",
        "en": "The Telegram channel is not enabled on this server.",
    },
}

# What a bare command means to the dialogue, in the chat's language.
COMMAND_TEXTS = {
    "start": {"nl": "hallo", "fr": "bonjour", "en": "hello"},
    "help": {"nl": "help", "fr": "aide", "en": "help"},
    "cancel": {"nl": "annuleer", "fr": "annuler", "en": "cancel"},
}

i18n.register(MESSAGES)
