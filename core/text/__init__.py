"""Korean chat text: the emotion model, its n-gram head and tokenizers, message guards, and face-text congruence."""
