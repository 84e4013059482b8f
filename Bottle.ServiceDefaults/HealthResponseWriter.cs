using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bottle.ServiceDefaults;

/// <summary>
/// Writes a health report as JSON: <c>{"status":"Healthy","role":"egress","version":"1.0.0","checks":{"self":"Healthy"},"data":{"egress":{"rules":3}}}</c>.
/// </summary>
/// <remarks>Written with <see cref="Utf8JsonWriter"/> rather than reflection so the project stays AOT compatible.</remarks>
internal static class HealthResponseWriter
{
    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        var identity = context.RequestServices.GetRequiredService<ServiceIdentity>();
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteString("role", identity.Role);
        json.WriteString("version", identity.Version);
        json.WriteStartObject("checks");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteString(name, entry.Status.ToString());
        }

        json.WriteEndObject();

        // What each check reports about itself (a sidecar's rule count and policy version), when it says anything.
        json.WriteStartObject("data");
        foreach (var (name, entry) in report.Entries.Where(e => e.Value.Data.Count > 0))
        {
            json.WriteStartObject(name);
            foreach (var (key, value) in entry.Data)
            {
                switch (value)
                {
                    case long or int:
                        json.WriteNumber(key, Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                        break;
                    case null:
                        json.WriteNull(key);
                        break;
                    default:
                        json.WriteString(key, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                        break;
                }
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }
}
