"""One analysis workflow for the window, a single `analyze` and each batch worker: frames → faces → emotions → names → chat → recorder."""
