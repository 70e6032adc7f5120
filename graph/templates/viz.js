/* actorgraph viz: draws the network from the page's JSON data with vis-network and adds the
   legend, filters, search, tooltips and the statement panel. Every piece of data reaches
   the DOM through textContent / text nodes, never as HTML. */
(function () {
  "use strict";

  performance.mark("actorgraph:start");
  const DATA = JSON.parse(document.getElementById("actorgraph-data").textContent);
  performance.mark("actorgraph:parsed");
  const STYLE = DATA.style;
  const STANCES = ["asserted", "claimed", "denied"];
  const FAMILY_TEXT = {
    supports: ["supports", "military, political or other support; alliances"],
    opposes: ["opposes", "attacks, threats, accusations, rejections"],
    talksTo: ["talks to", "meetings, calls, talks, agreements"],
    structural: ["structural", "roles, membership, former names, control of places (thin grey)"],
  };
  const STANCE_TEXT = {
    asserted: ["asserted", "the report states it, or a party states its own action"],
    claimed: ["claimed", "anonymous, unconfirmed or one party's allegation"],
    denied: ["denied ✕", "a party denies it; ✕ marks the relation"],
  };
  const SVG = "http://www.w3.org/2000/svg";
  const DASHES = { claimed: [9, 6], denied: [2, 6] };

  const nodeById = new Map(DATA.nodes.map((n) => [n.id, n]));
  const edgesOfNode = new Map(DATA.nodes.map((n) => [n.id, []]));
  for (const e of DATA.edges) {
    edgesOfNode.get(e.from).push(e);
    if (e.to !== e.from) edgesOfNode.get(e.to).push(e);
  }

  // ---------------------------------------------------------------- DOM helpers (text only)

  function el(tag, props, children) {
    const node = document.createElement(tag);
    Object.assign(node, props || {});
    for (const child of children || []) {
      if (child === null || child === undefined) continue;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  /** Data text in its own element, its direction taken from its content. */
  function dataText(tag, text, className) {
    return el(tag, { dir: "auto", className: className || "", textContent: String(text) });
  }

  function arabic(tag, text, className) {
    return el(tag, { dir: "rtl", lang: "ar", className: className || "", textContent: text });
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  // ---------------------------------------------------------------- name matching

  // The same folding as graph/text.py normalise(): NFKC, case folding, Arabic diacritics
  // and tatweel removed, alef/yeh/taa marbuta variants unified, other combining marks
  // dropped, Arabic-Indic digits as ASCII, punctuation and spaces as single spaces.
  const DIACRITICS =
    /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED\u0640]/g;
  const LETTERS = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ک": "ك", "ة": "ه",
  };

  function normalise(text) {
    const folded = String(text)
      .normalize("NFKC")
      .toLowerCase()
      .replace(/ß/g, "ss")
      .replace(/ς/g, "σ")
      .replace(DIACRITICS, "")
      .replace(/[أإآٱىیکة]/g, (c) => LETTERS[c])
      .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x660))
      .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x6f0));
    const bare = folded.normalize("NFKD").replace(/\p{Mn}/gu, "").normalize("NFC");
    return bare.replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }

  /** A normalised name without the Arabic article "ال" on words that keep three letters. */
  function stripArticle(key) {
    return key
      .split(" ")
      .map((w) => (w.startsWith("ال") && w.length >= 5 ? w.slice(2) : w))
      .join(" ");
  }

  // The same readings as graph/text.py strip_clitics(): the first word without a
  // conjunction (و ف), then also without a preposition (ب ل ك), then with لل read as
  // ل + ال; each first word keeps three letters. Used only after the name as typed.
  const CONJUNCTIONS = "وف";
  const PREPOSITIONS = "بلك";

  function stripClitics(key) {
    const space = key.indexOf(" ");
    const first = space < 0 ? key : key.slice(0, space);
    const rest = space < 0 ? "" : key.slice(space);
    const stems = [first];
    if (first && CONJUNCTIONS.includes(first[0])) stems.push(first.slice(1));
    const words = [];
    for (const stem of stems) {
      words.push(stem);
      if (stem && PREPOSITIONS.includes(stem[0])) words.push(stem.slice(1));
      if (stem.startsWith("لل")) words.push("ال" + stem.slice(2));
    }
    const readings = words.slice(1).filter((w) => w.length >= 3).map((w) => w + rest);
    return [...new Set(readings)];
  }

  let searchIndex = null;

  function buildSearchIndex() {
    return DATA.nodes.map((n) => {
      const names = [n.label, n.label_ar, n.id.split(":").pop(), ...n.aliases].filter(Boolean);
      const exact = names.map(normalise);
      return { node: n, exact, loose: exact.map(stripArticle) };
    });
  }

  function matchKind(query, names) {
    if (names.includes(query)) return 0;
    if (names.some((name) => name.startsWith(query))) return 1;
    if (names.some((name) => name.includes(query))) return 2;
    return null;
  }

  /**
   * Nodes whose names match text: exact, then prefix, then substring; as typed first,
   * then without the article, then the readings without Arabic clitics in their order.
   */
  function search(text) {
    const key = normalise(text);
    if (!key) return [];
    searchIndex = searchIndex || buildSearchIndex();
    const readings = [key, ...stripClitics(key)];
    const found = [];
    for (const entry of searchIndex) {
      for (let n = 0; n < readings.length; n++) {
        const reading = readings[n];
        const kinds = [
          matchKind(reading, entry.exact),
          matchKind(stripArticle(reading), entry.loose),
        ];
        const rank =
          kinds[0] !== null ? kinds[0] * 2 : kinds[1] !== null ? kinds[1] * 2 + 1 : null;
        if (rank !== null) {
          found.push([n * 6 + rank, entry.node]);
          break;
        }
      }
    }
    found.sort((a, b) => a[0] - b[0] || a[1].label.localeCompare(b[1].label));
    return found.map((pair) => pair[1]);
  }

  // ---------------------------------------------------------------- drawing

  function typeStyle(type) {
    return STYLE.types[type] || STYLE.other_type;
  }

  function nodeColor(n) {
    return STYLE.groups ? STYLE.groups[n.group] || STYLE.other_type.color : typeStyle(n.type).color;
  }

  function visNode(n) {
    const color = nodeColor(n);
    return {
      id: n.id,
      label: n.label_ar ? n.label + "\n" + n.label_ar : n.label,
      shape: typeStyle(n.type).shape,
      value: n.degree,
      color: {
        background: color,
        border: "#33404d",
        highlight: { background: color, border: "#111" },
        hover: { background: color, border: "#111" },
      },
    };
  }

  /** The colour of an edge or a statement: its family's, or red-grey when denied. */
  function edgeColor(item) {
    return item.stance === "denied" ? STYLE.denied : STYLE.families[item.family] || "#888";
  }

  /** The relation of an edge or a statement, marked ✕ when denied. */
  function relationText(item) {
    return item.stance === "denied" ? "✕ " + item.relation : item.relation;
  }

  function edgeLabel(e, count) {
    return count > 1 ? e.relation + " ×" + count : relationText(e);
  }

  function plural(count, word) {
    return count + " " + word + (count === 1 ? "" : "s");
  }

  /** Dashed lines are slow on a large canvas; there, claimed and denied links are faded. */
  function edgeOpacity(e, thin) {
    if (!STYLE.dashes && e.stance !== "asserted") return 0.4;
    return thin ? 0.75 : 1;
  }

  function visEdge(e) {
    const color = edgeColor(e);
    const count = e.statements.length;
    const thin = e.derived || e.family === "structural";
    return {
      id: e.id,
      from: e.from,
      to: e.to,
      label: edgeLabel(e, count),
      color: { color, highlight: color, hover: color, opacity: edgeOpacity(e, thin) },
      dashes: STYLE.dashes && e.stance !== "asserted" ? DASHES[e.stance] : false,
      width: count > 1 ? Math.min(1 + Math.log2(count), 6) : thin ? 1 : 2.2,
      arrows: { to: { enabled: e.arrow, scaleFactor: 0.6 } },
      smooth: e.curve
        ? {
            enabled: true,
            type: e.curve > 0 ? "curvedCW" : "curvedCCW",
            roundness: Math.abs(e.curve),
          }
        : { enabled: false },
      font: { color: e.stance === "denied" ? "#8a4b4b" : "#3e4c59" },
    };
  }

  const container = document.getElementById("network");
  const nodes = new vis.DataSet(DATA.nodes.map(visNode));
  const edges = new vis.DataSet(DATA.edges.map(visEdge));
  performance.mark("actorgraph:datasets");
  const network = new vis.Network(container, { nodes, edges }, DATA.options);
  performance.mark("actorgraph:network");

  // ---------------------------------------------------------------- filters

  const state = {
    families: new Set(Object.keys(STYLE.families)),
    stances: new Set(STANCES),
    types: new Set(DATA.nodes.map((n) => n.type)),
    from: "",
    to: "",
    derived: true,
  };
  const shownCount = new Map(DATA.edges.map((e) => [e.id, e.statements.length]));
  const nodeHidden = new Map(DATA.nodes.map((n) => [n.id, false]));

  function statementShown(st) {
    if (!state.stances.has(st.stance) || (st.derived && !state.derived)) return false;
    if (state.from || state.to) {
      if (!st.effective) return false;
      if (state.from && st.effective < state.from) return false;
      if (state.to && st.effective > state.to) return false;
    }
    return true;
  }

  /** The statements of edge e that the filters let through. */
  function shownStatements(e) {
    if (!state.families.has(e.family)) return [];
    if (!state.types.has(nodeById.get(e.from).type) || !state.types.has(nodeById.get(e.to).type)) {
      return [];
    }
    return e.statements.map((i) => DATA.statements[i]).filter(statementShown);
  }

  function applyFilters() {
    const edgeUpdates = [];
    const visibleDegree = new Map();
    let statementsShown = 0;
    for (const e of DATA.edges) {
      const count = shownStatements(e).length;
      statementsShown += count;
      if (count !== shownCount.get(e.id)) {
        const update = { id: e.id, hidden: count === 0 };
        if (e.statements.length > 1 && count > 0) update.label = edgeLabel(e, count);
        edgeUpdates.push(update);
        shownCount.set(e.id, count);
      }
      if (count > 0) {
        visibleDegree.set(e.from, (visibleDegree.get(e.from) || 0) + 1);
        visibleDegree.set(e.to, (visibleDegree.get(e.to) || 0) + 1);
      }
    }
    const nodeUpdates = [];
    let nodesShown = 0;
    for (const n of DATA.nodes) {
      const hidden = !state.types.has(n.type) || (n.degree > 0 && !visibleDegree.get(n.id));
      if (!hidden) nodesShown += 1;
      if (hidden !== nodeHidden.get(n.id)) {
        nodeUpdates.push({ id: n.id, hidden });
        nodeHidden.set(n.id, hidden);
      }
    }
    if (nodeUpdates.length) nodes.update(nodeUpdates);
    if (edgeUpdates.length) edges.update(edgeUpdates);
    showCounts(nodesShown, statementsShown);
    refreshPanel();
  }

  function showCounts(nodesShown, statementsShown) {
    const counts = document.getElementById("counts");
    counts.textContent =
      nodesShown + " of " + DATA.nodes.length + " actors · " +
      statementsShown + " of " + DATA.statements.length + " statements" +
      (DATA.aggregated ? " · parallel statements drawn as one counted link" : "");
  }

  function checkbox(set, value, extra) {
    const input = el("input", { type: "checkbox", checked: set.has(value), value });
    input.dataset.filter = extra;
    input.addEventListener("change", () => {
      if (input.checked) set.add(value);
      else set.delete(value);
      applyFilters();
    });
    return input;
  }

  function filterRow(input, swatch, [text, explanation], count) {
    return el("label", { className: "check", title: explanation || "" }, [
      input,
      swatch,
      el("span", { textContent: text }),
      el("span", { className: "count", textContent: String(count) }),
    ]);
  }

  function lineSwatch(color, className) {
    const swatch = el("span", { className: "line-swatch " + (className || "") });
    if (color) swatch.style.borderTopColor = color;
    return swatch;
  }

  function stanceSwatch(stance) {
    if (STYLE.dashes) return lineSwatch(null, stance);
    const swatch = lineSwatch(stance === "denied" ? STYLE.denied : null);
    if (stance !== "asserted") swatch.style.opacity = "0.4";
    return swatch;
  }

  function shapeSwatch(shape, color) {
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 14 14");
    svg.setAttribute("class", "shape");
    const points = {
      square: "2,2 12,2 12,12 2,12",
      diamond: "7,1 13,7 7,13 1,7",
      triangle: "7,1.5 13,12.5 1,12.5",
      triangleDown: "1,1.5 13,1.5 7,12.5",
      hexagon: "4,1.5 10,1.5 13,7 10,12.5 4,12.5 1,7",
      star: "7,1 8.8,5.2 13.2,5.5 9.8,8.4 10.9,12.8 7,10.4 3.1,12.8 4.2,8.4 0.8,5.5 5.2,5.2",
    }[shape];
    const mark = document.createElementNS(SVG, points ? "polygon" : "circle");
    if (points) mark.setAttribute("points", points);
    else {
      mark.setAttribute("cx", "7");
      mark.setAttribute("cy", "7");
      mark.setAttribute("r", "5.5");
    }
    mark.setAttribute("fill", color);
    mark.setAttribute("stroke", "#33404d");
    mark.setAttribute("stroke-width", "0.8");
    svg.appendChild(mark);
    return svg;
  }

  function countBy(items, key) {
    const counts = new Map();
    for (const item of items) counts.set(key(item), (counts.get(key(item)) || 0) + 1);
    return counts;
  }

  function buildControls() {
    const families = countBy(DATA.statements, (st) => st.family);
    const familyList = document.getElementById("filter-family");
    for (const family of Object.keys(STYLE.families)) {
      const swatch = lineSwatch(STYLE.families[family], family === "structural" ? "thin" : "");
      familyList.appendChild(
        filterRow(
          checkbox(state.families, family, "family"),
          swatch,
          FAMILY_TEXT[family] || [family],
          families.get(family) || 0,
        ),
      );
    }
    const stances = countBy(DATA.statements, (st) => st.stance);
    const stanceList = document.getElementById("filter-stance");
    for (const stance of STANCES) {
      stanceList.appendChild(
        filterRow(checkbox(state.stances, stance, "stance"), stanceSwatch(stance),
          STANCE_TEXT[stance], stances.get(stance) || 0),
      );
    }
    const types = countBy(DATA.nodes, (n) => n.type);
    const typeList = document.getElementById("filter-type");
    const neutral = STYLE.groups ? "#ffffff" : null;
    for (const type of [...types.keys()].sort()) {
      const look = typeStyle(type);
      typeList.appendChild(
        filterRow(
          checkbox(state.types, type, "type"),
          shapeSwatch(look.shape, neutral || look.color),
          [type],
          types.get(type),
        ),
      );
    }
    if (STYLE.groups) {
      document.getElementById("type-heading").textContent = "Actor types (shape)";
      document.getElementById("group-section").hidden = false;
      const groups = countBy(DATA.nodes, (n) => n.group);
      const legend = document.getElementById("legend-group");
      for (const [group, color] of Object.entries(STYLE.groups)) {
        if (!groups.has(group)) continue;
        legend.appendChild(
          el("div", { className: "check" }, [
            shapeSwatch("dot", color),
            dataText("span", group),
            el("span", { className: "count", textContent: String(groups.get(group)) }),
          ]),
        );
      }
    }
    const from = document.getElementById("date-from");
    const to = document.getElementById("date-to");
    if (DATA.dates) {
      for (const input of [from, to]) {
        input.min = DATA.dates[0];
        input.max = DATA.dates[1];
      }
    }
    from.addEventListener("change", () => {
      state.from = from.value;
      applyFilters();
    });
    to.addEventListener("change", () => {
      state.to = to.value;
      applyFilters();
    });
    const derived = document.getElementById("filter-derived");
    derived.addEventListener("change", () => {
      state.derived = derived.checked;
      applyFilters();
    });
    document.getElementById("reset").addEventListener("click", () => {
      for (const input of document.querySelectorAll("input[data-filter]")) {
        input.checked = true;
        input.dispatchEvent(new Event("change"));
      }
      from.value = to.value = state.from = state.to = "";
      derived.checked = state.derived = true;
      applyFilters();
    });
  }

  // ---------------------------------------------------------------- statement panel

  const panel = document.getElementById("panel");
  let selected = null; // { kind: "node" | "edge", id }
  const PANEL_PAGE = 100; // statement cards shown at once

  function actorButton(id, label) {
    const button = el("button", { type: "button", className: "actor-link", dir: "auto" });
    button.textContent = label;
    button.addEventListener("click", () => focusNode(id));
    return button;
  }

  function sourceItem(source) {
    const where = source.document + ":" + source.line;
    const item = el("li", {}, [el("span", { className: "where", textContent: where })]);
    if (source.excerpt) item.appendChild(dataText("q", source.excerpt, "excerpt"));
    return item;
  }

  function statementCard(st) {
    const card = el("article", { className: "statement " + st.stance });
    card.style.borderLeftColor = edgeColor(st);
    card.dataset.statement = st.statement;
    card.appendChild(
      el("p", { className: "head" }, [
        actorButton(st.from, nodeById.get(st.from).label),
        " ",
        el("span", { className: "relation", textContent: relationText(st) }),
        " → ",
        actorButton(st.to, nodeById.get(st.to).label),
      ]),
    );
    const tags = el("p", {}, [
      el("span", { className: "tag", textContent: st.date || "undated" }),
      el("span", { className: "tag " + st.stance, textContent: st.stance }),
      el("span", { className: "tag", textContent: st.family || "?" }),
    ]);
    if (st.derived) tags.appendChild(el("span", { className: "tag", textContent: "roll-up" }));
    card.appendChild(tags);
    if (st.attributed_to.length) {
      const said = el("p", {}, ["Said by: "]);
      st.attributed_to.forEach((who, i) => {
        if (i) said.appendChild(document.createTextNode(", "));
        said.appendChild(dataText("bdi", who));
      });
      card.appendChild(said);
    }
    if (st.sources.length) {
      card.appendChild(el("ul", { className: "sources" }, st.sources.map(sourceItem)));
    }
    if (st.note) card.appendChild(dataText("p", st.note, "note"));
    if (st.derived && st.via.length) {
      const via = st.via.slice(1);
      card.appendChild(
        el("p", { className: "via" }, [
          "Roll-up of " + st.via[0] + (via.length ? " via " + via.join(", ") : ""),
        ]),
      );
    }
    card.appendChild(el("p", { className: "id", textContent: st.statement }));
    return card;
  }

  function statementList(edgeList) {
    const all = [];
    let hidden = 0;
    for (const e of edgeList) {
      const shown = shownStatements(e);
      hidden += e.statements.length - shown.length;
      all.push(...shown);
    }
    all.sort((a, b) => (a.effective || "9999").localeCompare(b.effective || "9999") ||
      a.statement.localeCompare(b.statement));
    const list = el("div", { className: "statements" });
    list.appendChild(
      el("h3", {
        textContent:
          plural(all.length, "statement") +
          (hidden ? " (" + hidden + " hidden by the filters)" : ""),
      }),
    );
    appendCards(list, all, 0);
    return list;
  }

  /** Cards for statements[start...] a page at a time, then a button for the next page. */
  function appendCards(list, statements, start) {
    const end = Math.min(start + PANEL_PAGE, statements.length);
    for (let i = start; i < end; i += 1) list.appendChild(statementCard(statements[i]));
    if (end < statements.length) {
      const more = el("button", {
        type: "button",
        className: "more",
        textContent: "Show " + Math.min(PANEL_PAGE, statements.length - end) + " more of " +
          (statements.length - end),
      });
      more.addEventListener("click", () => {
        more.remove();
        appendCards(list, statements, end);
      });
      list.appendChild(more);
    }
  }

  function nodeSummary(n) {
    const parts = [el("h2", { dir: "auto", textContent: n.label })];
    if (n.label_ar) parts.push(arabic("p", n.label_ar, "label-ar"));
    parts.push(
      el("p", { className: "meta-line muted" }, [
        n.type + (STYLE.groups ? " · " + n.group : "") + " · " + plural(n.degree, "statement"),
      ]),
    );
    if (n.aliases.length) {
      const aka = el("p", { className: "meta-line" }, ["Also: "]);
      n.aliases.forEach((name, i) => {
        if (i) aka.appendChild(document.createTextNode(", "));
        aka.appendChild(dataText("bdi", name));
      });
      parts.push(aka);
    }
    return parts;
  }

  function showNode(id) {
    const n = nodeById.get(id);
    selected = { kind: "node", id };
    clear(panel);
    for (const part of nodeSummary(n)) panel.appendChild(part);
    if (nodeHidden.get(id)) {
      panel.appendChild(
        el("p", { className: "muted", textContent: "Hidden by the current filters." }),
      );
    }
    panel.appendChild(statementList(edgesOfNode.get(id)));
  }

  function showEdge(id) {
    const e = DATA.edges[id];
    selected = { kind: "edge", id };
    clear(panel);
    panel.appendChild(
      el("h2", {}, [
        dataText("bdi", nodeById.get(e.from).label),
        e.arrow ? " → " : " — ",
        dataText("bdi", nodeById.get(e.to).label),
      ]),
    );
    panel.appendChild(statementList([e]));
  }

  function showIntro() {
    selected = null;
    clear(panel);
    panel.appendChild(
      el("p", {
        className: "muted",
        textContent:
          "Click an actor or a link to see its statements and their sources. " +
          "Hover for a summary.",
      }),
    );
  }

  function refreshPanel() {
    if (selected && selected.kind === "node") showNode(selected.id);
    else if (selected && selected.kind === "edge") showEdge(selected.id);
  }

  function focusNode(id) {
    closeResults();
    if (!nodeHidden.get(id)) {
      network.selectNodes([id]);
      network.focus(id, { scale: Math.max(network.getScale(), 1), animation: { duration: 400 } });
    }
    showNode(id);
  }

  network.on("click", (params) => {
    hideTooltip();
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
    else showIntro();
  });

  // ---------------------------------------------------------------- tooltips

  const tooltip = document.getElementById("tooltip");
  const TOOLTIP_STATEMENTS = 3;

  function statementLines(st) {
    const lines = [
      el("p", { className: "head" }, [
        dataText("bdi", nodeById.get(st.from).label),
        " " + relationText(st) + " → ",
        dataText("bdi", nodeById.get(st.to).label),
      ]),
      el("p", {
        textContent:
          (st.date || "undated") + " · " + st.stance + (st.derived ? " · roll-up" : ""),
      }),
    ];
    if (st.attributed_to.length) {
      lines.push(dataText("p", "Said by: " + st.attributed_to.join(", ")));
    }
    for (const source of st.sources) {
      lines.push(el("p", { className: "where", textContent: source.document + ":" + source.line }));
      if (source.excerpt) lines.push(dataText("p", source.excerpt, "excerpt"));
    }
    if (st.note) lines.push(dataText("p", st.note, "note"));
    return lines;
  }

  function nodeTooltip(n) {
    const parts = [dataText("p", n.label, "head")];
    if (n.label_ar) parts.push(arabic("p", n.label_ar));
    parts.push(el("p", { textContent: n.type + " · " + plural(n.degree, "statement") }));
    return parts;
  }

  function edgeTooltip(e) {
    const shown = shownStatements(e);
    const parts = [];
    shown.slice(0, TOOLTIP_STATEMENTS).forEach((st, i) => {
      if (i) parts.push(el("hr"));
      parts.push(...statementLines(st));
    });
    if (shown.length > TOOLTIP_STATEMENTS) {
      const more = shown.length - TOOLTIP_STATEMENTS;
      const text = "+" + more + " more: click the link";
      parts.push(el("p", { className: "muted", textContent: text }));
    }
    return parts;
  }

  function showTooltip(parts, pointer) {
    clear(tooltip);
    for (const part of parts) tooltip.appendChild(part);
    tooltip.hidden = false;
    const box = container.getBoundingClientRect();
    const x = Math.min(box.left + pointer.x + 14, window.innerWidth - tooltip.offsetWidth - 8);
    const y = Math.min(box.top + pointer.y + 14, window.innerHeight - tooltip.offsetHeight - 8);
    tooltip.style.left = Math.max(4, x) + "px";
    tooltip.style.top = Math.max(4, y) + "px";
  }

  function hideTooltip() {
    tooltip.hidden = true;
  }

  network.on("hoverNode", (params) => {
    showTooltip(nodeTooltip(nodeById.get(params.node)), params.pointer.DOM);
  });
  network.on("hoverEdge", (params) => {
    showTooltip(edgeTooltip(DATA.edges[params.edge]), params.pointer.DOM);
  });
  for (const name of ["blurNode", "blurEdge", "dragStart", "zoom"]) network.on(name, hideTooltip);

  // ---------------------------------------------------------------- search box

  const searchInput = document.getElementById("search");
  const results = document.getElementById("search-results");

  function closeResults() {
    results.hidden = true;
    clear(results);
  }

  function showResults() {
    clear(results);
    const text = searchInput.value;
    if (!normalise(text)) {
      results.hidden = true;
      return;
    }
    const found = search(text).slice(0, 12);
    if (!found.length) {
      results.appendChild(el("li", { className: "hint", textContent: "No actor matches." }));
    }
    for (const n of found) {
      const button = el("button", { type: "button" }, [dataText("bdi", n.label)]);
      if (n.label_ar) button.append(" · ", arabic("bdi", n.label_ar));
      button.append(" · " + n.type + (nodeHidden.get(n.id) ? " (hidden by filters)" : ""));
      button.dataset.node = n.id;
      button.addEventListener("click", () => focusNode(n.id));
      results.appendChild(el("li", {}, [button]));
    }
    results.hidden = false;
  }

  searchInput.addEventListener("input", showResults);
  searchInput.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      const first = search(searchInput.value)[0];
      if (first) focusNode(first.id);
    } else if (event.key === "Escape") {
      closeResults();
    }
  });
  document.addEventListener("click", (event) => {
    if (!event.target.closest(".search")) closeResults();
  });

  // ---------------------------------------------------------------- start

  // For tests and for curious users in the browser console.
  const api = {
    network, nodes, edges, data: DATA, state, normalise, stripClitics, search, focusNode,
    applyFilters, ready: false,
  };
  window.actorgraph = api;

  function markReady() {
    performance.mark("actorgraph:stable");
    network.setOptions({ physics: { enabled: false } });
    api.ready = true;
    document.body.dataset.ready = "true";
    applyFilters();
    performance.mark("actorgraph:ready");
  }

  document.getElementById("description").textContent = DATA.description;
  buildControls();
  showCounts(DATA.nodes.length, DATA.statements.length);
  if (!DATA.nodes.length) {
    container.appendChild(
      el("p", { className: "empty-graph", textContent: "No statements match these options." }),
    );
    markReady();
  } else {
    network.on("stabilizationProgress", (params) => {
      document.getElementById("counts").textContent =
        "Laying out " + DATA.nodes.length + " actors… " +
        Math.round((100 * params.iterations) / params.total) + "%";
    });
    network.once("stabilizationIterationsDone", markReady);
  }
})();
