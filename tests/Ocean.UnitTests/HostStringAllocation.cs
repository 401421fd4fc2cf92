namespace Ocean.Libc;

/// <summary>The host's stand-in for lib/libc/StringAllocation.cs: a fresh, writable string of NULs.</summary>
internal static class StringAllocation
{
    public static string Allocate(int length) => new string('\0', length);
}
