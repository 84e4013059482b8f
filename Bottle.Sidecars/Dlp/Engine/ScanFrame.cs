namespace Bottle.Sidecars.Dlp.Engine;

/// <summary>
/// Where the text being scanned sits: the request part, its name, the destination host, the offset of the text
/// in the outermost input, and the decoding layers peeled so far (packed 4 bits per layer, so entering a layer
/// allocates nothing; the chain is spelled out only for a finding).
/// </summary>
internal readonly record struct ScanFrame(DlpLocation Location, string? Name, string? Host, long Offset, int Depth, int Layers)
{
    public const int Percent = 1;
    public const int Base64 = 2;
    public const int Hex = 3;

    public ScanFrame Enter(int layer, long offset) => this with { Depth = Depth + 1, Layers = (Layers << 4) | layer, Offset = offset };

    public string? DescribeLayers(string? outer)
    {
        if (Layers == 0)
        {
            return outer;
        }

        Span<int> stack = stackalloc int[8];
        var count = 0;
        for (var l = Layers; l != 0 && count < stack.Length; l >>= 4)
        {
            stack[count++] = l & 0xF;
        }

        var parts = new List<string>(count + 1);
        if (outer is not null)
        {
            parts.Add(outer);
        }

        for (var i = count - 1; i >= 0; i--)
        {
            parts.Add(stack[i] switch
            {
                Percent => "percent",
                Base64 => "base64",
                Hex => "hex",
                _ => "?",
            });
        }

        return string.Join('+', parts);
    }
}
