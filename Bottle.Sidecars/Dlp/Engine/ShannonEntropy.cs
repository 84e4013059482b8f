namespace Bottle.Sidecars.Dlp.Engine;

/// <summary>Shannon entropy in bits per character, the measure gitleaks uses to tell random tokens from words.</summary>
internal static class ShannonEntropy
{
    private static readonly double[] CountLogs = [.. Enumerable.Range(0, 512).Select(c => c == 0 ? 0 : c * Math.Log2(c))];

    public static double Of(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return 0;
        }

        Span<int> counts = stackalloc int[128];
        counts.Clear();
        var other = 0;
        foreach (var c in text)
        {
            if (c < 128)
            {
                counts[c]++;
            }
            else
            {
                // Non-ASCII is rare in secrets; lumping it together only lowers the estimate.
                other++;
            }
        }

        // H = -sum(p log2 p) with p = c / n is log2 n - sum(c log2 c) / n: one logarithm per call, the c log2 c
        // terms from a table (secrets are short, so counts are small).
        var sum = CountLog(other);
        foreach (var count in counts)
        {
            sum += CountLog(count);
        }

        return Math.Log2(text.Length) - (sum / text.Length);
    }

    private static double CountLog(int count) => count < CountLogs.Length ? CountLogs[count] : count * Math.Log2(count);
}
