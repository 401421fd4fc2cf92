namespace Ocean.Kernel.SelfTest;

using Ocean.Kernel.Proc;
using Ocean.Kernel.Sched;

/// <summary>Kernel threads on the real scheduler: created, run, finished and reaped.</summary>
public static unsafe class SchedulerSelfTests
{
    private const ulong Argument = 0x0CEA;
    private const int MaxYields = 1000;

    private static ulong _received;
    private static int _runs;

    private static void Worker(ulong argument)
    {
        _received = argument;
        _runs++;
        Scheduler.Yield();   // gives the CPU back once, then finishes
        _runs++;
    }

    public static void Run()
    {
        _received = 0;
        _runs = 0;
        Thread thread = Scheduler.StartKernelThread(&Worker, Argument, Thread.DefaultPriority);
        SelfTestRunner.Check(thread != null, "scheduler: a kernel thread is created");
        for (int i = 0; i < MaxYields && thread.State != ThreadState.Dead; i++)
            Scheduler.Yield();
        SelfTestRunner.Check(_received == Argument && _runs == 2 && thread.State == ThreadState.Dead,
            "scheduler: the kernel thread runs with its argument, yields, and finishes");
        SelfTestRunner.Check(Scheduler.ReapKernelThread(thread), "scheduler: a finished kernel thread is reaped");
    }
}
