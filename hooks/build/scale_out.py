"""The site built on several machines: one job per language group, then one job that merges them.

`python -m hooks build` builds the language groups in parallel processes on one machine and merges their
folders (parallel_build). The deploy workflow does the same across machines: each matrix job runs
`python -m hooks build-group --part I --parts N --out DIR`, which builds group I of N exactly as a group
process of `python -m hooks build` does (same groups, same build order, same environment: the group's
search index and leak audit included) and leaves in DIR the group's site and the state the merge needs;
the final job runs `python -m hooks merge-groups DIR... --site-dir site`, which merges them with the same
code as `python -m hooks build` (parallel_build.assemble): api/*.json and the schema, the merge of the
folders, the link check and the audit of the merged files.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from hooks.base import registry
from hooks.base.problems import Problem, ProblemError
from hooks.build import parallel_build
from hooks.engine import language_subset
from hooks.finish import output_audit, site_finish
from hooks.rules import loader

SITE = "site"
STATE = "group-state.pickle"
MANIFEST = "group.json"


@dataclass(frozen=True)
class Part:
    folder: Path
    part: int
    parts: int
    languages: list[str]


def languages_of(part: int, parts: int, languages: list[str] | None = None) -> list[str]:
    """The languages of group `part` (0-based) of `parts`: the groups `python -m hooks build --jobs parts`
    makes."""
    languages = languages or registry.language_codes()
    groups = parallel_build.groups(languages, parts)
    if not 0 <= part < len(groups):
        raise ValueError(f"--part {part}: there are {len(groups)} group(s) of {len(languages)} languages "
                         f"(--part 0 to {len(groups) - 1})")
    return groups[part]


def build_group(part: int, parts: int, out: Path, config_file: Path, strict: bool = True,
                quiet: bool = False) -> int:
    """Build group `part` of `parts` into `out` (its site, its state, a manifest); returns the exit status."""
    languages = languages_of(part, parts)
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", site_finish.ENV: str((out / STATE).resolve()),
           language_subset.ENV: ",".join(parallel_build.build_order(languages, registry.default_language().code))}
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(config_file),
               "--site-dir", str((out / SITE).resolve()), *(["--strict"] if strict else []),
               *(["--quiet"] if quiet else [])]
    returncode = subprocess.run(command, env=env, check=False).returncode
    if returncode == 0:
        manifest = {"part": part, "parts": parts, "languages": languages}
        (out / MANIFEST).write_text(json.dumps(manifest) + "\n", encoding="utf-8")
    return returncode


def read_parts(folders: list[Path]) -> list[Part]:
    """The built groups in group order; every group of the build must be there, once (ProblemError)."""
    parts = []
    for folder in folders:
        manifest = folder / MANIFEST
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
            parts.append(Part(folder, int(data["part"]), int(data["parts"]), list(data["languages"])))
        except (OSError, ValueError, KeyError, TypeError):
            raise ProblemError(Problem(str(manifest), 1, 1, "not-a-group",
                                       f"{folder} holds no finished language group ({MANIFEST} missing or unreadable)",
                                       "pass the folders `python -m hooks build-group --out` wrote, after it "
                                       "succeeded")) from None
    parts.sort(key=lambda p: p.part)
    count = parts[0].parts if parts else 1
    missing = sorted(set(range(count)) - {p.part for p in parts})
    if missing or [p.part for p in parts] != list(range(count)) or any(p.parts != count for p in parts):
        given = ", ".join(f"{p.part} of {p.parts}" for p in parts) or "none"
        raise ProblemError(Problem(str(folders[0] if folders else "."), 1, 1, "missing-group",
                                   f"group(s) {', '.join(map(str, missing)) or '?'} of {count} missing or given "
                                   f"twice (given: {given}); a site needs every group once",
                                   "build the missing groups (build-group --part I --parts N) and pass them all"))
    return parts


def merge_groups(folders: list[Path], site_dir: Path, config_file: Path) -> list[Problem]:
    """Merge built groups into `site_dir` (replaced only when everything succeeded); link problems are
    returned. Raises ProblemError (groups missing) and output_audit.LeakError. The group folders are
    used up (their files are moved into the site)."""
    parts = read_parts(folders)
    corpus_root = config_file.resolve().parent / "runbooks"
    states = [site_finish.load_group_state(part.folder / STATE) for part in parts]
    site_dir = site_dir.resolve()
    staging = site_dir.with_name(f".{site_dir.name}.merging-{os.getpid()}")
    own = staging.with_name(f"{staging.name}.own")
    shutil.rmtree(staging, ignore_errors=True)
    shutil.rmtree(own, ignore_errors=True)
    try:
        corpus = loader.load(corpus_root)  # the groups validated it; api/*.json is written from it
        site_finish.write_indexes(own, corpus, states[0].site_url, corpus_root)
        problems = parallel_build.assemble([part.folder / SITE for part in parts], staging, own, states,
                                           corpus_root)
    except (output_audit.LeakError, ProblemError):
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(own, ignore_errors=True)
    old = site_dir.with_name(f".{site_dir.name}.old-{os.getpid()}")
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
    return problems
