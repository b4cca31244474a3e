// Small enhancements for the reader. Everything works without them.
// Material's instant navigation swaps pages without reloading, so run on every page it shows.
function readerInit() {
  // Name the search dialog for screen readers (Material's markup leaves it unnamed).
  const search = document.querySelector(".md-search[role=dialog]");
  if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", "Search");

  readerNotes();
  readerCitations();
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
    // The phrase is the mark before the number (before the corrected reading, for a correction).
    let mark = ref.closest("sup")?.previousElementSibling;
    if (mark && mark.matches("ins.reader-reading")) mark = mark.previousElementSibling;
    if (mark && mark.tagName === "MARK" && !mark.closest("a")) {
      mark.classList.add("reader-tappable");
      mark.addEventListener("click", () => openNote(ref));
    }
  });
  if (refs.length && !document.querySelector(".reader-mode")) addReadingMode();
}

function openNote(ref) {
  closeNote();
  const entry = document.getElementById(new URL(ref.href).hash.slice(1));
  if (!entry) return;
  const panel = document.createElement("div");
  panel.className = "reader-popover";
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-label", ref.getAttribute("aria-label") || "Note");
  panel.tabIndex = -1;
  const content = entry.cloneNode(true);
  content.removeAttribute("id");
  content.querySelectorAll(".reader-back, .reader-anchor").forEach((extra) => extra.remove());
  panel.innerHTML = content.innerHTML;
  const close = document.createElement("button");
  close.type = "button";
  close.className = "reader-popover-close";
  close.setAttribute("aria-label", "Close the note");
  close.textContent = "×";
  close.addEventListener("click", () => closeNote());
  panel.prepend(close);
  panel.readerTrigger = ref;
  const passage = ref.closest(".reader-passage") || ref.closest("p");
  passage.after(panel);
  panel.focus();
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

// How many notes to show in the text: all, corrections only, or none; remembered across pages.
const READING_MODES = [["all", "All notes"], ["corrections", "Corrections only"], ["none", "No notes"]];

function readingMode() {
  try {
    return localStorage.getItem("reader-notes") || "all";
  } catch (error) {
    return "all";
  }
}

function addReadingMode() {
  const byline = document.querySelector(".reader-byline");
  if (!byline) return;
  const group = document.createElement("div");
  group.className = "reader-mode";
  group.setAttribute("role", "radiogroup");
  group.setAttribute("aria-label", "Notes shown in the text");
  READING_MODES.forEach(([mode, label]) => {
    const button = document.createElement("button");
    button.type = "button";
    button.setAttribute("role", "radio");
    button.dataset.mode = mode;
    button.textContent = label;
    button.addEventListener("click", () => setReadingMode(mode));
    group.appendChild(button);
  });
  byline.after(group);
  setReadingMode(readingMode());
}

function setReadingMode(mode) {
  document.body.dataset.readerNotes = mode;
  document.querySelectorAll(".reader-mode button").forEach((button) => {
    button.setAttribute("aria-checked", String(button.dataset.mode === mode));
  });
  try {
    localStorage.setItem("reader-notes", mode);
  } catch (error) {
    // Private browsing: the choice holds for this page only.
  }
}

// A citation for each paragraph: title, outlet, date, paragraph number and its permanent link.
function readerCitations() {
  const title = document.querySelector("h1");
  const byline = document.querySelector(".reader-byline");
  if (!title || !byline) return;
  document.querySelectorAll("p.reader-paragraph, blockquote.reader-paragraph").forEach((paragraph) => {
    if (paragraph.querySelector(".reader-cite")) return;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "reader-cite";
    button.textContent = "Cite";
    button.setAttribute("aria-label", `Copy a citation of paragraph ${paragraph.id.slice(1)}`);
    button.addEventListener("click", async () => {
      const facts = byline.textContent.split(" · ").filter((fact) => !/ words$| notes?$/.test(fact));
      const url = new URL(`#${paragraph.id}`, window.location.href).href;
      const citation = `“${title.textContent.replace("¶", "").trim()}”, ${facts.join(", ")}, ¶${paragraph.id.slice(1)}. ${url}`;
      try {
        await navigator.clipboard.writeText(citation);
        button.textContent = "Copied";
      } catch (error) {
        window.prompt("Copy this citation:", citation);
      }
      setTimeout(() => (button.textContent = "Cite"), 2000);
    });
    const permalink = paragraph.querySelector(".reader-permalink");
    (permalink || paragraph.lastChild).after(button);
  });
}

// Last, once everything above is defined: Material's instant navigation calls it on every page.
if (typeof document$ !== "undefined") {
  document$.subscribe(readerInit);
} else {
  document.addEventListener("DOMContentLoaded", readerInit);
}
