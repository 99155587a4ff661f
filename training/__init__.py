"""Training and evaluation scripts (never imported by the app or core/): FER and Korean text data, trainers, evaluators."""
