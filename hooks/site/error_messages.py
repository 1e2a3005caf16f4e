"""The messages a log prints after an error code, per language, for the error-code pages and api/errors.json.

A runbook's text mentions codes in prose ("the error XTK-170006 appears when…") as well as in the log
lines it quotes. Only the second kind says what the message is, so a message is kept when the code is
quoted as a log line: in code (a fenced block or inline code), at the start of a line or of a heading
(after at most one word: "Error PGS-220000 …"), after a colon ("message: QUE-370023 …") or after a time
stamp ("10:19:59 AM CRL-290002 …"). The message is decoded: HTML entities, `\\"`, and a literal `\\n`
(the end of the log line) as the KB's exports sometimes carry them.

A message's language is the language of the runbook quoting it.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Callable

from hooks.corpus import error_codes
from hooks.base import registry
from hooks.corpus.model import Corpus, Runbook

PER_PAGE = error_codes.MESSAGES_PER_CODE
_FENCE = re.compile(r"^[ \t]*(```|~~~)", re.MULTILINE)
_TAG = re.compile(r"<[^>]+>")
_MARKUP = " \t\u00a0#>*_\"'“”«»`|-"
_TIME = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\b")
_LIST = re.compile(r"^\s*(?:[-+*]|\d+[.)])\s+")


def _fenced_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every fenced code block's content."""
    marks = [m.start() for m in _FENCE.finditer(text)]
    return [(marks[i], marks[i + 1]) for i in range(0, len(marks) - 1, 2)]


def _in_spans(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)


def quoted_as_log(text: str, start: int, fenced: list[tuple[int, int]]) -> bool:
    """Is the code at `start` quoted as (part of) a log line rather than named in a sentence?"""
    if _in_spans(start, fenced):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    if before.count("`") % 2:  # inside inline code
        return True
    words = _LIST.sub("", _TAG.sub(" ", html.unescape(before))).strip(_MARKUP)
    return not words or words.endswith((":", "：")) or " " not in words or bool(_TIME.search(words))


def decode(message: str) -> str | None:
    """The message as a reader sees it in the log: entities decoded, cut at a literal `\\n`."""
    text = html.unescape(html.unescape(message))
    text = re.split(r"\\[nr]", text, maxsplit=1)[0].replace('\\"', '"').replace("\\'", "'")
    text = error_codes._unquote(" ".join(text.split()))
    return text if len(text) >= 3 and re.search(r"[^\W\d_]", text) else None


def of_runbook(runbook: Runbook) -> list[tuple[str, str]]:
    """(slug, message) for each code `runbook` quotes as a log line followed by a message (from the codes
    error_codes.quotes found there: the runbook is not read again)."""
    text = error_codes.runbook_text(runbook)
    fenced = _fenced_spans(text)
    found = []
    for match in error_codes.quotes(runbook):
        if not quoted_as_log(text, match.start, fenced):
            continue
        raw = error_codes.message_after(text, match.end)
        message = decode(raw) if raw else None
        if message:
            found.append((match.slug, message))
    return found


def by_language(corpus: Corpus, messages_of: Callable[[Runbook], list[tuple[str, str]]] = of_runbook,
                ) -> dict[str, dict[str, list[str]]]:
    """slug → language → the messages seen after the code in that language's runbooks, most quoted first
    (then alphabetical), at most PER_PAGE. Computed once per corpus. `messages_of`: what of_runbook
    returns for a runbook (engine/fast/error_messages_cache.py gives it a memory across serve rebuilds)."""
    if "error_messages" in corpus.memo:
        return corpus.memo["error_messages"]
    counts: dict[str, dict[str, Counter]] = {}
    for runbook in corpus.runbooks:
        if runbook.hidden:
            continue
        for slug, message in messages_of(runbook):
            counts.setdefault(slug, {}).setdefault(runbook.language, Counter())[message] += 1
    result = {slug: {lang: [m for m, _ in sorted(c.items(), key=lambda item: (-item[1], item[0]))[:PER_PAGE]]
                     for lang, c in per_lang.items()}
              for slug, per_lang in counts.items()}
    corpus.memo["error_messages"] = result
    return result


def for_page(messages: dict[str, list[str]], lang: str) -> tuple[str | None, list[str]]:
    """The messages an error page in `lang` shows: its own language's, else those of the first site
    language that has some (returned with that language, for a label); (None, []) when there are none."""
    if messages.get(lang):
        return lang, messages[lang]
    for code in registry.language_codes():
        if messages.get(code):
            return code, messages[code]
    return None, []


def every_language(messages: dict[str, list[str]]) -> list[str]:
    """All languages' messages, each once, in site language order (api/errors.json `messages`)."""
    return list(dict.fromkeys(m for code in registry.language_codes() for m in messages.get(code, [])))
