// Small enhancements for the reader. Everything works without them.
// Material's instant navigation swaps pages without reloading, so run on every page it shows.
function readerInit() {
  // Name the search dialog for screen readers (Material's markup leaves it unnamed).
  const search = document.querySelector(".md-search[role=dialog]");
  if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", "Search");

  readerNotes();
  readerCitations();
  readerSuggest();
  // A code block wider than the screen scrolls: the keyboard must reach it to scroll it.
  document.querySelectorAll(".md-typeset pre > code").forEach((code) => {
    if (code.scrollWidth > code.clientWidth && !code.hasAttribute("tabindex")) code.tabIndex = 0;
  });
}

// Notes open where the reader taps or clicks: the note's number or its marked phrase shows the note
// in a small panel right under the paragraph, not at the end of the page. Escape or the close button
// closes it and gives focus back. The notes list stays, for print and for reading straight through.
function readerNotes() {
  // (Material's instant navigation writes links out in full: match the note's anchor anywhere in them.)
  const refs = document.querySelectorAll('.reader-ref a[href*="#note-"]');
  refs.forEach((ref) => {
    if (ref.dataset.readerPopover) return;
    ref.dataset.readerPopover = "1";
    ref.setAttribute("aria-haspopup", "dialog");
    ref.addEventListener("click", (event) => {
      event.preventDefault();
      openNote(ref);
    });
    // The phrase is the mark before the number; for a correction, the corrected reading too (in the
    // corrected text, the only wording shown: a tap on it shows the original, in the note).
    const tappable = [];
    let mark = ref.closest("sup")?.previousElementSibling;
    if (mark && mark.matches("ins.reader-reading")) tappable.push(mark), (mark = mark.previousElementSibling);
    if (mark && mark.tagName === "MARK" && !mark.closest("a")) tappable.push(mark);
    tappable.forEach((element) => {
      element.classList.add("reader-tappable");
      element.addEventListener("click", () => openNote(ref));
    });
  });
  if (refs.length && !document.querySelector(".reader-mode")) addReadingMode();
}

function openNote(ref) {
  closeNote();
  const entry = document.getElementById(new URL(ref.href).hash.slice(1));
  if (!entry) return;
  const panel = popoverPanel("reader-popover", ref.getAttribute("aria-label") || "Note", "Close the note");
  const content = entry.cloneNode(true);
  content.querySelectorAll(".reader-back, .reader-anchor").forEach((extra) => extra.remove());
  panel.insertAdjacentHTML("beforeend", content.innerHTML);
  panel.readerTrigger = ref;
  const passage = ref.closest(".reader-passage") || ref.closest("p");
  passage.after(panel);
  panel.focus();
}

// A panel that opens under a passage: a dialog with a close button (Escape closes it too).
function popoverPanel(className, label, closeLabel) {
  const panel = document.createElement("div");
  panel.className = className;
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-label", label);
  panel.tabIndex = -1;
  const close = document.createElement("button");
  close.type = "button";
  close.className = "reader-popover-close";
  close.setAttribute("aria-label", closeLabel);
  close.textContent = "×";
  close.addEventListener("click", () => closeNote());
  panel.append(close);
  return panel;
}

function closeNote() {
  const open = document.querySelector(".reader-popover");
  if (!open) return;
  const trigger = open.readerTrigger;
  open.remove();
  if (trigger) trigger.focus();
}

document.addEventListener("keydown", (event) => {
  if (event.key === "Escape") closeNote();
});

// A preview Material shows from a mark's `title` (a copy's ⇄, a term) goes away with Escape, until
// the pointer or the focus moves to something else (WCAG 1.4.13). On a touch screen it never shows
// (reader.css): a tap follows the link.
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  document.querySelectorAll(".md-tooltip2--active").forEach((tip) => (tip.style.display = "none"));
});
["pointerover", "focusin"].forEach((kind) =>
  document.addEventListener(kind, () => {
    document.querySelectorAll(".md-tooltip2").forEach((tip) => (tip.style.display = ""));
  }),
);

