"""The command line: ``isnad analyze PATH... | -``.

Exit status: 0 when every input was analysed, 1 when some input failed (the others are still
analysed and printed), 2 for a usage error.
"""

from __future__ import annotations

import hashlib
import json
import sys
from typing import TextIO

import click

from . import __version__
from .display import visual, wants_visual
from .inputs import DEFAULT_MAX_BYTES, InputError, read_documents
from .pipeline import Pipeline
from .record import Article, json_schema

EXIT_OK, EXIT_INPUT_FAILED = 0, 1


class Report:
    """The human-readable terminal report of one record."""

    def __init__(self, out: TextIO, reorder: bool, color: bool):
        self.out, self.reorder, self.color = out, reorder, color

    def ar(self, text: str | None) -> str:
        if not text:
            return "—"
        flat = " ".join(text.split())
        return visual(flat) if self.reorder else flat

    def label(self, name: str) -> str:
        return click.style(f"{name:<11}", bold=True) if self.color else f"{name:<11}"

    def line(self, name: str, value: str) -> None:
        click.echo(f"{self.label(name)}{value}", file=self.out, color=self.color)

    def write(self, rec: Article, explain: bool) -> None:
        head = f"== {rec.id}" + (f"  ({rec.source})" if rec.source and rec.source != "<text>" else "")
        click.echo(click.style(head, bold=True) if self.color else head, file=self.out, color=self.color)
        self.line("Title", self.ar(rec.title))
        self.line("Published", rec.published or "— (no date found)")
        dl = rec.dateline
        if dl.place or dl.author or dl.source:
            parts = [f"place {self.ar(dl.place)}"]
            if dl.author:
                parts.append(f"author {self.ar(dl.author)} ({dl.credit})")
            elif dl.credit:
                parts.append(dl.credit)
            if dl.source:
                parts.append(f"source {self.ar(dl.source)}")
            self.line("Dateline", " · ".join(parts))
        else:
            self.line("Dateline", "—")
        if rec.url:
            self.line("URL", rec.url)
        body = [s for s in rec.sentences if s.part == "body"]
        words = sum(len(s.text.split()) for s in body)
        self.line("Body", f"{len(body)} sentences, {words} words")
        for kind, label in (("actor", "Actors"), ("person", "Persons"), ("place", "Places")):
            self.line(label, self._entities(rec, kind))
        self.line("Claims", str(len(rec.claims)) if rec.claims else "—")
        by_id = {e.id: e for e in rec.entities}
        depth = _claim_depths(rec)
        for c in rec.claims:
            source = self.ar(c.source.text) if c.source.text else "(no speaker named)"
            if c.source.anonymous:
                source += " (anonymous)"
            if c.source.affiliation in by_id:
                source += f" [{by_id[c.source.affiliation].key or self.ar(by_id[c.source.affiliation].name)}]"
            content = c.content.text if len(c.content.text) <= 90 else c.content.text[:87] + "…"
            indent = "  " * (depth[c.id] + 1)
            click.echo(f"{indent}{c.id} {c.stance:<6} {self.ar(c.cue.text)} ← {source}: {self.ar(content)}",
                       file=self.out)
        self.line("Events", str(len(rec.events)) if rec.events else "—")
        for e in rec.events:
            actors = " vs ".join(self._short(by_id.get(a)) for a in (e.actor1, e.actor2) if a)
            where = self._short(by_id.get(e.place)) if e.place else "place unknown"
            when = f"{e.date.start}..{e.date.end} (p{e.date.precision})" if e.date else "undated"
            toll = f", {e.fatalities} killed" if e.fatalities is not None else ""
            via = f" via {e.claim}" if e.claim else ""
            click.echo(f"  {e.id} {e.status:<10} {e.event_type} / {e.sub_event_type} · {actors or 'actor unknown'}"
                       f" · {where} · {when}{toll}{via} ({self.ar(e.trigger.text)})", file=self.out)
        voice = rec.perspective.article
        sides = ", ".join(f"{side} {n}" for side, n in voice.sides.items())
        quoted = [f"{v.claim} {v.leaning}" for v in rec.perspective.sources if v.leaning]
        self.line("Wording", (f"article: {sides or 'no side words'}"
                              + (f" → {voice.leaning}" if voice.leaning else "")
                              + (f"; sources: {', '.join(quoted)}" if quoted else "")))
        if explain:
            click.echo(self.label("Why"), file=self.out, color=self.color)
            for d in rec.decisions:
                where = f" [{d.evidence.start}:{d.evidence.end}] {self.ar(d.evidence.text)}" if d.evidence else ""
                click.echo(f"  {d.field}: {d.rule}{where}", file=self.out)
        click.echo("", file=self.out)

    def _short(self, e) -> str:
        if e is None:
            return "—"
        return f"{self.ar(e.name)}" + (f" [{e.key}]" if e.kind == "actor" and e.key else "")

    def _entities(self, rec: Article, kind: str) -> str:
        found = [e for e in rec.entities if e.kind == kind]
        if not found:
            return "—"
        by_id = {e.id: e for e in rec.entities}
        return " · ".join(self._entity(e, by_id) for e in found)

    def _entity(self, e, by_id) -> str:
        out = self.ar(e.name)
        if e.kind == "actor":
            out += f" [{e.key or 'not in catalogue'}]"
        elif e.kind == "place":
            where = e.pcode or e.admin1 or ("no coordinates" if e.lat is None else "")
            out += f" [{where}]" if where else ""
        elif e.role and e.affiliation in by_id:
            out += f" ({self.ar(e.role)} {self.ar(by_id[e.affiliation].name)})"
        if len(e.mentions) > 1:
            out += f" ×{len(e.mentions)}"
        return out


