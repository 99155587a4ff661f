"""EmoSync entry point: the desktop window by default, subcommands for headless work (see cli/)."""

import multiprocessing
import sys

if __name__ == "__main__":
    # In the bundle a spawned helper (the chat's text model, batch workers) starts this program again: it runs the
    # child's work here and exits instead of opening a second window. Outside a bundle this does nothing.
    multiprocessing.freeze_support()
    import core  # noqa: F401  (first: it sets OMP_WAIT_POLICY before anything imports torch)
    from cli.entry import main

    sys.exit(main())