// How the text is shown, remembered across pages. Every mode shows that a passage is corrected, so a
// mode chosen on one article never shows another's error as if it were right:
// - "Corrected": a correction's reading in the sentence, marked as corrected, the original on tap;
// - "Original": the original words, marked as an error, the reading beside them;
// - "Clean": the corrected text with no other note, copy or glossary mark.
// Without scripts the page shows the original view, which holds both wordings.
const READING_MODES = [["corrected", "Corrected"], ["original", "Original"], ["text", "Clean"]];
// Choices stored by earlier versions: "all" (stored on every first visit) and "corrections" showed
// every note; "none" was the text alone.
const OLDER_MODES = { all: "corrected", corrections: "corrected", none: "text" };

function readingMode() {
  let stored = null;
  try {
    stored = localStorage.getItem("reader-notes");
  } catch (error) {
    // Private browsing: every page starts with the corrected text.
  }
  if (READING_MODES.some(([mode]) => mode === stored)) return stored;
  return OLDER_MODES[stored] || "corrected";
}

function addReadingMode() {
  const byline = document.querySelector(".reader-byline");
  if (!byline) return;
  const group = document.createElement("div");
  group.className = "reader-mode";
  group.setAttribute("role", "radiogroup");
  group.setAttribute("aria-label", "How the text is shown");
  const label = document.createElement("span");
  label.className = "reader-mode-label";
  label.textContent = "Text:";
  label.setAttribute("aria-hidden", "true");
  group.append(label);
  READING_MODES.forEach(([mode, label]) => {
    const button = document.createElement("button");
    button.type = "button";
    button.setAttribute("role", "radio");
    button.dataset.mode = mode;
    button.textContent = label;
    button.addEventListener("click", () => setReadingMode(mode, true));
    group.appendChild(button);
  });
  // A radio group: one stop for Tab, the arrow keys move the choice.
  group.addEventListener("keydown", (event) => {
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    if (!step) return;
    event.preventDefault();
    const modes = READING_MODES.map(([mode]) => mode);
    const next = modes[(modes.indexOf(document.body.dataset.readerNotes) + step + modes.length) % modes.length];
    setReadingMode(next, true);
    group.querySelector(`[data-mode="${next}"]`).focus();
  });
  byline.after(group);
  setReadingMode(readingMode(), false);
}

function setReadingMode(mode, remember) {
  document.body.dataset.readerNotes = mode;
  document.querySelectorAll(".reader-mode button").forEach((button) => {
    button.setAttribute("aria-checked", String(button.dataset.mode === mode));
    button.tabIndex = button.dataset.mode === mode ? 0 : -1;
  });
  if (!remember) return;
  try {
    localStorage.setItem("reader-notes", mode);
  } catch (error) {
    // Private browsing: the choice holds for this page only.
  }
}

// A citation for each paragraph, from the article's metadata (#reader-citation): author, its own
// headline, outlet, its own date (or "n.d."), where the text first appeared, the paragraph, the link
// and the day it was read; in the style a reader picks (remembered). Copied only when asked.
const CITATION_STYLES = [["plain", "Plain"], ["apa", "APA"], ["mla", "MLA"], ["chicago", "Chicago"],
  ["bibtex", "BibTeX"], ["csl", "CSL-JSON"]];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
  "October", "November", "December"];

function writtenDate(iso, monthFirst) {
  const [y, m, d] = iso.split("-").map(Number);
  if (!y) return "";
  if (!m) return String(y);
  const month = MONTHS[m - 1];
  if (!d) return `${month} ${y}`;
  return monthFirst ? `${month} ${d}, ${y}` : `${d} ${month} ${y}`;
}

