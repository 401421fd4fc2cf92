namespace System;

using System.Runtime;
using System.Runtime.CompilerServices;

/// <summary>Memory copy and fill, used by ilc's helpers and by the rest of Ocean.</summary>
public static unsafe class Buffer
{
    public static void Memmove(void* destination, void* source, nuint count)
    {
        byte* d = (byte*)destination;
        byte* s = (byte*)source;
        if (d == s || count == 0)
            return;
        if (d < s || d >= s + count)
            CopyForward(d, s, count);   // no overlap, or the destination below the source
        else
        {
            for (nuint i = count; i > 0; i--)
                d[i - 1] = s[i - 1];
        }
    }

    public static void Fill(void* destination, byte value, nuint count)
    {
        if (count != 0)
            FillBytes(destination, value, count);
    }

    // The CPU's block copy and fill (rep movs/stos), in native/RuntimeStubs.asm.
    [RuntimeImport("*", "OceanCopyForward")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    private static extern void CopyForward(void* destination, void* source, nuint count);

    [RuntimeImport("*", "OceanFill")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    private static extern void FillBytes(void* destination, byte value, nuint count);

    // ilc: copying structs or arrays that hold references. Without a GC this is a plain move.
    internal static void BulkMoveWithWriteBarrier(ref byte destination, ref byte source, nuint byteCount)
    {
        fixed (byte* d = &destination)
        fixed (byte* s = &source)
            Memmove(d, s, byteCount);
    }
}

/// <summary>The JIT's block copy/fill helpers (ilc looks these up by name).</summary>
internal static unsafe class SpanHelpers
{
    internal static void Memmove(ref byte destination, ref byte source, nuint length)
    {
        fixed (byte* d = &destination)
        fixed (byte* s = &source)
            Buffer.Memmove(d, s, length);
    }

    internal static void Fill(ref byte destination, nuint length, byte value)
    {
        fixed (byte* d = &destination)
            Buffer.Fill(d, value, length);
    }

    internal static void ClearWithoutReferences(ref byte destination, nuint length)
    {
        fixed (byte* d = &destination)
            Buffer.Fill(d, 0, length);
    }
}
