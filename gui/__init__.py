"""EmoSync's Qt desktop window (PySide6 + pyqtgraph). Everything Qt lives here, nowhere else."""

import os

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