function citation(style, facts, paragraph, url) {
  const today = new Date().toISOString().slice(0, 10);
  const date = facts.published; // the copy's own date only: a capture date is never a publication date
  const year = (date || facts.first || "n.d.").slice(0, 4);
  const author = facts.author ? `${facts.author}. ` : "";
  const listed = facts.author ? `${inverted(facts.author).replace(/\.$/, "")}. ` : ""; // "Bhadrakumar, M. K." in APA, MLA, Chicago
  const first = facts.first ? `Originally published ${writtenDate(facts.first, false)}.` : "";
  // The page this copy was read from, and when it was saved: after the reader's own link, never as a date of publication.
  const copied = [facts.source && `of ${facts.source}`, facts.captured && `saved ${writtenDate(facts.captured, false)}`];
  const source = ` Copy in ${SITE_NAME()}${copied.some(Boolean) ? ` (${copied.filter(Boolean).join(", ")})` : ""}.`;
  const origin = facts.origin || first ? ` ${facts.origin || first}` : "";
  const para = `¶${paragraph}`;
  if (style === "apa") {
    const when = date ? `(${writtenDate(date, true).replace(/^(\w+) (\d+), (\d+)$/, "$3, $1 $2")})` : "(n.d.)";
    // APA: surname and initials; with no author, the title takes the author's place.
    const lead = facts.author ? `${initialled(facts.author)} ${when}. ${facts.title}.` : `${facts.title}. ${when}.`;
    return `${lead} ${facts.outlet || "[n.p.]"}, ${para}.${origin} ${url}${source}`;
  }
  if (style === "mla") {
    const when = date ? `, ${writtenDate(date, false)}` : "";
    return `${listed}“${facts.title}.” ${facts.outlet || "n.p."}${when}, ${para}.${origin} ${url}. Accessed ${writtenDate(today, false)}.${source}`;
  }
  if (style === "chicago") {
    const when = date ? `, ${writtenDate(date, true)}` : ", n.d.";
    return `${listed}“${facts.title}.” ${facts.outlet || "n.p."}${when}, ${para}.${origin} ${url} (accessed ${writtenDate(today, true)}).${source}`;
  }
  if (style === "bibtex") {
    const key = (facts.author.split(" ").pop() || "anon").toLowerCase() + year.replace("n.d.", "nd");
    const fields = [["author", facts.author && inverted(facts.author)], ["title", `{${facts.title}}`],
      ["journaltitle", facts.outlet], ["date", date], ["url", url], ["urldate", today],
      ["note", `${para}.${origin}${source}`]].filter(([, value]) => value);
    return `@article{${key.replace(/[^a-z0-9]/g, "")},\n${fields.map(([k, v]) => `  ${k} = {${v}}`).join(",\n")}\n}`;
  }
  if (style === "csl") {
    const parts = (iso) => ({ "date-parts": [iso.split("-").map(Number)] });
    const item = { type: "article-newspaper", title: facts.title, URL: url, accessed: parts(today), note: `${para}.${origin}${source}` };
    if (facts.author) item.author = [{ literal: facts.author }];
    if (facts.outlet) item["container-title"] = facts.outlet;
    if (date) item.issued = parts(date);
    return JSON.stringify([item], null, 2);
  }
  const when = date ? writtenDate(date, false) : "n.d.";
  return `${author}“${facts.title}”, ${facts.outlet || "outlet not stated"}, ${when}, ${para}.${origin} ${url}${source}`;
}

// "M. K. Bhadrakumar" as a reference list sorts it: "Bhadrakumar, M. K.".
// "Fabien Zamora" as APA lists it: "Zamora, F.".
function initialled(name) {
  const words = name.trim().split(/\s+/);
  if (words.length < 2 || name.includes(",")) return name;
  const surname = words.pop();
  return `${surname}, ${words.map((word) => (word.endsWith(".") ? word : `${word[0]}.`)).join(" ")}`;
}

function inverted(name) {
  const words = name.trim().split(/\s+/);
  return words.length < 2 || name.includes(",") ? name : `${words.pop()}, ${words.join(" ")}`;
}

const SITE_NAME = () => document.querySelector('meta[property="og:site_name"]')?.content || "this reader";

function citationStyle() {
  try {
    return localStorage.getItem("reader-citation") || "plain";
  } catch (error) {
    return "plain";
  }
}

function readerCitations() {
  const data = document.getElementById("reader-citation");
  if (!data) return;
  const facts = { ...data.dataset };
  document.querySelectorAll("p.reader-paragraph, blockquote.reader-paragraph").forEach((paragraph) => {
    if (paragraph.querySelector(".reader-cite")) return;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "reader-cite";
    button.textContent = "Cite";
    button.setAttribute("aria-label", `Cite paragraph ${paragraph.id.slice(1)}`);
    button.setAttribute("aria-expanded", "false");
    button.addEventListener("click", () => openCitation(button, paragraph, facts));
    const permalink = paragraph.querySelector(".reader-permalink");
    (permalink || paragraph.lastChild).after(button);
  });
}

