"""Validators for the knowledge shipped as data in src/isnad/data."""

import json
import re
from collections import Counter

import pytest

from isnad.knowledge.gazetteer import KIND_GROUPS
from isnad.resources import read_text
from isnad.text.normalize import fold
from isnad.text.tokens import (ARTICLE, ARTICLE_AFTER_CLITIC, CONJ_FA, CONJ_WA, FUTURE_SA, PREP_BI, PREP_KA, PREP_LI,
                               default_lexicon)

#: Word lists the analysis code reads (beyond the older keys each test below checks), by file.
CLAIMS_LISTS = ("verb_frame_words", "phrase_prepositions", "perfect_auxiliaries", "question_particles",
                "adjective_endings", "speaker_links", "linking_stops", "name_links", "affiliation_links",
                "affiliation_heads")
ENTITIES_LISTS = ("armed_group_heads", "nisba_endings", "adjective_endings", "place_prepositions", "media_endings")
PLACE_WORD_LISTS = ("near_words", "precise_words", "lead_words", "cue_prefixes", "cue_suffixes")


def load_strict(name: str):
    """JSON that refuses duplicate keys at any depth."""

    def no_duplicates(pairs):
        keys = Counter(k for k, _ in pairs)
        duplicated = [k for k, n in keys.items() if n > 1]
        assert not duplicated, f"{name}: duplicate keys {duplicated}"
        return dict(pairs)

    return json.loads(read_text(name), object_pairs_hook=no_duplicates)


def assert_word_list(name: str, key: str, words) -> None:
    """A non-empty list of words, none blank or padded, none twice in matching form."""
    assert isinstance(words, list) and words, f"{name}: {key} is empty"
    assert all(isinstance(w, str) and w and w == w.strip() for w in words), f"{name}: {key} has a blank or padded entry"
    counts = Counter(fold(w) for w in words)
    assert not [w for w, n in counts.items() if n > 1], f"{name}: {key} has duplicates"


def assert_notes(name: str, raw: dict, keys) -> None:
    """Every key is explained in ``_notes``, and every note explains a key of the file."""
    notes = raw["_notes"]
    assert not [k for k in keys if not notes.get(k)], f"{name}: keys without a note"
    assert set(notes) <= set(raw), f"{name}: notes for missing keys {set(notes) - set(raw)}"


def test_calendar():
    cal = load_strict("calendar.json")
    seen: dict[str, int] = {}
    for system, names in cal["gregorian"].items():
        for name, month in names.items():
            assert 1 <= month <= 12, (system, name)
            key = fold(name).lower()
            assert seen.setdefault(key, month) == month, f"{name} means two months"
    assert set(cal["strict_systems"]) <= set(cal["gregorian"])
    for system in ("levantine", "egyptian", "maghrebi"):
        assert sorted(set(cal["gregorian"][system].values()) | set(cal["gregorian"]["egyptian"].values())) == list(range(1, 13))
    assert sorted(set(cal["hijri"].values())) == list(range(1, 13))
    assert sorted(cal["weekdays"].values()) and set(cal["weekdays"].values()) == set(range(7))
    assert sorted(set(cal["ordinal_days"].values())) == list(range(1, 32))


def test_datelines():
    words = load_strict("datelines.json")
    for key, values in words.items():
        if key.startswith("_"):
            continue
        counts = Counter(fold(v) for v in values)
        assert not [v for v, n in counts.items() if n > 1], f"{key} has duplicates"
    assert not {fold(p) for p in words["places"]} & {fold(n) for n in words["not_names"]}
    assert not {fold(p) for p in words["places"]} & {fold(a) for a in words["agencies"] + words["outlets"]}


def test_claims_word_lists():
    raw = load_strict("claims.json")
    for key in CLAIMS_LISTS:
        assert_word_list("claims.json", key, raw[key])
    assert_notes("claims.json", raw, CLAIMS_LISTS)
    links = {fold(w) for w in raw["speaker_links"]}
    assert links <= {fold(w) for w in raw["name_links"]} and links <= {fold(w) for w in raw["affiliation_links"]}
    assert all(" " not in w for key in CLAIMS_LISTS for w in raw[key]), "single words only: they are tested one token at a time"
    assert all(len(fold(e)) <= 3 for e in raw["adjective_endings"])


