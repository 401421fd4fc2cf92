namespace System;

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
        {
            // Forward: eight bytes at a time, then the tail (x86 does not mind unaligned words).
            nuint i = 0;
            for (; i + sizeof(ulong) <= count; i += sizeof(ulong))
                *(ulong*)(d + i) = *(ulong*)(s + i);
            for (; i < count; i++)
                d[i] = s[i];
        }
        else
        {
            for (nuint i = count; i > 0; i--)
                d[i - 1] = s[i - 1];
        }
    }

    public static void Fill(void* destination, byte value, nuint count)
    {
        byte* d = (byte*)destination;
        ulong word = value * 0x0101010101010101UL;
        nuint i = 0;
        for (; i + sizeof(ulong) <= count; i += sizeof(ulong))
            *(ulong*)(d + i) = word;
        for (; i < count; i++)
            d[i] = value;
    }

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
