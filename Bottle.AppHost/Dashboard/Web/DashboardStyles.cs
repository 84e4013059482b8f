namespace Bottle.AppHost.Dashboard.Web;

/// <summary>The dashboard's stylesheet: dark text on light surfaces, states coloured with WCAG AA contrast.</summary>
internal static class DashboardStyles
{
    public const string Css = """
        :root {
          --bg: #f5f6f8; --surface: #ffffff; --border: #d8dde3; --text: #1b1f24; --muted: #57606a;
          --accent: #0b5cad; --accent-bg: #e6f0fb; --nav-w: 200px; --header-h: 52px;
          --ok: #116329; --ok-bg: #dcf5e3; --info: #0b5cad; --info-bg: #e6f0fb;
          --warn: #7a4d00; --warn-bg: #fff3c4; --err: #b3161f; --err-bg: #ffe5e5; --none: #4b535c; --none-bg: #eceff2;
          font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
          color: var(--text); background: var(--bg);
        }
        * { box-sizing: border-box; }
        body { margin: 0; min-height: 100vh; display: grid; grid-template-columns: var(--nav-w) 1fr; grid-template-rows: var(--header-h) 1fr; }
        code, pre, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 12.5px; }
        a { color: var(--accent); }
        header.top { grid-column: 1 / 3; display: flex; align-items: center; gap: 16px; padding: 0 20px;
          background: var(--surface); border-bottom: 1px solid var(--border); }
        .brand { display: flex; align-items: center; gap: 8px; font-weight: 700; font-size: 16px; letter-spacing: .2px; }
        .logo { width: 18px; height: 24px; border: 2.5px solid var(--accent); border-radius: 4px 4px 7px 7px; position: relative; }
        .logo::before { content: ""; position: absolute; left: 3px; right: 3px; top: -7px; height: 5px; background: var(--accent); border-radius: 2px; }
        .bottle-name { font-weight: 600; padding: 3px 10px; border-radius: 999px; background: var(--accent-bg); color: var(--accent); }
        .conn { margin-left: auto; font-size: 12px; color: var(--muted); display: flex; align-items: center; gap: 6px; }
        .conn::before { content: ""; width: 8px; height: 8px; border-radius: 50%; background: var(--none); }
        .conn[data-state="live"]::before { background: #1f883d; }
        .conn[data-state="lost"]::before { background: var(--err); }
        nav.side { background: var(--surface); border-right: 1px solid var(--border); padding: 14px 10px; display: flex; flex-direction: column; gap: 2px; }
        nav.side a { color: var(--text); text-decoration: none; padding: 8px 12px; border-radius: 6px; font-weight: 500; }
        nav.side a:hover { background: var(--bg); }
        nav.side a.active { background: var(--accent-bg); color: var(--accent); font-weight: 650; }
        main { padding: 18px 20px; min-width: 0; }
        h1 { font-size: 20px; margin: 0 0 14px; }
        h2 { font-size: 16px; margin: 0; }
        h3 { font-size: 12px; text-transform: uppercase; letter-spacing: .6px; color: var(--muted); margin: 18px 0 6px; }
        .card { background: var(--surface); border: 1px solid var(--border); border-radius: 8px; padding: 12px 14px; }
        .split { display: flex; gap: 16px; align-items: flex-start; }
        .grow { flex: 1; min-width: 0; overflow-x: auto; }
        .detail { width: 340px; flex: none; max-height: calc(100vh - 130px); overflow: auto; }
        .detail > #detail-body > .actions { margin-top: 10px; }
        .detail-head { display: flex; align-items: center; justify-content: space-between; gap: 8px; }
        table.grid { width: 100%; border-collapse: collapse; }
        table.grid th { text-align: left; font-size: 12px; color: var(--muted); font-weight: 600; padding: 6px 8px; border-bottom: 1px solid var(--border); white-space: nowrap; }
        table.grid td { padding: 8px 8px; border-bottom: 1px solid #edf0f3; vertical-align: middle; }
        table.grid tbody tr:last-child td { border-bottom: none; }
        table#resources tbody tr { cursor: pointer; }
        table#resources tbody tr:hover, table#resources tbody tr.selected { background: #f3f7fc; }
        td.name { font-weight: 600; }
        .muted, .empty { color: var(--muted); }
        .empty { padding: 18px 4px; margin: 0; }
        .state { display: inline-flex; align-items: center; gap: 6px; padding: 2px 10px 2px 8px; border-radius: 999px; font-weight: 600; font-size: 12.5px;
          color: var(--none); background: var(--none-bg); white-space: nowrap; }
        .state::before { content: ""; width: 7px; height: 7px; border-radius: 50%; background: currentColor; }
        .state.success { color: var(--ok); background: var(--ok-bg); }
        .state.info { color: var(--info); background: var(--info-bg); }
        .state.warn { color: var(--warn); background: var(--warn-bg); }
        .state.error { color: var(--err); background: var(--err-bg); }
        .health-Healthy { color: var(--ok); } .health-Degraded { color: var(--warn); } .health-Unhealthy { color: var(--err); font-weight: 600; }
        button { font: inherit; font-size: 12.5px; padding: 4px 10px; border-radius: 6px; border: 1px solid var(--border); background: var(--surface); color: var(--text); cursor: pointer; }
        button:hover:not(:disabled) { border-color: var(--accent); color: var(--accent); }
        button:disabled { color: #8c959f; cursor: not-allowed; background: #f6f8fa; }
        button.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
        button.primary:disabled { background: #f6f8fa; border-color: var(--border); color: #8c959f; }
        button.icon { border: none; font-size: 20px; line-height: 1; padding: 0 6px; }
        .actions { display: flex; gap: 6px; flex-wrap: wrap; }
        td .actions { flex-wrap: nowrap; }
        td.name, td.nowrap { white-space: nowrap; }
        .json .k { color: #0b4f91; } .json .s { color: #116329; } .json .n { color: #953800; } .json .b { color: #8250df; font-weight: 600; }
        dl.kv { display: grid; grid-template-columns: minmax(110px, max-content) 1fr; gap: 4px 12px; margin: 0; }
        dl.kv dt { color: var(--muted); overflow-wrap: anywhere; }
        dl.kv dd { margin: 0; overflow-wrap: anywhere; }
        .masked { color: var(--muted); letter-spacing: 1px; }
        .toolbar { display: flex; align-items: center; gap: 14px; flex-wrap: wrap; margin-bottom: 10px; }
        select, input[type=search] { font: inherit; padding: 5px 8px; border: 1px solid var(--border); border-radius: 6px; background: var(--surface); color: var(--text); }
        input[type=search] { min-width: 260px; }
        label.check { display: inline-flex; align-items: center; gap: 6px; cursor: pointer; }
        .logs-card { display: flex; flex-direction: column; height: calc(100vh - 130px); }
        .log { flex: 1; overflow: auto; background: #fbfcfd; border: 1px solid #e4e8ec; border-radius: 6px; padding: 6px 0;
          font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 12.5px; }
        .line { display: flex; gap: 12px; padding: 1px 12px; white-space: pre-wrap; overflow-wrap: anywhere; }
        .line:hover { background: #eef3f8; }
        .line .ts { color: #6e7781; flex: none; user-select: none; }
        .line.err .text { color: var(--err); }
        .line.hidden { display: none; }
        .pill { display: inline-block; padding: 1px 9px; border-radius: 999px; font-weight: 600; font-size: 12px; }
        .pill.allow { color: var(--ok); background: var(--ok-bg); }
        .pill.deny { color: var(--err); background: var(--err-bg); }
        .pill.dlp { color: #6b2fb3; background: #f1e6ff; }
        .pill.error { color: #8a5a00; background: #fff3d6; }
        .count { color: var(--muted); font-variant-numeric: tabular-nums; }
        pre.json { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; max-height: calc(100vh - 150px); overflow: auto; }
        .legend { display: flex; gap: 22px; flex-wrap: wrap; color: var(--muted); font-size: 12.5px; margin-bottom: 8px; }
        .legend span { display: inline-flex; align-items: center; gap: 8px; }
        .graph-wrap { overflow: auto; }
        svg .node rect { fill: var(--surface); stroke: #aab3bd; stroke-width: 1.2; rx: 8; }
        svg .node .bar { stroke: none; }
        svg .node text { fill: var(--text); font-size: 13px; }
        svg .node text.sub { fill: var(--muted); font-size: 11.5px; }
        svg .node.success .bar { fill: #1f883d; } svg .node.info .bar { fill: #0969da; }
        svg .node.warn .bar { fill: #bf8700; } svg .node.error .bar { fill: #cf222e; } svg .node .bar { fill: #8c959f; }
        svg .node.error rect.box { stroke: #cf222e; }
        .edge { fill: none; stroke: #57606a; stroke-width: 1.5; }
        .edge.WaitForCompletion { stroke-dasharray: 6 4; }
        .edge.Parent { stroke: #8c959f; stroke-dasharray: 2 3; }
        .edge.Reference { stroke: #0969da; }
        .toast { position: fixed; right: 20px; bottom: 20px; max-width: 460px; padding: 10px 14px; border-radius: 8px; background: #1b1f24; color: #fff; box-shadow: 0 6px 24px rgba(0,0,0,.18); }
        .toast.failed { background: var(--err); }
        body.login { display: flex; align-items: center; justify-content: center; }
        .login-card { background: var(--surface); border: 1px solid var(--border); border-radius: 10px; padding: 26px 30px; max-width: 560px; }
        .login-card pre { background: var(--bg); padding: 8px 10px; border-radius: 6px; }
        .error { color: var(--err); font-weight: 600; }
        @media (max-width: 1100px) { .split { flex-direction: column; } .detail { width: 100%; } }
        """;
}
