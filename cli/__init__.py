"""The command line beside main.py: argument parsing, `analyze`, `--self-test` and user-facing errors."""
