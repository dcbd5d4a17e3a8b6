// The review page: translate with highlighted glossary names, entry details, lookup, and check.
"use strict";

const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  for (const child of children) node.append(child);
  return node;
}

async function api(path, body) {
  const headers = {};
  const key = $("key").value.trim();
  if (key) headers["Authorization"] = "Bearer " + key;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(path, body === undefined ? { headers } : { method: "POST", headers, body: JSON.stringify(body) });
  const data = await response.json();
  if (!response.ok) throw new Error(data.error || response.statusText);
  return data;
}

// Text with each term's span wrapped in a highlight, found left to right, each occurrence used once.
function highlighted(text, terms, pick) {
  const out = el("div", { lang: pick === "text" ? "zh" : "en" });
  const spans = [];
  for (const term of terms) {
    const needle = term[pick];
    let from = 0, at;
    while ((at = text.indexOf(needle, from)) !== -1 && spans.some(([s, e]) => at < e && at + needle.length > s)) from = at + 1;
    if (needle && at !== -1) spans.push([at, at + needle.length, term]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  let last = 0;
  for (const [start, end, term] of spans) {
    out.append(text.slice(last, start));
    const mark = el("span", { class: "term " + term.status, tabindex: "0", role: "button",
                              title: term.zh + " → " + term.en + " (" + term.status + ")", "data-zh": term.zh });
    mark.textContent = text.slice(start, end);
    mark.addEventListener("click", () => showEntry(term.zh));
    mark.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); showEntry(term.zh); } });
    out.append(mark);
    last = end;
  }
  out.append(text.slice(last));
  return out;
}

async function translate() {
  const source = $("source").value.replace(/\r\n?/g, "\n");
  $("status").textContent = "Translating …";
  $("rows").replaceChildren();
  try {
    const data = await api("/api/translate", { text: source });
    const result = data.results[0];
    const english = result.text.split("\n");
    source.split("\n").forEach((line, index) => {
      if (!line.trim()) return;
      const terms = result.sentences.filter((s) => s.paragraph === index + 1).flatMap((s) => s.terms);
      $("rows").append(el("div", { class: "row" }, highlighted(line, terms, "text"), highlighted(english[index] || "", terms, "en")));
    });
    $("signature").textContent = data.signature;
    $("status").textContent = "Done: " + result.terms.length + " glossary names.";
  } catch (error) {
    $("status").textContent = "Error: " + error.message;
  }
}

function entryView(hit) {
  const box = el("div", { class: "hit" }, el("h2", {}, hit.zh + " · " + hit.en));
  const forms = el("ul");
  for (const form of hit.english) forms.append(el("li", {}, form.text + " — " + form.status + (form.form ? " (" + form.form + ")" : "")));
  box.append(el("p", {}, hit.type + (hit.enforced ? ", enforced" : ", check-only") + " · " + hit.pinyin), forms);
  const spellings = [...hit.variants, ...hit.regional.map((r) => r.text + " (" + r.region + ")")];
  if (spellings.length) box.append(el("p", {}, "Other Chinese spellings: " + spellings.join(", ")));
  if (hit.note) box.append(el("p", { class: "note" }, hit.note));
  return box;
}

async function showEntry(query) {
  const aside = $("entry");
  aside.hidden = false;
  aside.replaceChildren(el("p", {}, "Looking up " + query + " …"));
  try {
    const data = await api("/api/lookup?q=" + encodeURIComponent(query));
    if (!data.hits.length) { aside.replaceChildren(el("p", {}, "No glossary entry for " + query + ".")); return; }
    aside.replaceChildren(...(data.exact ? [] : [el("p", {}, "No exact entry for " + query + "; closest:")]),
                          ...data.hits.map(entryView));
  } catch (error) {
    aside.replaceChildren(el("p", {}, "Error: " + error.message));
  }
}

async function check() {
  $("check-status").textContent = "Checking …";
  $("findings").replaceChildren();
  try {
    const data = await api("/api/check", { source: $("check-source").value.replace(/\r\n?/g, "\n"),
                                           target: $("check-target").value.replace(/\r\n?/g, "\n") });
    for (const f of data.findings) {
      $("findings").append(el("div", { class: "finding " + f.severity }, "line " + f.line + " · " + f.code + " " + f.severity + ": " + f.message));
    }
    $("check-status").textContent = data.findings.length ? data.findings.length + " findings." : "No findings.";
  } catch (error) {
    $("check-status").textContent = "Error: " + error.message;
  }
}

function selectTab(name) {
  for (const tab of ["translate", "check"]) {
    $("tab-" + tab).setAttribute("aria-selected", String(tab === name));
    $(tab).hidden = tab !== name;
  }
}

$("run").addEventListener("click", translate);
$("check-run").addEventListener("click", check);
$("tab-translate").addEventListener("click", () => selectTab("translate"));
$("tab-check").addEventListener("click", () => selectTab("check"));
$("lookup-form").addEventListener("submit", (e) => { e.preventDefault(); if ($("lookup").value.trim()) showEntry($("lookup").value.trim()); });
$("source").addEventListener("dragover", (e) => e.preventDefault());
$("source").addEventListener("drop", async (e) => {
  e.preventDefault();
  const file = e.dataTransfer.files[0];
  if (file) $("source").value = await file.text();
});
