"""Admin wiring of the quiz engine. Each admin module keeps its views; only hooks live here."""
