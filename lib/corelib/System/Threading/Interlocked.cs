namespace System.Threading;

using System.Runtime.CompilerServices;

/// <summary>
/// Atomic read-modify-write operations. The JIT inside ilc expands each call in place (lock cmpxchg,
/// xchg, lock xadd: named intrinsics it knows for x64), so they cost one instruction instead of a
/// call into assembly. Each body calls itself, as NativeAOT's own library does on x64: an intrinsic
/// that calls itself must be expanded, so this is never a real recursion.
/// </summary>
public static class Interlocked
{
    /// <summary>Stores <paramref name="value"/> if the location holds <paramref name="comparand"/>; returns what it held.</summary>
    [Intrinsic]
    public static int CompareExchange(ref int location1, int value, int comparand) => CompareExchange(ref location1, value, comparand);

    [Intrinsic]
    public static long CompareExchange(ref long location1, long value, long comparand) => CompareExchange(ref location1, value, comparand);

    /// <summary>Stores <paramref name="value"/>; returns what the location held.</summary>
    [Intrinsic]
    public static int Exchange(ref int location1, int value) => Exchange(ref location1, value);

    [Intrinsic]
    public static long Exchange(ref long location1, long value) => Exchange(ref location1, value);

    /// <summary>Adds <paramref name="value"/>; returns what the location held before.</summary>
    [Intrinsic]
    public static int ExchangeAdd(ref int location1, int value) => ExchangeAdd(ref location1, value);

    [Intrinsic]
    public static long ExchangeAdd(ref long location1, long value) => ExchangeAdd(ref location1, value);

    /// <summary>A reference stored if the location holds <paramref name="comparand"/> (no collector moves objects, and a write barrier is a plain store).</summary>
    public static object CompareExchange(ref object location1, object value, object comparand)
    {
        long previous = CompareExchange(ref Unsafe.As<object, long>(ref location1), Unsafe.As<object, long>(ref value), Unsafe.As<object, long>(ref comparand));
        return Unsafe.As<long, object>(ref previous);
    }

    /// <summary>What a field-like event's add and remove accessors compile to.</summary>
    public static T CompareExchange<T>(ref T location1, T value, T comparand) where T : class =>
        Unsafe.As<T>(CompareExchange(ref Unsafe.As<T, object>(ref location1), value, comparand));
}
