namespace Ocean;

using System.Runtime;
using System.Runtime.CompilerServices;
using Ocean.Abi;

/// <summary>Typed wrappers for Ocean's system calls; results are negative errno values on failure.</summary>
public static unsafe class Syscall
{
    [RuntimeImport("*", "OceanSyscall")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    private static extern long Invoke(SyscallNumber number, ulong a0, ulong a1, ulong a2, ulong a3, ulong a4);

    // Calls without arguments skip the argument shuffle: the kernel reads no argument register for them.
    [RuntimeImport("*", "OceanSyscall0")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    private static extern long Invoke(SyscallNumber number);

    public static void Exit(int status)
    {
        Invoke(SyscallNumber.Exit, (ulong)status, 0, 0, 0, 0);
        while (true) { }
    }

    /// <summary>Writes bytes to a file descriptor; returns the count written or a negative errno.</summary>
    public static long Write(int fd, byte* buffer, ulong length) => Invoke(SyscallNumber.Write, (ulong)fd, (ulong)buffer, length, 0, 0);

    public static long Read(int fd, byte* buffer, ulong length) => Invoke(SyscallNumber.Read, (ulong)fd, (ulong)buffer, length, 0, 0);

    public static long GetPid() => Invoke(SyscallNumber.GetPid);

    public static long Yield() => Invoke(SyscallNumber.Yield);

    public static long Sleep(ulong nanoseconds) => Invoke(SyscallNumber.Sleep, nanoseconds, 0, 0, 0, 0);

    /// <summary>space_change(slot, change): the memory server's map, unmap or protect of a process's memory (see <see cref="SpaceChange"/>).</summary>
    public static long SpaceChange(long slot, SpaceChange* change) => Invoke(SyscallNumber.SpaceChange, (ulong)slot, (ulong)change, 0, 0, 0);

    public static long ClockGetTime(ulong clock, Timespec* time) => Invoke(SyscallNumber.ClockGetTime, clock, (ulong)time, 0, 0, 0);

    public static long FreePages() => Invoke(SyscallNumber.FreePages);

    public static long KernelHeapBytes() => Invoke(SyscallNumber.KernelHeapBytes);

    /// <summary>The memory server's read of the machine's totals, through the <see cref="ObjectKind.AddressSpaces"/> capability in <paramref name="slot"/>.</summary>
    public static long MemoryRead(long slot, MemoryInfo* info) => Invoke(SyscallNumber.MemoryRead, (ulong)slot, (ulong)info, 0, 0, 0);

    /// <summary>Bytes process <paramref name="pid"/> has mapped, through the <see cref="ObjectKind.AddressSpaces"/> capability in <paramref name="slot"/>.</summary>
    public static long SpaceUsage(long slot, long pid) => Invoke(SyscallNumber.SpaceUsage, (ulong)slot, (ulong)pid, 0, 0, 0);

    /// <summary>Maps the caller's pages [address, address + length) into process <paramref name="pid"/> too, shared, through the <see cref="ObjectKind.AddressSpaces"/> capability in <paramref name="slot"/>; returns the address there.</summary>
    public static long SpaceShare(long slot, ulong address, ulong length, long pid, ulong protection) =>
        Invoke(SyscallNumber.SpaceShare, (ulong)slot, address, length, (ulong)pid, protection);

    public static long CurrentCpu() => Invoke(SyscallNumber.CurrentCpu);

    /// <summary>Copies the "Package@version" of the kernel (index 0) or of boot module index-1; returns its full length, -ENOENT past the last.</summary>
    public static long BootPackage(int index, byte* buffer, ulong length) => Invoke(SyscallNumber.BootPackage, (ulong)index, (ulong)buffer, length, 0, 0);

    /// <summary>Copies bytes of the boot module at <paramref name="path"/> from <paramref name="offset"/>; returns the count, 0 at its end.</summary>
    public static long BootModuleRead(byte* path, ulong offset, byte* buffer, ulong length) =>
        Invoke(SyscallNumber.BootModuleRead, (ulong)path, offset, (ulong)buffer, length, 0);

    /// <summary>Boot module <paramref name="index"/>'s path and size; -ENOENT past the last.</summary>
    public static long BootModuleInfo(int index, BootModuleInfo* info) => Invoke(SyscallNumber.BootModuleInfo, (ulong)index, (ulong)info, 0, 0, 0);

    /// <summary>pipe: fds[0] is the read end, fds[1] the write end.</summary>
    public static long Pipe(int* fds) => Invoke(SyscallNumber.Pipe, (ulong)fds, 0, 0, 0, 0);

    public static long Dup2(int fd, int target) => Invoke(SyscallNumber.Dup2, (ulong)fd, (ulong)target, 0, 0, 0);

    public static long Close(int fd) => Invoke(SyscallNumber.Close, (ulong)fd, 0, 0, 0, 0);

    /// <summary>isatty: 1 for the console, 0 for a pipe, or a negative errno.</summary>
    public static long IsTerminal(int fd) => Invoke(SyscallNumber.IsTerminal, (ulong)fd, 0, 0, 0, 0);

    /// <summary>The process server's: describes the thread of <paramref name="pid"/> with the lowest id above <paramref name="afterThread"/>; its id, -ESRCH without the process, -ENOENT past the last.</summary>
    public static long ThreadRead(long slot, long pid, long afterThread, ThreadInfo* info) => Invoke(SyscallNumber.ThreadRead, (ulong)slot, (ulong)pid, (ulong)afterThread, (ulong)info, 0);

    /// <summary>The process server's: every process end signals <paramref name="notificationSlot"/> with <paramref name="bits"/>.</summary>
    public static long ProcessEvents(long slot, long notificationSlot, ulong bits) => Invoke(SyscallNumber.ProcessEvents, (ulong)slot, (ulong)notificationSlot, bits, 0, 0);

    /// <summary>The process server's: the oldest process end not yet read (its pid; its parent and status in <paramref name="end"/>); -EAGAIN when none. The kernel frees the process then.</summary>
    public static long ProcessEnded(long slot, ProcessEnd* end) => Invoke(SyscallNumber.ProcessEnded, (ulong)slot, (ulong)end, 0, 0, 0);

    /// <summary>The process server's: forks the process whose call it is serving; the child's pid.</summary>
    public static long ProcessFork(long slot, long pid) => Invoke(SyscallNumber.ProcessFork, (ulong)slot, (ulong)pid, 0, 0, 0);

    /// <summary>The process server's: replaces the program of the process whose call it is serving; 0, after which that call is over.</summary>
    public static long ProcessExec(long slot, ExecArguments* arguments) => Invoke(SyscallNumber.ProcessExec, (ulong)slot, (ulong)arguments, 0, 0, 0);

    /// <summary>The process server's: ends process <paramref name="pid"/>.</summary>
    public static long ProcessKill(long slot, long pid, int signal) => Invoke(SyscallNumber.ProcessKill, (ulong)slot, (ulong)pid, (ulong)signal, 0, 0);

    /// <summary>process_console: whether a process is outside the console's foreground group (its console reads wait for SIGTTIN).</summary>
    public static long ProcessConsole(long slot, long pid, bool background) => Invoke(SyscallNumber.ProcessConsole, (ulong)slot, (ulong)pid, background ? 1UL : 0, 0, 0);

    /// <summary>process_stop: job control's stop (true) or continue (false) of a process.</summary>
    public static long ProcessStop(long slot, long pid, bool stop) => Invoke(SyscallNumber.ProcessStop, (ulong)slot, (ulong)pid, stop ? 1UL : 0, 0, 0);

    /// <summary>The process server's: the oldest thread stopped by a fault (its pid; the report in <paramref name="report"/>); -EAGAIN when none.</summary>
    public static long ProcessFaulted(long slot, FaultReport* report) => Invoke(SyscallNumber.ProcessFaulted, (ulong)slot, (ulong)report, 0, 0, 0);

    /// <summary>The process server's read of the kernel's table, through the <see cref="ObjectKind.Processes"/> capability in <paramref name="slot"/>.</summary>
    public static long ProcessRead(long slot, long afterPid, ProcessInfo* info) => Invoke(SyscallNumber.ProcessRead, (ulong)slot, (ulong)afterPid, (ulong)info, 0, 0);

    /// <summary>Ends the machine (init only).</summary>
    public static long PowerOff() => Invoke(SyscallNumber.PowerOff);

    /// <summary>For tests: any number with any arguments.</summary>
    public static long Raw(ulong number, ulong a0, ulong a1, ulong a2, ulong a3, ulong a4) => Invoke((SyscallNumber)number, a0, a1, a2, a3, a4);
}
