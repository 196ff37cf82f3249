"""Evaluation against gold data (CoNLL NER files, the Baly 2018 stance folds), kept out of the runtime
path: nothing the analysis pipeline runs imports this package; ``isnad eval`` and the training
scripts do."""
