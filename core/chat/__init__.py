"""The conference's chat: chat files and transcripts (formats, encodings, following a file), attribution to faces, and the chat columns added to a timeline."""
