using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using System.Text;
using System.Text.RegularExpressions;
using Bottle.Tests.Integration.Infrastructure;

namespace Bottle.Tests.Integration.Attach;

/// <summary>
/// A command running on a <see cref="Pseudoterminal"/> as a person's shell would run it: the slave is its stdin,
/// stdout, stderr and controlling terminal, in its own session. Everything it writes is kept; keys are typed on the master.
/// </summary>
/// <remarks>
/// .NET's Process can neither hand a child an arbitrary descriptor as stdin nor make it a session leader with a
/// controlling terminal (setsid + TIOCSCTTY). So <c>sh</c> opens the slave by its path as fds 0-2 and execs
/// util-linux's <c>setsid --ctty --wait</c>, which starts a new session, makes fd 0 its controlling terminal and
/// execs the command. (<c>script -qfc</c> would put a second pty of its own between the test and the command, and the
/// test would measure script's window handling, not ours.) setsid forks only when it is a process group leader, which
/// a child of .NET's Process is not; <see cref="Start"/> checks that the command really leads its own session.
/// </remarks>
[SupportedOSPlatform("linux")]
internal sealed class TerminalSession : IDisposable
{
    private const string SlaveVariable = "BOTTLE_TEST_TTY";
    private readonly Pseudoterminal _terminal;
    private readonly Process _process;
    private readonly StringBuilder _transcript = new();
    private int _questions;

    private TerminalSession(Pseudoterminal terminal, Process process)
    {
        _terminal = terminal;
        _process = process;
        _ = Task.Factory.StartNew(ReadAll, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>The command's process id (it leads its session).</summary>
    public int ProcessId => _process.Id;

    /// <summary>Everything written to the terminal so far.</summary>
    public string Transcript
    {
        get
        {
            lock (_transcript)
            {
                return _transcript.ToString();
            }
        }
    }

    public static TerminalSession Start(Pseudoterminal terminal, IReadOnlyList<string> command)
    {
        var start = new ProcessStartInfo("sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"exec setsid --ctty --wait \"$0\" \"$@\" <\"${SlaveVariable}\" >\"${SlaveVariable}\" 2>&1");
        foreach (var argument in command)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment[SlaveVariable] = terminal.SlavePath;
        var session = new TerminalSession(terminal, Process.Start(start) ?? throw new InvalidOperationException("sh did not start"));
        return session;
    }

    /// <summary>Waits until the command leads its own session (setsid ran without forking), so signals sent to <see cref="ProcessId"/> reach it.</summary>
    public Task WaitUntilSessionLeaderAsync(TimeSpan deadline) =>
        Poll.UntilAsync(
            () => Task.FromResult(_process.HasExited ? throw new AssertFailedException($"the command exited with {_process.ExitCode}: {Transcript}")
                : Stat(_process.Id)?.Session == _process.Id ? "leader" : null),
            deadline, $"process {_process.Id} to lead its own session");

    /// <summary>Types <paramref name="keys"/> (a carriage return is Enter).</summary>
    public void Type(string keys)
    {
        _terminal.Input.Write(Encoding.UTF8.GetBytes(keys));
        _terminal.Input.Flush();
    }

    /// <summary>
    /// Types a shell command that prints <paramref name="expression"/>'s value between markers and waits for the answer.
    /// The marker is typed split by quotes (<c>"Q1""[</c>), so the terminal's echo of the typed line never matches it.
    /// </summary>
    public async Task<string> AskAsync(string expression, TimeSpan deadline)
    {
        var id = $"Q{Interlocked.Increment(ref _questions).ToString(CultureInfo.InvariantCulture)}";
        Type($"echo \"{id}\"\"[{expression}]\"\r");
        var answer = new Regex($@"{id}\[([^\]\r\n]*)\]");
        return await Poll.UntilAsync(
            () => Task.FromResult(answer.Match(Transcript) is { Success: true } m ? m.Groups[1].Value
                : _process.HasExited ? throw new AssertFailedException($"the command exited with {_process.ExitCode} before answering {expression}: {Transcript}")
                : null),
            deadline, $"the answer to '{expression}' on the terminal");
    }

    /// <summary>The command's exit code, waiting at most <paramref name="deadline"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"the command did not exit within {deadline.TotalSeconds:F0} s; the terminal shows: {Transcript}");
        }

        return _process.ExitCode;
    }

    /// <summary>The ids of the live processes whose parent is <paramref name="parent"/>, with their command names.</summary>
    public static IReadOnlyList<(int Id, string Name)> ChildrenOf(int parent) =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var id) ? Stat(id) : null)
            .Where(s => s is { State: not 'Z' } && s.Parent == parent)
            .Select(s => (s!.Id, s.Name))];

    /// <summary>True while <paramref name="id"/> is a live (not zombie) process.</summary>
    public static bool IsAlive(int id) => Stat(id) is { State: not 'Z' };

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private static ProcessStat? Stat(int id)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{id}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        // "pid (comm) state ppid pgrp session ...": comm may hold spaces and parentheses, so split after the last ')'.
        var close = text.LastIndexOf(')');
        var fields = text[(close + 2)..].Split(' ');
        return new ProcessStat(id, text[(text.IndexOf('(', StringComparison.Ordinal) + 1)..close], fields[0][0],
            int.Parse(fields[1], CultureInfo.InvariantCulture), int.Parse(fields[3], CultureInfo.InvariantCulture));
    }

    private void ReadAll()
    {
        var buffer = new byte[4096];
        var decoder = Encoding.UTF8.GetDecoder();
        var chars = new char[Encoding.UTF8.GetMaxCharCount(buffer.Length)];
        try
        {
            int read;
            while ((read = _terminal.Output.Read(buffer)) > 0)
            {
                var count = decoder.GetChars(buffer, 0, read, chars, 0);
                lock (_transcript)
                {
                    _transcript.Append(chars, 0, count);
                }
            }
        }
        catch (IOException)
        {
            // EIO: every slave descriptor is closed (the pair is being disposed).
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private sealed record ProcessStat(int Id, string Name, char State, int Parent, int Session);
}
