namespace System;

using System.Runtime;
using System.Runtime.CompilerServices;

/// <summary>
/// The collector of user programs (lib/libc/Gc), as .NET names it. Only programs linked with the user
/// runtime may call these; the kernel and the loader free by hand and have no collector.
/// </summary>
public static class GC
{
    [RuntimeImport("*", "OceanCollect")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    private static extern long CollectNow();

    [RuntimeImport("*", "OceanHeapBytesInUse")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    private static extern ulong BytesInUse();

    /// <summary>Frees every object nothing reaches, now.</summary>
    public static void Collect() => CollectNow();

    /// <summary>Bytes of the heap in use (objects and explicit allocations), after a collection if asked for one.</summary>
    public static long GetTotalMemory(bool forceFullCollection)
    {
        if (forceFullCollection)
            CollectNow();
        return (long)BytesInUse();
    }

    /// <summary>Keeps <paramref name="obj"/> reachable up to this call (for objects only native code refers to).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void KeepAlive(object obj)
    {
    }
}
