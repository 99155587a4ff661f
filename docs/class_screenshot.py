"""Make docs/class_view.png: the window watching a generated 5x5 gallery, its students named from their tiles.

`xvfb-run -a .venv/bin/python -m docs.class_screenshot [--out docs/class_view.png] [--lang ko] [--size 1366x768]`
`xvfb-run -a .venv/bin/python -m docs.class_screenshot --attention --out docs/class_attention.png`
(the Attention switch on: card marks, the share looking at the screen, the selected face's strip)

With --size the window fills a screen of that size (run Xvfb with that screen:
`xvfb-run -a -s '-screen 0 1366x768x24' ...`) and the picture is the whole screen, as a teacher sees it.

The gallery shows variants of scikit-image's astronaut (no data set, nobody's likeness but
hers); each tile carries a display name on a Zoom-style plate (Hangul, romanised, with a student
number or a role), read by the window itself; one student writes in the chat.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m docs.class_screenshot", description=__doc__.splitlines()[0])
    p.add_argument("--out", default="docs/class_view.png")
    p.add_argument("--lang", choices=("ko", "en"), default="en", help="the window's language")
    p.add_argument("--size", default="", help="WxH: open maximised on a screen of this size (default: 1600x900 window)")
    p.add_argument("--attention", action="store_true", help="with the Attention switch on")
    args = p.parse_args(argv)

    import numpy as np
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from benchmarks.gallery_clip import KOREAN_NAMES, astronaut_faces, plan_gallery, write_gallery
    from core.live.engine import LiveEngine
    from core.sources.spec import SourceSpec
    from gui.app_icon import app_icon
    from gui.fonts import install_korean_font
    from gui.main_window import MainWindow

    tmp = Path(tempfile.mkdtemp(prefix="emosync-shot-"))
    images = astronaut_faces()
    students = plan_gallery(len(images), 5, 5, 21, 2400, face_px=(110, 130), seed=4, names=KOREAN_NAMES[:25])
    write_gallery(tmp / "gallery.mp4", students, images, np.zeros(len(images), np.int64), 2400, label_style="plate")

    import asyncio

    import qasync

    app = QApplication.instance() or QApplication([])
    loop = qasync.QEventLoop(app)  # the chat scores messages on it, as in the app
    asyncio.set_event_loop(loop)
    app.setWindowIcon(app_icon())
    install_korean_font(app)  # as the app does
    from gui.i18n import install_language

    install_language(args.lang)
    settings = QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("attention", args.attention)
    window = MainWindow(LiveEngine(device="cpu"), settings)
    window.choose_output_folder(str(tmp / "sessions"))
    if args.size:
        window.showMaximized()
    else:
        window.resize(1600, 900)
        window.show()
    window.set_source(SourceSpec("file", str(tmp / "gallery.mp4")))

    def pump(seconds: float, until=lambda: False) -> None:
        async def wait() -> None:
            end = time.monotonic() + seconds
            while time.monotonic() < end and not until():
                await asyncio.sleep(0.05)

        loop.run_until_complete(wait())

    pump(60, lambda: len(window.roster.present()) >= 18 and window.models_loaded())
    if getattr(window, "consent_box", None) is not None:
        window.consent_box.close()
    pump(8, lambda: sum(bool(s.name) for s in window.roster.students("id")) >= 21)  # names read off the tiles
    window.select_face(window.roster.students("id")[1].face_id)
    window.start_session()
    pump(4)
    window.chat.input.setText("오늘 수업 너무 어려워요 ㅠㅠ")
    window.chat.submit()
    pump(30, lambda: bool(window.chat.messages))
    pump(2)
    if args.size:
        app.primaryScreen().grabWindow(0).save(args.out)  # the screen: title bar and all, what fits is what shows
    else:
        window.grab().save(args.out)
    print(f"wrote {args.out}")
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