function openCitation(button, paragraph, facts) {
  const open = document.querySelector(".reader-citation-panel");
  if (open) open.remove();
  document.querySelectorAll(".reader-cite[aria-expanded='true']").forEach((b) => b.setAttribute("aria-expanded", "false"));
  const url = new URL(`#${paragraph.id}`, window.location.href).href;
  const panel = document.createElement("div");
  panel.className = "reader-citation-panel";
  panel.setAttribute("role", "group");
  panel.setAttribute("aria-label", `Citation of paragraph ${paragraph.id.slice(1)}`);
  const label = document.createElement("label");
  label.textContent = "Style ";
  const select = document.createElement("select");
  CITATION_STYLES.forEach(([value, name]) => select.append(new Option(name, value)));
  select.value = citationStyle();
  label.append(select);
  const text = document.createElement("textarea");
  text.readOnly = true;
  text.rows = 4;
  text.setAttribute("aria-label", "Citation");
  const copy = document.createElement("button");
  copy.type = "button";
  copy.textContent = "Copy";
  const status = document.createElement("span");
  status.setAttribute("role", "status");
  const close = document.createElement("button");
  close.type = "button";
  close.textContent = "Close";
  const show = () => {
    text.value = citation(select.value, facts, paragraph.id.slice(1), url);
    status.textContent = "";
  };
  select.addEventListener("change", () => {
    try {
      localStorage.setItem("reader-citation", select.value);
    } catch (error) {
      // Private browsing: the style holds for this page only.
    }
    show();
  });
  copy.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(text.value);
      status.textContent = "Copied.";
    } catch (error) {
      text.select();
      status.textContent = "Select the text and copy it.";
    }
  });
  const dismiss = () => {
    panel.remove();
    button.setAttribute("aria-expanded", "false");
    button.focus();
  };
  close.addEventListener("click", dismiss);
  panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape") dismiss();
  });
  panel.append(label, text, copy, status, close);
  paragraph.after(panel);
  button.setAttribute("aria-expanded", "true");
  show();
  select.focus();
}

// Suggest a note: select words in a paragraph and a "Suggest a note" control offers the YAML entry
// for them, as `build_site.py check` accepts it: the quote as the cleaned text has it (what the page
// adds to a paragraph, note numbers and corrected readings, left out), and the shortest prefix or
// suffix that makes it unique in the article. The control sits in the page right after the
// paragraph's words, so the Tab key reaches it from the selection. The panel says where reports go;
// it copies the entry only when asked.
const SUGGEST_ADDED = "sup.reader-ref, ins.reader-reading"; // what the page adds inside a paragraph's words
const SUGGEST_MARKS = "mark.reader-note, mark.reader-correction, mark.reader-link";
const SUGGEST_PLACEHOLDER = "write the note here, and cite a source for anything the text itself does not say.";
const SUGGEST_CATEGORIES = ["translation", "fact", "date", "name", "scrape"];

function readerSuggest() {
  const data = document.getElementById("reader-suggest");
  if (!data || document.body.dataset.readerSuggest) return;
  // A site that names no place for reports offers the control only in a preview on one's own machine,
  // where the entry goes into one's own copy of the annotations.
  if (!data.dataset.report && !onThisMachine()) return;
  document.body.dataset.readerSuggest = "1";
  let timer;
  let touching = false;
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(() => touching || showSuggestControl(), 150);
  };
  document.addEventListener("selectionchange", later);
  // On a touch screen the control waits until the finger is lifted (the selection's handles moved).
  document.addEventListener("touchstart", () => (touching = true), { passive: true });
  document.addEventListener("touchend", () => ((touching = false), later()), { passive: true });
}

function onThisMachine() {
  return ["localhost", "127.0.0.1", "[::1]"].includes(location.hostname) || location.protocol === "file:";
}

