namespace Processor.Hosting.Tests.Periodic;

/// <summary>Waits (bounded) for the task under test, which runs on its own, to reach a state; the fake clock does not move.</summary>
internal static class Eventually
{
    private const int MaxChecks = 2000;

    public static async Task HoldsAsync(Func<bool> condition, string what)
    {
        for (var check = 0; check < MaxChecks; check++)
        {
            if (condition())
            {
                return;
            }

            await Task.Delay(5, TestContext.Current.CancellationToken);
        }

        throw new InvalidOperationException($"Never reached: {what}.");
    }
}
