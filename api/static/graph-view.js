// Draws a document network (lineage, cascade, neighbourhood) from the JSON in #graph-data
// with vis-network (served by our app). A click on a node opens its page. When drawn, the
// container gets data-drawn (nodes drawn) and data-draw-ms (time from script start).
(function () {
  "use strict";
  var started = window.performance ? performance.now() : Date.now();
  function draw() {
    var data = JSON.parse(document.getElementById("graph-data").textContent);
    var container = document.getElementById("graph");
    var nodes = new vis.DataSet(data.nodes);
    var edges = new vis.DataSet(data.edges);
    var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
    network.on("click", function (params) {
      if (params.nodes.length) {
        var node = nodes.get(params.nodes[0]);
        if (node && node.url) { window.location.href = node.url; }
      }
    });
    network.on("hoverNode", function () { container.style.cursor = "pointer"; });
    network.on("blurNode", function () { container.style.cursor = "default"; });
    network.once("afterDrawing", function () {
      var now = window.performance ? performance.now() : Date.now();
      container.setAttribute("data-draw-ms", String(Math.round(now - started)));
      container.setAttribute("data-drawn", String(nodes.length));
    });
    window.documentNetwork = network;
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
