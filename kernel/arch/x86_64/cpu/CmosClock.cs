namespace Ocean.Kernel.Arch.X86_64.Cpu;

/// <summary>
/// The battery-backed real-time clock in the CMOS (ports 0x70/0x71): read once at boot for the wall
/// clock. Its registers may be BCD and 12-hour (status register B says), and change under a read
/// while an update is in progress (status A), so a time is read until two reads agree.
/// </summary>
public static class CmosClock
{
    private const ushort IndexPort = 0x70, DataPort = 0x71;
    private const byte NmiDisable = 0x80;
    private const byte Seconds = 0x00, Minutes = 0x02, Hours = 0x04, Day = 0x07, Month = 0x08, Year = 0x09;
    private const byte StatusA = 0x0A, StatusB = 0x0B;
    private const byte UpdateInProgress = 0x80, Binary = 0x04, TwentyFourHour = 0x02, Afternoon = 0x80;
    private const int ReadAttempts = 8;

    /// <summary>The date and time it holds (UTC, as PCs and QEMU keep it); false when it never reads the same twice.</summary>
    public static bool TryRead(out int year, out int month, out int day, out int hour, out int minute, out int second)
    {
        ulong previous = ulong.MaxValue;
        for (int attempt = 0; attempt < ReadAttempts; attempt++)
        {
            while ((Read(StatusA) & UpdateInProgress) != 0)
                Cpu.Pause();
            ulong now = (ulong)Read(Seconds) | (ulong)Read(Minutes) << 8 | (ulong)Read(Hours) << 16 |
                        (ulong)Read(Day) << 24 | (ulong)Read(Month) << 32 | (ulong)Read(Year) << 40;
            if (now == previous)
            {
                byte status = Read(StatusB);
                bool bcd = (status & Binary) == 0;
                byte rawHour = (byte)(now >> 16);
                second = Decode((byte)now, bcd);
                minute = Decode((byte)(now >> 8), bcd);
                hour = Decode((byte)(rawHour & ~Afternoon), bcd);
                if ((status & TwentyFourHour) == 0 && (rawHour & Afternoon) != 0)
                    hour = (hour + 12) % 24;
                else if ((status & TwentyFourHour) == 0 && hour == 12)
                    hour = 0;   // 12 AM
                day = Decode((byte)(now >> 24), bcd);
                month = Decode((byte)(now >> 32), bcd);
                int twoDigits = Decode((byte)(now >> 40), bcd);
                year = twoDigits < 70 ? 2000 + twoDigits : 1900 + twoDigits;   // no trustworthy century register
                return true;
            }
            previous = now;
        }
        year = month = day = hour = minute = second = 0;
        return false;
    }

    private static byte Read(byte register)
    {
        Cpu.Out8(IndexPort, (byte)(register | NmiDisable));
        return Cpu.In8(DataPort);
    }

    private static int Decode(byte value, bool bcd) => bcd ? (value >> 4) * 10 + (value & 0x0F) : value;
}
