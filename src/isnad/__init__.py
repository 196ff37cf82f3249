"""isnad: Arabic conflict reporting turned into a verifiable evidence base.

    >>> import isnad
    >>> record = isnad.analyze(text, published="2016-02-25")
    >>> record.title, record.dateline.place, record.to_json()
"""

from __future__ import annotations

from functools import lru_cache

from isnad.record import Article

__all__ = ["Article", "analyze", "__version__"]
__version__ = "0.1.0"


@lru_cache(maxsize=1)
def _pipeline():
    from isnad.analysis.pipeline import Pipeline

    return Pipeline()


def analyze(text: str, published: str | None = None, url: str | None = None, title: str | None = None) -> Article:
    """Analyse one Arabic article given as text and return its typed record.

    ``published`` overrides the date found in the text (YYYY-MM-DD or any date form isnad reads);
    ``title`` is used when the text does not start with its headline.
    """
    return _pipeline().analyze(text, published=published, url=url, title=title)