def test_entities_word_lists():
    raw = load_strict("entities.json")
    for key in ENTITIES_LISTS:
        assert_word_list("entities.json", key, raw[key])
    assert_notes("entities.json", raw, ENTITIES_LISTS)
    assert not [w for w in raw["armed_group_heads"] if w.startswith(ARTICLE)], "heads are written without the article"
    assert all(" " not in w for key in ENTITIES_LISTS for w in raw[key])
    assert all(len(fold(e)) <= 3 for e in raw["nisba_endings"] + raw["adjective_endings"])


def test_place_words():
    raw = load_strict("gazetteer/words.json")
    for key in PLACE_WORD_LISTS:
        assert_word_list("gazetteer/words.json", key, raw[key])
    assert_word_list("gazetteer/words.json", "kind_words", list(raw["kind_words"]))
    assert set(raw["kind_words"].values()) <= set(KIND_GROUPS)
    near, precise = {fold(w) for w in raw["near_words"]}, {fold(w) for w in raw["precise_words"]}
    assert not near & precise, "a cue is either near or precise"
    assert all(" " not in w for key in PLACE_WORD_LISTS for w in raw[key]) and all(" " not in w for w in raw["kind_words"])
    clitics = load_strict("lexicon/clitics.json")
    letters = set(clitics["conjunctions"]) | set(clitics["prepositions"])
    for prefix in raw["cue_prefixes"]:
        rest = prefix.removesuffix(clitics["article"])
        assert set(rest) <= letters, f"{prefix} is no chain of proclitics"
    assert set(raw["cue_suffixes"]) <= set(clitics["enclitics"]["forms"])


def test_datelines_name_particles():
    raw = load_strict("datelines.json")
    assert_word_list("datelines.json", "name_particles", raw["name_particles"])
    assert_notes("datelines.json", raw, ["name_particles"])
    assert all(" " not in w for w in raw["name_particles"])


def test_clitic_names_match_the_clitic_data():
    rules = load_strict("lexicon/clitics.json")
    assert {CONJ_WA, CONJ_FA} == set(rules["conjunctions"])
    assert {PREP_BI, PREP_LI, PREP_KA} == set(rules["prepositions"])
    assert {FUTURE_SA} == set(rules["future"]) and ARTICLE == rules["article"]
    assert all(form.endswith(ARTICLE) or form == PREP_LI * 2 for form in ARTICLE_AFTER_CLITIC)


def test_clitics():
    rules = load_strict("lexicon/clitics.json")
    for group in ("conjunctions", "prepositions", "future"):
        for form, spec in rules[group].items():
            assert len(form) == 1 and spec["ratio"] > 0 and spec["rare_ratio"] > 0
    assert len(set(rules["whole_words"])) == len(rules["whole_words"])
    assert all(len(f) <= 3 for f in rules["enclitics"]["forms"])
    assert set(rules["host_enclitics"]) <= set(rules["enclitics"]["forms"])


def test_word_counts_load():
    lexicon = default_lexicon()
    assert len(lexicon.counts) > 50_000
    assert lexicon.count("قال") > lexicon.count("شار")


@pytest.mark.parametrize("name", ["calendar.json", "datelines.json", "lexicon/clitics.json", "claims.json",
                                  "entities.json", "gazetteer/words.json", "stance.json", "models/ner_endings.json",
                                  "event_frames.json", "time.json", "gazetteer/admin1.json"])
def test_every_data_file_says_what_it_is(name):
    assert load_strict(name)["_about"]


def word_lists(name: str) -> dict[str, dict]:
    """The lists of a data file made of ``{"note": ..., "words": [...]}`` entries beside ``_about``."""
    data = load_strict(name)
    assert data["_about"].strip()
    return {key: value for key, value in data.items() if not key.startswith("_")}


