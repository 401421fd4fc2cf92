namespace Ocean.UnitTests;

using Ocean.Kernel.Lib;
using Ocean.Utilities.Date;

/// <summary>The kernel's calendar (CMOS date to seconds since the epoch) and date's (back, and its formats), against .NET's DateTime.</summary>
public class CalendarTests
{
    [Fact]
    public void BothDirectionsAgreeWithDotNetFromYearOneToNineThousand()
    {
        var random = new Random(1970);
        for (int i = 0; i < 50_000; i++)
        {
            var moment = new DateTime(1, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(random.NextDouble() * (new DateTime(9000, 1, 1) - DateTime.MinValue).TotalSeconds);
            moment = moment.AddTicks(-(moment.Ticks % TimeSpan.TicksPerSecond));
            long epoch = (moment - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerSecond;
            Assert.Equal(epoch, Calendar.SecondsSinceEpoch(moment.Year, moment.Month, moment.Day, moment.Hour, moment.Minute, moment.Second));
            var civil = new CivilTime(epoch);
            Assert.Equal((moment.Year, moment.Month, moment.Day, moment.Hour, moment.Minute, moment.Second, (int)moment.DayOfWeek),
                         ((int)civil.Year, civil.Month, civil.Day, civil.Hour, civil.Minute, civil.Second, civil.Weekday));
            Assert.Equal(moment.DayOfYear.ToString("D3"), civil.Format("%j"));
        }
    }

    [Fact]
    public void TheDefaultAndTheFormatsReadAsUnixDateWritesThem()
    {
        long seconds = (new DateTime(2026, 12, 8, 0, 15, 25, DateTimeKind.Utc) - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerSecond;
        var moment = new CivilTime(seconds);   // a Tuesday
        Assert.Equal("Tue Dec  8 00:15:25 UTC 2026", moment.ToString());
        Assert.Equal($"2026-12-08 00:15:25 {seconds} 342 %q 100%", moment.Format("%F %T %s %j %q 100%%"));
        Assert.Equal("Thu Jan  1 00:00:00 UTC 1970", new CivilTime(0).ToString());
        Assert.Equal("1969-12-31T23:59:59", new CivilTime(-1).Format("%Y-%m-%dT%H:%M:%S"));
        Assert.Equal("Feb 29", new CivilTime(951_782_400).Format("%b %e"));   // 2000 was a leap year
    }
}
