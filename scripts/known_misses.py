"""List the table rows the claims or events stage gets wrong today (tests/tables/*.known-misses.txt).

    python scripts/known_misses.py claims|events
"""
import sys, re
sys.path.insert(0, 'tests')
which = sys.argv[1]
mod = __import__(f'test_{which}')
from isnad.pipeline import Pipeline
p = Pipeline()
fn = getattr(mod, 'test_claim_row' if which == 'claims' else 'test_event_row')
out = []
for row in mod.ROWS:
    try:
        fn(p, row)
    except AssertionError as e:
        msg = " ".join(str(e).split())[:110]
        key = row['cue'] if which == 'claims' else row['trigger']
        out.append(f"{mod.row_id(row)}  # {key}: {msg}")
head = {"claims": "# Rows of claims.tsv the claims stage gets wrong today, with what it got; each is an xfail(strict)\n# test, so a fix shows up as an XPASS to remove here. Regenerate: python scripts/known_misses.py claims\n",
        "events": "# Rows of events.tsv the events stage gets wrong today, with what it got; each is an xfail(strict)\n# test, so a fix shows up as an XPASS to remove here. Regenerate: python scripts/known_misses.py events\n"}[which]
open(f'tests/tables/{which}.known-misses.txt', 'w').write(head + "\n".join(out) + "\n")
print(len(out), "misses of", len(mod.ROWS))
