"""A build date that depends on the content, not on the clock, so builds are reproducible byte for byte.

MkDocs stamps pages and sitemap.xml.gz with the build date unless SOURCE_DATE_EPOCH is set; we set it
(when the caller has not) to the newest `published` date of the corpus.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime

from hooks.corpus.model import Corpus

_FALLBACK = "2000-01-01T00:00:00Z"


def content_epoch(corpus: Corpus) -> int:
    dates = [str(r.meta.get("published") or "") for r in corpus.runbooks]
    newest = max((d for d in dates if d), default=_FALLBACK)
    try:
        moment = datetime.fromisoformat(newest.replace("Z", "+00:00"))
    except ValueError:
        moment = datetime.fromisoformat(_FALLBACK.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp())


def pin(corpus: Corpus) -> None:
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(content_epoch(corpus)))
