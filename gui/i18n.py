"""The window's language: Qt translators for Korean or English, chosen from the system or the settings."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from core.resources import translation_path

LANGUAGES: dict[str, str] = {"ko": "한국어", "en": "English"}  # each named in itself, as a menu shows them
SOURCE_LANGUAGE = "en"  # the strings in the code; no translator is needed for it
_installed: list[QTranslator] = []


def translate(context: str, text: str) -> str:
    """`text` in the window's language (for code outside a QObject; pyside6-lupdate finds the calls)."""
    return QCoreApplication.translate(context, text)


def emotion_names() -> dict[str, str]:
    """Each class's name as the window shows it, in the window's language."""
    return {
        "angry": translate("Emotion", "angry"),
        "disgust": translate("Emotion", "disgust"),
        "fear": translate("Emotion", "fear"),
        "happy": translate("Emotion", "happy"),
        "neutral": translate("Emotion", "neutral"),
        "sad": translate("Emotion", "sad"),
        "surprise": translate("Emotion", "surprise"),
    }


def emotion_name(emotion: str) -> str:
    """One class's name in the window's language."""
    return emotion_names().get(emotion, emotion)


def system_language() -> str:
    """'ko' on a Korean system, else 'en'."""
    return "ko" if QLocale.system().language() == QLocale.Language.Korean else SOURCE_LANGUAGE


def chosen_language(settings: QSettings) -> str:
    """The language picked in the window's Language menu, else the system's."""
    value = str(settings.value("language", "") or "")
    return value if value in LANGUAGES else system_language()


def install_language(language: str) -> bool:
    """Translate the window into `language` from now on (replacing the one installed); True if found."""
    app = QCoreApplication.instance()
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    if language == SOURCE_LANGUAGE:
        return True
    ours = QTranslator(app)
    if not ours.load(str(translation_path(language))):
        return False
    app.installTranslator(ours)
    _installed.append(ours)
    qt = QTranslator(app)  # Qt's own words: OK / Cancel buttons, file dialogs
    if qt.load(QLocale(language), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    return True
