namespace Bottle.AppHost.Dashboard.Web;

/// <summary>
/// The dashboard's script. Every piece of data goes into the page through <c>textContent</c> or attributes set
/// with <c>setAttribute</c>, never through HTML parsing, so log lines and names cannot inject markup.
/// </summary>
internal static class DashboardScript
{
    public const string Js = """
        "use strict";
        const $ = (sel, root = document) => root.querySelector(sel);

        // Builds an element; children that are strings become text nodes (never HTML).
        function el(tag, attrs, ...children) {
          const node = document.createElement(tag);
          for (const [k, v] of Object.entries(attrs || {})) {
            if (v === null || v === undefined || v === false) continue;
            if (k === "class") node.className = v;
            else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
            else node.setAttribute(k, v === true ? "" : String(v));
          }
          for (const c of children.flat()) {
            if (c === null || c === undefined) continue;
            node.append(c instanceof Node ? c : document.createTextNode(String(c)));
          }
          return node;
        }

        function svg(tag, attrs, ...children) {
          const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
          for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
          for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
          return node;
        }

        const time = iso => iso ? new Date(iso).toLocaleTimeString([], { hour12: false }) : "";
        const dateTime = iso => iso ? new Date(iso).toLocaleString([], { hour12: false }) : "";

        function toast(text, failed) {
          const t = $("#toast");
          t.textContent = text;
          t.className = failed ? "toast failed" : "toast";
          t.hidden = false;
          clearTimeout(toast.timer);
          toast.timer = setTimeout(() => { t.hidden = true; }, failed ? 8000 : 3500);
        }

        // One EventSource with a connection indicator in the header; the browser reconnects on its own.
        function stream(url, eventName, onItem) {
          const source = new EventSource(url);
          const conn = $("#conn");
          source.onopen = () => { conn.dataset.state = "live"; conn.textContent = "live"; };
          source.onerror = () => { conn.dataset.state = "lost"; conn.textContent = "reconnecting…"; };
          source.addEventListener(eventName, e => onItem(JSON.parse(e.data)));
          return source;
        }

        function stateBadge(view) {
          return el("span", { class: "state " + (view.stateStyle || "none"), "data-state": view.state }, view.state);
        }

        async function runCommand(resource, command) {
          if (command.confirmationMessage && !confirm(command.confirmationMessage)) return;
          try {
            const response = await fetch(`/api/resources/${encodeURIComponent(resource)}/commands/${encodeURIComponent(command.name)}`,
              { method: "POST", headers: { "Accept": "application/json" } });
            const result = await response.json();
            if (result.success) toast(`${command.displayName}: done on ${resource}.`, false);
            else toast(`${command.displayName} on ${resource} failed: ${result.errorMessage}`, true);
          } catch (err) {
            toast(`${command.displayName} on ${resource} failed: ${err}`, true);
          }
        }

        // The table offers what can run now; the detail pane shows every command, greyed out when not possible.
        function commandButtons(view, onlyEnabled) {
          const commands = onlyEnabled ? view.commands.filter(c => c.enabled) : view.commands;
          return el("div", { class: "actions" }, commands.map(c => el("button", {
            type: "button", class: c.isHighlighted ? "primary" : null, disabled: !c.enabled, title: c.description,
            "data-command": c.name,
            onclick: e => { e.stopPropagation(); runCommand(view.name, c); },
          }, c.displayName)));
        }

        function kvList(items) {
          return el("dl", { class: "kv" }, items.flatMap(i => [
            el("dt", null, i.name),
            el("dd", i.masked ? { class: "masked", title: "Looks like a credential: not sent to the browser" } : null, i.value ?? ""),
          ]));
        }

        function initResources() {
          const views = new Map();
          const rows = new Map();
          const tbody = $("#resources tbody");
          let selected = new URLSearchParams(location.search).get("resource");

          function row(view) {
            const endpoints = view.urls.length
              ? view.urls.map(u => el("div", null, u.isInternal ? el("span", { class: "mono" }, u.url) : el("a", { href: u.url, target: "_blank", rel: "noopener noreferrer" }, u.url)))
              : el("span", { class: "muted" }, "—");
            const tr = el("tr", { "data-resource": view.name, class: view.name === selected ? "selected" : null, onclick: () => select(view.name) },
              el("td", { class: "name" }, view.name),
              el("td", null, view.type),
              el("td", null, stateBadge(view)),
              el("td", { class: view.health ? "health-" + view.health : "muted" }, view.health || "—"),
              el("td", null, endpoints),
              el("td", { title: dateTime(view.startTime) }, view.startTime ? time(view.startTime) : "—"),
              el("td", null, commandButtons(view, true)));
            return tr;
          }

          function detail(view) {
            const body = $("#detail-body");
            $("#detail-name").textContent = view.name;
            const facts = [
              { name: "Type", value: view.type }, { name: "State", value: view.state },
              { name: "Health", value: view.health || "—" }, { name: "Started", value: dateTime(view.startTime) || "—" },
              { name: "Stopped", value: dateTime(view.stopTime) || "—" },
              { name: "Exit code", value: view.exitCode ?? "—" },
            ];
            const noEnvironment = view.startTime ? "No variables set by the app host; the process inherits its environment." : "Not started yet.";
            body.replaceChildren(...[
              commandButtons(view),
              el("h3", null, "Resource"), kvList(facts),
              view.properties.length ? [el("h3", null, "Properties"), kvList(view.properties)] : [],
              el("h3", null, "Environment"), view.environment.length ? kvList(view.environment) : el("p", { class: "muted" }, noEnvironment),
              view.healthReports.length ? [el("h3", null, "Health checks"), kvList(view.healthReports.map(h => ({ name: h.name, value: h.status + (h.description ? " — " + h.description : "") })))] : [],
              view.relationships.length ? [el("h3", null, "Relationships"), kvList(view.relationships.map(r => ({ name: r.type, value: r.resourceName })))] : [],
              el("h3", null, "Console"), el("a", { href: "/logs?resource=" + encodeURIComponent(view.name) }, "Open console logs"),
            ].flat());
            $("#detail").hidden = false;
          }

          function select(name) {
            selected = name;
            for (const [n, tr] of rows) tr.classList.toggle("selected", n === name);
            if (views.has(name)) detail(views.get(name));
          }

          $("#detail-close").addEventListener("click", () => { selected = null; $("#detail").hidden = true; for (const tr of rows.values()) tr.classList.remove("selected"); });

          stream("/api/resources/stream", "resource", view => {
            views.set(view.name, view);
            const fresh = row(view);
            const old = rows.get(view.name);
            if (old) old.replaceWith(fresh); else tbody.append(fresh);
            rows.set(view.name, fresh);
            $("#resources-empty").hidden = true;
            if (view.name === selected) detail(view);
          });
        }

        async function initGraph() {
          const canvas = $("#graph");
          const response = await fetch("/api/graph");
          const layout = await response.json();
          canvas.setAttribute("width", layout.width);
          canvas.setAttribute("height", layout.height);
          canvas.setAttribute("viewBox", `0 0 ${layout.width} ${layout.height}`);
          const defs = svg("defs", {}, svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" },
            svg("path", { d: "M 0 0 L 10 5 L 0 10 z", fill: "#57606a" })));
          canvas.append(defs);
          for (const edge of layout.edges) {
            const path = svg("path", { d: edge.path, class: "edge " + edge.type, "marker-end": "url(#arrow)" });
            path.append(svg("title", {}, `${edge.from} → ${edge.to} (${edge.type})`));
            canvas.append(path);
          }
          const nodes = new Map();
          for (const n of layout.nodes) {
            const state = svg("text", { x: n.x + 16, y: n.y + 42, class: "sub" }, n.type);
            const g = svg("g", { class: "node", "data-resource": n.name, transform: `translate(0 0)` },
              svg("rect", { class: "box", x: n.x, y: n.y, width: n.width, height: n.height }),
              svg("rect", { class: "bar", x: n.x, y: n.y + 6, width: 5, height: n.height - 12, rx: 2 }),
              svg("text", { x: n.x + 16, y: n.y + 23 }, n.name),
              state);
            g.addEventListener("click", () => { location.href = "/?resource=" + encodeURIComponent(n.name); });
            g.style.cursor = "pointer";
            canvas.append(g);
            nodes.set(n.name, { g, state, type: n.type });
          }
          stream("/api/resources/stream", "resource", view => {
            const node = nodes.get(view.name);
            if (!node) return;
            node.g.setAttribute("class", "node " + (view.stateStyle || "none"));
            node.state.textContent = `${view.type} · ${view.state}${view.health && view.health !== "Healthy" ? " · " + view.health : ""}`;
          });
        }

        async function initLogs() {
          const select = $("#log-resource");
          const log = $("#log");
          const filter = $("#log-filter");
          const follow = $("#log-follow");
          const count = $("#log-count");
          const maxLines = 5000;
          let source = null;
          const wanted = new URLSearchParams(location.search).get("resource");

          const matches = line => !filter.value || line.dataset.text.toLowerCase().includes(filter.value.toLowerCase());
          const updateCount = () => { count.textContent = `${log.childElementCount} lines`; };

          function open(name) {
            if (source) source.close();
            log.replaceChildren();
            updateCount();
            if (!name) return;
            history.replaceState(null, "", "/logs?resource=" + encodeURIComponent(name));
            source = stream(`/api/logs/${encodeURIComponent(name)}/stream`, "line", line => {
              const div = el("div", { class: line.isError ? "line err" : "line", "data-line": line.lineNumber },
                el("span", { class: "ts", title: dateTime(line.timestamp) }, time(line.timestamp)),
                el("span", { class: "text" }, line.text));
              div.dataset.text = line.text;
              if (!matches(div)) div.classList.add("hidden");
              log.append(div);
              while (log.childElementCount > maxLines) log.firstElementChild.remove();
              updateCount();
              if (follow.checked) log.scrollTop = log.scrollHeight;
            });
          }

          const resources = await (await fetch("/api/resources")).json();
          for (const r of resources) select.append(el("option", { value: r.name }, r.name));
          if (wanted && resources.some(r => r.name.toLowerCase() === wanted.toLowerCase())) select.value = resources.find(r => r.name.toLowerCase() === wanted.toLowerCase()).name;
          select.addEventListener("change", () => open(select.value));
          filter.addEventListener("input", () => { for (const line of log.children) line.classList.toggle("hidden", !matches(line)); });
          follow.addEventListener("change", () => { if (follow.checked) log.scrollTop = log.scrollHeight; });
          log.addEventListener("wheel", e => { if (e.deltaY < 0) follow.checked = false; });
          $("#log-clear").addEventListener("click", () => { log.replaceChildren(); updateCount(); });
          open(select.value);
        }

        function initEgress() {
          const tbody = $("#egress tbody");
          const boxes = [...document.querySelectorAll("input[data-decision]")];
          const filter = $("#egress-filter");
          const counts = { allow: 0, deny: 0, dlp: 0, error: 0 };
          const visible = tr => (boxes.find(b => b.dataset.decision === tr.dataset.decision)?.checked ?? true)
            && (!filter.value || tr.dataset.search.includes(filter.value.toLowerCase()));
          const refilter = () => { for (const tr of tbody.children) tr.hidden = !visible(tr); };
          boxes.forEach(b => b.addEventListener("change", refilter));
          filter.addEventListener("input", refilter);
          stream("/api/audit/stream", "audit", e => {
            const label = { allow: "Allowed", deny: "Denied", dlp: "DLP", error: "Error" }[e.decision] || e.decision;
            const tr = el("tr", { "data-decision": e.decision },
              el("td", { title: dateTime(e.timestamp), class: "mono" }, time(e.timestamp)),
              el("td", null, e.sidecar),
              el("td", null, el("span", { class: "pill " + e.decision }, label)),
              el("td", { class: "mono nowrap" }, e.method),
              el("td", { class: "mono" }, e.host),
              el("td", { class: "mono" }, e.path ?? ""),
              el("td", null, e.reason ?? ""),
              el("td", { class: "mono" }, e.rule ?? ""));
            tr.dataset.search = [e.host, e.path, e.reason, e.rule, e.sidecar, e.method].join(" ").toLowerCase();
            tr.hidden = !visible(tr);
            tbody.prepend(tr);
            counts[e.decision] = (counts[e.decision] || 0) + 1;
            const c = $("#count-" + e.decision);
            if (c) c.textContent = counts[e.decision];
            $("#egress-empty").hidden = true;
          });
        }

        // Colours the plan's JSON by rebuilding it from text tokens (textContent only, like everything else).
        function initPlan() {
          const conn = $("#conn");
          conn.dataset.state = "live";
          conn.textContent = "plan of this run";
          const pre = $("#plan");
          if (!pre) return;
          const text = pre.textContent;
          const token = /("(?:[^"\\]|\\.)*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;
          const parts = [];
          let last = 0;
          for (const m of text.matchAll(token)) {
            parts.push(text.slice(last, m.index));
            if (m[1]) { parts.push(el("span", { class: m[2] ? "k" : "s" }, m[1])); if (m[2]) parts.push(m[2]); }
            else parts.push(el("span", { class: m[3] ? "b" : "n" }, m[0]));
            last = m.index + m[0].length;
          }
          parts.push(text.slice(last));
          pre.replaceChildren(...parts);
        }

        const pages = { resources: initResources, graph: initGraph, logs: initLogs, egress: initEgress, plan: initPlan };
        (pages[document.body.dataset.page] || (() => {}))();
        """;
}
