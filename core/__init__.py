"""EmoSync core: capture, detection, inference, tracking, sessions. No Qt here, ever."""
