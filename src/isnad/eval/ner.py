"""NER evaluation: CoNLL files and conlleval scores.

:func:`read_conll` reads token/tag files (ANERcorp, Wojood); :func:`evaluate` scores predicted tag
sequences as conlleval does: an entity counts as correct only when its type and both boundaries match
a gold entity. :func:`split_long` cuts overlong training sequences (``scripts/train_ner.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from isnad.analysis.ner import ENTITY_TYPES, bio_spans
from isnad.text.sentences import CLAUSE_MARKS, FINAL

#: Where :func:`split_long` may also cut, once a piece is half the maximum length.
CLAUSE_PUNCT = frozenset(CLAUSE_MARKS)
SENTENCE_END = frozenset(FINAL)


# --- CoNLL files --------------------------------------------------------------------------

Sentence = list[tuple[str, str]]


def _looks_like_tag(item: str) -> bool:
    """O, or a B-/I-/E-/S- tag."""
    return item == "O" or (len(item) > 2 and item[1] == "-" and item[0] in "BIES")


def parse_conll(lines: Iterable[str], tag_map: Mapping[str, str | None] | None = None) -> list[Sentence]:
    """Sentences of (token, tag) from CoNLL lines: token and tag per line, a blank line between
    sentences. A line with several tags (nested annotation, outermost first) keeps the first tag
    whose type ``tag_map`` maps (types mapped to None, or missing from a given map, become O).
    A line holding two token-tag pairs is read as two tokens; a tag without a token is skipped."""
    sentences: list[Sentence] = []
    current: Sentence = []
    for raw in lines:
        fields = raw.split()
        if not fields:
            if current:
                sentences.append(current)
                current = []
            continue
        if len(fields) == 1:
            if not _looks_like_tag(fields[0]):
                current.append((fields[0], "O"))
            continue
        if (len(fields) == 4 and _looks_like_tag(fields[1]) and _looks_like_tag(fields[3])
                and not _looks_like_tag(fields[2])):
            pairs = [(fields[0], [fields[1]]), (fields[2], [fields[3]])]
        else:
            pairs = [(fields[0], fields[1:])]
        for token, tags in pairs:
            current.append((token, _map_tags(tags, tag_map)))
    if current:
        sentences.append(current)
    return sentences


def _map_tags(tags: Sequence[str], tag_map: Mapping[str, str | None] | None) -> str:
    """The first of a token's tags whose type ``tag_map`` keeps (renamed), else O."""
    for tag in tags:
        if tag == "O" or "-" not in tag:
            continue
        prefix, _, kind = tag.partition("-")
        if tag_map is None:
            return f"{prefix}-{kind}"
        mapped = tag_map.get(kind)
        if mapped:
            return f"{prefix}-{mapped}"
    return "O"


def read_conll(path: str | Path, tag_map: Mapping[str, str | None] | None = None) -> list[Sentence]:
    """The sentences of a CoNLL file (see :func:`parse_conll`)."""
    with open(path, encoding="utf-8", errors="replace") as fh:
        return parse_conll(fh, tag_map)


