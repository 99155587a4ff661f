"""EmoSync entry point: the desktop window by default, subcommands for headless work (see cli/)."""

import sys

if __name__ == "__main__":
    from cli.entry import main

    sys.exit(main())