def assert_word_lists(name: str) -> None:
    """Every list has a note and words: non-empty strings, no two alike once folded."""
    for key, entry in word_lists(name).items():
        assert set(entry) == {"note", "words"} and entry["note"].strip(), f"{name}: {key}"
        words = entry["words"]
        assert words and all(isinstance(w, str) and w.strip() for w in words), f"{name}: {key} is empty"
        duplicated = [w for w, n in Counter(fold(w).lower() for w in words).items() if n > 1]
        assert not duplicated, f"{name}: {key} repeats {duplicated}"


def test_stance_cues():
    assert_word_lists("stance.json")
    lists = {key: entry["words"] for key, entry in word_lists("stance.json").items()}
    assert {"stopwords", "negations", "denial_words", "refutation_phrases", "report_verbs"} <= set(lists)
    # the light stemmer takes the first affix that fits: none may hide a longer one listed after it
    prefixes, suffixes = lists["stem_prefixes"], lists["stem_suffixes"]
    assert not [p for i, p in enumerate(prefixes) if any(p.startswith(q) for q in prefixes[:i])]
    assert not [s for i, s in enumerate(suffixes) if any(s.endswith(q) for q in suffixes[:i])]
    # matched on whole words: only the hedge phrase هل keeps a space, so it is not a prefix of other words
    whole_words = ("stopwords", "negations", "denial_words", "cue_suffixes", "report_verbs", "claim_hedges")
    assert not [w for key in whole_words for w in lists[key] if " " in w]


def test_ner_endings():
    assert_word_lists("models/ner_endings.json")


def _word_lists(data: dict) -> dict[str, list[str]]:
    """The lists of words in a data file's top level and one level down, by dotted key."""
    out: dict[str, list[str]] = {}
    for key, value in data.items():
        if key.startswith("_"):
            continue
        if isinstance(value, list) and all(isinstance(w, str) for w in value):
            out[key] = value
        elif isinstance(value, dict):
            out.update({f"{key}.{k}": v for k, v in value.items()
                        if not k.startswith("_") and isinstance(v, list) and all(isinstance(w, str) for w in v)})
    return out


def test_event_frames():
    frames = load_strict("event_frames.json")
    events = load_strict("events.json")
    assert frames["_about"]
    lists = _word_lists(frames)
    assert {"count_hedges", "locative", "of_by", "clitics.and", "clitics.own"} <= set(lists)
    for key, words in lists.items():
        assert words, f"{key} is empty"
        counts = Counter(fold(w) for w in words)
        assert not [w for w, n in counts.items() if n > 1], f"{key} has duplicates after folding"
        assert key in frames["_notes"] or key.split(".")[0] in frames["_notes"], f"{key} has no note"
    assert {fold(w) for w in frames["state_negation"]} <= {fold(w) for w in events["negation"]}
    clitics = load_strict("lexicon/clitics.json")
    written = set(clitics["conjunctions"]) | set(clitics["prepositions"]) | {clitics["article"]}
    assert set(frames["clitics"]["and"]) <= set(clitics["conjunctions"])
    assert set(frames["clitics"]["conjunctions"]) == set(clitics["conjunctions"])
    for role in ("purpose", "means", "article"):
        assert set(frames["clitics"][role]) <= written, role
    assert set(frames["clitics"]["own"]) <= set(clitics["enclitics"]["forms"])
    assert all(isinstance(v, str) and v for k, v in frames["examples"].items())


