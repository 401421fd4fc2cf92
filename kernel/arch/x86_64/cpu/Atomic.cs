namespace Ocean.Kernel.Arch.X86_64.Cpu;

using System.Runtime;
using System.Runtime.CompilerServices;
using System.Threading;

/// <summary>
/// Atomic memory operations for locks and counters shared between CPUs: the read-modify-writes are
/// the compiler's own (<see cref="Interlocked"/>, one locked instruction in place), loads and stores
/// go through a volatile field (a plain move on x86, which the compiler keeps in program order:
/// acquire for a load, release for a store).
/// </summary>
public static unsafe class Atomic
{
    private struct VolatileInt32
    {
        public volatile int Value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Exchange(int* location, int value) => Interlocked.Exchange(ref *location, value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(int* location, int value) => ((VolatileInt32*)location)->Value = value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Load(int* location) => ((VolatileInt32*)location)->Value;

    /// <summary>Stores <paramref name="desired"/> if the location holds <paramref name="expected"/>; returns what it held.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int CompareExchange(int* location, int expected, int desired) => Interlocked.CompareExchange(ref *location, desired, expected);

    /// <summary>Adds <paramref name="value"/>; returns the new value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Add(int* location, int value) => Interlocked.ExchangeAdd(ref *location, value) + value;

    /// <summary>Adds to a 16-bit counter, which may be unaligned; returns the new value.</summary>
    [RuntimeImport("*", "AtomicAdd16")] [MethodImpl(MethodImplOptions.InternalCall)]
    public static extern ushort Add(ushort* location, short value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Add(long* location, long value) => Interlocked.ExchangeAdd(ref *location, value) + value;

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
