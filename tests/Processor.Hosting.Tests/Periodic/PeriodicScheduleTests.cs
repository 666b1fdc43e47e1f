using Processor.Hosting.Periodic;

namespace Processor.Hosting.Tests.Periodic;

public sealed class PeriodicScheduleTests
{
    [Fact]
    public void RetryDelay_DoublesFromTheFirstDelay_AndStopsAtTheCap()
    {
        var schedule = new PeriodicSchedule(TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));

        var delays = Enumerable.Range(1, 7).Select(schedule.RetryDelay).Select(d => d.TotalMilliseconds);

        Assert.Equal([100, 200, 400, 800, 1000, 1000, 1000], delays);
    }

    [Fact]
    public void RetryDelay_AfterVeryManyFailures_StaysAtTheCap()
    {
        var schedule = new PeriodicSchedule(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2));

        Assert.Equal(TimeSpan.FromMinutes(2), schedule.RetryDelay(int.MaxValue));
    }

    [Fact]
    public void HangTimeout_IsTenIntervals_ButNeverUnderTwoMinutes()
    {
        Assert.Equal(TimeSpan.FromMinutes(2), new PeriodicSchedule(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)).HangTimeout);
        Assert.Equal(TimeSpan.FromMinutes(50), new PeriodicSchedule(TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)).HangTimeout);
        Assert.Equal(TimeSpan.FromMinutes(30), new PeriodicSchedule(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(30)).HangTimeout);
    }

    [Fact]
    public void InconsistentSettings_AreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PeriodicSchedule(TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PeriodicSchedule(TimeSpan.FromSeconds(1), TimeSpan.Zero, TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PeriodicSchedule(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PeriodicSchedule(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.Zero));
    }
}
