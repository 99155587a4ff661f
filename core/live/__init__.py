"""Running live: the capture/inference engine, the latest-frame slot, heap trimming and the threaded analyze pipeline."""
