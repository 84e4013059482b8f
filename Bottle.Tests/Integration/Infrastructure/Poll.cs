namespace Bottle.Tests.Integration.Infrastructure;

/// <summary>Polls a condition until it holds or a deadline passes: the replacement for sleeps in tests.</summary>
internal static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    /// <summary>Returns the first non-null result of <paramref name="probe"/>; fails the test with <paramref name="what"/> at the deadline.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, TimeSpan deadline, string what)
        where T : class
    {
        using var timeout = new CancellationTokenSource(deadline);
        using var timer = new PeriodicTimer(Interval);
        while (true)
        {
            if (await probe() is { } result)
            {
                return result;
            }

            try
            {
                await timer.WaitForNextTickAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"timed out after {deadline.TotalSeconds:F0} s waiting for {what}");
            }
        }
    }
}
