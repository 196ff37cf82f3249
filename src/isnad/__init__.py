"""isnad: Arabic conflict reporting turned into a verifiable evidence base.

    >>> import isnad
    >>> nlp = isnad.load()
    >>> article = nlp(text, published="2016-02-25")
    >>> article.title, article.dateline.place, article.model_dump_json()
    >>> for article in nlp.pipe(texts, batch_size=32): ...
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from isnad.record import Article

if TYPE_CHECKING:
    from isnad.analysis.pipeline import Pipeline, Resources

__all__ = ["Article", "analyze", "load", "__version__"]
__version__ = "0.1.0"


def load(disable: Iterable[str] = (), resources: Resources | None = None) -> Pipeline:
    """The analysis pipeline over the packaged resources (built once per process and shared
    between pipelines), without the components named in ``disable`` (e.g. ``["ner"]``)."""
    from isnad.analysis.pipeline import load as load_pipeline

    return load_pipeline(disable=disable, resources=resources)


def analyze(text: str, published: str | None = None, url: str | None = None, title: str | None = None) -> Article:
    """Analyse one Arabic article given as text and return its typed record: ``isnad.load()(text)``.

    ``published`` overrides the date found in the text (YYYY-MM-DD or any date form isnad reads);
    ``title`` is used when the text does not start with its headline.
    """
    return _standard()(text, published=published, url=url, title=title)


_pipeline: Pipeline | None = None


def _standard() -> Pipeline:
    global _pipeline
    if _pipeline is None:
        _pipeline = load()
    return _pipeline
