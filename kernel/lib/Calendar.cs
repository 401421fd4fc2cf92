namespace Ocean.Kernel.Lib;

/// <summary>Civil dates as days since 1970-01-01 (proleptic Gregorian; Howard Hinnant's days_from_civil). Pure, host-tested.</summary>
public static class Calendar
{
    private const int DaysPerEra = 146_097, YearsPerEra = 400, DaysFrom0000To1970 = 719_468;

    public static long DaysFromCivil(int year, int month, int day)
    {
        long y = month <= 2 ? year - 1 : year;
        long era = (y >= 0 ? y : y - (YearsPerEra - 1)) / YearsPerEra;
        long yearOfEra = y - era * YearsPerEra;                                      // [0, 399]
        long dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1; // [0, 365], from 1 March
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;  // [0, 146096]
        return era * DaysPerEra + dayOfEra - DaysFrom0000To1970;
    }

    /// <summary>Seconds since 1970-01-01 00:00:00 UTC.</summary>
    public static long SecondsSinceEpoch(int year, int month, int day, int hour, int minute, int second) =>
        DaysFromCivil(year, month, day) * 86_400 + hour * 3_600 + minute * 60 + second;
}