// On a touch screen the phone's own menu sits over the selection: the control docks at the foot of
// the screen instead, and nothing opens until it is tapped.
const DOCKED = window.matchMedia("(pointer: coarse)");

// The words of a paragraph as the cleaned text has them, with where each text node and note mark starts.
function paragraphWords(words) {
  const nodes = [];
  let text = "";
  const walker = document.createTreeWalker(words, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest(SUGGEST_ADDED)) continue;
    nodes.push({ node, start: text.length });
    text += node.data;
  }
  const marks = [...words.querySelectorAll(SUGGEST_MARKS)].map((mark) => {
    const inside = nodes.filter((n) => mark.contains(n.node));
    const last = inside[inside.length - 1];
    return { start: inside.length ? inside[0].start : 0, end: last ? last.start + last.node.data.length : 0 };
  });
  return { text, nodes, marks };
}

// A point of the selection as an offset in the cleaned words: a point inside something the page
// added counts as the place where it was added.
function wordOffset(words, container, offset) {
  const point = document.createRange();
  point.setStart(container, offset);
  let total = 0;
  for (const { node } of words.nodes) {
    if (node === container) return total + offset;
    if (point.comparePoint(node, node.data.length) > 0) break;
    total += node.data.length;
  }
  return total;
}

function normalizeSpace(text) {
  return text.replace(/[\u200b\ufeff\u00ad]/g, "").split(/\s+/).filter(Boolean).join(" ");
}

function selectedPassage() {
  const selection = document.getSelection();
  if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
  const range = selection.getRangeAt(0);
  const paragraphOf = (node) => (node.nodeType === 1 ? node : node.parentElement)?.closest(".reader-paragraph");
  const first = paragraphOf(range.startContainer);
  const last = paragraphOf(range.endContainer);
  if (!first && !last) return null;
  const paragraph = first || last;
  const element = paragraph.querySelector(".reader-text");
  if (!element) return null;
  const words = paragraphWords(element);
  // A selection that only reaches the very start of the next paragraph (a triple click) is in one.
  const endsAtNext = last && last !== first && !wordOffset(paragraphWords(last.querySelector(".reader-text")), range.endContainer, range.endOffset);
  if (first && last && first !== last && !endsAtNext) return { across: true, paragraph: first };
  let start = first ? wordOffset(words, range.startContainer, range.startOffset) : 0;
  let end = last === first ? wordOffset(words, range.endContainer, range.endOffset) : words.text.length;
  while (start < end && /\s/.test(words.text[start])) start++;
  while (end > start && /\s/.test(words.text[end - 1])) end--;
  // Whole words: a selection that stops inside one (as a drag often does) takes all of it.
  const letter = /[\p{L}\p{N}]/u;
  while (start > 0 && start < end && letter.test(words.text[start - 1]) && letter.test(words.text[start])) start--;
  while (end < words.text.length && end > start && letter.test(words.text[end]) && letter.test(words.text[end - 1])) end++;
  // A quote may hold another note's quote or lie inside it, never cut across it: widen it to the whole mark.
  for (let changed = true; changed; ) {
    changed = false;
    for (const mark of words.marks) {
      if (mark.start < start && start < mark.end && mark.end < end) (start = mark.start), (changed = true);
      if (start < mark.start && mark.start < end && end < mark.end) (end = mark.end), (changed = true);
    }
  }
  if (start >= end) return null;
  return { paragraph, element, text: words.text, start, end, range };
}

// Every paragraph's cleaned words, as `reader.annotations.anchor.find` searches them: the title,
// the headings and the paragraphs.
function articleTexts() {
  const data = document.getElementById("reader-suggest");
  const texts = [{ id: "title", text: data.dataset.title || "" }];
  document.querySelectorAll("h2.reader-heading, .reader-paragraph").forEach((element) => {
    const words = element.matches(".reader-paragraph") ? element.querySelector(".reader-text") : null;
    const text = words
      ? paragraphWords(words).text
      : [...element.childNodes].filter((n) => !(n.nodeType === 1 && n.matches(".headerlink"))).map((n) => n.textContent).join("").trim();
    texts.push({ id: element.id, text });
  });
  return texts;
}

