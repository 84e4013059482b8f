namespace Bottle.Sidecars.GitGate.Scanning;

/// <summary>
/// Lines to scan joined with '\n' into one text, so multi-line secrets (key blocks) are seen whole and the DLP
/// engine runs once per file rather than once per line, with each line's start offset and line number.
/// </summary>
internal sealed class AddedText
{
    private readonly int[] starts;
    private readonly int[] numbers;

    /// <param name="text">The lines, each followed by '\n'.</param>
    /// <param name="starts">Offset of each line in <paramref name="text"/>, ascending.</param>
    /// <param name="numbers">The 1-based number of each line in its file (or message).</param>
    public AddedText(string text, int[] starts, int[] numbers)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(starts);
        ArgumentNullException.ThrowIfNull(numbers);
        if (starts.Length != numbers.Length)
        {
            throw new ArgumentException("one line number per line start", nameof(numbers));
        }

        Text = text;
        this.starts = starts;
        this.numbers = numbers;
    }

    /// <summary>The joined lines.</summary>
    public string Text { get; }

    /// <summary>How many lines.</summary>
    public int Count => starts.Length;

    /// <summary>The lines with their numbers (built on demand: only findings and tests need them).</summary>
    public IReadOnlyList<AddedLine> Lines => Enumerable.Range(0, Count).Select(i => new AddedLine(numbers[i], LineText(i))).ToList();

    /// <summary>Lines numbered 1, 2, ... (a commit message, a tag object).</summary>
    public static AddedText Numbered(IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var starts = new int[lines.Count];
        var numbers = new int[lines.Count];
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            starts[i] = text.Length;
            numbers[i] = i + 1;
            text.Append(lines[i]).Append('\n');
        }

        return new AddedText(text.ToString(), starts, numbers);
    }

    /// <summary>The index of the line holding character <paramref name="offset"/> of <see cref="Text"/>.</summary>
    public int IndexAt(int offset)
    {
        var index = Array.BinarySearch(starts, offset);
        return Math.Max(index >= 0 ? index : ~index - 1, 0);
    }

    /// <summary>The number of line <paramref name="index"/> in its file.</summary>
    public int NumberOf(int index) => numbers[index];

    /// <summary>The text of line <paramref name="index"/>, without its '\n'.</summary>
    public string LineText(int index)
    {
        var end = index + 1 < starts.Length ? starts[index + 1] : Text.Length;
        return Text[starts[index]..(end - 1)];
    }
}
