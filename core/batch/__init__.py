"""Many recordings in one run: finding inputs, resuming, chunking, local worker processes or Ray actors, the summary."""
