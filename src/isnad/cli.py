"""The command line: ``isnad analyze PATH... | -``, and the corpus: ``ingest``, ``search``,
``verify``, ``export``, ``eval``.

Exit status: 0 when every input was analysed, 1 when some input failed (the others are still
analysed and printed), 2 for a usage error.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import sys
from typing import TextIO

import click

import isnad
from isnad import __version__
from isnad.display import visual, wants_visual
from isnad.text.inputs import DEFAULT_MAX_BYTES, InputError, read_documents
from isnad.record import EVENT_STATUSES, Article, json_schema

EXIT_OK, EXIT_INPUT_FAILED = 0, 1
ALL_STATUSES = EVENT_STATUSES


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
        if rec.unlocated_places:
            names = dict.fromkeys(self.ar(u.text) for u in rec.unlocated_places)
            self.line("Unlocated", " · ".join(names) + " (named as places, not in the gazetteer)")
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
        apart = [f"{len(v)} {k}" for k, v in (("background", rec.background_events), ("unplaced", rec.unplaced_events)) if v]
        self.line("Events", (str(len(rec.events)) if rec.events else "—") + (f" (and {', '.join(apart)})" if apart else ""))
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
            if e.admin1_name and e.kind_detail != "governorate":
                where = f"{where}, {self.ar(e.admin1_name)}" if where else self.ar(e.admin1_name)
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
    pipeline = isnad.load()
    report = Report(out, wants_visual(bidi, out), color=out.isatty())  # type: ignore[arg-type]
    failed = 0
    seen_ids: set[str] = set()
    for item in read_documents(paths, max_bytes=int(max_mb * 2**20)):
        if isinstance(item, InputError):
            failed += 1
            click.echo(f"isnad: error: {item}", err=True)
            continue
        try:
            record = pipeline(item, published=published)
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


DB_OPTION = click.option("--db", "db_url", envvar="ISNAD_DB", default="isnad.db", show_default=True,
                         help="The corpus store: an SQLite file path, or a database URL "
                              "(postgresql://user:pass@host/db). Environment: ISNAD_DB.")


def _open_store(db_url: str):
    from isnad.corpus.store import Store

    try:
        return Store.open(db_url)
    except Exception as exc:  # noqa: BLE001 - any driver error: say which database, not a traceback
        raise click.ClickException(f"cannot open the store {db_url}: {type(exc).__name__}: {exc}") from exc


def _filters(actor: str | None, place: str | None, date_from: str | None, date_to: str | None,
             outlet: str | None = None):
    from isnad.corpus.store import Filters

    for name, value in (("--from", date_from), ("--to", date_to)):
        if value and not (len(value) == 10 and value[4] == "-" and value[7] == "-" and value.replace("-", "").isdigit()):
            raise click.BadParameter(f"{value!r} is not a date YYYY-MM-DD", param_hint=name)
    return Filters(actor=actor, place=place, date_from=date_from, date_to=date_to, outlet=outlet)


def _event_filter_options(f):
    f = click.option("--actor", help="Only articles naming this actor (catalogue key such as nusra, or a name).")(f)
    f = click.option("--place", help="Only events at this place or in this division: P-code (C2169, SY07, IQ.15) "
                                     "or name, of a town, district or governorate.")(f)
    f = click.option("--from", "date_from", metavar="YYYY-MM-DD",
                     help="Only events that may have happened on or after (an undated event: its article's day).")(f)
    f = click.option("--to", "date_to", metavar="YYYY-MM-DD",
                     help="Only events that may have happened on or before (an undated event: its article's day).")(f)
    return f


def _event_query(actor: str | None, place: str | None, date_from: str | None, date_to: str | None):
    """The store's article filters for an event query and the selection of events within each article:
    articles published up to the background window after ``date_to`` may report events before it."""
    from isnad.corpus.selection import EventSelection, reported_until

    checked = _filters(actor, None, date_from, date_to)
    try:
        until = reported_until(date_to)
    except ValueError as err:
        raise click.BadParameter(f"{date_to!r} is not a date: {err}", param_hint="--to") from err
    return dataclasses.replace(checked, date_to=until), EventSelection(place=place, date_from=date_from, date_to=date_to)


def _filter_options(f):
    f = click.option("--actor", help="Only articles naming this actor (catalogue key such as nusra, or a name).")(f)
    f = click.option("--place", help="Only articles naming this place (P-code such as C2169, or a name).")(f)
    f = click.option("--from", "date_from", metavar="YYYY-MM-DD", help="Only articles published on or after.")(f)
    f = click.option("--to", "date_to", metavar="YYYY-MM-DD", help="Only articles published on or before.")(f)
    return f


@main.command()
@click.argument("paths", nargs=-1, required=True)
@DB_OPTION
@click.option("--batch-size", type=click.IntRange(min=1), default=25, show_default=True,
              help="Articles written per transaction.")
@click.option("--max-size", "max_mb", type=click.FloatRange(min=0.001), default=DEFAULT_MAX_BYTES / 2**20,
              show_default=True, help="Refuse inputs larger than this many MB.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def ingest(paths: tuple[str, ...], db_url: str, batch_size: int, max_mb: float, quiet: bool) -> None:
    """Analyse articles and add them to the corpus store.

    Reads files, folders and globs: text, HTML, JSON/JSONL, Baly-format claim files, RSS/Atom
    feeds and WARC archives. Ingesting the same text twice adds nothing; an interrupted run can
    simply be started again. Inputs that cannot be read are reported and skipped.
    """
    from isnad.corpus.ingest import ingest_paths
    from isnad.text.inputs import expand

    store = _open_store(db_url)
    files = [f for f in expand(paths) if not isinstance(f, InputError)]
    show = not quiet and sys.stderr.isatty()
    counts = {"added": 0, "stored": 0, "failed": 0}
    current = {"file": None}
    with click.progressbar(length=len(files), label="ingesting", file=sys.stderr, show_pos=True,
                           item_show_func=lambda _: f"+{counts['added']} ={counts['stored']} !{counts['failed']}",
                           hidden=not show) as bar:
        def progress(doc, what: str) -> None:
            counts[what] += 1
            if what == "failed":
                click.echo(f"\nisnad: error: {doc}" if show else f"isnad: error: {doc}", err=True)
            file = str(doc.name).split("#", 1)[0].rsplit(":", 1)[0]  # feed.xml#3, file.jsonl:3 → the file
            if file != current["file"]:
                current["file"] = file
                bar.update(1)

        report = ingest_paths(store, paths, batch_size=batch_size, max_bytes=int(max_mb * 2**20), progress=progress)
    click.echo(f"isnad: {report.summary()}; the store holds {store.count()} articles ({db_url})", err=True)
    sys.exit(EXIT_INPUT_FAILED if report.errors else EXIT_OK)


@main.command()
@click.argument("query")
@DB_OPTION
@_filter_options
@click.option("--limit", type=click.IntRange(min=1), default=10, show_default=True)
def search(query: str, db_url: str, actor, place, date_from, date_to, limit: int) -> None:
    """Full-text search of the corpus (BM25 over clitic-free stems)."""
    store = _open_store(db_url)
    hits = store.search(query, limit=limit, filters=_filters(actor, place, date_from, date_to))
    for hit, art in zip(hits, store.articles([h.article_id for h in hits])):
        outlet = art.outlet.name_en or art.outlet.domain if art.outlet else "-"
        click.echo(f"{hit.score:7.2f}  {art.id}  {art.published or '????-??-??'}  {outlet}  {art.record.title or ''}")


@main.command()
@click.argument("claim")
@DB_OPTION
@_filter_options
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True,
              help="How many retrieved articles to read.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def verify(claim: str, db_url: str, actor, place, date_from, date_to, limit: int, fmt: str) -> None:
    """Check a claim against the corpus: who confirms, who denies, parties, reprints, the origin."""
    from isnad.verify.stance import StanceClassifier
    from isnad.verify.verdict import format_report
    from isnad.verify.verdict import verify as run_verify

    if not claim.strip():
        raise click.BadParameter("the claim is empty", param_hint="CLAIM")
    store = _open_store(db_url)
    report = run_verify(claim, store, isnad.load(), StanceClassifier.load(),
                        filters=_filters(actor, place, date_from, date_to), limit=limit)
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=1))
    else:
        click.echo(format_report(report))


@main.command()
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["acled-csv", "geojson", "jsonl"]), required=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Write here (default: stdout).")
@click.option("--all-statuses", is_flag=True, help="Also events that are denied, negated, predicted or threatened "
                                                   "(ACLED codes only reported ones, the default).")
@click.option("--with-background", is_flag=True, help="Also events told as background: dated more than a month "
                                                      "before their article (left out by default, as ACLED codes news).")
@_event_filter_options
def export(db_url: str, fmt: str, output: str | None, all_statuses: bool, with_background: bool, actor, place,
           date_from, date_to) -> None:
    """Export the corpus: events as ACLED CSV or GeoJSON, or the analysis records as JSONL (whole
    records of the articles that hold a selected event)."""
    from isnad.corpus.exports import ExportItem, write_acled_csv, write_geojson, write_jsonl

    store = _open_store(db_url)
    articles, selection = _event_query(actor, place, date_from, date_to)
    narrowed = place or date_from or date_to

    def chosen(a):
        """The record to export: with its background events when asked, narrowed to the selected events."""
        record = _keyed(a)
        if with_background and record.background_events:
            record = record.model_copy(update={"events": record.events + record.background_events})
        return selection.select(record) if fmt != "jsonl" else record

    items = (ExportItem(article=chosen(a), outlet=_outlet_name(a),
                        source_scale=a.outlet.source_scale if a.outlet else None, url=a.url)
             for a in store.articles(filters=articles)
             if fmt != "jsonl" or not narrowed or selection.select(a.record).events)
    statuses = ALL_STATUSES if all_statuses else ("reported",)
    with open(output, "w", encoding="utf-8", newline="") if output else contextlib.nullcontext(sys.stdout) as out:
        if fmt == "acled-csv":
            stats = write_acled_csv(items, out, statuses=statuses)
        elif fmt == "geojson":
            stats = write_geojson(items, out, statuses=statuses)
        else:
            stats = write_jsonl(items, out)
    click.echo(f"isnad: {stats.written} written; left out: {stats.skipped} by status, "
               f"{stats.skipped_unlocated} without coordinates", err=True)


def _outlet_name(stored) -> str | None:
    o = stored.outlet
    return (o.name_en or o.name or o.domain) if o else None


def _keyed(stored):
    """The stored record under its store key (record ids from file names may repeat across folders)."""
    return stored.record.model_copy(update={"id": stored.id})


@main.group("corpus")
def corpus_group() -> None:
    """Look across the stored articles: counts, merged events, grouped claims."""


@corpus_group.command("stats")
@DB_OPTION
def corpus_stats(db_url: str) -> None:
    """What the store holds."""
    for name, value in _open_store(db_url).stats().items():
        click.echo(f"{name:10} {value}")


@corpus_group.command("events")
@DB_OPTION
@_event_filter_options
@click.option("--min-reports", type=click.IntRange(min=1), default=1, show_default=True,
              help="Only events reported by at least this many articles.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def corpus_events(db_url: str, actor, place, date_from, date_to, min_reports: int, fmt: str) -> None:
    """Events merged across articles (same type, compatible actors, nearby place, overlapping dates),
    each with every report that supports or denies it."""
    from isnad.corpus.merge import event_reports, merge_events

    store = _open_store(db_url)
    articles, selection = _event_query(actor, place, date_from, date_to)
    reports = [r for a in store.articles(filters=articles)
               for r in event_reports(selection.select(_keyed(a)), _outlet_name(a), a.url)]
    merged = [m for m in merge_events(reports) if len(m.reports) >= min_reports]
    merged.sort(key=lambda m: (-len(m.reports), m.id))
    if fmt == "json":
        click.echo(json.dumps([_merged_json(m) for m in merged], ensure_ascii=False, indent=1))
        return
    for m in merged:
        who = " vs ".join(e.name for e in (m.actor1, m.actor2) if e) or "?"
        when = f"{m.date.start}..{m.date.end}" if m.date else "undated"
        statuses = ", ".join(f"{k} {v}" for k, v in sorted(m.statuses.items()))
        click.echo(f"{m.id}  {m.event_type} / {m.sub_event_type or '-'} · {who} · "
                   f"{m.place.name if m.place else '-'} · {when} · {len(m.reports)} reports ({statuses})")
        for r in m.reports:
            click.echo(f"    {r.article_id}/{r.event.id} {r.event.status:9} {r.published or '????-??-??'} "
                       f"{r.outlet or '-'}  ({r.event.trigger.text})")
        click.echo(f"    why: {m.reason}")


def _merged_json(m) -> dict:
    return {"id": m.id, "event_type": m.event_type, "sub_event_type": m.sub_event_type,
            "actor1": m.actor1.name if m.actor1 else None, "actor2": m.actor2.name if m.actor2 else None,
            "place": m.place.name if m.place else None, "date": m.date.model_dump() if m.date else None,
            "fatalities": m.fatalities, "statuses": m.statuses, "reason": m.reason,
            "earliest": m.earliest.key,
            "reports": [{"article": r.article_id, "event": r.event.id, "status": r.event.status, "outlet": r.outlet,
                         "published": r.published, "url": r.url} for r in m.reports]}


@corpus_group.command("claims")
@DB_OPTION
@_filter_options
@click.option("--by", "view", type=click.Choice(["group", "outlet", "speaker"]), default="group", show_default=True,
              help="group: claims about the same proposition together; outlet/speaker: who asserts and denies how much.")
@click.option("--min-items", type=click.IntRange(min=1), default=2, show_default=True,
              help="Groups with at least this many claims.")
def corpus_claims(db_url: str, actor, place, date_from, date_to, view: str, min_items: int) -> None:
    """Claims across articles: grouped by proposition, or tallied per outlet or per speaker."""
    from isnad.corpus.merge import by_outlet, by_speaker, claim_items, group_claims

    store = _open_store(db_url)
    items = [c for a in store.articles(filters=_filters(actor, place, date_from, date_to))
             for c in claim_items(_keyed(a), _outlet_name(a))]
    if view == "speaker":
        tallies = by_speaker(items)
    elif view == "outlet":
        tallies = by_outlet(group_claims(items))
    else:
        for g in group_claims(items):
            if len(g.items) < min_items:
                continue
            click.echo(f"{g.id}  {len(g.items)} claims · {len(g.asserting)} assert · {len(g.denying)} deny · "
                       f"outlets: {', '.join(g.outlets) or '-'}")
            for m in g.items:
                click.echo(f"    {m.claim.stance:6} {m.article_id}/{m.claim.id} {m.published or '????-??-??'} "
                           f"{m.speaker or '?'}: {m.content[:100]}")
        return
    for t in tallies:
        click.echo(f"{t.total:5} claims  {t.asserts:5} assert  {t.denies:5} deny  {t.name}")


@main.command()
@DB_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--writable", is_flag=True, help="Allow uploading articles into the store (read-only otherwise).")
@click.option("--max-upload", "max_upload_mb", type=click.FloatRange(min=0.001), default=5.0, show_default=True,
              help="Largest upload accepted, in MB (with --writable).")
def serve(db_url: str, host: str, port: int, writable: bool, max_upload_mb: float) -> None:
    """The analyst's workbench: a web interface over the corpus (http://HOST:PORT/)."""
    from isnad.web.app import run

    run(db_url, host=host, port=port, writable=writable, max_upload_bytes=int(max_upload_mb * 2**20))


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
    from isnad.analysis.ner import DOCUMENT_WINDOW, NerTagger, default_tagger
    from isnad.eval.ner import evaluate, format_report, read_conll

    gold = read_conll(path)
    tagger = NerTagger.load(model_path) if model_path else default_tagger()
    predicted = tagger.tag_document([[w for w, _ in s] for s in gold],
                                    window=DOCUMENT_WINDOW if window is None else window)
    click.echo(format_report(evaluate(gold, predicted)))


@eval_group.command("stance")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--fold", type=click.IntRange(min=1), default=None,
              help="Only the claims of this fold in folds.txt (beside the files or one level up).")
@click.option("--model", "model_path", type=click.Path(exists=True, dir_okay=False),
              help="A stance model file (default: the packaged one).")
def eval_stance(paths: tuple[str, ...], fold: int | None, model_path: str | None) -> None:
    """Classify the stance of every article to its claim in Baly-format claim files and print
    accuracy, per-class F1, macro-F1 and claim veracity accuracy, ending with macro-F1=…"""
    from isnad.eval.stance import evaluate, load_claim_files
    from isnad.verify.stance import StanceClassifier

    claims = load_claim_files(paths, fold=fold)
    if not claims:
        raise click.ClickException("no claim files found" + (f" in fold {fold}" if fold else ""))
    click.echo(evaluate(claims, StanceClassifier.load(model_path)).format())


if __name__ == "__main__":
    main()
