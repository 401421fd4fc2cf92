namespace Ocean.Kernel.Syscall;

using Ocean.Abi;
using Ocean.Kernel.Arch.X86_64.Cpu;
using Ocean.Kernel.Proc;
using Ocean.Kernel.Sched;

/// <summary>
/// The process and thread calls: exit, getpid, yield, sleep, current_cpu, thread_create, thread_exit,
/// thread_count, fault_handler, thread_self.
/// The work itself is in kernel/proc; fork and exec are the process server's
/// (<see cref="ProcessControl"/>).
/// </summary>
public static unsafe class ProcessCalls
{
    public static long Exit(ulong status)
    {
        Processes.ExitCurrent(WaitStatus.Exited((int)status));
        return 0;   // not reached
    }

    public static long GetPid() => Processes.Current.Pid;

    public static long Yield()
    {
        Scheduler.Yield();
        return 0;
    }

    public static long Sleep(ulong nanoseconds)
    {
        Scheduler.Sleep(nanoseconds);
        return 0;
    }

    public static long CurrentCpu() => CpuLocal.Current->Index;

    public static long CreateThread(ulong entry, ulong stackTop, ulong argument0, ulong argument1) => Threads.Create(entry, stackTop, argument0, argument1);

    public static long ThreadCount() => Scheduler.Current.Process.LiveThreads;

    public static long SetFaultHandler(ulong entry) => FaultDelivery.SetEntry(entry);

    public static long ThreadSelf() => Scheduler.Current.Id;

    public static long ExitThread()
    {
        Processes.ExitThread();
        return 0;   // not reached
    }
}
