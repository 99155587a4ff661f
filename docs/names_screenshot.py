"""Make docs/class_names.png: the window watching a generated 5x5 gallery, every student named from their tile.

`xvfb-run -a .venv/bin/python -m docs.names_screenshot [--out docs/class_names.png]`

The gallery shows variants of scikit-image's astronaut (no data set, nobody's likeness but
hers) with display names drawn as Zoom draws them (benchmarks.gallery_clip, plate labels); four
tiles have the camera off. Nobody types a name: they are all read off the tiles.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m docs.names_screenshot", description=__doc__.splitlines()[0])
    p.add_argument("--out", default="docs/class_names.png")
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
    students = plan_gallery(len(images), 5, 5, 21, 2400, face_px=(110, 130), seed=4, away=0,
                            names=KOREAN_NAMES[:25])
    write_gallery(tmp / "gallery.mp4", students, images, np.zeros(len(images), np.int64), 2400,
                  label_style="plate", label_px=14)

    import asyncio

    import qasync

    app = QApplication.instance() or QApplication([])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    app.setWindowIcon(app_icon())
    install_korean_font(app)
    window = MainWindow(LiveEngine(device="cpu"), QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat))
    window.choose_output_folder(str(tmp / "sessions"))
    window.resize(1600, 900)
    window.show()
    window.set_source(SourceSpec("file", str(tmp / "gallery.mp4")))

    def pump(seconds: float, until=lambda: False) -> None:
        async def wait() -> None:
            end = time.monotonic() + seconds
            while time.monotonic() < end and not until():
                await asyncio.sleep(0.05)

        loop.run_until_complete(wait())

    on_camera = sum(1 for s in students if s.face_px)
    pump(120, lambda: window.models_loaded() and len(window.engine.names) >= on_camera
         and len(window.engine.camera_off) >= 25 - on_camera)
    if getattr(window, "consent_box", None) is not None:
        window.consent_box.close()
    window.select_face(window.roster.students("id")[1].face_id)
    pump(3)
    window.grab().save(args.out)
    print(f"wrote {args.out}: {len(window.engine.names)} faces named, camera off: {sorted(window.engine.camera_off)}")
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
