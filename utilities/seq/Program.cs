namespace Ocean.Utilities.Seq;

using System;
using System.Runtime.InteropServices;
using Ocean.Libc;

/// <summary>seq [FIRST [INCREMENT]] LAST: the whole numbers from FIRST (1) to LAST by INCREMENT (1), one a line, as GNU's seq prints them.</summary>
public static class Program
{
    private const int Failure = 1;

    // ilc's entry symbol cannot take managed arguments: it hands over to a .NET-style Main.
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Entry() => Main(Runtime.Arguments);

    private static int Main(string[] args)
    {
        if (args.Length < 1 || args.Length > 3)
            return Refuse(args.Length == 0 ? "seq: missing operand" : $"seq: extra operand '{args[3]}'");
        var numbers = new long[args.Length];
        for (int i = 0; i < args.Length; i++)
            if (!long.TryParse(args[i], out numbers[i]))
                return Refuse($"seq: invalid argument: '{args[i]}'");
        long first = args.Length > 1 ? numbers[0] : 1, last = numbers[args.Length - 1];
        long step = args.Length == 3 ? numbers[1] : 1;
        if (step == 0)
            return Refuse("seq: invalid Zero increment value: '0'");
        for (long n = first; step > 0 ? n <= last : n >= last; n += step)
            Console.WriteLine(n);
        return 0;
    }

    private static int Refuse(string message) => Ocean.Libc.Commands.Refuse(message, "usage: seq [FIRST [INCREMENT]] LAST", Failure);
}
