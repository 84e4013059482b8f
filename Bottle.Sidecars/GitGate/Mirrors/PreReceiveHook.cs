namespace Bottle.Sidecars.GitGate.Mirrors;

/// <summary>
/// The pre-receive hook git-gate installs in every mirror. git runs it while the pushed objects sit in
/// quarantine and updates the mirror's refs only if it exits 0. It hands the ref updates to the git-gate
/// process over loopback (bash's /dev/tcp: no curl needed in the image) and relays the verdict: message lines
/// go to stderr, which git shows the pusher as <c>remote:</c> lines. Anything unexpected (no token, gate
/// unreachable, connection dropped before a verdict) exits non-zero, so the push is refused.
/// </summary>
internal static class PreReceiveHook
{
    /// <summary>The env var that carries the loopback port of the hook listener.</summary>
    public const string PortVariable = "BOTTLE_GITGATE_HOOK_PORT";

    /// <summary>The env var that carries the one-time token of this push.</summary>
    public const string TokenVariable = "BOTTLE_GITGATE_PUSH_TOKEN";

    /// <summary>Prefix of a message line in the listener's answer.</summary>
    public const string MessagePrefix = "M ";

    /// <summary>The listener's final line for an accepted push.</summary>
    public const string Accept = "ACCEPT";

    /// <summary>The listener's final line for a rejected push.</summary>
    public const string Reject = "REJECT";

    /// <summary>The hook's text.</summary>
    public const string Script = """
        #!/bin/bash
        # Installed by git-gate; rewritten at every start. Do not edit.
        set -u
        if [ -z "${BOTTLE_GITGATE_PUSH_TOKEN:-}" ] || [ -z "${BOTTLE_GITGATE_HOOK_PORT:-}" ]; then
          echo "git-gate: this push did not come through git-gate; refused" >&2
          exit 1
        fi
        if ! exec 3<>"/dev/tcp/127.0.0.1/${BOTTLE_GITGATE_HOOK_PORT}"; then
          echo "git-gate: the push gate is not reachable; push refused" >&2
          exit 1
        fi
        { printf '%s\n%s\n' "$BOTTLE_GITGATE_PUSH_TOKEN" "${GIT_QUARANTINE_PATH:-}"; cat; printf '\n'; } >&3
        status=1
        verdict=0
        while IFS= read -r line <&3; do
          case "$line" in
            "M "*) printf '%s\n' "${line:2}" >&2 ;;
            ACCEPT) status=0; verdict=1; break ;;
            REJECT) status=1; verdict=1; break ;;
          esac
        done
        exec 3<&-
        if [ "$verdict" -eq 0 ]; then
          echo "git-gate: the push gate gave no verdict; push refused" >&2
        fi
        exit "$status"

        """;
}
