namespace Ocean.Utilities.Date;

using System;
using System.Runtime.InteropServices;
using Ocean.Libc;

/// <summary>date [+FORMAT]: the time of day in UTC, as POSIX's date writes it, or by a strftime format (<see cref="CivilTime.Format"/>).</summary>
public static class Program
{
    private const int Usage = 1;

    // ilc's entry symbol cannot take managed arguments: it hands over to a .NET-style Main.
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Entry() => Main(Runtime.Arguments);

    private static int Main(string[] args)
    {
        var now = new CivilTime(Clock.SecondsSinceEpoch());
        if (args.Length == 0)
        {
            Console.WriteLine(now.ToString());
            return 0;
        }
        if (args.Length == 1 && args[0].StartsWith('+'))
        {
            Console.WriteLine(now.Format(args[0].Substring(1)));
            return 0;
        }
        Console.Error.WriteLine("usage: date [+FORMAT]");
        return Usage;
    }
}
