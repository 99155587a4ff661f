"""Attention signals from a face mesh: head pose, eye openness, yawns, and their held states (opt-in)."""
