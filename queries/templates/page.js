"use strict";
(() => {
  const data = JSON.parse(document.getElementById("works-data").textContent);
  const table = document.getElementById("work-table");
  if (!table) return;
  const body = table.tBodies[0];
  const filter = document.getElementById("filter");
  const shownText = document.getElementById("shown");
  const pageOf = document.getElementById("page-of");
  const prev = document.getElementById("prev");
  const next = document.getElementById("next");
  const cellBox = document.getElementById("cell-filter");
  const cellText = document.getElementById("cell-text");
  const works = data.works;
  const size = data.page_size;
  let shown = works, page = 0, sortKey = null, ascending = true, cell = null;

  const el = (tag, text, cls) => {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  };

  function render(work) {
    const tr = el("tr", null, "work");
    tr.dataset.work = work.id;
    for (const column of data.columns) {
      const td = el("td", null, column.key);
      if (column.key === "title") {
        td.appendChild(el("span", work.title));
        if (work.retracted) td.appendChild(el("span", " RETRACTED", "retracted"));
        for (const change of work.changes || []) td.appendChild(el("span", change, "change"));
        if (work.abstract) {
          const details = el("details");
          details.appendChild(el("summary", "abstract"));
          details.appendChild(el("p", work.abstract));
          td.appendChild(details);
        }
        const links = el("div", null, "links");
        for (const [text, href] of work.links) {
          const a = el("a", text);
          a.href = href;
          a.rel = "noopener noreferrer";
          a.target = "_blank";
          links.appendChild(a);
        }
        td.appendChild(links);
      } else {
        td.textContent = work.cells[column.key] ?? "";
        if (column.numeric) td.classList.add("num");
      }
      tr.appendChild(td);
    }
    return tr;
  }

  function draw() {
    const pages = Math.max(1, Math.ceil(shown.length / size));
    page = Math.min(page, pages - 1);
    const rows = shown.slice(page * size, page * size + size).map(render);
    body.replaceChildren(...rows);
    const unit = data.unit;
    shownText.textContent = shown.length === works.length
      ? `${works.length.toLocaleString("en")} ${unit}`
      : `${shown.length.toLocaleString("en")} of ${works.length.toLocaleString("en")} ${unit}`;
    shownText.dataset.shown = shown.length;
    pageOf.textContent = `page ${page + 1} of ${pages}`;
    prev.disabled = page === 0;
    next.disabled = page >= pages - 1;
  }

  // What the filter box searches, made once per work when first needed.
  const searchText = work => work.search ??= [
    work.title, ...Object.values(work.cells), ...work.links.map(link => link[0]),
    work.authors, work.ids, `w${work.id}`,
  ].join(" ").toLowerCase();

  function matches(work, words) {
    if (words.length && !words.every(word => searchText(work).includes(word))) return false;
    if (!cell) return true;
    return cell.every(([facet, value]) => (work.facets[facet] || []).includes(value));
  }

  function apply() {
    const words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
    shown = works.filter(work => matches(work, words));
    if (sortKey) order();
    page = 0;
    draw();
  }

  function order() {
    const key = sortKey;
    const value = work => work.sort[key] ?? work.cells[key] ?? "";
    shown = shown.slice().sort((a, b) => {
      const x = value(a), y = value(b);
      const empty = (x === "") - (y === "");
      if (empty) return empty;  // empty cells last either way
      const diff = typeof x === "number" && typeof y === "number"
        ? x - y : String(x).localeCompare(String(y));
      return ascending ? diff : -diff;
    });
  }

  for (const th of table.tHead.rows[0].cells) {
    const sortBy = () => {
      ascending = sortKey === th.dataset.key ? !ascending : true;
      sortKey = th.dataset.key;
      for (const other of table.tHead.rows[0].cells) other.removeAttribute("aria-sort");
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      order();
      page = 0;
      draw();
    };
    th.addEventListener("click", sortBy);
    th.addEventListener("keydown", event => { if (event.key === "Enter") sortBy(); });
  }

  function fromHash() {
    const params = new URLSearchParams(location.hash.slice(1));
    if (params.has("filter")) filter.value = params.get("filter");
    cell = null;
    if (params.has("cell")) {
      cell = params.get("cell").split("/").map(part => {
        const at = part.indexOf(":");
        return [part.slice(0, at), part.slice(at + 1)];
      });
      cellText.textContent = "Showing the works of " + cell
        .map(([facet, value]) => (data.labels[facet] || {})[value] || value).join(" × ") + ".";
    }
    cellBox.hidden = !cell;
    apply();
    if (cell) document.getElementById("works").scrollIntoView();
  }

  filter.addEventListener("input", apply);
  prev.addEventListener("click", () => { page -= 1; draw(); });
  next.addEventListener("click", () => { page += 1; draw(); });
  document.getElementById("cell-clear").addEventListener("click", () => {
    history.replaceState(null, "", location.pathname + location.search);
    fromHash();
  });
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
