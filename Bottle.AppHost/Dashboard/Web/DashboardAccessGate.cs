using Microsoft.AspNetCore.Http;

namespace Bottle.AppHost.Dashboard.Web;

/// <summary>
/// Lets a request through only with the token cookie (set by <c>/login?t=TOKEN</c>): APIs answer 401, pages
/// redirect to the login page. Also refuses foreign Host headers (DNS rebinding) and cross-origin POSTs.
/// </summary>
internal sealed class DashboardAccessGate(string token)
{
    public const string LoginPath = "/login";
    public const string StylesPath = "/assets/dashboard.css";

    /// <summary>Per port, so two dashboards on one machine (cookies ignore ports) keep their own cookie.</summary>
    public static string CookieName(int port) => $"bottle_dashboard_{port}";

    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        var port = http.Connection.LocalPort;
        if (!IsOwnHost(http.Request.Host, port))
        {
            await Refuse(http, StatusCodes.Status400BadRequest, $"Host '{http.Request.Host}' is not this dashboard; use http://127.0.0.1:{port}/.");
            return;
        }

        if (HttpMethods.IsPost(http.Request.Method) && http.Request.Headers.Origin is [{ } origin] && !IsOwnOrigin(origin, port))
        {
            await Refuse(http, StatusCodes.Status403Forbidden, $"Origin '{origin}' may not send commands to this dashboard.");
            return;
        }

        var path = http.Request.Path;
        if (path.Equals(LoginPath, StringComparison.Ordinal) || path.Equals(StylesPath, StringComparison.Ordinal) || HasValidCookie(http))
        {
            await next(http);
            return;
        }

        if (path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            await Refuse(http, StatusCodes.Status401Unauthorized, "Open the dashboard link printed at start (…/login?t=TOKEN) first.");
            return;
        }

        http.Response.Redirect(LoginPath);
    }

    public bool HasValidCookie(HttpContext http) =>
        DashboardToken.Matches(http.Request.Cookies[CookieName(http.Connection.LocalPort)], token);

    public bool IsValidToken(string? candidate) => DashboardToken.Matches(candidate, token);

    /// <summary>Sets the session cookie: HttpOnly so scripts cannot read it, Strict so no other site can use it.</summary>
    public void SignIn(HttpContext http) =>
        http.Response.Cookies.Append(CookieName(http.Connection.LocalPort), token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            // The dashboard is plain HTTP on loopback; a Secure cookie would never be sent back.
            Secure = false,
            IsEssential = true,
        });

    private static bool IsOwnHost(HostString host, int port) =>
        host.Port == port && host.Host is "127.0.0.1" or "localhost";

    private static bool IsOwnOrigin(string origin, int port) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && uri.Port == port && uri.Host is "127.0.0.1" or "localhost";

    private static Task Refuse(HttpContext http, int status, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/plain; charset=utf-8";
        return http.Response.WriteAsync(message, http.RequestAborted);
    }
}
