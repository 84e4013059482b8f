using System.Text.Json;

namespace Bottle.Sidecars.Egress;

/// <summary>
/// The real credential values, loaded from the credentials file. The file must be a JSON object of string
/// values and must not be readable by group or others; anything else stops egress from starting.
/// Values are never formatted into text: <see cref="ToString"/> names only the credentials.
/// </summary>
public sealed class CredentialStore
{
    private readonly Dictionary<string, string> values;

    private CredentialStore(Dictionary<string, string> values) => this.values = values;

    /// <summary>A store with no credentials.</summary>
    public static CredentialStore Empty { get; } = new([]);

    /// <summary>The credential names (never the values).</summary>
    public IReadOnlyCollection<string> Names => values.Keys;

    /// <summary>Loads and checks the credentials file.</summary>
    /// <exception cref="InvalidOperationException">The file is missing, too open, or not a JSON object of strings.</exception>
    public static CredentialStore Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"credentials file '{path}' does not exist");
        }

        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            const UnixFileMode open = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
            if ((mode & open) != 0)
            {
                throw new InvalidOperationException(
                    $"credentials file '{path}' has mode {Convert.ToString((int)mode, 8)}: it must not be readable by group or others (chmod 600)");
            }
        }

        Dictionary<string, string>? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(File.ReadAllText(path), EgressJsonContext.Default.DictionaryStringString);
        }
        catch (JsonException ex)
        {
            // The parser's message can quote the text around the error, which is a credential: keep only the position.
            throw new InvalidOperationException(
                $"credentials file '{path}' is not a JSON object of string values (error at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine})", null);
        }

        if (parsed is null)
        {
            throw new InvalidOperationException($"credentials file '{path}' holds null, not a JSON object of string values");
        }

        foreach (var (name, value) in parsed)
        {
            if (string.IsNullOrEmpty(value))
            {
                throw new InvalidOperationException($"credentials file '{path}': credential '{name}' is empty");
            }
        }

        return new CredentialStore(new Dictionary<string, string>(parsed, StringComparer.Ordinal));
    }

    /// <summary>Looks up a credential's real value.</summary>
    public bool TryGetValue(string name, out string value) => values.TryGetValue(name, out value!);

    /// <summary>Every real value, for scrubbing responses.</summary>
    internal IEnumerable<string> Values => values.Values;

    /// <inheritdoc />
    public override string ToString() => $"CredentialStore[{string.Join(", ", values.Keys)}]";
}
