namespace Ocean.Kernel.Lib;

using System.Runtime;
using Ocean.Kernel.Arch.X86_64.Cpu;

/// <summary>The end of the line for unrecoverable kernel errors: one marker line, then halt.</summary>
public static unsafe class Panic
{
    /// <summary>The marker tests and people look for in the log.</summary>
    public const string Marker = "*** KERNEL PANIC: ";

    public static void Halt(string message)
    {
        Console.WriteLine();
        Console.Write(Marker);
        Console.WriteLine(message);
        Cpu.HaltForever();
    }

    // The core library's fatal-error hook (failed casts, bounds checks, out of memory, throw).
    [RuntimeExport("OceanFatalError")]
    private static void FatalError(char* message, int length)
    {
        Console.WriteLine();
        Console.Write(Marker);
        for (int i = 0; i < length; i++)
            Console.Write(message[i]);
        Console.WriteLine();
        Cpu.HaltForever();
    }
}
