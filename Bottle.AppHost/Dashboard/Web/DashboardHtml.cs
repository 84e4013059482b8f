using System.Text;
using System.Text.Encodings.Web;

namespace Bottle.AppHost.Dashboard.Web;

/// <summary>
/// The HTML of each page. Pages are static shells (the only server-side data, the plan and the bottle name, is
/// HTML-encoded); live data arrives as JSON over server-sent events and the script inserts it as text only.
/// </summary>
internal static class DashboardHtml
{
    public static string Page(DashboardPage page, string bottleName, string? planJson)
    {
        var body = page.Id switch
        {
            "resources" => ResourcesBody,
            "graph" => GraphBody,
            "logs" => LogsBody,
            "egress" => EgressBody,
            "plan" => PlanBody(planJson),
            _ => throw new ArgumentOutOfRangeException(nameof(page), page.Id, "Unknown dashboard page."),
        };
        var nav = new StringBuilder();
        foreach (var item in DashboardPage.All)
        {
            var current = item == page ? " aria-current=\"page\" class=\"active\"" : "";
            nav.Append($"""<a href="{item.Path}"{current} data-nav="{item.Id}">{Encode(item.Title)}</a>""");
        }

        return $"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{Encode(page.Title)} · {Encode(bottleName)} · Bottle</title>
            <link rel="stylesheet" href="{DashboardAccessGate.StylesPath}">
            <script src="/assets/dashboard.js" defer></script>
            </head>
            <body data-page="{page.Id}">
            <header class="top">
              <div class="brand"><span class="logo" aria-hidden="true"></span>Bottle</div>
              <div class="bottle-name" title="Bottle">{Encode(bottleName)}</div>
              <div class="conn" id="conn" data-state="connecting">connecting…</div>
            </header>
            <nav class="side">{nav}</nav>
            <main>
            <h1>{Encode(page.Title)}</h1>
            {body}
            </main>
            <div id="toast" class="toast" role="status" hidden></div>
            </body>
            </html>
            """;
    }

    public static string Login(bool invalidToken) => $"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Sign in · Bottle dashboard</title>
        <link rel="stylesheet" href="{DashboardAccessGate.StylesPath}">
        </head>
        <body class="login">
        <section class="login-card">
          <div class="brand"><span class="logo" aria-hidden="true"></span>Bottle dashboard</div>
          {(invalidToken ? """<p class="error" id="login-error">That link's token is not valid for this dashboard. Tokens change every run: use the newest link.</p>""" : "")}
          <p>This dashboard shows only to whoever holds its access link. Find the line</p>
          <pre>Dashboard: http://127.0.0.1:PORT/login?t=TOKEN</pre>
          <p>in the terminal where <code>bottle up</code> (or your app host) is running, and open that link.</p>
        </section>
        </body>
        </html>
        """;

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);

    private const string ResourcesBody = """
        <div class="split">
          <section class="card grow">
            <table class="grid" id="resources">
              <thead><tr><th>Name</th><th>Type</th><th>State</th><th>Health</th><th>Endpoints</th><th>Started</th><th>Actions</th></tr></thead>
              <tbody></tbody>
            </table>
            <p class="empty" id="resources-empty">No resources yet.</p>
          </section>
          <aside class="card detail" id="detail" hidden>
            <div class="detail-head"><h2 id="detail-name"></h2><button type="button" class="icon" id="detail-close" aria-label="Close">×</button></div>
            <div id="detail-body"></div>
          </aside>
        </div>
        """;

    private const string GraphBody = """
        <section class="card">
          <div class="legend">
            <span><svg width="34" height="10"><line x1="0" y1="5" x2="34" y2="5" class="edge WaitFor"/></svg>waits for (healthy)</span>
            <span><svg width="34" height="10"><line x1="0" y1="5" x2="34" y2="5" class="edge WaitForCompletion"/></svg>waits for completion</span>
            <span><svg width="34" height="10"><line x1="0" y1="5" x2="34" y2="5" class="edge Parent"/></svg>inside parent</span>
            <span><svg width="34" height="10"><line x1="0" y1="5" x2="34" y2="5" class="edge Reference"/></svg>references</span>
          </div>
          <div class="graph-wrap"><svg id="graph" role="img" aria-label="Resource graph"></svg></div>
        </section>
        """;

    private const string LogsBody = """
        <section class="card logs-card">
          <div class="toolbar">
            <label>Resource <select id="log-resource"></select></label>
            <input type="search" id="log-filter" placeholder="Filter lines…" aria-label="Filter lines">
            <label class="check"><input type="checkbox" id="log-follow" checked> Follow</label>
            <button type="button" id="log-clear">Clear</button>
            <span class="muted" id="log-count"></span>
          </div>
          <div class="log" id="log" role="log" aria-live="off"></div>
        </section>
        """;

    private const string EgressBody = """
        <section class="card">
          <div class="toolbar">
            <label class="check"><input type="checkbox" data-decision="allow" checked> <span class="pill allow">Allowed</span> <span class="count" id="count-allow">0</span></label>
            <label class="check"><input type="checkbox" data-decision="deny" checked> <span class="pill deny">Denied</span> <span class="count" id="count-deny">0</span></label>
            <label class="check"><input type="checkbox" data-decision="dlp" checked> <span class="pill dlp">DLP</span> <span class="count" id="count-dlp">0</span></label>
            <label class="check"><input type="checkbox" data-decision="error" checked> <span class="pill error">Errors</span> <span class="count" id="count-error">0</span></label>
            <input type="search" id="egress-filter" placeholder="Filter host, path, reason…" aria-label="Filter events">
          </div>
          <table class="grid" id="egress">
            <thead><tr><th>Time</th><th>Sidecar</th><th>Decision</th><th>Method</th><th>Host</th><th>Path</th><th>Reason</th><th>Rule</th></tr></thead>
            <tbody></tbody>
          </table>
          <p class="empty" id="egress-empty">No egress events yet. Pipelock, egress and git-gate report each decision here as the agent's traffic flows.</p>
        </section>
        """;

    private static string PlanBody(string? planJson) => planJson is null
        ? """<section class="card"><p class="empty">This app host runs without a bottle plan.</p></section>"""
        : $"""<section class="card"><pre class="json" id="plan">{Encode(planJson)}</pre></section>""";
}
