using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Bottle.Sidecars.Hosting;

/// <summary>
/// Sums the <see cref="long"/> counters of one <see cref="Meter"/> (by name, whichever host created it) and renders
/// them as Prometheus text, tags as labels. For roles that count with System.Diagnostics.Metrics.
/// </summary>
public sealed class MeterCounters : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _totals = new(StringComparer.Ordinal);

    /// <summary>Starts listening to the meter named <paramref name="meterName"/>.</summary>
    public MeterCounters(string meterName)
    {
        ArgumentNullException.ThrowIfNull(meterName);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == meterName && instrument is Counter<long>)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var labels = new StringBuilder();
            foreach (var tag in tags)
            {
                labels.Append(labels.Length == 0 ? "" : ",").Append(tag.Key).Append("=\"").Append(tag.Value).Append('"');
            }

            var series = instrument.Name.Replace('.', '_') + "_total" + (labels.Length == 0 ? "" : "{" + labels + "}");
            _totals.AddOrUpdate(series, value, (_, old) => old + value);
        });
        _listener.Start();
    }

    /// <summary>Every series seen so far, one <c>name{labels} value</c> line each, sorted.</summary>
    public string ToPrometheusText()
    {
        var sb = new StringBuilder();
        foreach (var (series, value) in _totals.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            sb.Append(series).Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return sb.ToString();
    }

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();
}
