"""The notice about watching a class: what is analysed and kept, and the law; shown when the view state says so."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from core.view.window import WindowState


class ConsentBox(QMessageBox):
    """Built with the window and shown (not modal: the video goes on) on the state's `consent_due`."""

    def __init__(self, state: WindowState, parent: QWidget) -> None:
        # built now, shown when a second face appears: building it then stalled the video ~50 ms
        super().__init__(QMessageBox.Icon.Information, self.tr("Watching a class"), "",
                         QMessageBox.StandardButton.Ok, parent)
        self.setModal(False)  # the teacher reads it when ready
        self.set_attention(state.attention)
        state.attention_changed.connect(self.set_attention)
        state.consent_due.connect(self.show)

    def set_attention(self, on: bool) -> None:
        """Say (or stop saying) that attention signals are computed and kept."""
        text = self.tr(
            "EmoSync is now watching more than one person.\n\n"
            "What is analysed: the faces in the video (each face's emotion, and the names on gallery tiles) and "
            "the chat text you paste or type. What is kept, only while you record a session: the timeline CSV "
            "(per face: times, boxes, emotion probabilities, names), the chat log (messages, authors, their "
            "emotions) and a small sidecar file (source, model, settings, names). Video frames and face images "
            "are never saved.\n\n"
            "The law: the EU AI Act (Regulation (EU) 2024/1689, Article 5(1)(f)) prohibits, since 2 February 2025, "
            "using AI systems to infer the emotions of people at work and in education institutions, except for "
            "medical or safety reasons. Korea's Personal Information Protection Act (Article 23) treats biometric "
            "data that identifies a person as sensitive information, which needs separate consent. Use EmoSync "
            "only where the law allows it, such as research with participants' informed consent or your own view "
            "of yourself. You are responsible for how you use it; this is not legal advice.\n\n"
            "Tell everyone on camera that their expressions are being analysed, and why, before you go on.")
        if on:
            text += "\n\n" + self.tr(
                "Attention signals are on: for each face, head pose (yaw, pitch, roll), eye openness, eyes closed "
                "and looking away are computed and kept as numbers. They say where a face points, not whether "
                "anyone is learning.")
        self.setText(text)
