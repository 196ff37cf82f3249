"""Exact and near-duplicate fingerprints: reprints link, different reports of one story do not."""

import json

import pytest
from conftest import EXAMPLE, SHARED

from isnad.corpus.dedup import (
    BANDS,
    REPRINT_THRESHOLD,
    Fingerprint,
    band_keys,
    content_hash,
    fingerprint,
    is_reprint,
    shingles,
    similarity,
)

FIXTURES = EXAMPLE.parent.parent / "tests" / "fixtures" / "ingest"
BALY = SHARED / "data" / "baly2018" / "claims"
ARTICLE = EXAMPLE.read_text(encoding="utf-8")
BODY = ARTICLE.split("\n", 3)[3]  # without headline, date line and dateline


def reprint(text: str) -> str:
    """How an aggregator republishes an article: own headline, site furniture, re-spacing."""
    return ("الرئيسية | أخبار سوريا | آخر الأخبار\n"
            "عاجل: داعش يهاجم خناصر ومصادر تنفي مشاركة فصائل أخرى\n"
            "نشر بتاريخ 26 شباط 2016 - 10:15 ص\n"
            + text.replace("، ", " ،").replace("\n", "\n\n")
            + "\nاقرأ أيضاً: قوات النظام تستعيد قرى في ريف حلب الشرقي\n"
              "شارك هذا المقال على فيسبوك تويتر واتساب\n"
              "جميع الحقوق محفوظة © 2016 شبكة الأخبار السورية")


@pytest.mark.parametrize("a,b", [
    ("نفى مصدر عسكري أي مشاركة لجند الأقصى", "نَفَى  مصدرٌ عسكريٌّ\nأيَّ مشاركةٍ لجند الأقصى"),
    ("قال المصدر: إن الهجوم بدأ", "قال المصدر : إن الهجوم بدأ"),
    ("قتل ١٢ عنصراً", "قتل 12 عنصـــراً"),
    ("إدلب", "\ufeffإدلب\u200f"),
])
def test_content_hash_ignores_spacing_marks_and_encoding_variants(a, b):
    assert content_hash(a) == content_hash(b)


@pytest.mark.parametrize("a,b", [
    ("قتل 12 عنصراً", "قتل 13 عنصراً"),
    ("نفى مصدر عسكري", "أكد مصدر عسكري"),
])
def test_content_hash_changes_with_the_wording(a, b):
    assert content_hash(a) != content_hash(b)


def test_a_reprint_with_new_headline_and_furniture_is_a_near_duplicate():
    a, b = fingerprint(ARTICLE), fingerprint(reprint(BODY))
    assert similarity(a, b) >= REPRINT_THRESHOLD and is_reprint(a, b)
    assert set(band_keys(a)) & set(band_keys(b))


def test_another_report_on_the_same_story_is_not():
    other = (FIXTURES / "khanasir-other-report.txt").read_text(encoding="utf-8")
    a, b = fingerprint(ARTICLE), fingerprint(other)
    assert similarity(a, b) < 0.2 and not is_reprint(a, b)
    assert not set(band_keys(a)) & set(band_keys(b))


def test_bytes_round_trip_and_determinism():
    fp = fingerprint(ARTICLE)
    raw = fp.to_bytes()
    assert Fingerprint.from_bytes(raw) == fp and len(raw) == 4 + 4 * 128 + 4
    assert fingerprint(ARTICLE) == fp and band_keys(fp) == band_keys(Fingerprint.from_bytes(raw))
    with pytest.raises(ValueError):
        Fingerprint.from_bytes(raw[:-1])


def test_band_keys_are_signed_64_bit():
    keys = band_keys(fingerprint(ARTICLE))
    assert len(keys) == BANDS and all(-2**63 <= k < 2**63 for k in keys)


@pytest.mark.parametrize("text", ["", "  \n", "، . !"])
def test_text_without_words_is_similar_to_nothing(text):
    fp = fingerprint(text)
    assert fp.shingles == 0 and band_keys(fp) == [] and similarity(fp, fp) == 0.0


def test_short_text_is_one_shingle():
    assert shingles("نفى المصدر ذلك") == {"نفي المصدر ذلك"}


def _baly(ref: str) -> str:
    claim, index = ref.split("#")
    return json.loads((BALY / f"{claim}.json").read_text(encoding="utf-8"))["article"][int(index)]


# Pairs from the Baly et al. 2018 corpus (raw scraped pages, furniture included), checked by reading.
@pytest.mark.skipif(not BALY.is_dir(), reason="needs ../shared/data/baly2018")
@pytest.mark.parametrize("a,b,reprinted", [
    ("V-3#3", "V-3#5", True),        # Ahram Sport story republished by Elaph
    ("R-104#3", "R-104#4", True),    # Al-Hayat opinion piece republished by Al Arabiya
    ("V-525#1", "V-525#7", True),    # UN Radio and UN News, the same WFP item
    ("V-303#2", "V-303#7", True),    # IRIB and Fars, the same Yemen air-defence report
    ("R-387#1", "R-387#2", True),    # Al Wasat (Libya) article on an aggregator
    ("R-10#0", "R-10#1", False),     # Reuters (swissinfo) and DW on the same coalition statement
    ("R-10#0", "R-10#2", False),     # Reuters and a Syrian site's rewrite of it
    ("R-10#1", "R-10#4", False),
])
def test_baly_pairs(a, b, reprinted):
    assert is_reprint(fingerprint(_baly(a)), fingerprint(_baly(b))) is reprinted