def split_long(sentence: Sentence, max_len: int = 60) -> list[Sentence]:
    """Cut a sequence longer than ``max_len`` after sentence punctuation, or after clause
    punctuation once a piece is half that long, never inside an entity; shorter sequences are
    returned whole."""
    if len(sentence) <= max_len:
        return [sentence]
    out: list[Sentence] = []
    current: Sentence = []
    for i, (token, tag) in enumerate(sentence):
        current.append((token, tag))
        nxt = sentence[i + 1][1] if i + 1 < len(sentence) else "O"
        if tag == "O" and not nxt.startswith("I-") and (
                token in SENTENCE_END or (len(current) >= max_len // 2 and token in CLAUSE_PUNCT)):
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out


# --- scores -------------------------------------------------------------------------------

@dataclass
class TypeScore:
    """Entity counts of one type (or of all: micro) and the scores they give."""

    label: str
    correct: int = 0
    gold: int = 0
    predicted: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class NerReport:
    """Exact-span scores per entity type and micro-averaged over all types."""

    by_type: dict[str, TypeScore]
    micro: TypeScore
    tokens: int = 0
    tokens_correct: int = 0

    @property
    def precision(self) -> float:
        return self.micro.precision

    @property
    def recall(self) -> float:
        return self.micro.recall

    @property
    def f1(self) -> float:
        return self.micro.f1

    @property
    def accuracy(self) -> float:
        return self.tokens_correct / self.tokens if self.tokens else 0.0

    def table(self) -> str:
        """Type, precision, recall, F1, gold entities (support) and predicted entities."""
        lines = [f"{'type':<6} {'precision':>9} {'recall':>8} {'F1':>8} {'support':>8} {'predicted':>9}"]
        for label in sorted(self.by_type):
            s = self.by_type[label]
            lines.append(f"{label:<6} {s.precision:>9.4f} {s.recall:>8.4f} {s.f1:>8.4f} {s.gold:>8} {s.predicted:>9}")
        m = self.micro
        lines.append(f"{'micro':<6} {m.precision:>9.4f} {m.recall:>8.4f} {m.f1:>8.4f} {m.gold:>8} {m.predicted:>9}")
        lines.append(f"{self.tokens} tokens, tag accuracy {self.accuracy:.4f}")
        return "\n".join(lines)

    def to_dict(self) -> dict:
        def one(s: TypeScore) -> dict:
            return {"precision": round(s.precision, 4), "recall": round(s.recall, 4), "f1": round(s.f1, 4),
                    "support": s.gold, "predicted": s.predicted}
        return {"micro": one(self.micro), **{k: one(v) for k, v in sorted(self.by_type.items())}}


def _tags_of(seq: Sequence) -> list[str]:
    """The tags of a sequence of tags or of (token, tag) pairs."""
    return [item[1] if isinstance(item, (tuple, list)) else item for item in seq]


def evaluate(gold_sentences: Iterable[Sequence], predicted: Iterable[Sequence[str]],
             labels: Iterable[str] = ENTITY_TYPES) -> NerReport:
    """conlleval-style scores of ``predicted`` tag sequences against ``gold_sentences`` (tag
    sequences, or sequences of (token, tag)). Every type in ``labels`` is reported, even if absent;
    other types found in the data are added."""
    by_type = {label: TypeScore(label) for label in labels}
    micro = TypeScore("micro")
    tokens = correct_tokens = 0
    for gold_seq, pred_seq in zip(gold_sentences, predicted, strict=True):
        gold_tags, pred_tags = _tags_of(gold_seq), list(pred_seq)
        if len(gold_tags) != len(pred_tags):
            raise ValueError(f"sentence lengths differ: gold {len(gold_tags)}, predicted {len(pred_tags)}")
        tokens += len(gold_tags)
        correct_tokens += sum(g == p for g, p in zip(gold_tags, pred_tags))
        gold = set(bio_spans(gold_tags))
        pred = set(bio_spans(pred_tags))
        for kind, *_ in gold:
            by_type.setdefault(kind, TypeScore(kind)).gold += 1
        for kind, *_ in pred:
            by_type.setdefault(kind, TypeScore(kind)).predicted += 1
        for kind, *_ in gold & pred:
            by_type[kind].correct += 1
        micro.gold += len(gold)
        micro.predicted += len(pred)
        micro.correct += len(gold & pred)
    return NerReport(by_type, micro, tokens, correct_tokens)


def format_report(report: NerReport) -> str:
    """The evaluation table followed by the closing ``micro-F1=0.1234`` line."""
    return f"{report.table()}\nmicro-F1={report.f1:.4f}"


__all__ = [
    "NerReport", "Sentence", "TypeScore", "evaluate", "format_report", "parse_conll", "read_conll", "split_long",
]
