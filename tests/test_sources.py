"""The outlet registry: domains from URLs, lookups, and a validator for data/sources.json."""

import json
from collections import Counter
from urllib.parse import urlsplit

import pytest
from conftest import SHARED
from test_data import load_strict

from isnad.knowledge.sources import (
    SOURCE_SCALES,
    Outlet,
    SourceRegistry,
    acled_scale,
    default_registry,
    domain_of,
)

BALY = SHARED / "data" / "baly2018" / "claims"
HOSTING = {"wordpress.com", "blogspot.com", "blogspot.ch", "medium.com", "github.com", "slideshare.net",
           "justpaste.it", "over-blog.com"}


@pytest.mark.parametrize("url,domain", [
    # as the Baly corpus stores them: percent-encoded Arabic paths, http and https, www or not
    ("https://www.swissinfo.ch/ara/reuters/%D8%A7%D9%84%D8%AA%D8%AD%D8%A7%D9%84%D9%81--%D9%84%D9%85/43783352",
     "swissinfo.ch"),
    ("http://www.aljazeera.net/news/reportsandinterviews/2017/3/6/منبج-عقدة-", "aljazeera.net"),
    ("http://www.asharqalarabi.org.uk/بوتين-ي-عاصمته-السورية-(حميميم)-يستقبل", "asharqalarabi.org.uk"),
    ("http://www.ankawa.com/forum/index.php?action=profile;area=showposts;u=", "ankawa.com"),
    ("https://arabic.sputniknews.com/world/201712271029/", "arabic.sputniknews.com"),
    ("HTTP://WWW.Enabbaladi.NET/archives/1", "enabbaladi.net"),
    # no scheme, ports, user info, trailing dot, a whole URL percent-encoded
    ("www.sana.sy/ar/?p=1", "sana.sy"),
    ("smartnews-agency.com", "smartnews-agency.com"),
    ("//m.almayadeen.net/news/1", "m.almayadeen.net"),
    ("http://alwatan.sy:8080/archives/1", "alwatan.sy"),
    ("https://user:secret@www.alquds.co.uk./?p=2", "alquds.co.uk"),
    ("https%3A%2F%2Fwww.enabbaladi.net%2Farchives%2F1", "enabbaladi.net"),
    # garbage
    ("", None), ("   ", None), ("not a url", None), ("http://", None), ("http://localhost/", None),
    ("http://192.168.0.1/x", None), ("http://[::1]/", None), ("mailto:info@sana.sy", None),
    ("javascript:void(0)", None), ("http://exa mple.com/", None), ("http://-bad-.com/", None),
    (None, None),
])
def test_domain_of(url, domain):
    assert domain_of(url) == domain


@pytest.mark.parametrize("url,name_en,perspective", [
    ("https://www.aljazeera.net/news/2017/3/6/x", "Al Jazeera", "gulf"),
    ("http://blogs.aljazeera.net/x", "Al Jazeera", "gulf"),
    ("http://mubasher.aljazeera.net/news/x", "Al Jazeera Mubasher", "gulf"),
    ("http://studies.aljazeera.net/ar/reports/x", "Al Jazeera Centre for Studies", "gulf"),
    ("https://arabic.rt.com/middle_east/908547-x/", "RT", "russian-state"),
    ("https://arabic.sputniknews.com/arab_world/x", "Sputnik", "russian-state"),
    ("http://www.sana.sy/?p=680000", "SANA", "syrian-government"),
    ("https://www.enabbaladi.net/archives/190000", "Enab Baladi", "syrian-opposition"),
    ("https://orient-news.net/ar/news_show/14", "Orient News", "syrian-opposition"),
    ("http://www.hawarnews.com/ar/haber/x", "Hawar News Agency (ANHA)", "kurdish"),
    ("http://www.almanar.com.lb/1735721", "Al-Manar TV", "resistance-axis"),
    ("http://m.almayadeen.net/news/x", "Al Mayadeen", "resistance-axis"),
    ("http://www.alalam.ir/news/1", "Al-Alam News Network", "iranian-state"),
    ("https://www.aa.com.tr/ar/x", "Anadolu Agency", "turkish-state"),
    ("http://www.bbc.com/arabic/middleeast-4212", "BBC", "international"),
    ("http://www.dw.com/ar/x/a-41944534", "Deutsche Welle", "international"),
    ("http://gate.ahram.org.eg/News/1647655.aspx", "Al-Ahram", "arab-state"),
    ("http://www.youm7.com/story/2017/11/21/x", "Youm7", None),
    ("http://akhbaar24.argaam.com/article/x", "Akhbaar 24", "gulf"),
    ("https://www.argaam.com/ar/article/x", "Argaam", "gulf"),
])
def test_lookup(url, name_en, perspective):
    outlet = default_registry().lookup(url)
    assert outlet is not None and outlet.name_en == name_en and outlet.perspective == perspective


