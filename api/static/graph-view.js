// Draws a lineage graph from the JSON in #graph-data with vis-network (served by our app).
(function () {
  "use strict";
  function draw() {
    var data = JSON.parse(document.getElementById("graph-data").textContent);
    var container = document.getElementById("graph");
    var nodes = new vis.DataSet(data.nodes);
    var edges = new vis.DataSet(data.edges);
    var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
    network.on("doubleClick", function (params) {
      if (params.nodes.length) {
        var node = nodes.get(params.nodes[0]);
        if (node && node.url) { window.location.href = node.url; }
      }
    });
    network.once("afterDrawing", function () {
      container.setAttribute("data-drawn", String(nodes.length));
    });
    window.lineageNetwork = network;
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
