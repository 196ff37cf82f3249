"""Verifying a claim against the corpus: testimonies, parties, origins and the stance classifier."""
