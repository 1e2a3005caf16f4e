"""A build cycle over the repository's runbooks/, without MkDocs, for the tests of hooks/engine."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from hooks.corpus import error_codes
from hooks.corpus.model import Corpus
from hooks.engine.session import BuildCycle, LanguageBuild
from hooks.finish import site_finish
from hooks.rules import loader

REPO = Path(__file__).resolve().parents[2]
ROOT = REPO / "runbooks"


def corpus(hidden: tuple[tuple[str, str], ...] = ()) -> Corpus:
    """runbooks/ (KA-19371 in fr, ja, pt-BR; two fr-only runbooks), with the (id, language) pairs of
    `hidden` marked `hide: true`."""
    runbooks = [replace(r, meta={**r.meta, "hide": True}) if (r.id, r.language) in hidden else r
                for r in loader.load(ROOT).runbooks]
    return Corpus(runbooks)


def cycle(kb: Corpus | None = None, search: bool = False, lang: str = "fr") -> BuildCycle:
    kb = kb or corpus()
    built = BuildCycle(root=ROOT, corpus=kb, errors=error_codes.build_index(kb), redirects={}, code_sources={},
                       all_sources=None, search=search, audit=site_finish.new_audit(None))
    built.language = LanguageBuild(lang)
    return built
