"""What is written down: the timeline CSV schema, crash-safe session recorders and the chat log."""
