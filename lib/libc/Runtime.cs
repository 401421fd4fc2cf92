namespace Ocean.Libc;

using System.Runtime;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Internal.Runtime.CompilerHelpers;

/// <summary>
/// The user runtime: program start-up (heap, statics, then the program's OceanMain), exit, the
/// program's arguments, and the core library's hooks (allocation, fatal errors).
/// </summary>
/// <remarks>
/// A program declares its entry point for ilc and may pass on to a .NET-style Main:
/// <code>
/// [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
/// private static int Entry() => Main(Runtime.Arguments);
/// </code>
/// </remarks>
public static unsafe class Runtime
{
    /// <summary>Exit status of a program stopped by a runtime error.</summary>
    public const int FatalErrorStatus = 127;

    private static ulong* _stack;
    private static string[] _arguments;
    private static string _programName;

    /// <summary>argc: how many arguments the program was started with (argv[0] is its path).</summary>
    public static int ArgumentCount => _stack == null ? 0 : (int)_stack[0];

    /// <summary>argv[index] as a NUL-terminated ASCII string.</summary>
    public static byte* Argument(int index) => index < 0 || index >= ArgumentCount ? null : (byte*)_stack[1 + index];

    /// <summary>The environment: a null-terminated array of "NAME=value" strings (after argv's terminator).</summary>
    public static byte** Environment => _stack == null ? null : (byte**)(_stack + 1 + ArgumentCount + 1);

    /// <summary>The arguments after the program's name, as .NET's Main(string[] args) receives them (made on first use).</summary>
    public static string[] Arguments
    {
        get
        {
            if (_arguments == null)
            {
                int count = ArgumentCount > 0 ? ArgumentCount - 1 : 0;
                var arguments = new string[count];
                for (int i = 0; i < count; i++)
                    arguments[i] = Strings.FromAscii(Argument(i + 1));
                _arguments = arguments;
            }
            return _arguments;
        }
    }

    /// <summary>argv[0], the name the program was started by ("" if none).</summary>
    public static string ProgramName => _programName ??= ArgumentCount > 0 ? Strings.FromAscii(Argument(0)) : "";

    /// <summary>Ends the process after flushing standard output.</summary>
    public static void Exit(int status)
    {
        Stdio.Flush();
        Syscall.Exit(status);
    }

    /// <summary>fork, with buffered output flushed first so that the child does not print it again.</summary>
    public static long Fork()
    {
        Stdio.Flush();
        return Syscall.Fork();
    }

    // Every program defines OceanMain: [UnmanagedCallersOnly(EntryPoint = "OceanMain")] static int Main().
    [RuntimeImport("*", "OceanMain")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    private static extern int ProgramMain();

    [UnmanagedCallersOnly(EntryPoint = "UserStart")]
    private static void Start(ulong* stack, byte** modulesStart, byte** modulesEnd)
    {
        _stack = stack;
        Heap.Initialize();
        StartupCodeHelpers.InitializeModules(modulesStart, modulesEnd);
        Exit(ProgramMain());
    }

    [RuntimeExport("OceanAllocate")]
    private static void* Allocate(nuint size) => Heap.Allocate(size);

    [RuntimeExport("OceanFatalError")]
    private static void FatalError(char* message, int length)
    {
        Stdio.Write("fatal: ");
        for (int i = 0; i < length; i++)
            Stdio.Write(message[i]);
        Stdio.Write('\n');
        Exit(FatalErrorStatus);
    }
}
