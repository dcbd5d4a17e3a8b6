"""Machine translation: backends, the glossary constraint, the pure pipeline core, models and the cache."""
