using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Bottle.AppHost.Manifest;

/// <summary>
/// A pinned ssh host key as a manifest writes it: <c>&lt;type&gt; &lt;base64&gt;</c>, the way <c>ssh-keyscan</c> and
/// GitHub's published keys show it (a trailing comment is allowed and dropped). The blob must decode and name its
/// own type, so a truncated or mistyped key is an error at load time, not a refused connection at launch.
/// </summary>
public static class SshHostKey
{
    /// <summary>Key types OpenSSH accepts as host keys.</summary>
    public static IReadOnlyList<string> Types { get; } =
    [
        "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "ssh-rsa",
        "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com",
    ];

    /// <summary>Parses <paramref name="text"/> into its canonical <c>type base64</c> form, or says what is wrong.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out string? key, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        key = null;
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length < 2)
        {
            error = $"'{text}' is not a host key: write '<type> <base64>', e.g. 'ssh-ed25519 AAAAC3Nza...' (a line of ssh-keyscan without the host)";
            return false;
        }

        var (type, blob) = (words[0], words[1]);
        if (!Types.Contains(type, StringComparer.Ordinal))
        {
            error = $"'{type}' is not an ssh host key type: expected one of {string.Join(", ", Types)} (is the host name in front of it? leave it out)";
            return false;
        }

        var bytes = new byte[blob.Length];
        if (!Convert.TryFromBase64String(blob, bytes, out var length) || length < 4)
        {
            error = $"the {type} key '{Shorten(blob)}' is not valid base64";
            return false;
        }

        // The blob starts with its own type as an ssh string (uint32 length + bytes): it must agree with the first word.
        var nameLength = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        if (nameLength > length - 4 || Encoding.ASCII.GetString(bytes, 4, (int)nameLength) != type)
        {
            error = $"the key '{Shorten(blob)}' is not a {type} key (truncated, or another key's type)";
            return false;
        }

        key = $"{type} {blob}";
        error = null;
        return true;
    }

    private static string Shorten(string blob) => blob.Length > 24 ? blob[..24] + "…" : blob;
}
