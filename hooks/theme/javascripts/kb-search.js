// The header search box, backed by Pagefind (one index per <html lang>: a French page searches French
// runbooks) and by kb-search/<lang>.json (hooks/search_data.py). Whatever the reader types or pastes — a code, a
// log line, a stack trace, an article number — the codes and article numbers in it are recognized with
// the build's own patterns (kb-codes.js): their runbooks and code pages come first, then the text
// results for the words left once log noise is taken out (Pagefind wants every word of a query to match).
// When this language has nothing, the other languages' results are offered, labelled with their language.
(function () {
  "use strict";
  const root = document.querySelector("[data-kb-search]");
  if (!root || !window.KBCodes) return;
  const config = JSON.parse(document.getElementById("__config").textContent);
  const t = config.translations;
  const input = root.querySelector("[data-kb-search-query]");
  const meta = root.querySelector(".md-search-result__meta");
  const list = root.querySelector(".md-search-result__list");
  const toggle = document.getElementById("__search");
  const base = new URL(config.base.replace(/\/?$/, "/"), location.href);
  const pageLang = document.documentElement.lang;
  const MAX = 20;
  const data = new Map(); // language → its kb-search/<lang>.json (a promise)
  const caches = new Map(); // language → the same, once loaded
  let entry = null;
  const engines = new Map();
  let product = "";
  let select = null;
  let seq = 0;

  function load(lang) {
    if (!data.has(lang)) {
      data.set(lang, (async () => {
        const [d, e] = await Promise.all([
          fetch(new URL("kb-search/" + lang + ".json", base)).then((r) => r.json()),
          entry ? entry : fetch(new URL("pagefind/pagefind-entry.json", base)).then((r) => r.json()),
        ]);
        entry = e;
        caches.set(lang, d);
        return d;
      })().catch((error) => { data.delete(lang); throw error; }));
    }
    return data.get(lang);
  }

  function indexed(lang) {
    return Object.keys((entry && entry.languages) || {}).some((code) => code.toLowerCase() === lang.toLowerCase());
  }

  // One Pagefind instance per language. Pagefind picks its index from <html lang> when an instance is
  // created: the page's language for the page's own, the other language for a moment for the others.
  function engine(lang) {
    if (!engines.has(lang)) {
      engines.set(lang, (async () => {
        const pf = await import(new URL("pagefind/pagefind.js", base).href);
        const html = document.documentElement;
        const own = html.lang;
        html.lang = lang;
        let instance;
        try {
          instance = pf.createInstance({ baseUrl: base.pathname, basePath: new URL("pagefind/", base).pathname });
        } finally {
          html.lang = own;
        }
        await instance.init();
        return instance;
      })().catch((error) => { engines.delete(lang); throw error; }));
    }
    return engines.get(lang);
  }

  function prefix(d, lang) {
    return new URL(d.languages[lang].prefix, base).href;
  }

  function plural(count) {
    if (count === 0) return t["search.result.none"];
    if (count === 1) return t["search.result.one"];
    return t["search.result.other"].replace("#", String(count));
  }

  function escapeText(text) {
    const span = document.createElement("span");
    span.textContent = text;
    return span.innerHTML;
  }

  // Pagefind on `words`, the whole query first, then shorter ones (every word must match), and for
  // Japanese the words Intl.Segmenter finds when Pagefind segmented the query otherwise than the index.
  async function textSearch(lang, words, raw) {
    if (!indexed(lang)) return [];
    const pf = await engine(lang);
    const tries = [];
    if (raw) tries.push(raw);
    if (words.length) {
      tries.push(words.join(" "));
      if (words.length > 6) tries.push(words.slice(0, 6).join(" "));
      if (words.length > 3) tries.push(words.slice(0, 3).join(" "));
    }
    if (/^(ja|zh)/i.test(lang) && typeof Intl !== "undefined" && Intl.Segmenter && raw) {
      const segmenter = new Intl.Segmenter(lang, { granularity: "word" });
      const segments = [...segmenter.segment(raw)].filter((s) => s.isWordLike).map((s) => s.segment);
      if (segments.length > 1) tries.push(segments.join(" "));
    }
    // Pagefind finds the parts of a compound anywhere in a page (キャンペーン … ダッシュボード): pages holding
    // each Chinese or Japanese word as written come first.
    const cjk = /^(ja|zh)/i.test(lang) ? titleTerms(words.length ? words : [raw]).filter((t) => !/^[a-z0-9]+$/.test(t)) : [];
    const phraseFirst = (results) => cjk.length ? [
      ...results.filter((r) => cjk.every((term) => r.content.includes(term))),
      ...results.filter((r) => !cjk.every((term) => r.content.includes(term))),
    ] : results;
    for (const query of [...new Set(tries)].filter((q) => q.trim())) {
      const results = await pagefindResults(pf, lang, query);
      if (results.length) return phraseFirst(results);
    }
    // A katakana compound Pagefind's dictionary does not know (ランディングページ) is indexed as its parts:
    // search each cut into two known-looking parts, keeping the pages whose text holds the compound.
    const compounds = raw && /^(ja|zh)/i.test(lang) ? (fold(raw).match(/[\p{Script=Katakana}ー]{4,}/gu) || []) : [];
    for (const compound of compounds.slice(0, 2)) {
      for (let cut = 2; cut <= compound.length - 2; cut++) {
        const rest = fold(raw).replace(compound, " ");
        const query = (compound.slice(0, cut) + " " + compound.slice(cut) + " " + rest).trim();
        const results = await pagefindResults(pf, lang, query, compound);
        if (results.length) return results;
      }
    }
    return [];
  }

  async function pagefindResults(pf, lang, query, mustHold) {
    const search = await pf.search(query);
    if (!search || !search.results.length) return [];
    const found = await Promise.all(search.results.slice(0, product ? 100 : 50).map((r) => r.data()));
    return found.map((r) => ({ url: r.url, title: (r.meta && r.meta.title) || r.url, excerpt: r.excerpt, lang,
                               content: fold(r.content) }))
      .filter((r) => !mustHold || r.content.includes(mustHold))
      .filter((r) => !product || productsOf(r.url, lang).includes(product));
  }

  // Titles as a search of their own (kb-search/<lang>.json has every title): a runbook whose title holds every
  // word of a short query comes first. Pagefind segments Japanese with a dictionary that cuts katakana
  // compounds its own way (リダイレクト finds nothing in "リダイレクトアクティビティ"), so Chinese and
  // Japanese words are matched as they are written: runs of katakana, of kanji, of Latin letters.
  function fold(text) {
    return text.normalize("NFKC").normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/[’']/g, "'");
  }

  function titleTerms(words) {
    const terms = [];
    for (const word of words) {
      const w = fold(word);
      if (/[\p{Script=Han}\p{Script=Katakana}\p{Script=Hiragana}]/u.test(w)) {
        terms.push(...(w.match(/[\p{Script=Katakana}ー]+|\p{Script=Han}+|[a-z0-9]+/gu) || []).filter((t) => t.length >= 2));
      } else if (w.length >= 2) {
        terms.push(w);
      }
    }
    return [...new Set(terms)];
  }

  function titleSearch(d, lang, words) {
    const terms = titleTerms(words);
    if (!terms.length || words.length > 6) return [];
    const found = [];
    for (const [id, langs] of Object.entries(d.runbooks)) {
      const entry = langs[lang];
      if (!entry || entry[1] || (product && !entry[2].includes(product))) continue;
      const title = fold(entry[0]);
      if (terms.every((term) => title.includes(term))) {
        const covered = terms.reduce((sum, term) => sum + term.length, 0) / title.length;
        found.push({ covered, item: runbookItem(d, lang, id, id) });
      }
    }
    found.sort((a, b) => b.covered - a.covered || a.item.title.localeCompare(b.item.title));
    return found.slice(0, 5).map((f) => f.item);
  }

  // How much of a quoted message the pasted text holds (0–1): its words, or for Chinese and Japanese its
  // pairs of characters, found in the paste.
  function grams(text) {
    const t = fold(text.replace(/&(quot|amp|lt|gt|apos|#39);/g, " "));
    const out = new Set(t.match(/[\p{L}\p{N}]{2,}/gu) || []);
    for (const run of t.match(/[\p{Script=Han}\p{Script=Katakana}\p{Script=Hiragana}ー]+/gu) || []) {
      out.delete(run);
      for (let i = 0; i + 1 < run.length; i++) out.add(run.slice(i, i + 2));
    }
    return out;
  }

  function similarity(pasted, message) {
    const want = grams(message);
    if (!want.size) return 0;
    const have = grams(pasted);
    let found = 0;
    for (const g of want) if (have.has(g)) found++;
    return found / want.size;
  }

  // The products of the runbook at `url` (kb-search/<lang>.json); a code's page belongs to every product.
  function productsOf(url, lang) {
    const m = /\/runbooks\/([^/]+)\/$/.exec(new URL(url, base).pathname);
    const cache = caches.get(lang);
    const langs = m && cache && cache.runbooks[decodeURIComponent(m[1])];
    if (!langs) return product ? [product] : [];
    const entries = Object.values(langs);
    return [].concat(...entries.map((e) => e[2]));
  }

  function runbookItem(d, lang, id, note) {
    const entryLang = d.runbooks[id] && d.runbooks[id][lang];
    return { url: prefix(d, lang) + "runbooks/" + id + "/", title: entryLang ? entryLang[0] : id,
             excerpt: escapeText(note || id), lang, archived: Boolean(entryLang && entryLang[1]),
             products: entryLang ? entryLang[2] : [] };
  }

  // Results for `query` in `lang`: article numbers, then known codes (their runbooks, ranked by the text
  // search, and their page), then the text results, then what Pagefind finds for codes without a page.
  async function resultsIn(d, lang, query) {
    const s = d.strings[lang];
    const found = KBCodes.recognize(query, d);
    const direct = [];
    for (const id of found.articles) {
      const group = d.runbooks[id];
      if (group && group[lang]) {
        direct.push(runbookItem(d, lang, id, group[lang][1] ? s["search.archived"] + " · " + id : id));
      } else if ((d.moved[lang] || []).includes(id)) {
        direct.push({ url: prefix(d, lang) + "runbooks/" + id + "/", title: id, excerpt: escapeText(s["search.moved"]), lang });
      } else if (group) {
        const other = Object.keys(group)[0];
        direct.push({ url: prefix(d, lang) + "runbooks/" + id + "/", title: group[other][0],
                      excerpt: escapeText(s["search.no_results_here"] + " · " + id), lang });
      }
    }
    const codeOnly = !found.words.length && !found.unknown.length && (found.known.length || found.articles.length);
    const single = !/\n/.test(query) && query.split(/\s+/).length <= 8 && !found.known.length && !found.articles.length;
    const text = codeOnly ? [] : await textSearch(lang, found.words, single ? query : "");
    const href = (url) => new URL(url, base).href; // Pagefind's URLs are site-root paths, ours absolute
    const rank = new Map(text.map((r, i) => [href(r.url), i]));
    for (const k of found.known) {
      const code = d.codes[k];
      const quoting = (code.runbooks[lang] || []).map((id) => runbookItem(d, lang, id, s["search.runbook_quotes"].replace("{code}", code.code)))
        .filter((r) => !r.archived && (!product || r.products.includes(product)));
      // first the runbooks quoting a message like the one pasted (as `lookup` ranks them), then those the
      // text search found, in its order
      const said = (code.quotes && code.quotes[lang]) || {};
      const likeness = new Map(quoting.map((r) => [r.url, Math.max(0, ...(said[r.url.split("/").slice(-2)[0]] || [])
        .map((message) => similarity(query, message)))]));
      const alike = quoting.filter((r) => likeness.get(r.url) >= 0.5)
        .sort((a, b) => likeness.get(b.url) - likeness.get(a.url));
      const others = quoting.filter((r) => !alike.includes(r));
      const ranked = [...alike, ...others.filter((r) => rank.has(href(r.url)))
        .sort((a, b) => rank.get(href(a.url)) - rank.get(href(b.url)))];
      const rest = others.filter((r) => !rank.has(href(r.url)));
      const page = { url: prefix(d, lang) + "errors/" + code.slug + "/", title: code.code,
                     excerpt: escapeText(s["search.code_page"]), lang };
      direct.push(...ranked, ...(rest.length === 1 ? [rest[0], page] : [page, ...rest]));
    }
    const excerpts = new Map(text.map((r) => [href(r.url), r.excerpt]));
    const titles = (found.known.length || found.articles.length ? [] : titleSearch(d, lang, found.words))
      .map((r) => ({ ...r, excerpt: excerpts.get(href(r.url)) || r.excerpt })); // Pagefind's, with <mark>
    const more = [];
    for (const code of found.unknown) more.push(...await textSearch(lang, [], code));
    const seen = new Set();
    return [...direct, ...titles, ...text, ...more].filter((r) => {
      const url = new URL(r.url, base).href;
      if (seen.has(url)) return false;
      seen.add(url);
      return true;
    });
  }

  function item(r, label) {
    const li = document.createElement("li");
    li.className = "md-search-result__item";
    li.innerHTML = '<a class="md-search-result__link" tabindex="-1"><article class="md-search-result__article md-typeset">' +
      "<h1></h1><p></p></article></a>";
    li.querySelector("a").href = r.url;
    li.querySelector("a").hreflang = r.lang;
    li.querySelector("h1").textContent = r.title;
    li.querySelector("p").innerHTML = r.excerpt; // Pagefind escapes the text and adds <mark>; ours: escapeText
    if (label) {
      const badge = document.createElement("span");
      badge.className = "kb-lang-badge";
      badge.textContent = label;
      li.querySelector("h1").append(" ", badge);
      li.lang = r.lang;
    }
    return li;
  }

  function render(query, results, others, d) {
    const s = d.strings[pageLang] || d.strings[Object.keys(d.strings)[0]];
    if (results.length || !others.length) {
      meta.textContent = plural(results.length);
      list.replaceChildren(...results.slice(0, MAX).map((r) => item(r)));
    } else {
      meta.textContent = s["search.other_languages"];
      list.replaceChildren(...others.slice(0, MAX).map((r) => item(r, d.languages[r.lang].name)));
    }
    root.dataset.kbProduct = product;
    root.dataset.kbQuery = query; // what the results shown are for (tests wait on it)
  }

  // Products of this language's runbooks (kb-search/<lang>.json: Pagefind's own filter index is not the same
  // byte for byte from one build to the next, the site is).
  function productFilter(d) {
    if (select) return;
    const products = [...new Set(Object.values(d.runbooks).flatMap((langs) => (langs[pageLang] && !langs[pageLang][1]
      ? langs[pageLang][2] : [])))].sort((a, b) => a.localeCompare(b));
    if (!products.length) return;
    const s = d.strings[pageLang];
    const label = document.createElement("label");
    label.className = "kb-search-filter";
    label.textContent = s["search.filter.product"] + " ";
    select = document.createElement("select");
    select.name = "product";
    select.append(new Option(s["search.filter.all"], ""), ...products.map((p) => new Option(p, p)));
    select.addEventListener("change", () => { product = select.value; run(); });
    label.append(select);
    meta.before(label);
  }

  async function run() {
    const query = input.value.trim();
    const mine = ++seq;
    if (!query) {
      meta.textContent = t["search.result.placeholder"];
      list.replaceChildren();
      delete root.dataset.kbQuery;
      return;
    }
    const d = await load(pageLang);
    productFilter(d);
    const results = await resultsIn(d, pageLang, query);
    if (mine !== seq) return;
    let others = [];
    if (!results.length) {
      for (const lang of Object.keys(d.languages)) {
        if (lang !== pageLang) others.push(...(await resultsIn(await load(lang), lang, query)).slice(0, 5));
      }
      if (mine !== seq) return;
    }
    render(query, results, others, d);
  }

  function prepare() {
    load(pageLang).then(productFilter).catch(() => {});
  }

  let timer = null;
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 120); });
  // A text box drops the line breaks of a pasted log or stack trace, gluing each line to the next
  // (`failedRED-520025`): paste them as spaces instead.
  input.addEventListener("paste", (event) => {
    const text = event.clipboardData && event.clipboardData.getData("text/plain");
    if (!text || !/[\r\n]/.test(text)) return;
    event.preventDefault();
    input.setRangeText(text.replace(/\s*[\r\n]+\s*/g, " ").trim(), input.selectionStart, input.selectionEnd, "end");
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });
  root.querySelector("form").addEventListener("submit", (event) => { event.preventDefault(); clearTimeout(timer); run(); });
  root.querySelector("form").addEventListener("reset", () => { input.value = ""; run(); });
  input.addEventListener("focus", () => { if (!toggle.checked) toggle.checked = true; prepare(); });
  toggle.addEventListener("change", () => { if (toggle.checked) { input.focus(); prepare(); } });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && toggle.checked) { toggle.checked = false; input.blur(); }
  });

  // The home page's search field (hooks/home_page.py) hands its query to this box and opens it
  const home = document.querySelector("[data-kb-home-search]");
  if (home) {
    const field = home.querySelector("input");
    home.addEventListener("submit", (event) => {
      event.preventDefault();
      input.value = field.value;
      toggle.checked = true;
      input.focus();
      run();
    });
  }
})();
