"""Build the workbench's base map: OCHA Syria's governorate boundaries (admin1), simplified.

Reads ``syr_admin1.geojson`` of the OCHA Syria common operational dataset (COD-AB) and writes a
small GeoJSON for the event map (``src/isnad/web/static/basemap/syr_admin1.geojson``): Douglas-
Peucker simplification with shared borders kept shared (rings are cut at the vertices where the
set of polygons sharing them changes, and each piece is simplified alone, so two neighbours
simplify their common border the same way), coordinates rounded to 4 decimals (about 10 m).

    python scripts/build_basemap.py [--src ../shared/data/ocha-syria/syr_admin1.geojson] [--tolerance 0.005]
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SRC = ROOT.parent / "shared" / "data" / "ocha-syria" / "syr_admin1.geojson"
DEFAULT_OUT = ROOT / "src" / "isnad" / "web" / "static" / "basemap" / "syr_admin1.geojson"
ATTRIBUTION = "OCHA Syria COD (administrative boundaries)"

Point = tuple[float, float]


def _key(p: Point) -> tuple[float, float]:
    return (round(p[0], 7), round(p[1], 7))


def _distance(p: Point, a: Point, b: Point) -> float:
    """Distance of ``p`` from the segment ``a``–``b`` (planar, in degrees)."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    if dx == dy == 0:
        return ((p[0] - a[0]) ** 2 + (p[1] - a[1]) ** 2) ** 0.5
    t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)))
    return ((p[0] - a[0] - t * dx) ** 2 + (p[1] - a[1] - t * dy) ** 2) ** 0.5


def douglas_peucker(points: list[Point], tolerance: float) -> list[Point]:
    """The points kept by Douglas-Peucker (first and last always kept); iterative."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        lo, hi = stack.pop()
        best, index = 0.0, -1
        for i in range(lo + 1, hi):
            d = _distance(points[i], points[lo], points[hi])
            if d > best:
                best, index = d, i
        if index >= 0 and best > tolerance:
            keep[index] = True
            stack += [(lo, index), (index, hi)]
    return [p for p, k in zip(points, keep) if k]


def _rings(geometry: dict) -> list[list[Point]]:
    polys = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return [[tuple(p[:2]) for p in ring] for poly in polys for ring in poly]


def _owners(features: list[dict]) -> dict[tuple[float, float], frozenset[int]]:
    """For each vertex, the features whose boundaries pass through it."""
    owners: dict[tuple[float, float], set[int]] = defaultdict(set)
    for i, f in enumerate(features):
        for ring in _rings(f["geometry"]):
            for p in ring:
                owners[_key(p)].add(i)
    return {k: frozenset(v) for k, v in owners.items()}


def simplify_ring(ring: list[Point], owners: dict, tolerance: float) -> list[Point]:
    """A closed ring simplified piece by piece between its junction vertices."""
    n = len(ring) - 1  # the last point repeats the first
    sets = [owners[_key(p)] for p in ring[:n]]
    fixed = [i for i in range(n) if sets[i] != sets[i - 1] or sets[i] != sets[(i + 1) % n]]
    if len(fixed) < 2:  # no junctions: keep a few anchors so the ring cannot collapse
        fixed = sorted({0, n // 3, 2 * n // 3})
    out: list[Point] = []
    for a, b in zip(fixed, fixed[1:] + [fixed[0] + n]):
        piece = [ring[i % n] for i in range(a, b + 1)]
        out.extend(douglas_peucker(piece, tolerance)[:-1])
    out.append(out[0])
    return out if len(out) >= 4 else ring


def simplify(collection: dict, tolerance: float, digits: int = 4) -> dict:
    """The feature collection with every ring simplified and only the name properties kept."""
    features = collection["features"]
    owners = _owners(features)
    out = []
    for f in features:
        polys = f["geometry"]["coordinates"] if f["geometry"]["type"] == "MultiPolygon" else [f["geometry"]["coordinates"]]
        simple = [[[[round(x, digits), round(y, digits)] for x, y in simplify_ring([tuple(p[:2]) for p in ring], owners, tolerance)]
                   for ring in poly] for poly in polys]
        props = f["properties"]
        out.append({"type": "Feature",
                    "properties": {"pcode": props.get("PCODE"), "name_en": props.get("NAME_EN"), "name_ar": props.get("NAME_ARA")},
                    "geometry": {"type": "MultiPolygon", "coordinates": simple}})
    return {"type": "FeatureCollection", "attribution": ATTRIBUTION, "features": out}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--src", type=Path, default=DEFAULT_SRC)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--tolerance", type=float, default=0.005, help="in degrees (0.005 ≈ 500 m)")
    args = parser.parse_args()
    data = simplify(json.loads(args.src.read_text(encoding="utf-8")), args.tolerance)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    points = sum(len(r) for f in data["features"] for p in f["geometry"]["coordinates"] for r in p)
    print(f"{args.out}: {len(data['features'])} governorates, {points} points, {args.out.stat().st_size} bytes")


if __name__ == "__main__":
    main()
