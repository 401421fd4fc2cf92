namespace Ocean.Kernel.Sched;

using Ocean.Kernel.Arch.X86_64.Cpu;
using Ocean.Kernel.Lib;

/// <summary>
/// The kernel's locks by rank, outermost first (docs/ARCHITECTURE.md, "Lock order"): a path may take a
/// lock only while every lock it holds ranks lower. Today the big kernel lock is the only one in use;
/// the ranks below it are where the fine-grained locks of docs/design/kernel-locks.md go.
/// </summary>
public enum LockRank
{
    BigKernel,
    ProcessTable,
    Process,
    IpcObject,
    ThreadState,
    SleepList,
    RunQueue,
    SlabHeap,
    KernelStacks,
    PageAllocator,
    Console,
    InterruptRouting,
}

/// <summary>
/// Checks the lock order as locks are taken (kernel word <c>lockcheck</c>; the test image boots with
/// it): each CPU keeps the ranks it holds as bits, and taking a lock that does not rank above all of
/// them is a panic naming both. Locks are held with interrupts off and handed over only within a CPU
/// (the big lock across a context switch), so a CPU's set is exactly what the code running on it holds.
/// </summary>
public static unsafe class LockOrder
{
    /// <summary>Whether acquisitions are checked (one test of a flag when they are not).</summary>
    public static bool Enabled;

    /// <summary>For the self-test: count a violation instead of stopping the machine.</summary>
    public static bool PanicOnViolation = true;

    public static int Violations { get; private set; }

    private struct HeldRanks
    {
        public fixed uint ByCpu[CpuLocal.MaxCpus];
    }

    private static HeldRanks _held;

    /// <summary>Before taking a lock of <paramref name="rank"/>.</summary>
    public static void Taking(LockRank rank)
    {
        if (!Enabled)
            return;
        int cpu = CpuLocal.Current->Index;
        uint held = _held.ByCpu[cpu];
        uint bit = 1u << (int)rank;
        if (held >= bit)   // some held rank is the same or higher
        {
            Violations++;
            if (PanicOnViolation)
                Panic.Halt("lock order violated: a lock was taken while one of the same or a later rank was held");
        }
        _held.ByCpu[cpu] = held | bit;
    }

    /// <summary>After releasing a lock of <paramref name="rank"/>.</summary>
    public static void Released(LockRank rank)
    {
        if (Enabled)
            _held.ByCpu[CpuLocal.Current->Index] &= ~(1u << (int)rank);
    }
}

/// <summary>A spin lock with its rank in the lock order (checked by <see cref="LockOrder"/>).</summary>
public struct RankedSpinLock
{
    private SpinLock _lock;
    private readonly LockRank _rank;

    public RankedSpinLock(LockRank rank)
    {
        _lock = default;
        _rank = rank;
    }

    public void Acquire()
    {
        if (LockOrder.Enabled)
            LockOrder.Taking(_rank);
        _lock.Acquire();
    }

    /// <summary>Takes the lock if it is free; false (nothing held) if another CPU holds it.</summary>
    public bool TryAcquire()
    {
        if (LockOrder.Enabled)
            LockOrder.Taking(_rank);
        if (_lock.TryAcquire())
            return true;
        if (LockOrder.Enabled)
            LockOrder.Released(_rank);
        return false;
    }

    public void Release()
    {
        _lock.Release();
        if (LockOrder.Enabled)
            LockOrder.Released(_rank);
    }
}
