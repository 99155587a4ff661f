"""The bundled Korean font in the window: registered at start-up and made the fallback of the application font."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from core.resources import korean_font_path


def install_korean_font(app: QApplication) -> str | None:
    """Register NanumGothic and put it behind the application font, so Hangul shows on machines without a
    Korean font (the chat box showed boxes there); returns its family, or None when it cannot be loaded."""
    font_id = QFontDatabase.addApplicationFont(str(korean_font_path()))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        return None
    family = families[0]
    font = app.font()
    current = font.families() or [font.family()]
    if family not in current:
        # Latin keeps the platform's font; characters it lacks (Hangul) come from the next family.
        font.setFamilies([*current, family])
        app.setFont(font)
    QFont.insertSubstitution(current[0], family)  # widgets given their own font fall back the same way
    return family
