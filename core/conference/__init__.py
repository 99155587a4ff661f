"""The conference around the video: participants' names (tiles, lists), its chat files and transcripts."""
