namespace Ocean.Libc;

using System.Runtime.CompilerServices;
using System.Threading;

/// <summary>
/// A lock for short critical sections shared by a process's threads. A waiter yields the CPU instead of
/// spinning hot: the holder may be preempted on the same CPU. Not reentrant. Keep it in a field and
/// use it in place (it is a mutable struct).
/// </summary>
public struct SpinLock
{
    private const int Free = 0;
    private const int Held = 1;

    private int _state;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Acquire()
    {
        if (Interlocked.Exchange(ref _state, Held) != Free)
            AcquireContended();
    }

    /// <summary>Takes the lock if it is free; false (and nothing held) if another thread holds it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryAcquire() => Interlocked.Exchange(ref _state, Held) == Free;

    // Out of line, so that a caller's uncontended path keeps no registers for a call.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AcquireContended()
    {
        do
            Syscall.Yield();
        while (Interlocked.Exchange(ref _state, Held) != Free);
    }

    /// <summary>Whether some thread holds it (a hint, unless no other thread can run: a forked child's first look).</summary>
    public readonly bool IsHeld => _state == Held;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Release()
    {
        // An exchange rather than a plain store: it also keeps the critical section's stores before it.
        Interlocked.Exchange(ref _state, Free);
    }
}