// Where `quote` occurs in the article, with the text before and after each occurrence.
function occurrences(quote, texts) {
  const found = [];
  texts.forEach(({ id, text }) => {
    for (let at = text.indexOf(quote); at >= 0; at = text.indexOf(quote, at + 1)) {
      found.push({ id, start: at, before: text.slice(0, at).trimEnd(), after: text.slice(at + quote.length).trimStart() });
    }
  });
  return found;
}

// Each way of taking the words next to the quote, shortest first, word by word.
function contexts(text, fromEnd) {
  const cuts = [];
  for (let i = 0; i < text.length; i++) {
    if (fromEnd ? i === 0 || /\s/.test(text[i - 1]) : i === text.length - 1 || /\s/.test(text[i + 1])) {
      cuts.push(fromEnd ? text.slice(i) : text.slice(0, i + 1));
    }
  }
  return fromEnd ? cuts.reverse() : cuts;
}

// The shortest prefix and suffix (either, or both) that tell this occurrence from the others, or null.
function shortestContext(mine, others) {
  const prefixes = ["", ...contexts(mine.before, true)];
  const suffixes = ["", ...contexts(mine.after, false)];
  let best = null;
  for (const prefix of prefixes) {
    for (const suffix of suffixes) {
      const length = prefix.length + suffix.length;
      if (best && length >= best.length) break;
      const alone = others.every(
        (o) => (prefix && !o.before.endsWith(prefix)) || (suffix && !o.after.startsWith(suffix)),
      );
      if (alone) best = { prefix, suffix, length };
    }
  }
  return best;
}

function noteId(quote, paragraphId) {
  const words = quote
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .filter(Boolean)
    .slice(0, 5);
  const taken = new Set([...document.querySelectorAll(".reader-note-entry")].map((entry) => entry.id.slice(5)));
  let id = [...words, paragraphId].join("-").slice(0, 70).replace(/-+$/, "");
  for (let n = 2; taken.has(id); n++) id = `${[...words, paragraphId].join("-").slice(0, 66)}-${n}`;
  return id;
}

// The YAML: double-quoted strings, which JSON writes in a form YAML reads.
function suggestedEntry(passage, kind, category) {
  const data = document.getElementById("reader-suggest");
  const quote = normalizeSpace(passage.text.slice(passage.start, passage.end));
  const texts = articleTexts();
  const found = occurrences(quote, texts);
  const mine = found.find((o) => o.id === passage.paragraph.id && o.start === passage.start) || found[0];
  const others = found.filter((o) => o !== mine);
  const context = others.length ? shortestContext(mine, others) : { prefix: "", suffix: "" };
  if (!context) return { error: "These words occur more than once with the same words around them: select a longer passage." };
  const lines = [`- id: ${noteId(quote, passage.paragraph.id)}`, `  kind: ${kind}`, `  quote: ${JSON.stringify(quote)}`];
  if (context.prefix) lines.push(`  prefix: ${JSON.stringify(normalizeSpace(context.prefix))}`);
  if (context.suffix) lines.push(`  suffix: ${JSON.stringify(normalizeSpace(context.suffix))}`);
  if (kind === "correction") {
    // Empty until written: `build_site.py check` refuses the entry as it is.
    lines.push(`  reading: ""  # the words as they should read`, `  category: ${category}`);
  }
  lines.push(`  text: ${JSON.stringify(SUGGEST_PLACEHOLDER)}`);
  lines.push("  sources:  # what shows it, for anything the text itself does not say; else delete these lines",
    '    - title: ""', '      url: ""');
  const item = lines.map((line) => `  ${line}`).join("\n");
  const state = data.dataset.state;
  const head = state === "none"
    ? `# yaml-language-server: $schema=../schema/annotations.schema.json\narticle: ${data.dataset.article}\nnotes:\n`
    : state === "file" ? "notes:\n" : "";
  return { yaml: head + item + "\n", state };
}

