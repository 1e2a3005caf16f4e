// The header search box, backed by Pagefind. Pagefind keeps one index per <html lang>, so a French page
// searches French runbooks only. Error codes and article numbers (RED-520025, KA-19371) are matched
// exactly: Pagefind splits them at "-", so for such queries we keep only results whose text has the code.
(function () {
  "use strict";
  const root = document.querySelector("[data-kb-search]");
  if (!root) return;
  const config = JSON.parse(document.getElementById("__config").textContent);
  const t = config.translations;
  const input = root.querySelector("[data-kb-search-query]");
  const meta = root.querySelector(".md-search-result__meta");
  const list = root.querySelector(".md-search-result__list");
  const toggle = document.getElementById("__search");
  const base = new URL(config.base.replace(/\/?$/, "/"), location.href);
  const CODE = /^[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*-\d+$/;
  let pagefind = null;
  let hasLanguage = false;
  let seq = 0;

  // One shared promise: the focus handler and the first search must not initialise Pagefind twice, nor
  // search before the language check below has run.
  function engine() {
    if (!pagefind) {
      pagefind = (async () => {
        const pf = await import(new URL("pagefind/pagefind.js", base).href);
        await pf.options({ baseUrl: base.pathname });
        await pf.init();
        // Pagefind falls back to another language's index when the page's has none: never mix languages
        const entry = await (await fetch(new URL("pagefind/pagefind-entry.json", base))).json();
        const lang = document.documentElement.lang.toLowerCase();
        hasLanguage = Object.keys(entry.languages || {}).some((code) => code.toLowerCase() === lang);
        return pf;
      })().catch((error) => { pagefind = null; throw error; });
    }
    return pagefind;
  }

  function plural(count) {
    if (count === 0) return t["search.result.none"];
    if (count === 1) return t["search.result.one"];
    return t["search.result.other"].replace("#", String(count));
  }

  function render(results) {
    meta.textContent = plural(results.length);
    list.replaceChildren(...results.map((r) => {
      const item = document.createElement("li");
      item.className = "md-search-result__item";
      item.innerHTML = '<a class="md-search-result__link" tabindex="-1"><article class="md-search-result__article md-typeset">' +
        "<h1></h1><p></p></article></a>";
      item.querySelector("a").href = r.url;
      item.querySelector("h1").textContent = (r.meta && r.meta.title) || r.url;
      item.querySelector("p").innerHTML = r.excerpt; // Pagefind escapes the text and adds <mark>
      return item;
    }));
  }

  async function run() {
    const query = input.value.trim();
    const mine = ++seq;
    if (!query) {
      meta.textContent = t["search.result.placeholder"];
      list.replaceChildren();
      return;
    }
    const pf = await engine();
    if (!hasLanguage) {
      if (mine === seq) render([]);
      return;
    }
    const search = await pf.search(query);
    if (mine !== seq || !search) return;
    let results = await Promise.all(search.results.slice(0, 50).map((r) => r.data()));
    if (CODE.test(query)) {
      const code = query.toUpperCase();
      results = results.filter((r) => r.content.toUpperCase().includes(code));
    }
    if (mine === seq) render(results.slice(0, 20));
  }

  let timer = null;
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 120); });
  root.querySelector("form").addEventListener("submit", (event) => { event.preventDefault(); run(); });
  root.querySelector("form").addEventListener("reset", () => { input.value = ""; run(); });
  input.addEventListener("focus", () => { if (!toggle.checked) toggle.checked = true; engine(); });
  toggle.addEventListener("change", () => { if (toggle.checked) { input.focus(); engine(); } });
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
