"""Who is who in a conference: names read from the gallery's tiles, participants lists, and Hangul-aware name matching."""
