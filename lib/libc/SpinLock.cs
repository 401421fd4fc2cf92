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
        while (Interlocked.Exchange(ref _state, Held) != Free)
            Syscall.Yield();
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
