namespace Ocean.Libc;

/// <summary>
/// A lock for short critical sections shared by a process's threads. A waiter yields the CPU instead of
/// spinning hot: the holder may be preempted on the same CPU. Not reentrant. Keep it in a field and
/// use it in place (it is a mutable struct).
/// </summary>
public unsafe struct SpinLock
{
    private const int Free = 0;
    private const int Held = 1;

    private int _state;

    public void Acquire()
    {
        fixed (int* state = &_state)
        {
            while (Atomic.Exchange(state, Held) != Free)
                Syscall.Yield();
        }
    }

    public void Release()
    {
        // An exchange rather than a plain store: it also keeps the critical section's stores before it.
        fixed (int* state = &_state)
            Atomic.Exchange(state, Free);
    }
}
