/// The fixed inline stylesheet, script and Content-Security-Policy of the HTML report.
enum HTMLReportStyle {
    /// Allows only the page's own inline style and script: no fetch of any kind.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

    /// Enhances only, the page being complete without it: opens the `<details>` a link points
    /// at (and its enclosing ones), adds a host filter over the matrix and the host sections,
    /// makes the rule totals sortable by a click on a column heading, then marks the page ready.
    static let script = """
        (function () {
          function openTarget() {
            var id = decodeURIComponent(location.hash.slice(1));
            var el = id ? document.getElementById(id) : null;
            for (var node = el; node; node = node.parentElement) {
              if (node.tagName === 'DETAILS') { node.open = true; }
            }
            if (el) { el.scrollIntoView({ block: 'start' }); }
          }
          window.addEventListener('hashchange', openTarget);
          openTarget();
          var hosts = document.querySelectorAll('[data-host]');
          var anchor = document.getElementById('rules');
          if (hosts.length > 1 && anchor) {
            var label = document.createElement('label');
            label.className = 'filter';
            label.textContent = 'Filter hosts: ';
            var input = document.createElement('input');
            input.type = 'search';
            input.placeholder = 'part of a host name';
            label.appendChild(input);
            anchor.parentNode.insertBefore(label, anchor);
            input.addEventListener('input', function () {
              var text = input.value.toLowerCase();
              for (var i = 0; i < hosts.length; i++) {
                var name = (hosts[i].getAttribute('data-host') || '').toLowerCase();
                hosts[i].hidden = text !== '' && name.indexOf(text) < 0;
              }
            });
          }
          var tables = document.querySelectorAll('table.sortable');
          for (var t = 0; t < tables.length; t++) {
            (function (table) {
              var heads = table.tHead ? table.tHead.rows[0].cells : [];
              for (var c = 0; c < heads.length; c++) {
                (function (column, head) {
                  head.setAttribute('role', 'button');
                  head.tabIndex = 0;
                  var descending = true;
                  function sort() {
                    var body = table.tBodies[0];
                    var rows = Array.prototype.slice.call(body.rows);
                    rows.sort(function (a, b) {
                      var x = a.cells[column].textContent, y = b.cells[column].textContent;
                      var nx = parseFloat(x), ny = parseFloat(y);
                      var order = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
                      return descending ? -order : order;
                    });
                    for (var r = 0; r < rows.length; r++) { body.appendChild(rows[r]); }
                    descending = !descending;
                  }
                  head.addEventListener('click', sort);
                  head.addEventListener('keydown', function (event) { if (event.key === 'Enter') { sort(); } });
                })(c, heads[c]);
              }
            })(tables[t]);
          }
          document.documentElement.setAttribute('data-hostcheck-ready', '1');
        })();
        """