function showSuggestControl() {
  const passage = selectedPassage();
  const control = document.querySelector(".reader-suggest-control");
  if (!passage) {
    if (control && !control.contains(document.activeElement)) control.remove();
    return;
  }
  const button = control || document.createElement("button");
  if (!control) {
    button.type = "button";
    button.className = "reader-suggest-control";
    button.textContent = "Suggest a note";
    button.addEventListener("mousedown", (event) => event.preventDefault()); // keep the selection
    button.addEventListener("click", () => openSuggestion(selectedPassage() || button.readerPassage));
  }
  button.readerPassage = passage;
  const words = passage.element || passage.paragraph;
  if (words.nextSibling !== button) words.after(button);
  button.classList.toggle("reader-suggest-docked", DOCKED.matches);
  if (DOCKED.matches) {
    button.style.top = button.style.left = "";
    return;
  }
  // Shown just under the selection's end; in the page's order right after the paragraph's words.
  const box = (passage.paragraph.closest(".reader-passage") || passage.paragraph).getBoundingClientRect();
  const ends = document.getSelection().getRangeAt(0).getClientRects();
  const end = ends[ends.length - 1] || box;
  button.style.top = `${end.bottom - box.top + 4}px`;
  button.style.left = `${Math.max(0, Math.min(end.right - box.left - button.offsetWidth / 2, box.width - button.offsetWidth))}px`;
}

function openSuggestion(passage) {
  closeNote();
  document.querySelector(".reader-suggest")?.remove();
  const data = document.getElementById("reader-suggest");
  const panel = popoverPanel("reader-suggest reader-popover", "Suggest a note", "Close");
  const heading = document.createElement("p");
  heading.className = "reader-suggest-title";
  heading.textContent = "Suggest a note";
  panel.append(heading);
  const passageBox = passage.paragraph.closest(".reader-passage") || passage.paragraph;
  panel.readerTrigger = document.querySelector(".reader-suggest-control");
  if (passage.across) {
    const message = document.createElement("p");
    message.textContent =
      "A note belongs to one paragraph: select words within a single paragraph (a note on a longer passage goes on its first paragraph).";
    panel.append(message);
    passageBox.after(panel);
    panel.focus();
    return;
  }
  const form = document.createElement("div");
  form.className = "reader-suggest-form";
  form.append(suggestSelect("Kind", [["context", "Context"], ["correction", "Correction"]]));
  const category = suggestSelect("Category", SUGGEST_CATEGORIES.map((c) => [c, c]));
  category.hidden = true;
  form.append(category);
  panel.append(form);
  const code = document.createElement("pre");
  code.className = "reader-suggest-yaml";
  code.tabIndex = 0;
  panel.append(code);
  const status = document.createElement("p");
  status.className = "reader-suggest-status";
  status.setAttribute("role", "status");
  const copy = document.createElement("button");
  copy.type = "button";
  copy.className = "reader-suggest-copy";
  copy.textContent = "Copy the entry";
  panel.append(copy, status);
  const where = document.createElement("p");
  where.className = "reader-suggest-where";
  panel.append(where);
  const links = document.createElement("p");
  links.className = "reader-suggest-links";
  panel.append(links);

  const update = () => {
    const kind = form.querySelector("select").value;
    category.hidden = kind !== "correction";
    const entry = suggestedEntry(passage, kind, category.querySelector("select").value);
    code.textContent = entry.error || entry.yaml;
    copy.disabled = Boolean(entry.error);
    where.textContent = entry.error ? "" : suggestWhere(data, entry.state);
    links.replaceChildren(...(entry.error ? [] : suggestLinks(data, entry.yaml, passage)));
    status.textContent = "";
    return entry;
  };
  const copyEntry = async () => {
    const entry = update();
    if (entry.error) return;
    try {
      await navigator.clipboard.writeText(entry.yaml);
      status.textContent = "Copied to the clipboard.";
    } catch (error) {
      document.getSelection().selectAllChildren(code);
      status.textContent = "Select and copy the entry above.";
    }
  };
  form.querySelectorAll("select").forEach((select) => select.addEventListener("change", update));
  copy.addEventListener("click", copyEntry);
  passageBox.after(panel);
  update();
  panel.focus();
}

function suggestSelect(label, options) {
  const wrapper = document.createElement("label");
  wrapper.textContent = `${label} `;
  const select = document.createElement("select");
  options.forEach(([value, text]) => select.add(new Option(text, value)));
  wrapper.append(select);
  return wrapper;
}

