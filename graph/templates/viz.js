/* actorgraph viz: draws the network from the page's JSON data with vis-network and adds the
   legend, filters, search, tooltips and the statement panel. Every piece of data reaches
   the DOM through textContent / text nodes, never as HTML. A large page opens on an
   overview: clusters of actors drawn as one node each, opened by a click. */
(async function () {
  "use strict";

  /** The page's data: JSON, or (large pages) deflated JSON in base64, inflated here by
      the browser's own DecompressionStream; nothing is fetched. */
  async function readData() {
    const holder = document.getElementById("actorgraph-data");
    if (holder.type === "application/json") return JSON.parse(holder.textContent);
    const binary = atob(holder.textContent.trim());
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
    return JSON.parse(await new Response(stream).text());
  }

  performance.mark("actorgraph:start");
  const DATA = await readData();
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

  // ---------------------------------------------------------------- overview clusters

  // On an overview page the data sets hold what is drawn now: a node per closed cluster,
  // the actors of open clusters, their links, and summary links (id "s:...") that stand
  // for the links of a pair of clusters (or actor and cluster) in one family.
  const OVERVIEW = Array.isArray(DATA.clusters);
  const clusterOf = new Map();
  const clusters = (DATA.clusters || []).map((c, index) => {
    const members = c.members.map((k) => DATA.nodes[k]);
    for (const n of members) clusterOf.set(n.id, index);
    const top = members.reduce((a, b) => (b.degree > a.degree ? b : a), members[0]);
    const palette = STYLE.clusters;
    const color = STYLE.groups && c.name && STYLE.groups[c.name]
      ? STYLE.groups[c.name]
      : c.name === STYLE.loose_cluster ? "#b8c0c8" : palette[index % palette.length];
    return { index, id: "cluster:" + index, name: c.name || top.label, members, top, color };
  });
  const clusterById = new Map(clusters.map((c) => [c.id, c]));
  const openClusters = new Set();
  const savedPositions = new Map(); // node id -> {x, y}, for actors not drawn yet
  let summaries = new Map(); // summary link id -> {from, to, family, count, edges}

  /** The id drawn for node id now: itself, or its cluster when that is closed. */
  function drawnAs(id) {
    const c = clusterOf.get(id);
    return c === undefined || openClusters.has(c) ? id : clusters[c].id;
  }

  function clusterLabel(c, shown) {
    return c.name + "\n" + plural(shown, "actor");
  }

  // Where each cluster first stands: packed by size on a spiral, biggest in the middle and
  // the gathered "loosely linked" groups outside, so that no two clusters (labels included)
  // overlap. The clusters are not moved by physics: however many links join them, the
  // overview stays readable.
  const clusterHome = new Map();
  function packClusters() {
    const values = clusters.map((c) => c.members.length);
    const low = Math.min(...values);
    const high = Math.max(...values);
    const share = (v) => (high === low ? 1 : (v - low) / (high - low));
    const { min, max } = STYLE.cluster_size;
    const order = clusters.slice().sort((a, b) =>
      (a.name === STYLE.loose_cluster) - (b.name === STYLE.loose_cluster) ||
      b.members.length - a.members.length || a.index - b.index);
    const placed = [];
    for (const c of order) {
      // vis-network scales the node and its label with the value: the box they take.
      const r = min + (max - min) * share(c.members.length);
      const font = STYLE.cluster_font.min +
        (STYLE.cluster_font.max - STYLE.cluster_font.min) * share(c.members.length);
      const text = Math.max(c.name.length, plural(c.members.length, "actor").length);
      const half = Math.max(r, 0.6 * font * text / 2) + 20;
      const box = (p) => ({ left: p.x - half, right: p.x + half, top: p.y - r - 20,
        bottom: p.y + r + 2.6 * font + 20 });
      const free = (b) => placed.every((q) =>
        b.right < q.left || q.right < b.left || b.bottom < q.top || q.bottom < b.top);
      let step = 0;
      let at = { x: 0, y: 0 };
      while (!free(box(at))) {
        step += 1;
        at = { x: 12 * step * Math.cos(0.5 * step), y: 12 * step * Math.sin(0.5 * step) };
      }
      placed.push(box(at));
      clusterHome.set(c.id, { x: at.x, y: at.y, size: r, font });
    }
  }
  if (OVERVIEW) packClusters();

  function visCluster(c, shown) {
    // A fixed size, not a value: vis-network scales values against every node drawn, so
    // the clusters would shrink to dots beside the actors of an opened cluster.
    const home = clusterHome.get(c.id);
    return {
      id: c.id,
      x: home.x,
      y: home.y,
      physics: false,
      label: clusterLabel(c, shown),
      shape: "dot",
      size: home.size,
      color: {
        background: c.color,
        border: "#33404d",
        highlight: { background: c.color, border: "#111" },
        hover: { background: c.color, border: "#111" },
      },
      font: { size: home.font, strokeWidth: 5 },
      borderWidth: 2,
    };
  }

  const MEMBER_LINKS = 300; // links drawn from open clusters' actors to closed clusters
  const FAMILY_BEND = { supports: 0, opposes: 0.18, talksTo: -0.18, structural: 0.34 };

  function visSummary(s) {
    const color = STYLE.families[s.family] || "#888";
    const bend = FAMILY_BEND[s.family] || 0;
    return {
      id: s.id,
      from: s.from,
      to: s.to,
      label: (FAMILY_TEXT[s.family] || [s.family])[0] + " ×" + s.count,
      color: { color, highlight: color, hover: color, opacity: 0.4 },
      width: Math.min(1 + 1.5 * Math.log2(s.count), 14),
      arrows: { to: { enabled: false } },
      smooth: bend
        ? { enabled: true, type: bend > 0 ? "curvedCW" : "curvedCCW", roundness: Math.abs(bend) }
        : { enabled: false },
      font: { color: "#3e4c59" },
    };
  }

  // What the filters let through (the filter controls change it).
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

  const container = document.getElementById("network");
  const nodes = new vis.DataSet(OVERVIEW ? [] : DATA.nodes.map(visNode));
  const edges = new vis.DataSet(OVERVIEW ? [] : DATA.edges.map(visEdge));
  if (OVERVIEW) renderOverview();
  performance.mark("actorgraph:datasets");
  const network = new vis.Network(container, { nodes, edges }, DATA.options);
  performance.mark("actorgraph:network");

  /** Sunflower positions around (x, y) for count actors, the first in the centre. */
  function sunflower(x, y, count, spacing) {
    const golden = Math.PI * (3 - Math.sqrt(5));
    const points = [];
    for (let i = 0; i < count; i += 1) {
      const r = spacing * Math.sqrt(i);
      points.push({ x: x + r * Math.cos(i * golden), y: y + r * Math.sin(i * golden) });
    }
    return points;
  }

  /** Draws the overview as the filters and the open clusters say: adds, updates and
      removes only what changed. */
  function renderOverview() {
    const shownMembers = clusters.map(() => 0);
    const wantNodes = new Map();
    for (const n of DATA.nodes) {
      if (nodeHidden.get(n.id)) continue;
      const c = clusterOf.get(n.id);
      if (openClusters.has(c)) wantNodes.set(n.id, null);
      else shownMembers[c] += 1;
    }
    for (const c of clusters) {
      if (!openClusters.has(c.index) && shownMembers[c.index]) {
        wantNodes.set(c.id, visCluster(c, shownMembers[c.index]));
      }
    }
    const wantEdges = new Set();
    const found = new Map();
    for (const e of DATA.edges) {
      const count = shownCount.get(e.id);
      if (!count) continue;
      const a = drawnAs(e.from);
      const b = drawnAs(e.to);
      if (a === e.from && b === e.to) {
        wantEdges.add(e.id);
        continue;
      }
      if (a === b) continue; // inside a closed cluster
      const [x, y] = a < b ? [a, b] : [b, a];
      const id = "s:" + x + "|" + y + "|" + e.family;
      let s = found.get(id);
      if (!s) found.set(id, (s = { id, from: x, to: y, family: e.family, count: 0, edges: [] }));
      s.count += count;
      s.edges.push(e);
    }
    // An open cluster's actors keep only their strongest links to closed clusters (the
    // others are in each actor's panel): thousands of them would make every frame slow.
    const toClusters = [...found.values()].filter(
      (s) => clusterById.has(s.from) !== clusterById.has(s.to),
    );
    if (toClusters.length > MEMBER_LINKS) {
      toClusters.sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : 1));
      for (const s of toClusters.slice(MEMBER_LINKS)) found.delete(s.id);
    }
    const removeNodes = nodes.getIds().filter((id) => !wantNodes.has(id));
    const removeEdges = edges.getIds().filter((id) => !wantEdges.has(id) && !found.has(id));
    edges.remove(removeEdges);
    nodes.remove(removeNodes);
    const addNodes = [];
    const updateNodes = [];
    for (const [id, look] of wantNodes) {
      const item = look || Object.assign(visNode(nodeById.get(id)), savedPositions.get(id));
      if (nodes.get(id) === null) addNodes.push(item);
      else if (look) updateNodes.push({ id, label: look.label });
    }
    nodes.add(addNodes);
    nodes.update(updateNodes);
    const addEdges = [];
    const updateEdges = [];
    for (const id of wantEdges) {
      const e = DATA.edges[id];
      const count = shownCount.get(id);
      const label = e.statements.length > 1 ? edgeLabel(e, count) : undefined;
      if (edges.get(id) === null) addEdges.push(Object.assign(visEdge(e), label ? { label } : {}));
      else if (label) updateEdges.push({ id, label });
    }
    for (const [id, s] of found) {
      const previous = summaries.get(id);
      if (edges.get(id) === null) addEdges.push(visSummary(s));
      else if (!previous || previous.count !== s.count) updateEdges.push(visSummary(s));
    }
    summaries = found;
    edges.add(addEdges);
    edges.update(updateEdges);
  }

  /** Opens cluster c in place: its actors around where it was, others pushed aside. */
  function openCluster(c) {
    if (openClusters.has(c.index)) return;
    const centre = nodes.get(c.id) ? network.getPosition(c.id) : { x: 0, y: 0 };
    const members = c.members.slice().sort((a, b) => b.degree - a.degree);
    const points = sunflower(centre.x, centre.y, members.length, 55);
    const radius = 55 * Math.sqrt(members.length) + 60;
    members.forEach((n, i) => {
      if (!savedPositions.has(n.id)) savedPositions.set(n.id, points[i]);
    });
    // Everything else moves the same distance straight away from the centre: that never
    // brings two nodes closer, so clusters that did not overlap still do not.
    for (const [id, at] of Object.entries(network.getPositions())) {
      if (id === c.id) continue;
      const dx = at.x - centre.x;
      const dy = at.y - centre.y;
      const d = Math.max(Math.hypot(dx, dy), 1);
      const k = (d + radius + 150) / d;
      network.moveNode(id, centre.x + dx * k, centre.y + dy * k);
    }
    openClusters.add(c.index);
    renderOverview();
    showCounts();
  }

  /** Closes cluster c: its actors become one node again, where their centre was. */
  function closeCluster(c) {
    if (!openClusters.has(c.index)) return;
    const at = network.getPositions(c.members.map((n) => n.id).filter((id) => nodes.get(id)));
    const points = Object.values(at);
    for (const [id, p] of Object.entries(at)) savedPositions.set(id, p);
    openClusters.delete(c.index);
    renderOverview();
    if (points.length && nodes.get(c.id)) {
      const x = points.reduce((t, p) => t + p.x, 0) / points.length;
      const y = points.reduce((t, p) => t + p.y, 0) / points.length;
      network.moveNode(c.id, x, y);
    }
  }

  // ---------------------------------------------------------------- filters


  function statementShown(st) {
    return state.stances.has(st.stance) && statementKept(st);
  }

  /** The statements of edge e that the filters let through. */
  function shownStatements(e) {
    if (!state.families.has(e.family)) return [];
    if (!state.types.has(nodeById.get(e.from).type) || !state.types.has(nodeById.get(e.to).type)) {
      return [];
    }
    return e.statements.map((i) => DATA.statements[i]).filter(statementShown);
  }

  const legendCounts = new Map(); // "family:supports" ... -> its count element

  /** Applies the filters: hides (or, on an overview, leaves out) what they exclude,
      brings the legend counts up to date and, when refit, fits the view to what is left.
      A legend count is what its box would show with the other filters as they are. */
  function applyFilters(refit) {
    const edgeUpdates = [];
    const visibleDegree = new Map();
    const reached = new Set();
    const facet = { family: new Map(), stance: new Map(), type: new Map(), group: new Map() };
    const bump = (map, key) => map.set(key, (map.get(key) || 0) + 1);
    let statementsShown = 0;
    for (const e of DATA.edges) {
      const typeOk =
        state.types.has(nodeById.get(e.from).type) && state.types.has(nodeById.get(e.to).type);
      const familyOk = state.families.has(e.family);
      let count = 0;
      let anyUntyped = false;
      for (const i of e.statements) {
        const st = DATA.statements[i];
        if (!statementKept(st)) continue;
        const stanceOk = state.stances.has(st.stance);
        if (typeOk && stanceOk) bump(facet.family, e.family);
        if (typeOk && familyOk) bump(facet.stance, st.stance);
        if (familyOk && stanceOk) {
          anyUntyped = true;
          if (typeOk) count += 1;
        }
      }
      if (anyUntyped) {
        reached.add(e.from);
        reached.add(e.to);
      }
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
      if (n.degree === 0 || reached.has(n.id)) bump(facet.type, n.type);
      const hidden = !state.types.has(n.type) || (n.degree > 0 && !visibleDegree.get(n.id));
      if (!hidden) {
        nodesShown += 1;
        bump(facet.group, n.group);
      }
      if (hidden !== nodeHidden.get(n.id)) {
        nodeUpdates.push({ id: n.id, hidden });
        nodeHidden.set(n.id, hidden);
      }
    }
    if (OVERVIEW) renderOverview();
    else {
      if (nodeUpdates.length) nodes.update(nodeUpdates);
      if (edgeUpdates.length) edges.update(edgeUpdates);
    }
    for (const [key, element] of legendCounts) {
      const [kind, value] = key.split(/:(.*)/s);
      element.textContent = String(facet[kind].get(value) || 0);
    }
    shown.nodes = nodesShown;
    shown.statements = statementsShown;
    showCounts();
    refreshPanel();
    if (refit) fitView();
  }

  /** Whether statement st passes the date and roll-up filters. */
  function statementKept(st) {
    if (st.derived && !state.derived) return false;
    if (state.from || state.to) {
      if (!st.effective) return false;
      if (state.from && st.effective < state.from) return false;
      if (state.to && st.effective > state.to) return false;
    }
    return true;
  }

  /** Fits the view to the nodes drawn and not hidden. */
  function fitView() {
    const ids = nodes.getIds({ filter: (n) => !n.hidden });
    if (ids.length) network.fit({ nodes: ids, animation: { duration: 300 } });
  }

  const shown = { nodes: DATA.nodes.length, statements: DATA.statements.length };

  function showCounts() {
    const counts = document.getElementById("counts");
    const open = OVERVIEW
      ? " · " + plural(clusters.length, "cluster") + ", " + openClusters.size + " open"
      : "";
    counts.textContent =
      shown.nodes + " of " + DATA.nodes.length + " actors · " +
      shown.statements + " of " + DATA.statements.length + " statements" + open +
      (DATA.aggregated ? " · parallel statements drawn as one counted link" : "");
  }

  function checkbox(set, value, extra) {
    const input = el("input", { type: "checkbox", checked: set.has(value), value });
    input.dataset.filter = extra;
    input.addEventListener("change", () => {
      if (input.checked) set.add(value);
      else set.delete(value);
      applyFilters(true);
    });
    return input;
  }

  function countElement(key, count) {
    const element = el("span", { className: "count", textContent: String(count) });
    element.dataset.count = key;
    legendCounts.set(key, element);
    return element;
  }

  function filterRow(input, swatch, [text, explanation], count) {
    return el("label", { className: "check", title: explanation || "" }, [
      input,
      swatch,
      el("span", { textContent: text }),
      countElement(input.dataset.filter + ":" + input.value, count),
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
            countElement("group:" + group, groups.get(group)),
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
      applyFilters(true);
    });
    to.addEventListener("change", () => {
      state.to = to.value;
      applyFilters(true);
    });
    const derived = document.getElementById("filter-derived");
    derived.addEventListener("change", () => {
      state.derived = derived.checked;
      applyFilters(true);
    });
    document.getElementById("reset").addEventListener("click", () => {
      for (const input of document.querySelectorAll("input[data-filter]")) {
        input.checked = true;
        const set = { family: state.families, stance: state.stances, type: state.types };
        set[input.dataset.filter].add(input.value);
      }
      from.value = to.value = state.from = state.to = "";
      derived.checked = state.derived = true;
      applyFilters(true);
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

  function clusterButton(c, text) {
    const button = el("button", { type: "button", className: "more", textContent: text });
    button.addEventListener("click", () => {
      if (openClusters.has(c.index)) closeCluster(c);
      else openCluster(c);
      showCounts();
      refreshPanel();
    });
    return button;
  }

  function showCluster(id) {
    const c = clusterById.get(id);
    selected = { kind: "cluster", id };
    clear(panel);
    panel.appendChild(dataText("h2", c.name));
    const visible = c.members.filter((n) => !nodeHidden.get(n.id));
    panel.appendChild(
      el("p", {
        className: "meta-line muted",
        textContent: "Cluster of " + plural(visible.length, "actor") +
          (visible.length < c.members.length ? " (" + c.members.length + " in all)" : "") +
          (openClusters.has(c.index) ? " · open" : " · closed"),
      }),
    );
    panel.appendChild(clusterButton(c, openClusters.has(c.index) ? "Close cluster" : "Open cluster"));
    panel.appendChild(el("h3", { textContent: "Best-connected actors" }));
    const list = el("ul", { className: "members" });
    for (const n of visible.slice().sort((a, b) => b.degree - a.degree).slice(0, 20)) {
      list.appendChild(el("li", {}, [actorButton(n.id, n.label), " · " + plural(n.degree, "statement")]));
    }
    panel.appendChild(list);
  }

  function endName(id) {
    const c = clusterById.get(id);
    return c ? c.name + " (cluster)" : nodeById.get(id).label;
  }

  function showSummary(id) {
    const s = summaries.get(id);
    if (!s) return showIntro();
    selected = { kind: "summary", id };
    clear(panel);
    panel.appendChild(
      el("h2", {}, [dataText("bdi", endName(s.from)), " — ", dataText("bdi", endName(s.to))]),
    );
    panel.appendChild(
      el("p", { className: "meta-line muted", textContent: (FAMILY_TEXT[s.family] || [s.family])[0] +
        " · " + plural(s.edges.length, "link") }),
    );
    panel.appendChild(statementList(s.edges));
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
    else if (selected && selected.kind === "cluster") showCluster(selected.id);
    else if (selected && selected.kind === "summary") showSummary(selected.id);
  }

  function focusNode(id) {
    closeResults();
    const c = clusterOf.get(id);
    if (c !== undefined && !nodeHidden.get(id)) openCluster(clusters[c]);
    if (!nodeHidden.get(id)) {
      network.selectNodes([id]);
      network.focus(id, { scale: Math.max(network.getScale(), 1), animation: { duration: 400 } });
    }
    showNode(id);
  }

  network.on("click", (params) => {
    hideTooltip();
    const node = params.nodes[0];
    const edge = params.edges[0];
    if (node !== undefined && clusterById.has(node)) {
      openCluster(clusterById.get(node));
      showCluster(node);
    } else if (node !== undefined) showNode(node);
    else if (typeof edge === "string" && edge.startsWith("s:")) showSummary(edge);
    else if (edge !== undefined) showEdge(edge);
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
    const c = clusterById.get(params.node);
    const parts = c
      ? [dataText("p", c.name, "head"), el("p", { textContent: "Cluster of " +
          plural(c.members.length, "actor") + " · click to open" })]
      : nodeTooltip(nodeById.get(params.node));
    showTooltip(parts, params.pointer.DOM);
  });
  network.on("hoverEdge", (params) => {
    const s = summaries.get(params.edge);
    const parts = s
      ? [el("p", { className: "head" }, [dataText("bdi", endName(s.from)), " — ",
          dataText("bdi", endName(s.to))]),
        el("p", { textContent: plural(s.count, "statement") + " · " + s.family +
          " · click for the evidence" })]
      : edgeTooltip(DATA.edges[params.edge]);
    showTooltip(parts, params.pointer.DOM);
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

  // ---------------------------------------------------------------- export, positions

  /** Offers url for download as name, through the page's own link (nothing is fetched). */
  function download(url, name) {
    const link = document.getElementById("download");
    link.href = url;
    link.download = name;
    link.click();
  }

  /** The network as drawn now, on white, as a PNG data URL. */
  function pngUrl() {
    const source = container.querySelector("canvas");
    const copy = document.createElement("canvas");
    copy.width = source.width;
    copy.height = source.height;
    const context = copy.getContext("2d");
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, copy.width, copy.height);
    context.drawImage(source, 0, 0);
    return copy.toDataURL("image/png");
  }

  /** Every position known: the nodes drawn, and the actors of closed clusters. */
  function positions() {
    const all = {};
    for (const [id, p] of savedPositions) all[id] = [Math.round(p.x), Math.round(p.y)];
    for (const [id, p] of Object.entries(network.getPositions())) {
      all[id] = [Math.round(p.x), Math.round(p.y)];
    }
    return { actorgraph: "positions", version: 1, positions: all };
  }

  /** Moves the nodes to the positions of a file saved by savePositions; returns how many
      it placed, or throws an Error saying what is wrong. */
  function applyPositions(saved) {
    if (!saved || saved.actorgraph !== "positions" || typeof saved.positions !== "object") {
      throw new Error("not a positions file saved by an actorgraph page");
    }
    let placed = 0;
    for (const [id, at] of Object.entries(saved.positions)) {
      if (!Array.isArray(at) || !Number.isFinite(at[0]) || !Number.isFinite(at[1])) continue;
      if (nodes.get(id) !== null) network.moveNode(id, at[0], at[1]);
      else if (nodeById.has(id)) savedPositions.set(id, { x: at[0], y: at[1] });
      else continue;
      placed += 1;
    }
    return placed;
  }

  function note(text) {
    clear(panel);
    selected = null;
    panel.appendChild(dataText("p", text, "muted"));
  }

  document.getElementById("export-png").addEventListener("click", () => {
    download(pngUrl(), "actorgraph.png");
  });
  document.getElementById("save-positions").addEventListener("click", () => {
    const text = JSON.stringify(positions());
    download("data:application/json;charset=utf-8," + encodeURIComponent(text),
      "actorgraph-positions.json");
  });
  const positionsInput = document.getElementById("load-positions");
  positionsInput.addEventListener("change", async () => {
    const file = positionsInput.files[0];
    if (!file) return;
    try {
      const placed = applyPositions(JSON.parse(await file.text()));
      note("Placed " + plural(placed, "node") + " from " + file.name + ".");
      api.positionsLoaded += 1;
    } catch (error) {
      note(file.name + ": " + error.message + ".");
    }
    positionsInput.value = "";
  });
  const closeAll = document.getElementById("close-clusters");
  closeAll.hidden = !OVERVIEW;
  closeAll.addEventListener("click", () => {
    for (const c of clusters) closeCluster(c);
    showCounts();
    refreshPanel();
    fitView();
  });

  // ---------------------------------------------------------------- start

  // For tests and for curious users in the browser console.
  const api = {
    network, nodes, edges, data: DATA, state, normalise, stripClitics, search, focusNode,
    applyFilters, clusters, openCluster, closeCluster, openClusters, positions,
    applyPositions, pngUrl, positionsLoaded: 0, ready: false,
  };
  window.actorgraph = api;

  function markReady() {
    performance.mark("actorgraph:stable");
    network.setOptions({ physics: { enabled: false } });
    applyFilters();
    api.ready = true;
    document.body.dataset.ready = "true";
    performance.mark("actorgraph:ready");
  }

  document.getElementById("description").textContent = DATA.description;
  buildControls();
  showCounts();
  if (!DATA.nodes.length) {
    container.appendChild(
      el("p", { className: "empty-graph", textContent: "No statements match these options." }),
    );
    markReady();
  } else {
    network.on("stabilizationProgress", (params) => {
      document.getElementById("counts").textContent =
        "Laying out " + (OVERVIEW ? plural(clusters.length, "cluster") : plural(DATA.nodes.length, "actor")) + "… " +
        Math.round((100 * params.iterations) / params.total) + "%";
    });
    if (OVERVIEW) {
      // The clusters stand where packClusters put them: nothing to lay out, so the page is
      // ready once drawn and fitted.
      network.once("afterDrawing", () => {
        network.fit({ animation: false });
        markReady();
      });
    } else {
      network.once("stabilizationIterationsDone", markReady);
    }
  }
})();
