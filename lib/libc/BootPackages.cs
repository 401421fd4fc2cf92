namespace Ocean.Libc;

using System;
using Ocean.Abi;

/// <summary>The packages the image was composed of ("Name@version"), as the kernel was told at boot.</summary>
public static unsafe class BootPackages
{
    /// <summary>
    /// Copies entry <paramref name="index"/>'s name into <paramref name="destination"/> (cut to fit);
    /// returns its whole length, or -1 past the last entry.
    /// </summary>
    public static int Name(int index, Span<byte> destination)
    {
        long length;
        fixed (byte* start = destination)
            length = Syscall.BootPackage(index, start, (ulong)destination.Length);
        return length < 0 ? -1 : (int)length;
    }
}
