"""The analysis pipeline: a document in, an :class:`~isnad.record.Article` record out.

    >>> import isnad
    >>> nlp = isnad.load()
    >>> article = nlp(text, published="2016-02-25")
    >>> for article in nlp.pipe(texts): ...

:class:`Pipeline` is built in one place from :class:`Resources`, the services every article
shares (the tokenizer, the actor catalogue, the gazetteer, the NER model, the lexicons), and a
list of components (:mod:`isnad.analysis.components`). It owns the tokenizer: the text is
tokenised once, when the :class:`~isnad.analysis.doc.ArticleDoc` is made, and every component
reads those tokens. Components hold no per-article state, so one pipeline serves many threads.
"""

from __future__ import annotations

import hashlib
import itertools
import time
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterable, Iterator, Sequence

from isnad.analysis.boilerplate import Boilerplate, default_boilerplate
from isnad.analysis.claims import ClaimFinder, ClaimLexicon, default_claim_lexicon
from isnad.analysis.components import (MADE_BY_PIPELINE, AnatomyComponent, ClaimComponent, Component,
                                       EntityComponent, EventComponent, NerComponent, PerspectiveComponent,
                                       TimeComponent)
from isnad.analysis.doc import ArticleDoc, to_record
from isnad.analysis.entities import EntityStage, default_cues, default_state_forces, protected_names
from isnad.analysis.events import EventFinder, EventLexicon, default_event_lexicon
from isnad.analysis.ner import NerTagger
from isnad.analysis.perspective import Vocabulary, default_vocabulary
from isnad.knowledge.catalogue import Catalogue, default_catalogue
from isnad.knowledge.gazetteer import Gazetteer, default_gazetteer
from isnad.knowledge.lexicons import default_plain_words
from isnad.record import Article
from isnad.text.inputs import Document
from isnad.text.normalize import fold
from isnad.text.tokens import CliticLexicon, KeyMemo, Tokenizer, default_lexicon

DEFAULT_BATCH_SIZE = 32


def content_id(text: str) -> str:
    """A stable id for text that came without a name."""
    return "doc-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def compose_text(body: str, title: str | None) -> str:
    """The text to analyse: the metadata title on its own first line unless the body starts with it."""
    body = body.strip("\n")
    if not title or not title.strip():
        return body
    first_line = body.lstrip().split("\n", 1)[0]
    if fold(" ".join(first_line.split())).startswith(fold(" ".join(title.split()))):
        return body
    return f"{' '.join(title.split())}\n{body}"


@dataclass(frozen=True)
class Resources:
    """The services every article shares, built once: pass your own to test with small fixtures."""

    tokenizer: Tokenizer
    catalogue: Catalogue
    gazetteer: Gazetteer
    tagger: NerTagger | None
    claim_lexicon: ClaimLexicon
    event_lexicon: EventLexicon
    vocabulary: Vocabulary
    boilerplate: Boilerplate
    plain_words: frozenset[str]
    entity_stage: EntityStage  # its name index is the costliest thing to build: once per resources


def build_resources(catalogue: Catalogue | None = None, gazetteer: Gazetteer | None = None,
                    tagger: NerTagger | None | bool = True, lexicon: CliticLexicon | None = None) -> Resources:
    """The services over the given catalogue, gazetteer and NER model (the packaged ones by default;
    ``tagger=None`` or ``False`` runs without the model). The tokenizer never cuts a one-word name
    of the catalogue or the gazetteer (بشار is not ب+شار)."""
    from isnad.analysis.ner import default_tagger

    catalogue = catalogue or default_catalogue()
    gazetteer = gazetteer or default_gazetteer()
    model = default_tagger() if tagger is True else (tagger or None)
    lexicon = lexicon or default_lexicon()
    tokenizer = Tokenizer(lexicon.with_protected(protected_names(catalogue, gazetteer, lexicon)))
    plain = default_plain_words()
    stage = EntityStage(catalogue, gazetteer, tokenizer, default_cues(), plain, default_state_forces(tokenizer))
    return Resources(tokenizer=tokenizer, catalogue=catalogue, gazetteer=gazetteer, tagger=model,
                     claim_lexicon=default_claim_lexicon(tokenizer), event_lexicon=default_event_lexicon(tokenizer),
                     vocabulary=default_vocabulary(tokenizer), boilerplate=default_boilerplate(), plain_words=plain,
                     entity_stage=stage)


@lru_cache(maxsize=1)
def default_resources() -> Resources:
    """The packaged services, built once per process."""
    return build_resources()


def default_components(res: Resources) -> list[Component]:
    """The standard components in order."""
    components: list[Component] = [AnatomyComponent(res.boilerplate)]
    if res.tagger is not None:
        components.append(NerComponent(res.tagger))
    components += [
        EntityComponent(res.entity_stage),
        ClaimComponent(ClaimFinder(res.claim_lexicon, res.plain_words)),
        TimeComponent(),
        EventComponent(EventFinder(res.event_lexicon), res.catalogue),
        PerspectiveComponent(res.catalogue, res.vocabulary),
    ]
    return components


