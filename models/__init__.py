"""Network definitions and the scripts that train and evaluate them (no Qt)."""
