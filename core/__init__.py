"""EmoSync without Qt: shared records, class order and asset paths here; each concern in its own sub-package."""