    static let css = """
        :root {
          color-scheme: light dark;
          --bg: #f6f7f9; --fg: #1b1f24; --muted: #5b6470; --card: #ffffff; --line: #d8dde3;
          --pass: #2e7d32; --fail: #c62828; --unknown: #f59f00; --error: #7b1fa2; --skip: #78828c; --waived: #1565c0;
          --on-pass: #fff; --on-fail: #fff; --on-unknown: #1b1f24; --on-error: #fff; --on-skip: #fff; --on-waived: #fff;
        }
        @media (prefers-color-scheme: dark) {
          :root { --bg: #101418; --fg: #e6e9ed; --muted: #9aa4af; --card: #1a2027; --line: #2c343d; }
        }
        * { box-sizing: border-box; }
        html { font-size: 16px; -webkit-text-size-adjust: 100%; }
        @media (min-width: 1400px) { html { font-size: 18px; } }
        @media (min-width: 2200px) { html { font-size: 22px; } }
        body { margin: 0; background: var(--bg); color: var(--fg);
          font: 1rem/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
        code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .88em;
          overflow-wrap: anywhere; }
        a { color: inherit; }
        .top { padding: 1rem clamp(.75rem, 3vw, 2.5rem) .5rem; border-bottom: 1px solid var(--line); background: var(--card); }
        .top h1 { margin: 0 0 .25rem; font-size: 1.5rem; }
        .top p { margin: .15rem 0; color: var(--muted); font-size: .9rem; overflow-wrap: anywhere; }
        .jump a { margin-right: 1rem; font-size: .9rem; }
        .report { display: flex; flex-direction: column; gap: 1rem; padding: 1rem clamp(.75rem, 3vw, 2.5rem) 3rem; }
        .report > * { margin-top: 0; margin-bottom: 0; }
        .top h1.o-fail, .top h1.o-error { color: var(--c); }
        .groups { list-style: none; margin: .4rem 0; padding: 0; }
        .groups li { margin: .2rem 0; overflow-wrap: anywhere; }
        .groups a { font-weight: 600; }
        ul.packs { margin: 0 0 .25rem; padding-left: 1.2rem; font-size: .85rem; color: var(--muted); }
        .filter { display: block; margin: 0; font-size: .9rem; }
        .filter input { font: inherit; padding: .2rem .4rem; min-width: 16rem; }
        .chart { max-width: 100%; height: auto; border: 1px solid var(--line); border-radius: .5rem; }
        .totals, .passing-hosts { border-collapse: collapse; background: var(--card); font-size: .88rem; margin-top: .5rem; }
        .totals th, .totals td, .passing-hosts th, .passing-hosts td { border: 1px solid var(--line); padding: .25rem .5rem; text-align: left; vertical-align: top; }
        .totals thead th { cursor: pointer; }
        .num { text-align: right; }
        .totals td.num, .passing-hosts td.num { text-align: right; font-variant-numeric: tabular-nums; }
        .more { font-size: .9rem; }
        h2 { font-size: 1.2rem; margin: 0 0 .5rem; }
        .hosts-title { margin-top: .5rem; }
        .verdict { display: flex; flex-wrap: wrap; align-items: baseline; gap: .25rem .75rem; margin: 0 0 .75rem;
          padding: .6rem 1rem; border-radius: .5rem; font-size: 1.05rem; }
        .verdict-word { font-weight: 800; font-size: 1.5rem; letter-spacing: .04em; }
        .cards { list-style: none; margin: 0; padding: 0; display: grid; gap: .5rem;
          grid-template-columns: repeat(auto-fit, minmax(6.5rem, 1fr)); }
        .card { background: var(--card); border: 1px solid var(--line); border-left: .4rem solid var(--c);
          border-radius: .5rem; padding: .5rem .75rem; display: flex; flex-direction: column; }
        .card .n { font-size: 1.8rem; font-weight: 700; line-height: 1.1; }
        .card .w { color: var(--muted); font-size: .9rem; }
        .card.zero { opacity: .55; }
        .o-pass { --c: var(--pass); --on: var(--on-pass); }
        .o-fail { --c: var(--fail); --on: var(--on-fail); }
        .o-unknown { --c: var(--unknown); --on: var(--on-unknown); }
        .o-error { --c: var(--error); --on: var(--on-error); }
        .o-skip { --c: var(--skip); --on: var(--on-skip); }
        .o-waived { --c: var(--waived); --on: var(--on-waived); }
        .verdict, .badge, .cell a { background: var(--c); color: var(--on); }
        .badge { display: inline-block; padding: .05rem .45rem; border-radius: .3rem; font-size: .78rem;
          font-weight: 700; letter-spacing: .03em; white-space: nowrap; vertical-align: middle; }
        .badge.none { background: transparent; color: var(--muted); border: 1px solid var(--line); }
        .matrix-scroll { overflow: auto; max-height: 80vh; width: fit-content; max-width: 100%; border: 1px solid var(--line); border-radius: .5rem; background: var(--card); }
        .grid { border-collapse: separate; border-spacing: 0; font-size: .8rem; }
        .grid th, .grid td { padding: 2px; border-bottom: 1px solid var(--line); }
        .grid thead th { position: sticky; top: 0; background: var(--card); z-index: 1; vertical-align: bottom; }
        .grid tbody th { position: sticky; left: 0; background: var(--card); text-align: left; font-weight: 600;
          padding: 2px .6rem 2px .5rem; white-space: nowrap; max-width: 14rem; overflow: hidden; text-overflow: ellipsis; }
        .grid .corner { left: 0; z-index: 2; text-align: left; padding-left: .5rem; }
        .rule-col span { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; display: inline-block;
          max-height: 12rem; overflow: hidden; text-overflow: ellipsis; font-weight: 600; padding: .25rem 0; }
        .cell { text-align: center; }
        .cell a { display: block; min-width: 2.6rem; padding: .2rem .15rem; border-radius: .25rem; text-decoration: none;
          font: 700 .7rem/1.2 ui-monospace, "DejaVu Sans Mono", monospace; }
        .cell a.o-pass, .cell a.o-skip, .legend .o-pass, .legend .o-skip { background: color-mix(in srgb, var(--c) 16%, transparent);
          color: color-mix(in srgb, var(--c) 70%, var(--fg)); }
        .cell a:hover, .cell a:focus { outline: 2px solid var(--fg); outline-offset: 1px; }
        .cell.none { color: var(--muted); }
        .legend { display: flex; flex-wrap: wrap; gap: .35rem .6rem; align-items: center; font-size: .85rem; color: var(--muted); }
        .hint { color: var(--muted); font-size: .85rem; margin: 0 0 .5rem; }
        .host { background: var(--card); border: 1px solid var(--line); border-radius: .6rem; padding: .75rem 1rem; }
        .host h3 { margin: 0 0 .25rem; font-size: 1.1rem; display: flex; flex-wrap: wrap; gap: .35rem; align-items: center; }
        .hostname { margin-right: .35rem; overflow-wrap: anywhere; }
        .meta { color: var(--muted); font-size: .85rem; margin: 0 0 .6rem; overflow-wrap: anywhere; }
        .muted { color: var(--muted); }
        .result { border: 1px solid var(--line); border-left: .35rem solid var(--c); border-radius: .4rem;
          margin: .4rem 0; background: var(--bg); scroll-margin-top: 1rem; }
        .result > summary { cursor: pointer; padding: .45rem .6rem; display: flex; flex-wrap: wrap; gap: .2rem .5rem;
          align-items: baseline; list-style-position: inside; }
        .result > summary::-webkit-details-marker { display: none; }
        .result > summary::before { content: "▸"; color: var(--muted); }
        .result[open] > summary::before { content: "▾"; }
        .result[open] > summary .msg { display: none; }
        .rule { font-weight: 700; overflow-wrap: anywhere; }
        .pack { font-weight: 400; color: var(--muted); }
        .title { color: var(--muted); }
        .msg { flex-basis: 100%; overflow-wrap: anywhere; }
        .sev { font-size: .75rem; text-transform: uppercase; letter-spacing: .05em; color: var(--muted);
          border: 1px solid var(--line); border-radius: .3rem; padding: 0 .3rem; }
        .sev-critical, .sev-high { color: var(--fail); border-color: var(--fail); }
        .body { padding: 0 .75rem .6rem; }
        .body p { margin: .4rem 0; overflow-wrap: anywhere; }
        .waiver { border-left: 3px solid var(--waived); padding-left: .5rem; }
        .expires, .src, .pid, .user { color: var(--muted); }
        .tag { display: inline-block; border: 1px solid var(--line); border-radius: 1rem; padding: 0 .5rem; margin: 0 .25rem .25rem 0; font-size: .8rem; }
        .evidence { width: 100%; border-collapse: collapse; font-size: .88rem; background: var(--card); }
        .evidence th, .evidence td { text-align: left; vertical-align: top; padding: .3rem .45rem; border-bottom: 1px solid var(--line); }
        .evidence th { font-size: .78rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
        .owners { margin: 0; padding: 0; list-style: none; }
        .owners li + li { margin-top: .3rem; }
        .folded { margin-top: .5rem; }
        .folded > summary { cursor: pointer; color: var(--muted); padding: .25rem 0; }
        .compact { list-style: none; margin: .25rem 0; padding: 0; font-size: .9rem; }
        .compact li { padding: .2rem 0; border-bottom: 1px solid var(--line); overflow-wrap: anywhere; scroll-margin-top: 1rem; }
        .compact li:target { background: color-mix(in srgb, var(--waived) 12%, transparent); }
        .compact .msg { color: var(--muted); }
        .diags { margin: .25rem 0 .5rem; padding-left: 1.2rem; font-size: .88rem; }
        .d-error { color: var(--fail); }
        .d-warning code { color: inherit; }
        @media (max-width: 640px) {
          .evidence thead { display: none; }
          .evidence, .evidence tbody, .evidence tr, .evidence td { display: block; width: 100%; }
          .evidence tr { border-bottom: 2px solid var(--line); padding: .25rem 0; }
          .evidence td { border: 0; padding: .15rem .45rem; }
          .evidence td::before { content: attr(data-label); display: block; font-size: .7rem; text-transform: uppercase;
            letter-spacing: .05em; color: var(--muted); }
          .host { padding: .6rem .6rem; }
          .grid tbody th { max-width: 8rem; }
        }
        @media print {
          .result { break-inside: avoid; }
          .matrix-scroll { max-height: none; overflow: visible; }
        }
        """
}
