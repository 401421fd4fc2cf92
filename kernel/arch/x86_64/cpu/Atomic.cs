namespace Ocean.Kernel.Arch.X86_64.Cpu;

using System.Runtime;
using System.Runtime.CompilerServices;

/// <summary>Atomic memory operations (Atomics.asm) for locks and counters shared between CPUs.</summary>
public static unsafe class Atomic
{
    [RuntimeImport("*", "AtomicExchange32")] [MethodImpl(MethodImplOptions.InternalCall)]
    public static extern int Exchange(int* location, int value);

    [RuntimeImport("*", "AtomicStore32")] [MethodImpl(MethodImplOptions.InternalCall)]
    public static extern void Store(int* location, int value);

    [RuntimeImport("*", "AtomicLoad32")] [MethodImpl(MethodImplOptions.InternalCall)]
    public static extern int Load(int* location);

    /// <summary>Stores <paramref name="desired"/> if the location holds <paramref name="expected"/>; returns what it held.</summary>
    [RuntimeImport("*", "AtomicCompareExchange32")] [MethodImpl(MethodImplOptions.InternalCall)]
    public static extern int CompareExchange(int* location, int expected, int desired);

    [RuntimeImport("*", "AtomicAdd32")] [MethodImpl(MethodImplOptions.InternalCall)]
    public static extern int Add(int* location, int value);

    /// <summary>Adds to a 16-bit counter, which may be unaligned; returns the new value.</summary>
    [RuntimeImport("*", "AtomicAdd16")] [MethodImpl(MethodImplOptions.InternalCall)]
    public static extern ushort Add(ushort* location, short value);

    [RuntimeImport("*", "AtomicAdd64")] [MethodImpl(MethodImplOptions.InternalCall)]
    public static extern long Add(long* location, long value);

    [RuntimeImport("*", "ReloadCr3")] [MethodImpl(MethodImplOptions.InternalCall)]
    public static extern void FlushTlb();
}

/// <summary>A test-and-set spin lock. Callers run with interrupts disabled while they hold it.</summary>
public unsafe struct SpinLock
{
    private int _locked;

    // The lock word's address: a kernel object never moves (no collector), so no pinning is needed.
    private int* Word => (int*)Unsafe.AsPointer(ref _locked);

    /// <summary>Takes the lock if it is free; false (and nothing changes) if another CPU holds it.</summary>
    public bool TryAcquire() => Atomic.Exchange(Word, 1) == 0;

    public void Acquire()
    {
        if (Atomic.Exchange(Word, 1) != 0)
            WaitAndAcquire(Word);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void WaitAndAcquire(int* locked)
    {
        do
            while (Atomic.Load(locked) != 0)
                Cpu.Pause();
        while (Atomic.Exchange(locked, 1) != 0);
    }

    public void Release() => Atomic.Store(Word, 0);
}
