"""The corpus: the store and its migrations, ingest, reprint detection, views across articles
and exports."""
