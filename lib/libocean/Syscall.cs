namespace Ocean;

using System.Runtime;
using System.Runtime.CompilerServices;
using Ocean.Abi;

/// <summary>Typed wrappers for Ocean's system calls.</summary>
public static unsafe class Syscall
{
    [RuntimeImport("*", "OceanSyscall")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    private static extern long Invoke(SyscallNumber number, ulong a0, ulong a1, ulong a2, ulong a3, ulong a4);

    public static void Exit(int status)
    {
        Invoke(SyscallNumber.Exit, (ulong)status, 0, 0, 0, 0);
        while (true) { }
    }

    /// <summary>Writes bytes to a file descriptor; returns the count written or a negative errno.</summary>
    public static long Write(int fd, byte* buffer, ulong length) =>
        Invoke(SyscallNumber.Write, (ulong)fd, (ulong)buffer, length, 0, 0);

    public static long GetPid() => Invoke(SyscallNumber.GetPid, 0, 0, 0, 0, 0);
}
