import backend.platform.catalogues  # noqa: F401
from backend.platform import i18n


def test_every_message_exists_in_all_three_languages():
    for code, texts in i18n.catalogue().items():
        assert set(texts) >= {"nl", "fr", "en"}, code
        assert all(texts[lang].strip() for lang in ("nl", "fr", "en")), code


def test_accept_language_negotiation():
    assert i18n.negotiate(None) == "nl"
    assert i18n.negotiate("fr-BE,fr;q=0.9,en;q=0.8") == "fr"
    assert i18n.negotiate("de-DE, en;q=0.5") == "en"
    assert i18n.negotiate("en;q=0.2, fr;q=0.9") == "fr"
    assert i18n.negotiate("de") == "nl"
