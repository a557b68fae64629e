// The SPARQL page (/sparql, api/templates/sparql.html): a CodeMirror editor with SPARQL
// highlighting over the query textarea, the named queries as examples, results shown in the
// page. Without this script the page is a plain form posting to /sparql.
//
// Stable element ids (for browser tests):
//   #query-editor        the query <textarea name="query">; with CodeMirror loaded it is hidden
//                        and the editor is #query-editor-cm, the .CodeMirror element after
//                        it (its API is element.CodeMirror, or window.sparqlPage.editor below)
//   #query-form          the form (POST /sparql) holding the editor, Run and the downloads
//   #run-button          Run: POST /sparql with fetch, results shown in #results
//   #download-csv, #download-tsv, #download-json, #download-xml, #download-ttl
//                        download buttons: submit #query-form with format=csv|tsv|json|xml|ttl
//   #example-select      the examples (named queries, kg/queries/*.rq); choosing one loads it
//   #example-load        loads the chosen example without JavaScript (GET /sparql?example=);
//                        hidden when this script runs
//   #example-description, #example-parameters   the chosen example's description and
//                        its parameters (bound by a VALUES line, or left as variables)
//   #results             the results section (hidden until a query has run), with:
//   #result-status       row count and time ("12 rows · 35 ms"); data-state="running|done|error"
//   #result-error        error box (the endpoint's message on a bad query)
//   #results-table       SELECT results; <thead> with the variables, one <tr> per row;
//                        document IRIs are links to /documents/{id}
//   #result-boolean      ASK answer, data-value="true|false"
//   #result-graph        CONSTRUCT/DESCRIBE results as Turtle text
// Data read from the page (JSON blocks, not executed): #examples (name, description,
// parameters, bound, binding, unbound, text) and #sparql-config (prefixes, documentBase,
// defaultQuery, messages). <body data-sparql-ready="true"> once the script has run. window.sparqlPage = {editor: {getValue, setValue}, run, loadExample}.
(function () {
  "use strict";

  var MAX_ROWS = 2000;  // rows drawn in the page; downloads have them all
  var ACCEPT = "application/sparql-results+json, text/turtle;q=0.9";
  // literals shown without their datatype (it is in the cell's title)
  var PLAIN_TYPES = /^http:\/\/www\.w3\.org\/2001\/XMLSchema#(string|boolean|integer|decimal|double|float|int|long|short|nonNegativeInteger|positiveInteger)$/;

  function byId(id) { return document.getElementById(id); }

  function readJson(id) {
    var element = byId(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  function show(element, visible) {
    if (visible) { element.removeAttribute("hidden"); } else { element.setAttribute("hidden", ""); }
  }

  function start() {
    var config = readJson("sparql-config") || {prefixes: {}, documentBase: "", messages: {}};
    var examples = readJson("examples") || [];
    var messages = config.messages;
    var form = byId("query-form");
    var textarea = byId("query-editor");
    var runButton = byId("run-button");
    var select = byId("example-select");
    var results = byId("results");
    var status = byId("result-status");
    var errorBox = byId("result-error");
    var table = byId("results-table");
    var booleanBox = byId("result-boolean");
    var graphBox = byId("result-graph");
    var latest = 0;  // the run whose answer is shown; older answers are dropped

    // The editor: CodeMirror when its script loaded, else the textarea itself.
    var editor = {
      getValue: function () { return textarea.value; },
      setValue: function (text) { textarea.value = text; },
      save: function () {}
    };
    if (window.CodeMirror) {
      var cm = window.CodeMirror.fromTextArea(textarea, {
        mode: "application/sparql-query",
        lineNumbers: true,
        lineWrapping: true,
        matchBrackets: true,
        indentUnit: 2,
        viewportMargin: Infinity,
        screenReaderLabel: messages.queryLabel,
        extraKeys: {
          "Ctrl-Enter": function () { run(); },
          "Cmd-Enter": function () { run(); },
          // Tab moves the focus on, as everywhere else on the page (no keyboard trap)
          "Tab": false,
          "Shift-Tab": false
        }
      });
      cm.getWrapperElement().id = "query-editor-cm";
      editor = {
        getValue: function () { return cm.getValue(); },
        setValue: function (text) { cm.setValue(text); cm.refresh(); },
        save: function () { cm.save(); }
      };
      var label = document.querySelector('label[for="query-editor"]');
      if (label) { label.addEventListener("click", function () { cm.focus(); }); }
    } else {
      textarea.addEventListener("keydown", function (event) {
        if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); run(); }
      });
    }

    // ---- prefixes: ours, and those the query declares ----
    function prefixesOf(query) {
      var found = {};
      Object.keys(config.prefixes).forEach(function (name) { found[name] = config.prefixes[name]; });
      var pattern = /PREFIX\s+([A-Za-z][\w.-]*|):\s*<([^<>\s]*)>/gi;
      var match;
      while ((match = pattern.exec(query)) !== null) { found[match[1]] = match[2]; }
      return found;
    }

    function shorten(iri, prefixes) {
      var best = null;
      Object.keys(prefixes).forEach(function (name) {
        var ns = prefixes[name];
        if (ns && iri.indexOf(ns) === 0 && iri.length > ns.length && (best === null || ns.length > prefixes[best].length)) {
          best = name;
        }
      });
      return best === null ? "<" + iri + ">" : best + ":" + iri.slice(prefixes[best].length);
    }

    // ---- drawing results (DOM APIs and textContent only) ----
    function termNode(term, prefixes) {
      if (term.type === "uri") {
        var text = shorten(term.value, prefixes);
        var base = config.documentBase;
        if (base && term.value.indexOf(base) === 0 && term.value.length > base.length) {
          var link = document.createElement("a");
          link.href = "/documents/" + term.value.slice(base.length).split("/").map(encodeURIComponent).join("/");
          link.textContent = text;
          link.title = term.value;
          return link;
        }
        var span = document.createElement("span");
        span.className = "iri";
        span.textContent = text;
        span.title = term.value;
        return span;
      }
      if (term.type === "bnode") {
        var blank = document.createElement("span");
        blank.className = "bnode";
        blank.textContent = "_:" + term.value;
        return blank;
      }
      if (term.type === "triple") {
        var triple = document.createElement("span");
        triple.appendChild(document.createTextNode("<< "));
        ["subject", "predicate", "object"].forEach(function (part) {
          triple.appendChild(termNode(term.value[part], prefixes));
          triple.appendChild(document.createTextNode(" "));
        });
        triple.appendChild(document.createTextNode(">>"));
        return triple;
      }
      var literal = document.createElement("span");
      literal.className = "literal";
      literal.textContent = term.value;
      var lang = term["xml:lang"];
      if (term.datatype) {
        literal.title = shorten(term.datatype, prefixes);
        if (PLAIN_TYPES.test(term.datatype)) {
          if (!/#(string|boolean)$/.test(term.datatype)) { literal.className += " number"; }
          return literal;
        }
      }
      if (lang || term.datatype) {
        var tag = document.createElement("span");
        tag.className = "tag";
        tag.textContent = lang ? "@" + lang : "^^" + shorten(term.datatype, prefixes);
        var wrap = document.createElement("span");
        wrap.appendChild(literal);
        wrap.appendChild(tag);
        return wrap;
      }
      return literal;
    }

    function clear() {
      show(errorBox, false);
      show(booleanBox, false);
      show(table, false);
      show(graphBox, false);
      errorBox.textContent = "";
      booleanBox.textContent = "";
      graphBox.textContent = "";
      while (table.firstChild) { table.removeChild(table.firstChild); }
    }

    function drawTable(data, prefixes, ms) {
      var vars = (data.head && data.head.vars) || [];
      var rows = (data.results && data.results.bindings) || [];
      var head = document.createElement("thead");
      var headRow = document.createElement("tr");
      vars.forEach(function (name) {
        var th = document.createElement("th");
        th.scope = "col";
        th.textContent = "?" + name;
        headRow.appendChild(th);
      });
      head.appendChild(headRow);
      table.appendChild(head);
      var body = document.createElement("tbody");
      rows.slice(0, MAX_ROWS).forEach(function (row) {
        var tr = document.createElement("tr");
        vars.forEach(function (name) {
          var td = document.createElement("td");
          if (row[name]) { td.appendChild(termNode(row[name], prefixes)); }
          tr.appendChild(td);
        });
        body.appendChild(tr);
      });
      if (!rows.length) {
        var empty = document.createElement("tr");
        var cell = document.createElement("td");
        cell.colSpan = Math.max(vars.length, 1);
        cell.className = "muted";
        cell.textContent = messages.noRows;
        empty.appendChild(cell);
        body.appendChild(empty);
      }
      table.appendChild(body);
      table.setAttribute("data-rows", String(rows.length));
      show(table, true);
      var text = fill(messages.rows, {rows: rows.length, ms: ms});
      if (rows.length > MAX_ROWS) { text += " (" + fill(messages.truncated, {shown: MAX_ROWS}) + ")"; }
      return text;
    }

    function drawError(statusCode, body) {
      var detail = body;
      try {
        var parsed = JSON.parse(body);
        if (parsed && parsed.detail !== undefined) {
          detail = typeof parsed.detail === "string" ? parsed.detail : JSON.stringify(parsed.detail);
        }
      } catch (ignored) { /* not JSON: show the text */ }
      var heading = document.createElement("strong");
      heading.textContent = fill(messages.error, {status: statusCode});
      var message = document.createElement("pre");
      message.textContent = detail;
      errorBox.appendChild(heading);
      errorBox.appendChild(message);
      show(errorBox, true);
    }

    function setStatus(text, state) {
      status.textContent = text;
      status.setAttribute("data-state", state);
    }

    function run() {
      var query = editor.getValue();
      editor.save();
      var prefixes = prefixesOf(query);
      var ticket = ++latest;
      var started = performance.now();
      clear();
      show(results, true);
      setStatus(messages.running, "running");
      runButton.disabled = true;
      var request = fetch("/sparql", {
        method: "POST",
        headers: {"Content-Type": "application/x-www-form-urlencoded;charset=UTF-8", "Accept": ACCEPT},
        body: new URLSearchParams({query: query}).toString(),
        credentials: "same-origin"
      }).then(function (response) {
        return response.text().then(function (text) {
          return {ok: response.ok, status: response.status, type: response.headers.get("content-type") || "", text: text};
        });
      }).then(function (answer) {
        if (ticket !== latest) { return; }
        var ms = Math.round(performance.now() - started);
        if (!answer.ok) {
          drawError(answer.status, answer.text);
          setStatus("", "error");
          return;
        }
        if (answer.type.indexOf("json") !== -1) {
          var data = JSON.parse(answer.text);
          if (typeof data.boolean === "boolean") {
            booleanBox.textContent = data.boolean ? messages["true"] : messages["false"];
            booleanBox.setAttribute("data-value", String(data.boolean));
            show(booleanBox, true);
            setStatus(fill(messages.boolean, {ms: ms}), "done");
          } else {
            setStatus(drawTable(data, prefixes, ms), "done");
          }
        } else {
          graphBox.textContent = answer.text;
          show(graphBox, true);
          setStatus(fill(messages.graph, {ms: ms}), "done");
        }
      }).catch(function (err) {
        if (ticket !== latest) { return; }
        clear();
        var heading = document.createElement("strong");
        heading.textContent = messages.network;
        errorBox.appendChild(heading);
        if (err && err.message) {
          var message = document.createElement("pre");
          message.textContent = err.message;
          errorBox.appendChild(message);
        }
        show(errorBox, true);
        setStatus("", "error");
      });
      request.then(function () { if (ticket === latest) { runButton.disabled = false; } },
                   function () { runButton.disabled = false; });
      return request;
    }

    // ---- examples ----
    function loadExample(name) {
      var example = null;
      examples.forEach(function (e) { if (e.name === name) { example = e; } });
      var description = byId("example-description");
      var parameters = byId("example-parameters");
      description.textContent = example ? example.description : "";
      parameters.textContent = !example ? "" :
        example.binding ? fill(messages.bound, {values: example.binding}) :
        example.unbound ? fill(messages.unbound, {names: example.unbound}) : "";
      editor.setValue(example ? example.text : config.defaultQuery || "");
      if (window.history && window.history.replaceState) {
        var url = new URL(window.location.href);
        if (example) { url.searchParams.set("example", name); } else { url.searchParams.delete("example"); }
        window.history.replaceState(null, "", url.pathname + url.search);
      }
      return example !== null;
    }

    select.addEventListener("change", function () { loadExample(select.value); });
    show(byId("example-load"), false);
    byId("example-form").addEventListener("submit", function (event) {
      event.preventDefault();
      loadExample(select.value);
    });

    form.addEventListener("submit", function (event) {
      editor.save();
      var submitter = event.submitter;
      if (submitter && submitter.name === "format") { return; }  // a download: the browser saves the file
      event.preventDefault();
      run();
    });

    window.sparqlPage = {editor: editor, run: run, loadExample: loadExample};
    document.body.setAttribute("data-sparql-ready", "true");
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
