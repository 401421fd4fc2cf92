namespace Ocean.Libc;

using System.Runtime;
using System.Runtime.CompilerServices;
using Internal.Runtime;

/// <summary>
/// Makes new strings: the one platform-specific piece of <see cref="Strings"/> (host tests have their
/// own version). A string is laid out like an array of char: ilc's allocator gives it the MethodTable,
/// the length and zeroed characters, the terminating NUL included in the base size.
/// </summary>
internal static unsafe class StringAllocation
{
    [RuntimeImport("*", "RhpNewArrayFast")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    private static extern void* NewArray(MethodTable* type, int length);

    /// <summary>A string of <paramref name="length"/> NUL characters, for the caller to fill in before anyone sees it.</summary>
    public static string Allocate(int length)
    {
        void* instance = NewArray(StringType(), length);
#pragma warning disable CS8500 // reinterprets the object's address as a reference to it
        return *(string*)&instance;
#pragma warning restore CS8500
    }

    // Every string starts with the same MethodTable pointer: take it from a literal's header.
    private static MethodTable* StringType()
    {
        object literal = "";
#pragma warning disable CS8500
        return **(MethodTable***)&literal;
#pragma warning restore CS8500
    }
}
