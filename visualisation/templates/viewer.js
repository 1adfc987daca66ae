// Linkwatch viewer: filters, search, timeline and expansion over vis-network.
// Every piece of text from the data is set with textContent, never as HTML.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const status = document.getElementById("status");

  function asTooltip(text) {
    const element = document.createElement("div");
    element.textContent = text || "";
    return element;
  }
  function prepareNode(node) {
    const copy = Object.assign({}, node);
    copy.title = asTooltip(node.tooltip);
    return copy;
  }
  function prepareEdge(edge) {
    const copy = Object.assign({}, edge);
    copy.id = copy.id || [edge.from, edge.to, edge.type, edge.label].join("|");
    copy.title = asTooltip(edge.tooltip);
    return copy;
  }

  const nodes = new vis.DataSet(data.nodes.map(prepareNode));
  const edges = new vis.DataSet(data.edges.map(prepareEdge));
  const hiddenTypes = new Set();
  let dateFrom = null;
  let dateTo = null;

  function nodeVisible(node) {
    if (!node.date) return true;
    if (dateFrom && node.date < dateFrom) return false;
    if (dateTo && node.date > dateTo) return false;
    return true;
  }
  function edgeVisible(edge) {
    if (hiddenTypes.has(edge.type)) return false;
    if (edge.date && ((dateFrom && edge.date < dateFrom) || (dateTo && edge.date > dateTo))) return false;
    return true;
  }
  const nodeView = new vis.DataView(nodes, { filter: nodeVisible });
  const edgeView = new vis.DataView(edges, { filter: edgeVisible });
  const container = document.getElementById("network");
  // Listen before the data arrives: small graphs can stabilise during setData itself.
  const network = new vis.Network(container, { nodes: [], edges: [] }, data.options);

  function refresh() {
    nodeView.refresh();
    edgeView.refresh();
    report();
  }
  function report() {
    status.textContent = nodeView.length + " entities and " + edgeView.length + " ties shown of " +
      nodes.length + " and " + edges.length + ".";
  }

  function settled() {
    if (document.body.dataset.stable === "true") return;
    network.setOptions({ physics: { enabled: false } });  // stop moving once laid out
    document.body.dataset.stable = "true";
  }
  network.once("stabilizationIterationsDone", settled);
  network.once("stabilized", settled);
  network.setData({ nodes: nodeView, edges: edgeView });
  if (!data.options.physics.enabled) settled();

  // Relationship-type filter.
  const typeBox = document.getElementById("type-filter");
  data.types.forEach(function (type) {
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.checked = true;
    box.dataset.type = type;
    box.addEventListener("change", function () {
      if (box.checked) hiddenTypes.delete(type); else hiddenTypes.add(type);
      refresh();
    });
    label.appendChild(box);
    label.appendChild(document.createTextNode(" " + type));
    typeBox.appendChild(label);
    typeBox.appendChild(document.createElement("br"));
  });

  // Dates: from/to inputs and a timeline slider that moves the end date.
  const fromInput = document.getElementById("date-from");
  const toInput = document.getElementById("date-to");
  const slider = document.getElementById("timeline");
  const sliderDate = document.getElementById("timeline-date");
  if (data.date_range) {
    fromInput.min = toInput.min = data.date_range[0];
    fromInput.max = toInput.max = data.date_range[1];
  } else {
    document.getElementById("date-filter").hidden = true;
  }
  fromInput.addEventListener("change", function () { dateFrom = fromInput.value || null; refresh(); });
  toInput.addEventListener("change", function () { dateTo = toInput.value || null; refresh(); });
  slider.addEventListener("input", function () {
    if (!data.date_range) return;
    const start = Date.parse(data.date_range[0]);
    const end = Date.parse(data.date_range[1]);
    const at = new Date(start + (end - start) * slider.value / 1000).toISOString().slice(0, 10);
    dateTo = at;
    toInput.value = at;
    sliderDate.textContent = "up to " + at;
    refresh();
  });

  // Search and highlight.
  const search = document.getElementById("search");
  const result = document.getElementById("search-result");
  search.addEventListener("input", function () {
    const term = search.value.trim().toLowerCase();
    if (!term) { network.unselectAll(); result.textContent = ""; return; }
    const found = nodeView.get({ filter: function (n) {
      return (n.label || "").toLowerCase().includes(term) || String(n.id).toLowerCase().includes(term);
    } }).map(function (n) { return n.id; });
    network.selectNodes(found);
    if (found.length) network.fit({ nodes: found, animation: false });
    result.textContent = found.length + " found";
  });

  document.getElementById("fit").addEventListener("click", function () { network.fit(); });
  const pin = document.getElementById("physics");
  pin.addEventListener("click", function () {
    const pinned = pin.dataset.pinned === "true";
    network.setOptions({ physics: { enabled: pinned } });
    pin.dataset.pinned = pinned ? "false" : "true";
    pin.textContent = pinned ? "Pin layout" : "Let it move";
  });

  // Expand: fetch an entity's neighbours from the service that served this page.
  network.on("doubleClick", function (params) {
    if (!params.nodes.length) return;
    expand(params.nodes[0]);
  });
  function expand(id) {
    const node = nodes.get(id);
    if (!data.expand_url || !node || !node.expandable) {
      status.textContent = "This entity cannot be expanded here.";
      return Promise.resolve(false);
    }
    const url = data.expand_url.replace("{id}", encodeURIComponent(id));
    return fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error("the service answered " + response.status);
        return response.json();
      })
      .then(function (extra) {
        nodes.update(extra.nodes.filter(function (n) { return !nodes.get(n.id); }).map(prepareNode));
        edges.update(extra.edges.map(prepareEdge));
        extra.types.forEach(function (type) { if (!data.types.includes(type)) data.types.push(type); });
        refresh();
        return true;
      })
      .catch(function (error) { status.textContent = "Could not expand: " + error.message; return false; });
  }

  window.linkwatchView = { network: network, nodes: nodes, edges: edges, nodeView: nodeView,
                           edgeView: edgeView, expand: expand };
  report();
})();
