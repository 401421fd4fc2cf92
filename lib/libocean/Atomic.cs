namespace Ocean;

using System.Runtime;
using System.Runtime.CompilerServices;

/// <summary>Atomic memory operations (the core library has no Interlocked).</summary>
public static unsafe class Atomic
{
    /// <summary>Stores <paramref name="value"/> and returns the previous value in one indivisible step; a full memory barrier.</summary>
    [RuntimeImport("*", "OceanAtomicExchange")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    public static extern int Exchange(int* location, int value);
}
