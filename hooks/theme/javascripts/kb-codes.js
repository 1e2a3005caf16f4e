// Error codes and article numbers in whatever the reader pastes (a log line, a stack trace, a message, a
// code in any case, with or without its hyphen), read with the build's own family patterns: kb-search/<lang>.json
// carries them, generated from hooks/data/error_codes.yml (hooks/search_patterns.py). `find` works like
// hooks/error_codes.find: at each position the lookalikes, then each family's forms in registry order.
(function (global) {
  "use strict";

  const compiled = new WeakMap();

  function compile(registry) {
    let done = compiled.get(registry);
    if (done) return done;
    const wrap = (source) => new RegExp(registry.before + "(?:" + source + ")" + registry.after, "uy");
    const alternatives = registry.lookalikes.map((source) => ({ regex: wrap(source), family: null }));
    for (const family of registry.families) {
      for (const form of family.forms) {
        alternatives.push({
          regex: new RegExp(registry.before + "(?<kbglued>" + registry.glued.replace(/^\(\?<glued>/, "(?:") +
            ")?(?:" + form.pattern + ")" + registry.after, "uy"),
          family, form,
        });
      }
    }
    const lists = new Map(registry.families.filter((f) => f.list)
      .map((f) => [f.id, new RegExp(f.list + registry.after, "uy")]));
    done = { alternatives, lists };
    compiled.set(registry, done);
    return done;
  }

  function format(template, groups) {
    return template.replace(/\{(\w+)\}/g, (_, name) => (groups && groups[name]) || "");
  }

  function slugOf(code) {
    return code.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[.-]+|[.-]+$/g, "") || "-";
  }

  function match(family, form, groups, written, start) {
    const code = family.code && !form.short ? format(family.code, groups) : written;
    const slug = family.slug && !form.short ? format(family.slug, groups) : code;
    return { code, slug: slugOf(slug), family: family.id, start, end: start + written.length, short: form.short };
  }

  // Every code in `text`, in order, as hooks/error_codes.find gives them.
  function find(text, registry) {
    const { alternatives, lists } = compile(registry);
    const found = [];
    let position = 0;
    while (position < text.length) {
      let hit = null;
      for (const alternative of alternatives) {
        alternative.regex.lastIndex = position;
        const m = alternative.regex.exec(text);
        if (m && m[0].length > 0) { hit = { alternative, m }; break; }
      }
      if (!hit) { position += 1; continue; }
      const { alternative, m } = hit;
      position = m.index + m[0].length;
      if (!alternative.family) continue; // a lookalike: consumed, never a code
      const glued = m.groups && m.groups.kbglued ? m.groups.kbglued.length : 0;
      found.push(match(alternative.family, alternative.form, m.groups, m[0].slice(glued), m.index + glued));
      const list = alternative.form.lists && lists.get(alternative.family.id);
      if (list) {
        for (;;) {
          list.lastIndex = position;
          const more = list.exec(text);
          if (!more || !more.groups) break;
          const item = more.groups.item;
          const itemStart = more.index + more[0].length - item.length;
          found.push(match(alternative.family, alternative.form, more.groups, item, itemStart));
          position = more.index + more[0].length;
        }
      }
    }
    return found;
  }

  function key(text) {
    return text.toUpperCase().replace(/[^A-Z0-9]/g, "");
  }

  // Words of a pasted text (letters, digits, `.`, `-`, `_`, `$`), with their offsets.
  function tokens(text) {
    const out = [];
    const re = /[\p{L}\p{N}][\p{L}\p{N}._$-]*/gu;
    let m;
    while ((m = re.exec(text))) {
      const word = m[0].replace(/[.\-_$]+$/, "");
      out.push({ word, start: m.index, end: m.index + word.length });
    }
    return out;
  }

  // What the search box makes of a query: the known codes it names (keys of data.codes, in order), the
  // codes the patterns find that have no page, the article numbers it names, and the words left for
  // the text search once codes, article numbers and log noise (timestamps, hosts, ids) are taken out.
  function recognize(text, data) {
    const known = [];
    const unknown = [];
    const articles = [];
    const spans = [];
    const addKnown = (k) => { if (!known.includes(k)) known.push(k); };
    const codeKey = (k) => (data.codes[k] ? k : data.aliases && data.aliases[k]) || null;
    // A Java stack trace is read root cause first, as `lookup` reads it: codes after more `Caused by:`
    // lines come first (a stable sort keeps the order of the others).
    const causes = [];
    const causedBy = /(?:Caused by|Wrapped by)\s*:/g;
    let c;
    while ((c = causedBy.exec(text))) causes.push(c.index);
    const depth = (m) => causes.filter((at) => at < m.start).length;
    const matches = find(text, data.registry).map((m, i) => ({ m, i, d: depth(m) }))
      .sort((a, b) => b.d - a.d || a.i - b.i).map((x) => x.m);
    for (const m of matches) {
      const k = codeKey(key(m.code)) || codeKey(key(m.slug));
      if (k) addKnown(k); else if (!m.short && !unknown.includes(m.code)) unknown.push(m.code);
      spans.push([m.start, m.end]);
    }
    const ids = articleKeys(data);
    const words = tokens(text);
    for (const t of words) {
      if (spans.some(([s, e]) => t.start < e && t.end > s)) continue;
      const k = key(t.word);
      if (!k) continue;
      if (ids.has(k)) {
        const id = ids.get(k);
        if (!articles.includes(id)) articles.push(id);
        spans.push([t.start, t.end]);
      } else if (/\p{L}/u.test(t.word) && /\d/.test(t.word) && codeKey(k)) {
        addKnown(codeKey(k)); // a code in another case or without its hyphen: red520025, Red-520025
        spans.push([t.start, t.end]);
      }
    }
    if (!known.length && !articles.length && words.length === 1 && /^\d+$/.test(words[0].word) && data.numbers) {
      const k = data.numbers[words[0].word];
      if (k) { addKnown(k); spans.push([words[0].start, words[0].end]); }
    }
    return { known, unknown, articles, words: textWords(text, spans) };
  }

  const articleIndex = new WeakMap();
  function articleKeys(data) {
    let map = articleIndex.get(data);
    if (!map) {
      map = new Map();
      for (const id of Object.keys(data.runbooks || {})) if (/\d/.test(id)) map.set(key(id), id);
      for (const ids of Object.values(data.moved || {})) for (const id of ids) map.set(key(id), id);
      articleIndex.set(data, map);
    }
    return map;
  }

  // The words of `text` outside `spans` that can match prose: no stack-frame lines, timestamps, dates,
  // IP addresses, host names, paths, hexadecimal ids or bare numbers (a log line's noise).
  function textWords(text, spans) {
    let kept = "";
    let last = 0;
    for (const [s, e] of spans.slice().sort((a, b) => a[0] - b[0])) {
      if (s >= last) { kept += text.slice(last, s) + " "; last = e; } else last = Math.max(last, e);
    }
    kept += text.slice(last);
    kept = kept.replace(/&(?:quot|amp|lt|gt|apos|#39);/g, " "); // entities of a log copied from a web page
    // stack frames and their ellipses, wherever they are (a pasted trace may have lost its line breaks)
    kept = kept.replace(/\bat\s+[\w$.<>/]+\([^)\n]*\)/g, " ").replace(/\.\.\.\s*\d+\s+(?:more|common frames omitted)/g, " ");
    const out = [];
    for (const raw of kept.split(/[\s"'`()[\]{}<>|,;=*]+/)) {
      const w = raw.replace(/^[.:#/\\-]+|[.:!?/\\-]+$/g, "");
      if (!w || !/\p{L}/u.test(w)) continue; // numbers, times, ids, IP addresses
      if (/\d/.test(w) && /[\p{L}].*\d|\d.*[\p{L}]/u.test(w) && !/^\p{L}+\d?$/u.test(w)) continue; // ids, versions
      if (/[./\\:@]/.test(w) && !/^\p{L}+[.:]?$/u.test(w)) continue; // hosts, paths, URLs, class names
      if (/^(?:INFO|WARN|WARNING|ERROR|DEBUG|TRACE|FATAL|SEVERE|AM|PM|UTC|GMT)$/.test(w)) continue; // log levels
      out.push(w);
    }
    return out;
  }

  global.KBCodes = { find, recognize, key, tokens, textWords };
})(typeof window !== "undefined" ? window : globalThis);
