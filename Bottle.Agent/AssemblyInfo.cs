using System.Runtime.Versioning;

// The shim runs inside Linux containers and microVMs only: it passes POSIX signals (SIGWINCH has no Windows twin).
[assembly: UnsupportedOSPlatform("windows")]