function suggestWhere(data, state) {
  const file = data.dataset.file;
  const place = data.dataset.report
    ? `Reports go to ${data.dataset.reportlabel}.`
    : "This site names no place for reports (mkdocs.yml sets no repo_url or report_url): the entry goes into your own copy.";
  if (state === "none") return `${place} Save it as ${file} (a new file), write the text, and open a pull request.`;
  if (state === "file") return `${place} Add it at the end of ${file}, write the text, and open a pull request.`;
  return `${place} Paste it on the line after "notes:" in ${file}, write the text, and open a pull request.`;
}

function suggestLinks(data, yaml, passage) {
  const links = [];
  const add = (href, text) => {
    const a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    a.rel = "noopener";
    a.target = "_blank";
    links.push(a, document.createTextNode(" "));
  };
  if (data.dataset.state === "none" && data.dataset.new) {
    add(`${data.dataset.new}&value=${encodeURIComponent(yaml)}`, "Create the file on GitHub");
  } else if (data.dataset.edit) {
    add(data.dataset.edit, "Open the file in GitHub's editor");
  }
  const title = document.querySelector("h1")?.textContent.replace("¶", "").trim() || data.dataset.article;
  const url = new URL(`#${passage.paragraph.id}`, window.location.href).href;
  const subject = `Note: ${title}, ¶${passage.paragraph.id.slice(1)}`;
  const body = `A note suggested on ${url}\n\n\`\`\`yaml\n${yaml}\`\`\`\n`;
  const query = `${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
  if (data.dataset.issues) {
    add(`${data.dataset.issues}?title=${query}`, "Suggest it in an issue");
  } else if (data.dataset.report.startsWith("mailto:")) {
    add(`${data.dataset.report}?subject=${query}`, "Send it by email");
  } else if (data.dataset.report) {
    add(data.dataset.report, `Report it at ${data.dataset.reportlabel}`);
  }
  return links;
}

// A page opened at an anchor (a search result's paragraph) stays there. Zensical's theme (0.0.73) saves
// the scroll position as the page loads and restores it once the page is drawn; on a busy machine it
// saves it before the browser has jumped to the anchor, and takes the reader back to the top. Only
// that jump is undone: the first move to the top in the first seconds, before the reader touches
// anything.
function readerKeepAnchor() {
  const id = decodeURIComponent(location.hash.slice(1));
  const target = id && document.getElementById(id);
  if (!target) return;
  const until = performance.now() + 3000;
  const stop = () => {
    removeEventListener("scroll", watch);
    ["wheel", "touchstart", "keydown", "mousedown"].forEach((kind) => removeEventListener(kind, stop));
  };
  const watch = () => {
    if (performance.now() > until) return stop();
    if (scrollY === 0 && target.getBoundingClientRect().top > innerHeight) {
      stop();
      target.scrollIntoView();
    }
  };
  addEventListener("scroll", watch);
  ["wheel", "touchstart", "keydown", "mousedown"].forEach((kind) => addEventListener(kind, stop));
}

readerKeepAnchor();

// Material's search links a page's own result with an empty highlight ("…/?h="), when the query's
// words match only its sections: the address is cleaned as the results are written.
function readerCleanSearchLinks() {
  const list = document.querySelector(".md-search-result__list");
  if (!list || list.dataset.readerClean) return;
  list.dataset.readerClean = "true";
  const clean = () => {
    list.querySelectorAll('a[href*="?h="]').forEach((link) => {
      const url = new URL(link.href);
      if (url.searchParams.get("h") === "") {
        url.searchParams.delete("h");
        link.href = url.href;
      }
    });
  };
  new MutationObserver(clean).observe(list, { childList: true, subtree: true });
}

// Last, once everything above is defined: Material's instant navigation calls it on every page.
if (typeof document$ !== "undefined") {
  document$.subscribe(() => {
    readerInit();
    readerCleanSearchLinks();
  });
} else {
  document.addEventListener("DOMContentLoaded", () => {
    readerInit();
    readerCleanSearchLinks();
  });
}
