namespace Ocean.Libc;

using System;
using System.Runtime;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Internal.Runtime.CompilerHelpers;

/// <summary>
/// The user runtime: program start-up (heap, statics, then the program's OceanMain) and the
/// core library's hooks (allocation, fatal errors).
/// </summary>
public static unsafe class Runtime
{
    /// <summary>Exit status of a program stopped by a runtime error.</summary>
    public const int FatalErrorStatus = 127;

    private static byte* _heapNext;
    private static byte* _heapEnd;
    private static ulong* _stack;

    /// <summary>argc: how many arguments the program was started with (argv[0] is its path).</summary>
    public static int ArgumentCount => _stack == null ? 0 : (int)_stack[0];

    /// <summary>argv[index] as a NUL-terminated ASCII string.</summary>
    public static byte* Argument(int index) => index < 0 || index >= ArgumentCount ? null : (byte*)_stack[1 + index];

    /// <summary>The environment: a null-terminated array of "NAME=value" strings (after argv's terminator).</summary>
    public static byte** Environment => _stack == null ? null : (byte**)(_stack + 1 + ArgumentCount + 1);

    [RuntimeImport("*", "UserHeapBounds")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    private static extern void UserHeapBounds(byte** start, byte** end);

    // Every program defines OceanMain: [UnmanagedCallersOnly(EntryPoint = "OceanMain")] static int Main().
    [RuntimeImport("*", "OceanMain")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    private static extern int ProgramMain();

    [UnmanagedCallersOnly(EntryPoint = "UserStart")]
    private static void Start(ulong* stack, byte** modulesStart, byte** modulesEnd)
    {
        _stack = stack;
        byte* start, end;
        UserHeapBounds(&start, &end);
        _heapNext = start;
        _heapEnd = end;
        StartupCodeHelpers.InitializeModules(modulesStart, modulesEnd);
        Syscall.Exit(ProgramMain());
    }

    [RuntimeExport("OceanAllocate")]
    private static void* Allocate(nuint size)
    {
        size = (size + 15) & ~(nuint)15;
        if (size > (nuint)(_heapEnd - _heapNext))
            return null;
        byte* block = _heapNext;
        _heapNext += size;
        Buffer.Fill(block, 0, size);
        return block;
    }

    [RuntimeExport("OceanFatalError")]
    private static void FatalError(char* message, int length)
    {
        Stdio.Write("fatal: ");
        for (int i = 0; i < length; i++)
            Stdio.Write(message[i]);
        Stdio.Write('\n');
        Syscall.Exit(FatalErrorStatus);
    }
}
