namespace Ocean.Libc;

using System;
using System.Collections.Generic;
using System.Runtime;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Internal.Runtime.CompilerHelpers;
using Ocean.Abi;

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
        Files.CloseAll();
        Stdio.Flush();
        Syscall.Exit(status);
    }

    private const string ProgramDirectory = "/bin/";

    /// <summary>
    /// exec as a shell wants it: a name without '/' is a program in /bin, read through the VFS and
    /// handed to the kernel (exec_image). Without a VFS to ask (it is restarting, or the image has
    /// none), the kernel's boot modules are the programs. Returns only on failure.
    /// </summary>
    public static long Exec(byte* command, byte** argv, byte** envp)
    {
        bool bare = true;
        for (int i = 0; command[i] != 0; i++)
            bare &= command[i] != (byte)'/';
        int commandLength = CString.Length(command);
        if (commandLength + ProgramDirectory.Length >= Files.MaxPath)
            return -Errno.ENAMETOOLONG;
        byte* path = stackalloc byte[Files.MaxPath + 1];
        int length = 0;
        if (bare)
            for (; length < ProgramDirectory.Length; length++)
                path[length] = (byte)ProgramDirectory[length];
        for (int i = 0; i <= commandLength; i++)
            path[length + i] = command[i];
        byte* absolute = stackalloc byte[Files.MaxPath + 1];
        if (Files.Absolute(path, absolute) < 0)
            return -Errno.ENAMETOOLONG;
        long result = Files.ReadWhole(absolute, out byte* image, out ulong size);
        if (result == -Errno.ENOTCONN || result == -Errno.EAGAIN)   // no VFS (yet): the boot modules
            return ProcClient.Exec(command, argv, envp);
        if (result < 0)
            return result;
        Stdio.Flush();
        result = ProcClient.ExecImage(absolute, image, size, argv, envp);
        Files.FreeWhole(image, size);
        return result;
    }

    /// <summary>At most this many arguments or environment entries go to <see cref="Exec(string, IReadOnlyList{string}, IReadOnlyList{string})"/>.</summary>
    public const int MaxExecStrings = 256;

    /// <summary>
    /// exec of <paramref name="program"/> (as <see cref="Exec(byte*, byte**, byte**)"/> finds it) with
    /// <paramref name="arguments"/> after its name and this program's environment: exec for a program
    /// written with strings. Returns only on failure.
    /// </summary>
    public static Error Exec(string program, IReadOnlyList<string> arguments) => Exec(program, arguments, null, bootModule: false);

    /// <summary>
    /// <see cref="Exec(string, IReadOnlyList{string})"/> with <paramref name="environment"/> ("NAME=value"
    /// each) as the new program's environment instead of this one's: for a shell, whose variables are its own.
    /// </summary>
    public static Error Exec(string program, IReadOnlyList<string> arguments, IReadOnlyList<string> environment) =>
        Exec(program, arguments, environment, bootModule: false);

    /// <summary>
    /// <see cref="Exec(string, IReadOnlyList{string})"/> of the boot module at the path
    /// <paramref name="program"/>, without asking the VFS: for init, whose services start before any
    /// VFS can answer (a child asking would wait for init, which waits for it).
    /// </summary>
    public static Error ExecBootModule(string program, IReadOnlyList<string> arguments) => Exec(program, arguments, null, bootModule: true);

    // environment null: this program's own.
    private static Error Exec(string program, IReadOnlyList<string> arguments, IReadOnlyList<string> environment, bool bootModule)
    {
        if (arguments.Count + 1 > MaxExecStrings || (environment?.Count ?? 0) > MaxExecStrings)
            return Error.Of(-Errno.E2BIG);
        var text = new System.Text.StringBuilder();
        int[] argumentStarts = Pack(text, program, arguments);
        int[] environmentStarts = environment == null ? null : Pack(text, null, environment);
        byte[] bytes = Latin1.ToBytes(text.ToString());
        byte** argv = stackalloc byte*[argumentStarts.Length + 1];
        byte** envp = stackalloc byte*[(environmentStarts?.Length ?? 0) + 1];
        fixed (byte* first = bytes)
        {
            Point(bytes, first, argumentStarts, argv);
            if (environmentStarts != null)
                Point(bytes, first, environmentStarts, envp);
            byte** environmentPointers = environmentStarts == null ? Environment : envp;
            return Error.Of(bootModule ? ProcClient.Exec(argv[0], argv, environmentPointers) : Exec(argv[0], argv, environmentPointers));
        }
    }

    // Appends each string (after `first`, if given) NUL-terminated, one after another; where each starts.
    private static int[] Pack(System.Text.StringBuilder text, string first, IReadOnlyList<string> strings)
    {
        int offset = first == null ? 0 : 1;
        var starts = new int[strings.Count + offset];
        if (first != null)
        {
            starts[0] = text.Length;
            text.Append(first).Append('\0');
        }
        for (int i = 0; i < strings.Count; i++)
        {
            starts[i + offset] = text.Length;
            text.Append(strings[i]).Append('\0');
        }
        return starts;
    }

    // Fills pointers[] with the strings' addresses and a null; false if one is not a whole string in the span.
    private static bool Point(ReadOnlySpan<byte> strings, byte* start, ReadOnlySpan<int> starts, byte** pointers)
    {
        for (int i = 0; i < starts.Length; i++)
        {
            int at = starts[i];
            if (at < 0 || at >= strings.Length || Bytes.IndexOf(strings.Slice(at), 0) < 0)
                return false;
            pointers[i] = start + at;
        }
        pointers[starts.Length] = null;
        return true;
    }

    /// <summary>
    /// fork, with buffered output flushed first so that the child does not print it again. The child
    /// can use the parent's open files (same VFS connection) but does not close them when it exits.
    /// </summary>
    public static long Fork()
    {
        Stdio.Flush();
        long forkingThread = Unwind.ExceptionDispatch.AnyRunning ? Threads.Self() : 0;
        long child = ProcClient.Fork();
        if (child == 0)
        {
            Files.ForgetAll();   // the parent's open files stay the parent's to close
            Unwind.ExceptionDispatch.Forked(forkingThread);   // a fork inside a catch block goes on in it
        }
        return child;
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
        Unwind.ExceptionDispatch.Install();
        StartupCodeHelpers.InitializeModules(modulesStart, modulesEnd);
        // Made now, while there is memory (object statics exist only once the modules are initialised).
        ExceptionHandling.OutOfMemory = new OutOfMemoryException("out of memory");
        Unwind.HardwareFaults.Install();
        Exit(ProgramMain());
    }

    // Every object made with new (the core library's allocation helpers), collected when unreachable.
    [RuntimeExport("OceanAllocate")]
    private static void* Allocate(nuint size) => Heap.AllocateObject(size);

    // System.GC's hooks in the core library.
    [RuntimeExport("OceanCollect")]
    private static long Collect() => Heap.Collect();

    [RuntimeExport("OceanHeapBytesInUse")]
    private static ulong HeapBytesInUse() => Heap.Statistics.BytesInUse;

    /// <summary>Where the first thread's stack starts (its highest address): the collector reads up to here.</summary>
    internal static ulong StackTop => (ulong)_stack;

    // A fatal error names itself and the calls that led to it (return addresses, innermost first).
    [RuntimeExport("OceanFatalError")]
    private static void FatalError(char* message, int length)
    {
        Stdio.Write("fatal: ");
        for (int i = 0; i < length; i++)
            Stdio.Write(message[i]);
        Stdio.Write('\n');
        Unwind.StackTrace.WriteCallers();
        Exit(FatalErrorStatus);
    }
}
