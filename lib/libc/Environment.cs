namespace System;

using Ocean.Libc;

/// <summary>The program's arguments, variables and exit code, as .NET programs know them.</summary>
public static class Environment
{
    /// <summary>The program's name as it was started, then its arguments.</summary>
    public static string[] GetCommandLineArgs()
    {
        string[] arguments = Ocean.Libc.Runtime.Arguments;
        var all = new string[arguments.Length + 1];
        all[0] = Ocean.Libc.Runtime.ProgramName;
        for (int i = 0; i < arguments.Length; i++)
            all[i + 1] = arguments[i];
        return all;
    }

    /// <summary>The value of the variable <paramref name="variable"/>, or null if there is none.</summary>
    public static string GetEnvironmentVariable(string variable)
    {
        if (variable is null)
            throw new ArgumentNullException(nameof(variable));
        return EnvironmentBlock.GetVariable(variable);
    }

    /// <summary>What a program whose Main returns nothing ends with (its entry returns it).</summary>
    public static int ExitCode { get; set; }

    /// <summary>Ends the program now with <paramref name="exitCode"/> (standard output is flushed first).</summary>
    public static void Exit(int exitCode) => Ocean.Libc.Runtime.Exit(exitCode);

    public static string NewLine => "\n";

    public static int ProcessId => (int)Ocean.Syscall.GetPid();

    /// <summary>
    /// The calling thread's id (the kernel's). An iterator (<c>yield return</c>) notes it when made, so
    /// that only the thread that made it reuses it as its own first enumerator.
    /// </summary>
    public static int CurrentManagedThreadId => (int)Ocean.Threads.Self();
}
