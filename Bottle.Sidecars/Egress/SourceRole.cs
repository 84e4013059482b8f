namespace Bottle.Sidecars.Egress;

/// <summary>Who is talking to egress, decided by source address alone.</summary>
public enum SourceRole
{
    /// <summary>pipelock: intercepted HTTP requests and CONNECT for pass-through rules.</summary>
    Pipelock,

    /// <summary>git-gate: CONNECT to git hosts, including SSH on port 22.</summary>
    GitGate,
}
