namespace Ocean;

using System.Runtime;
using System.Runtime.CompilerServices;
using Ocean.Abi;

/// <summary>Threads sharing the caller's address space and capabilities.</summary>
public static unsafe class Threads
{
    [RuntimeImport("*", "OceanThreadStartAddress")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    private static extern ulong StartAddress();

    /// <summary>
    /// Starts <paramref name="entry"/>(<paramref name="argument"/>) in a new thread on the stack that
    /// ends at <paramref name="stackTop"/> (16-byte aligned); the thread ends when entry returns.
    /// Returns the thread id or a negative errno.
    /// </summary>
    public static long Create(delegate* unmanaged<ulong, void> entry, ulong stackTop, ulong argument) =>
        entry == null ? -Errno.EINVAL : Syscall.Raw((ulong)SyscallNumber.ThreadCreate, StartAddress(), stackTop, (ulong)entry, argument, 0);

    /// <summary>The calling thread's id (what <see cref="Create"/> returned for it).</summary>
    public static long Self() => Syscall.Raw((ulong)SyscallNumber.ThreadSelf, 0, 0, 0, 0, 0);

    /// <summary>How many threads of this process have not ended, the caller included.</summary>
    public static long Count() => Syscall.Raw((ulong)SyscallNumber.ThreadCount, 0, 0, 0, 0, 0);

    /// <summary>
    /// Stops every other thread of this process from running user code (a collector's stop of the
    /// world) and writes each one's id and registers; returns how many, or a negative errno
    /// (-EBUSY: another thread has them stopped; -E2BIG: more than <paramref name="capacity"/>).
    /// </summary>
    public static long StopOthers(StoppedThread* threads, int capacity) =>
        Syscall.Raw((ulong)SyscallNumber.ThreadsStop, (ulong)threads, (ulong)capacity, 0, 0, 0);

    /// <summary>Lets the threads <see cref="StopOthers"/> stopped go on.</summary>
    public static long ResumeOthers() => Syscall.Raw((ulong)SyscallNumber.ThreadsResume, 0, 0, 0, 0, 0);

    /// <summary>Ends the calling thread (the process ends when its last thread does).</summary>
    public static void Exit()
    {
        Syscall.Raw((ulong)SyscallNumber.ThreadExit, 0, 0, 0, 0, 0);
        while (true) { }
    }
}
