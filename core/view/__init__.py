"""What the window shows, without Qt: the selected face, its readings, rates, consent and status, fed by the engine."""
