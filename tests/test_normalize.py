"""Normalisation for matching, and the offset map back to the original characters."""

import pytest
from hypothesis import given, strategies as st

from isnad.text.normalize import LIGHT, fold, normalize

CASES = [
    # (original, matching form, what it shows)
    ("قَالَ", "قال", "diacritics"),
    ("صرّح", "صرح", "shadda"),
    ("الـمـعـارضـة", "المعارضه", "tatweel and ta marbuta"),
    ("أكد إن آلاف ٱلناس", "اكد ان الاف الناس", "alef variants"),
    ("على مستشفى", "علي مستشفي", "alef maqsura"),
    ("مؤتمر رئيس", "موتمر رييس", "hamza seats"),
    ("کردستان ایران", "كردستان ايران", "Persian kaf and yeh"),
    ("٢٥ شباط ٢٠١٦", "25 شباط 2016", "Eastern Arabic digits"),
    ("۲۵ فبراير ۲۰۱۶", "25 فبراير 2016", "Persian digits"),
    ("“داعش” «النصرة»", '"داعش" "النصره"', "typographic quotes"),
    ("حلب – عمار — خاص", "حلب - عمار - خاص", "dashes"),
    ("جبهة\u200c النصرة\u200f", "جبهه النصره", "zero-width and bidi marks"),
    ("\ufeffحلب", "حلب", "byte-order mark"),
    ("ﻻ ﺇﻟﻪ", "لا اله", "presentation forms"),
    ("12٫5٪", "12.5%", "Arabic decimal separator and percent"),
    ("حلب\u00a0اليوم", "حلب اليوم", "no-break space"),
]


@pytest.mark.parametrize("original,expected,why", CASES, ids=[c[2] for c in CASES])
def test_matching_form(original, expected, why):
    assert normalize(original).text == expected
    assert fold(original) == expected


def test_light_form_keeps_spelling():
    assert normalize("أَكَّدَ مؤتمر علی الهیئة", LIGHT).text == "أكد مؤتمر علی الهیئة".replace("ی", "ي")


@pytest.mark.parametrize("original,needle", [
    ("وأَوْضَحَ المَصْدَرُ", "اوضح"),
    ("قـــــال مصدر", "قال"),
    ("نحو ٢٥ شخصاً", "25"),
    ("ﻻ يوجد", "لا"),
    ("“داعش”", '"داعش"'),
])
def test_span_maps_back_to_original(original, needle):
    nt = normalize(original)
    i = nt.text.index(needle)
    a, b = nt.to_original(i, i + len(needle))
    assert normalize(original[a:b]).text == needle


def test_marks_stay_with_their_letter():
    nt = normalize("قالَ المصدرُ")
    a, b = nt.to_original(0, 3)
    assert nt.original[a:b] == "قالَ"


def test_out_of_range_span_is_refused():
    with pytest.raises(ValueError):
        normalize("حلب").to_original(0, 9)


ARABIC = st.sampled_from(list("ابتثجحخدذرسشصضطظعغفقكلمنهويءأإآؤئىة") + ["\u064e", "\u0651", "\u0640", " ", "٣", "7", "“", "”", "ﻻ", "\u200f"])


@given(st.text(alphabet=ARABIC, max_size=80), st.data())
def test_every_normalised_span_has_an_original(text, data):
    nt = normalize(text)
    assert len(nt.starts) == len(nt.ends) == len(nt.text)
    a = data.draw(st.integers(0, len(nt.text)))
    b = data.draw(st.integers(a, len(nt.text)))
    oa, ob = nt.to_original(a, b)
    assert 0 <= oa <= ob <= len(text)
    if a < b:
        assert nt.text[a:b] in normalize(text[oa:ob]).text  # a ligature maps as a whole