def test_time_words():
    time = load_strict("time.json")
    clitics = load_strict("lexicon/clitics.json")
    assert time["_about"]
    new = ("of", "count_rejected_after", "night_words", "anchored_prepositions", "anchor_distance_prefixes",
           "recent_adjectives_after_preposition", "clitic_letters.conjunctions", "clitic_letters.prepositions")
    lists = _word_lists(time)
    for key in new:
        words = lists[key]
        assert words, f"{key} is empty"
        counts = Counter(fold(w) for w in words)
        assert not [w for w, n in counts.items() if n > 1], f"{key} has duplicates after folding"
        assert key.split(".")[0] in time["_notes"], f"{key} has no note"
    assert all(len(letter) == 1 for group in time["clitic_letters"].values() for letter in group)
    assert set(time["clitic_letters"]["conjunctions"]) == set(clitics["conjunctions"])
    assert set(time["clitic_letters"]["prepositions"]) <= set(clitics["prepositions"])
    assert time["article"] == clitics["article"] and "article" in time["_notes"]
    assert sorted(time["count_prepositions"].values()) == ["after", "before", "since"]
    assert "count_prepositions" in time["_notes"]
    recent = {fold(w) for w in time["recent_adjectives"]}
    assert {fold(w) for w in time["recent_adjectives_after_preposition"]} <= recent
    # words the code derives from other keys (see _notes.derived)
    assert {"year", "month"} <= set(time["calendar_units"].values())
    assert 1 in time["numbers"].values() and 0 in time["day_words"].values() and time["anchor_that"]


def test_state_forces():
    from isnad.knowledge.catalogue import default_catalogue

    data = load_strict("state_forces.json")
    assert data["_about"]
    phrases = [fold(p) for p in data["phrases"]]
    assert phrases and len(set(phrases)) == len(phrases)
    catalogue = default_catalogue()
    for country, actor_id in data["forces"].items():
        actor = catalogue.get(actor_id)
        assert actor is not None, f"{country}: no actor {actor_id!r} in the catalogue"
        # a state's forces abroad are External/Other forces in ACLED's terms (israeli_forces in Syria)
        assert actor.category in ("State forces", "External/Other forces") and actor.country == country, \
            (country, actor_id)
    for table, categories in (("coalition", {"External/Other forces"}), ("opposition", {"Rebel group"}),
                              ("national_army", {"State forces", "Rebel group"})):
        assert data[table]["_about"] and data[table]["phrases"]
        for country, actor_id in data[table]["forces"].items():
            actor = catalogue.get(actor_id)
            assert actor is not None and actor.category in categories, (table, country, actor_id)


ARABIC_NAME = re.compile(r"[\u0621-\u064a\s]+")


def test_admin1_divisions():
    """gazetteer/admin1.json: GeoNames first-level divisions, each with its Arabic name and a point."""
    divisions = load_strict("gazetteer/admin1.json")["divisions"]
    ids = Counter(d["id"] for d in divisions)
    assert not [i for i, n in ids.items() if n > 1], "duplicate ids"
    for d in divisions:
        assert set(d) == {"id", "country", "name", "name_en", "variants", "lat", "lon", "source"}, d["id"]
        assert re.fullmatch(r"[A-Z]{2}\.[0-9A-Z]+", d["id"]) and d["id"].startswith(d["country"] + "."), d["id"]
        assert ARABIC_NAME.fullmatch(d["name"]) and d["name"] == " ".join(d["name"].split()), d["id"]
        assert all(ARABIC_NAME.fullmatch(v) for v in d["variants"]), d["id"]
        spellings = [fold(n) for n in (d["name"], *d["variants"])]
        assert len(set(spellings)) == len(spellings), f"{d['id']}: a variant repeats a spelling"
        assert d["name_en"].strip() and d["source"].strip(), d["id"]
        assert -90 <= d["lat"] <= 90 and -180 <= d["lon"] <= 180, d["id"]


def test_trigger_forms_keep_their_first_letter():
    """A form whose first letter the tokenizer takes for a clitic (فجرت → ف + جرت) would match
    another word (جرت, took place): such a form cannot be a trigger."""
    from isnad.knowledge.lexicons import phrase_keys
    from isnad.text.tokens import Tokenizer

    tokenizer = Tokenizer()
    cut = []
    for trigger in load_strict("events.json")["triggers"]:
        for form in trigger["forms"]:
            first = fold(form.split()[0])
            if not first.startswith("ال") and not phrase_keys(form, tokenizer)[0].startswith(first[:2]):
                cut.append(form)
    assert not cut, cut
