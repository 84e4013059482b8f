namespace Bottle.GitGateBench;

/// <summary>One push: wall seconds, CPU seconds (every process involved), and the gate's own .NET CPU seconds.</summary>
internal readonly record struct Sample(double Wall, double Cpu, double Own);