class PipelineError(ValueError):
    """A pipeline whose components cannot run in the order given."""


def check_order(components: Sequence[Component]) -> None:
    """Every component's requirements are assigned by the pipeline or an earlier component."""
    names = [c.name for c in components]
    if len(set(names)) != len(names):
        raise PipelineError(f"two components share a name: {names}")
    available = set(MADE_BY_PIPELINE)
    for c in components:
        missing = [r for r in c.requires if r not in available]
        if missing:
            raise PipelineError(f"component {c.name!r} requires {', '.join(missing)}, which no earlier "
                                f"component assigns (pipeline: {', '.join(names)})")
        available.update(c.assigns)


class Pipeline:
    """Analyses articles: ``nlp(text)`` gives one record, ``nlp.pipe(texts)`` many, in order."""

    def __init__(self, resources: Resources | None = None, components: Iterable[Component] | None = None,
                 disable: Iterable[str] = ()):
        self.resources = resources or default_resources()
        chosen = list(components) if components is not None else default_components(self.resources)
        off = set(disable)
        unknown = off - {c.name for c in chosen}
        if unknown:
            raise PipelineError(f"cannot disable {sorted(unknown)}: the components are {[c.name for c in chosen]}")
        self._components = [c for c in chosen if c.name not in off]
        check_order(self._components)
        self._keys = KeyMemo()

    # --- the components ---------------------------------------------------------------------
    @property
    def tokenizer(self) -> Tokenizer:
        return self.resources.tokenizer

    @property
    def pipe_names(self) -> list[str]:
        return [c.name for c in self._components]

    @property
    def components(self) -> list[tuple[str, Component]]:
        return [(c.name, c) for c in self._components]

    def get_pipe(self, name: str) -> Component:
        for c in self._components:
            if c.name == name:
                return c
        raise KeyError(f"no component {name!r}; the pipeline has {self.pipe_names}")

    def add_pipe(self, component: Component, *, before: str | None = None, after: str | None = None) -> Component:
        """Add a component (by default last); the order is checked against what each requires."""
        if not isinstance(component, Component):
            raise PipelineError(f"{component!r} is not a component: it needs name, requires, assigns and __call__")
        names = self.pipe_names
        if before is not None and after is not None:
            raise PipelineError("give before or after, not both")
        at = len(names)
        if before is not None:
            at = names.index(self.get_pipe(before).name)
        elif after is not None:
            at = names.index(self.get_pipe(after).name) + 1
        candidate = self._components[:at] + [component] + self._components[at:]
        check_order(candidate)
        self._components = candidate
        return component

    def remove_pipe(self, name: str) -> Component:
        component = self.get_pipe(name)
        candidate = [c for c in self._components if c is not component]
        check_order(candidate)
        self._components = candidate
        return component

    # --- documents --------------------------------------------------------------------------
    def make_doc(self, item: str | Document, published: str | None = None, url: str | None = None,
                 title: str | None = None, id: str | None = None) -> ArticleDoc:
        """An ArticleDoc for a text or a document read from an input, tokenised once.
        ``published`` (YYYY-MM-DD or any date isnad reads) overrides the date found."""
        if isinstance(item, str):
            document = Document(name="<text>", text=item, id=id, title=title, url=url)
        else:
            document = replace(item, id=id or item.id, title=title or item.title, url=url or item.url)
        started = time.perf_counter()
        text = compose_text(document.text, document.title)
        tokens = self.tokenizer.tokenize(text)
        doc = ArticleDoc(document=document, text=text, tokens=tokens, keys=self._keys.keys(tokens),
                         published_given=published)
        doc.timings["tokenizer"] = time.perf_counter() - started
        return doc

    def run(self, doc: ArticleDoc) -> ArticleDoc:
        """Pass a document through every component; ``doc.timings`` tells the seconds each took."""
        for component in self._components:
            started = time.perf_counter()
            doc = component(doc)
            doc.timings[component.name] = time.perf_counter() - started
        return doc

    def __call__(self, item: str | Document, published: str | None = None, url: str | None = None,
                 title: str | None = None, id: str | None = None) -> Article:
        """The record of one article, given as text or as a document read from an input."""
        doc = self.run(self.make_doc(item, published=published, url=url, title=title, id=id))
        return to_record(doc, doc.document.id or content_id(doc.text))

    def pipe(self, items: Iterable[str | Document], batch_size: int = DEFAULT_BATCH_SIZE,
             published: str | None = None) -> Iterator[Article]:
        """The records of many articles, in order. Items are taken ``batch_size`` at a time, so a
        generator over a large corpus is never read ahead further than one batch."""
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, not {batch_size}")
        iterator = iter(items)
        while batch := list(itertools.islice(iterator, batch_size)):
            for item in batch:
                yield self(item, published=published)

    def __repr__(self) -> str:
        return f"Pipeline({', '.join(self.pipe_names)})"


def load(disable: Iterable[str] = (), resources: Resources | None = None) -> Pipeline:
    """The standard pipeline over the packaged resources (built once per process and shared),
    without the components named in ``disable``."""
    return Pipeline(resources, disable=disable)
