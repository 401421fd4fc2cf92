namespace Internal.Runtime;

using System.Runtime;
using System.Runtime.CompilerServices;

/// <summary>
/// What the core library needs from the image it is linked into. The kernel provides these
/// (and, later, the user runtime); the core library itself knows no memory or output device.
/// </summary>
public static unsafe class RuntimeImports
{
    /// <summary>Returns <paramref name="size"/> zeroed bytes, 8-byte aligned, or null.</summary>
    [RuntimeImport("*", "OceanAllocate")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    public static extern void* Allocate(nuint size);

    /// <summary>Reports an unrecoverable runtime error (UTF-16 text) and never returns.</summary>
    [RuntimeImport("*", "OceanFatalError")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    public static extern void FatalError(char* message, int length);

    public static void FatalError(string message)
    {
        fixed (char* text = message)
            FatalError(text, message.Length);
    }
}
