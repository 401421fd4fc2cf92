namespace Ocean.Utilities.Date;

/// <summary>
/// A moment as a calendar shows it (UTC, proleptic Gregorian; Howard Hinnant's civil_from_days),
/// from seconds since 1970-01-01, and written with strftime's everyday conversions. Pure, host-tested.
/// </summary>
public sealed class CivilTime
{
    private static readonly string[] WeekdayNames = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
    private static readonly string[] MonthNames = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
    private const int SecondsPerDay = 86_400;

    public long Year { get; }
    public int Month { get; }     // 1..12
    public int Day { get; }       // 1..31
    public int Hour { get; }
    public int Minute { get; }
    public int Second { get; }
    public int Weekday { get; }   // 0 = Sunday
    public long EpochSeconds { get; }

    public CivilTime(long epochSeconds)
    {
        EpochSeconds = epochSeconds;
        long days = epochSeconds / SecondsPerDay, rest = epochSeconds % SecondsPerDay;
        if (rest < 0)
        {
            rest += SecondsPerDay;
            days--;
        }
        Hour = (int)(rest / 3600);
        Minute = (int)(rest / 60 % 60);
        Second = (int)(rest % 60);
        Weekday = (int)((days % 7 + 11) % 7);   // 1970-01-01 was a Thursday
        long z = days + 719_468;
        long era = (z >= 0 ? z : z - 146_096) / 146_097;
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long monthIndex = (5 * dayOfYear + 2) / 153;   // from March
        Day = (int)(dayOfYear - (153 * monthIndex + 2) / 5 + 1);
        Month = (int)(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9);
        Year = yearOfEra + era * 400 + (Month <= 2 ? 1 : 0);
    }

    /// <summary>
    /// The time written by <paramref name="format"/>: %Y %m %d %e %H %M %S %s %a %b %j %F %T %Z %n %%
    /// (anything else after '%' is kept as it is, as GNU date does).
    /// </summary>
    public string Format(string format)
    {
        var text = new System.Text.StringBuilder();
        for (int i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 == format.Length)
            {
                text.Append(format[i]);
                continue;
            }
            char conversion = format[++i];
            text.Append(conversion switch
            {
                'Y' => Year.ToString(),
                'm' => Two(Month),
                'd' => Two(Day),
                'e' => Day < 10 ? " " + Day : Day.ToString(),
                'H' => Two(Hour),
                'M' => Two(Minute),
                'S' => Two(Second),
                's' => EpochSeconds.ToString(),
                'a' => WeekdayNames[Weekday],
                'b' => MonthNames[Month - 1],
                'j' => DayOfYear().ToString("D3"),
                'F' => $"{Year}-{Two(Month)}-{Two(Day)}",
                'T' => $"{Two(Hour)}:{Two(Minute)}:{Two(Second)}",
                'Z' => "UTC",
                'n' => "\n",
                '%' => "%",
                _ => "%" + conversion,
            });
        }
        return text.ToString();
    }

    /// <summary>POSIX's default: "Tue Dec  8 00:35:25 UTC 2026".</summary>
    public override string ToString() => Format("%a %b %e %T %Z %Y");

    private int DayOfYear()
    {
        int[] before = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 };
        bool leap = Year % 4 == 0 && (Year % 100 != 0 || Year % 400 == 0);
        return before[Month - 1] + Day + (leap && Month > 2 ? 1 : 0);
    }

    private static string Two(int value) => value < 10 ? "0" + value : value.ToString();
}
