namespace System.Runtime;

using Internal.Runtime;

/// <summary>
/// What a throw needs from a runtime that can unwind: the user runtime (lib/libc's
/// ExceptionDispatch) sets <see cref="Dispatch"/> before any program code runs; the kernel and the
/// loader leave it null, and a throw there is fatal, as it has always been.
/// </summary>
public static unsafe class ExceptionHandling
{
    /// <summary>Finds and runs the handler for an exception thrown by RhpThrowEx's caller; never returns.</summary>
    public static delegate*<object, void> Dispatch;

    /// <summary>Throws again the exception whose catch block calls this (C#'s <c>throw;</c>); never returns.</summary>
    public static delegate*<void> Rethrow;

    /// <summary>
    /// Thrown when <c>new</c> finds no memory, even after a collection (the runtime makes it at start,
    /// since there is no memory to make it then); null where a failed allocation stays fatal.
    /// </summary>
    public static Exception OutOfMemory;

    /// <summary>Whether <paramref name="exception"/> is caught by a clause naming <paramref name="catchType"/> (a MethodTable).</summary>
    public static bool IsInstanceOf(void* catchType, object exception) => TypeCast.IsInstanceOfException((MethodTable*)catchType, exception);
}