@pytest.mark.parametrize("url", [
    "https://syrianitainuae.wordpress.com/2017/x",  # hosting platforms are not outlets
    "http://topart2000.blogspot.com/x",
    "https://example.org/x",
    "http://net/",
    "not a url",
])
def test_lookup_misses(url):
    assert default_registry().lookup(url) is None


@pytest.mark.parametrize("domain,event_country,scale", [
    ("enabbaladi.net", "SY", "National"),
    ("youm7.com", "SY", "Regional"),     # an Egyptian national paper reporting on Syria
    ("youm7.com", "EG", "National"),
    ("raqqa-sl.com", "SY", "Subnational"),
    ("aljazeera.net", "SY", "Regional"),
    ("reuters.com", "SY", "International"),
    ("hrw.org", "SY", "Other"),
])
def test_acled_scale(domain, event_country, scale):
    assert acled_scale(default_registry().lookup(domain), event_country) == scale


def test_duplicate_domain_is_refused():
    with pytest.raises(ValueError, match="sana.sy"):
        SourceRegistry([Outlet(("sana.sy",), "سانا"), Outlet(("x.org", "sana.sy"), "أخرى")])


def test_load_from_path(tmp_path):
    path = tmp_path / "sources.json"
    path.write_text(json.dumps({"_perspectives": {"gulf": "..."}, "outlets": [
        {"domains": ["aljazeera.net"], "name": "الجزيرة", "perspective": "gulf"}]}, ensure_ascii=False))
    registry = SourceRegistry.load(path)
    assert len(registry) == 1 and registry.lookup("https://www.aljazeera.net/").name == "الجزيرة"
    assert registry.perspectives == {"gulf"}


def test_registry_data():
    data = load_strict("sources.json")
    countries = {p["country"] for p in load_strict("gazetteer/world.json")["places"] if p["kind"] == "country"}
    perspectives = set(data["_perspectives"])
    assert data["_source_scales"] == list(SOURCE_SCALES)
    seen: Counter = Counter()
    for entry in data["outlets"]:
        assert set(entry) == {"domains", "name", "name_en", "country", "perspective", "source_scale"}, entry
        assert entry["name"] and entry["name"].strip() == entry["name"], entry
        assert any("\u0600" <= c <= "\u06ff" for c in entry["name"]) or entry["name"][:2].isascii(), entry
        assert entry["country"] is None or entry["country"] in countries, entry
        assert entry["perspective"] is None or entry["perspective"] in perspectives, entry
        assert entry["source_scale"] is None or entry["source_scale"] in SOURCE_SCALES, entry
        assert entry["domains"], entry
        for domain in entry["domains"]:
            assert domain_of(domain) == domain, f"{domain}: not a lower-case host without www."
            assert not any(domain == h or domain.endswith("." + h) for h in HOSTING), domain
        seen.update(entry["domains"])
    assert not [d for d, n in seen.items() if n > 1], "a domain in two entries"
    used = {e["perspective"] for e in data["outlets"]} - {None}
    assert used == perspectives, f"perspectives defined but unused: {perspectives - used}"


def _registrable(host: str) -> str:
    """example.co.uk, gate.ahram.org.eg → ahram.org.eg, arabic.rt.com → rt.com (enough for these URLs)."""
    labels = host.split(".")
    if len(labels) >= 3 and labels[-2] in {"co", "com", "org", "net", "gov", "edu", "ac", "news"} and len(labels[-1]) == 2:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


@pytest.mark.skipif(not BALY.is_dir(), reason="needs ../shared/data/baly2018")
def test_every_frequent_baly_domain_is_covered():
    counts: Counter = Counter()
    for path in BALY.glob("*.json"):
        for url in json.loads(path.read_text(encoding="utf-8"))["url"]:
            host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
            counts[_registrable(host)] += 1
    frequent = {d for d, n in counts.items() if n >= 3} - HOSTING
    registry = default_registry()
    assert not sorted(d for d in frequent if registry.lookup(d) is None)
