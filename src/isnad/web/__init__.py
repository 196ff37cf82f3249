"""The analyst's workbench: a web interface and JSON API over the corpus store (``isnad serve``)."""
