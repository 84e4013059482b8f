namespace Bottle.Sidecars.Dlp.Engine;

/// <summary>Shannon entropy in bits per character, the measure gitleaks uses to tell random tokens from words.</summary>
internal static class ShannonEntropy
{
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

        double length = text.Length;
        var entropy = 0.0;
        foreach (var count in counts)
        {
            if (count > 0)
            {
                var p = count / length;
                entropy -= p * Math.Log2(p);
            }
        }

        if (other > 0)
        {
            var p = other / length;
            entropy -= p * Math.Log2(p);
        }

        return entropy;
    }
}
