"""What isnad knows, as data apart from code: the actor catalogue, the
gazetteer, the outlet registry and the phrase index lexicons are matched with."""
