// Search with Pagefind in Material's own search box (mkdocs.yml: `extra: {search_engine: pagefind}`).
// Material's built-in search loads one index of the whole site before it can answer; Pagefind
// fetches only the small index chunks a query needs, so the first answer comes fast at any size.
// The hook unhooks Material's search script from the box; this script answers in its place,
// writing results into Material's own result list so they look the same.
(() => {
  const bundle = new URL("../pagefind/", document.currentScript.src);
  const input = document.querySelector(".md-search__input");
  const list = document.querySelector(".md-search-result__list");
  const meta = document.querySelector(".md-search-result__meta");
  const toggle = document.getElementById("__search");
  if (!input || !list || !meta) return;

  let engine = null;
  const load = () =>
    (engine ??= import(new URL("pagefind.js", bundle).href).then(async (pagefind) => {
      const baseUrl = new URL("../", bundle).pathname;
      await pagefind.options({ baseUrl });
      // A large site is indexed in shards (reader/site/pagefind.py): the others are merged into this one.
      const shards = await fetch(new URL("shards.json", bundle))
        .then((response) => (response.ok ? response.json() : []))
        .catch(() => []);
      for (const shard of shards) await pagefind.mergeIndex(new URL(shard, bundle).href, { baseUrl });
      await pagefind.init();
      return pagefind;
    }));

  const idle = "Type to start searching";
  meta.textContent = idle;
  input.addEventListener("focus", load);
  // Start Pagefind (about 60 KB and a WebAssembly module) once the page is idle, so that the first
  // query does not wait for it; the index chunks themselves are fetched only when a query needs them.
  const warm = () => (window.requestIdleCallback || setTimeout)(load);
  if (document.readyState === "complete") warm();
  else window.addEventListener("load", warm);
  const open = () => {
    load();
    input.focus();
    setTimeout(() => input.focus(), 50); // again, after Material's own handlers have run
  };
  toggle?.addEventListener("change", () => toggle.checked && open());
  // The keys Material's search answers to: "/" and "s" open the search, Escape closes it.
  document.addEventListener("keydown", (event) => {
    const typing = event.target.closest?.("input, textarea, [contenteditable]");
    if (!typing && (event.key === "/" || event.key === "s") && toggle) {
      event.preventDefault();
      toggle.checked = true;
      open();
    } else if (event.key === "Escape" && toggle?.checked) {
      toggle.checked = false;
      input.blur();
    }
  });

  let latest = 0;
  input.addEventListener("input", async () => {
    const query = input.value.trim();
    const ticket = ++latest;
    if (!query) {
      list.replaceChildren();
      meta.textContent = idle;
      return;
    }
    const pagefind = await load();
    const search = await pagefind.debouncedSearch(query, {}, 50);
    if (search === null || ticket !== latest) return; // a newer query is on its way
    const found = await Promise.all(search.results.slice(0, 10).map((result) => result.data()));
    if (ticket !== latest) return;
    // Each page once, even where a site indexed in shards holds a page in more than one of them.
    const results = found.filter((result, n) => found.findIndex((other) => other.url === result.url) === n);
    const count = search.results.length;
    meta.textContent = count ? `${count} matching document${count === 1 ? "" : "s"}` : "No matching documents";
    list.replaceChildren(...results.map(item));
  });

  // One result: the page's title, and the passage with the most hits, linked to it. Passages of
  // the article's text (each paragraph is a section, #s-p1, #s-p2, ...) come before its notes list.
  function item(result) {
    const sections = result.sub_results || [];
    const passages = sections.filter((sub) => /#s-p\d/.test(sub.url));
    const best = (passages.length ? passages : sections).reduce(
      (top, sub) => ((sub.locations || []).length > (top?.locations || []).length ? sub : top),
      null,
    );
    const li = document.createElement("li");
    li.className = "md-search-result__item";
    const link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = new URL(best ? best.url : result.url, location.href).href;
    const article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    const title = document.createElement("h1");
    title.textContent = result.meta.title || result.url;
    const excerpt = document.createElement("p");
    excerpt.append(...marked(best ? best.excerpt : result.excerpt));
    article.append(title, excerpt);
    link.append(article);
    li.append(link);
    return li;
  }

  // Pagefind's excerpt is escaped text with <mark> around the hits: keep the text and the marks only.
  function marked(excerpt) {
    const parsed = new DOMParser().parseFromString(`<p>${excerpt}</p>`, "text/html").body.firstChild;
    return [...parsed.childNodes].map((node) => {
      if (node.nodeName !== "MARK") return document.createTextNode(node.textContent);
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      return mark;
    });
  }
})();