def _claim_depths(rec: Article) -> dict[str, int]:
    """How deep each claim sits in its chain (a claim reported inside another is one deeper)."""
    parent = {c.id: c.parent for c in rec.claims}
    depth: dict[str, int] = {}
    for cid in parent:
        seen, node, n = set(), parent[cid], 0
        while node and node not in seen and node in parent:
            seen.add(node)
            node, n = parent[node], n + 1
        depth[cid] = n
    return depth


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="isnad")
def main() -> None:
    """isnad: Arabic conflict reporting turned into a verifiable evidence base."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "jsonl"]), default="text", show_default=True,
              help="text: a readable report; json: one indented record per article; jsonl: one record per line.")
@click.option("--explain", is_flag=True, help="Show the rule behind every decision.")
@click.option("--published", metavar="DATE", help="Publication date to use instead of the one found (any form isnad reads).")
@click.option("--max-size", "max_mb", type=click.FloatRange(min=0.001), default=DEFAULT_MAX_BYTES / 2**20,
              show_default=True, help="Refuse inputs larger than this many MB.")
@click.option("--bidi", type=click.Choice(["auto", "visual", "logical"]), default="auto", show_default=True,
              help="Reorder Arabic for terminals without BiDi (auto: only on such a terminal).")
def analyze(paths: tuple[str, ...], fmt: str, explain: bool, published: str | None, max_mb: float, bidi: str) -> None:
    """Analyse articles: files, folders, globs, or - for standard input.

    Plain text, HTML and JSON/JSONL (fields text, title, date, url) are read; windows-1256 and
    ISO-8859-6 files are decoded. An input that cannot be read is reported on standard error and
    the others are still analysed.
    """
    out = sys.stdout
    pipeline = Pipeline()
    report = Report(out, wants_visual(bidi, out), color=out.isatty())  # type: ignore[arg-type]
    failed = 0
    seen_ids: set[str] = set()
    for item in read_documents(paths, max_bytes=int(max_mb * 2**20)):
        if isinstance(item, InputError):
            failed += 1
            click.echo(f"isnad: error: {item}", err=True)
            continue
        try:
            record = pipeline.analyze_document(item, published=published)
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop the batch
            failed += 1
            click.echo(f"isnad: error: {item.name}: analysis failed ({type(exc).__name__}: {exc})", err=True)
            continue
        if record.id in seen_ids:  # two inputs with the same name in one batch
            record.id = f"{record.id}-{hashlib.sha1(item.name.encode('utf-8')).hexdigest()[:8]}"
        seen_ids.add(record.id)
        if fmt == "json":
            out.write(record.to_json(indent=1) + "\n")
        elif fmt == "jsonl":
            out.write(record.to_json() + "\n")
        else:
            report.write(record, explain)
        out.flush()
    sys.exit(EXIT_INPUT_FAILED if failed else EXIT_OK)


@main.command()
def schema() -> None:
    """Print the JSON Schema of the analysis record."""
    click.echo(json.dumps(json_schema(), ensure_ascii=False, indent=1))


@main.group("eval")
def eval_group() -> None:
    """Score isnad's models against annotated data."""


@eval_group.command("ner")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--model", "model_path", type=click.Path(exists=True, dir_okay=False),
              help="A model file (default: the packaged one); its first stage and resources are read beside it.")
@click.option("--window", type=click.IntRange(min=0), default=None,
              help="Sentences either side each sentence sees as its document (default 10; 0: each sentence alone).")
def eval_ner(path: str, model_path: str | None, window: int | None) -> None:
    """Tag the sentences of a CoNLL file (token and tag per line, blank line between sentences;
    tokens are taken as given) and print precision, recall and F1 per entity type, exact spans as
    in conlleval, ending with the line micro-F1=…"""
    from .ner import DOCUMENT_WINDOW, NerTagger, default_tagger, evaluate, format_report, read_conll

    gold = read_conll(path)
    tagger = NerTagger.load(model_path) if model_path else default_tagger()
    predicted = tagger.tag_document([[w for w, _ in s] for s in gold],
                                    window=DOCUMENT_WINDOW if window is None else window)
    click.echo(format_report(evaluate(gold, predicted)))


if __name__ == "__main__":
    main()
