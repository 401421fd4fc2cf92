namespace Ocean.Tests.UserTests;

using System;
using Ocean.Libc;

/// <summary>libc on the real system: the brk/mmap heap with explicit frees, strings and text formatting.</summary>
public static unsafe partial class Program
{
    private const int LargeBytes = 128 * 1024;

    private static void LibcHeap()
    {
        HeapStatistics before = Heap.Statistics;
        byte* small = (byte*)Heap.Allocate(100);
        bool ok = small != null && ((ulong)small & 15) == 0 && small[99] == 0;
        small[0] = 1;
        Heap.Free(small);
        ok &= Heap.Allocate(100) == small && small[0] == 0;
        Heap.Free(small);

        byte* large = (byte*)Heap.Allocate(LargeBytes);
        HeapStatistics mapped = Heap.Statistics;
        ok &= large != null && large[LargeBytes - 1] == 0 && mapped.BytesFromKernel >= before.BytesFromKernel + LargeBytes;
        large[LargeBytes - 1] = 1;
        Heap.Free(large);
        HeapStatistics after = Heap.Statistics;
        ok &= after.BytesFromKernel < mapped.BytesFromKernel && after.FreeCount == before.FreeCount + 3 &&
              after.AllocationCount == before.AllocationCount + 3;
        Check(ok, "libc heap: freed blocks are reused and zeroed, large blocks are mapped and unmapped");
    }

    private static void LibcStrings()
    {
        string[] parts = "  ls -l  /bin ".Trim().Split(' ');
        string joined = string.Join("|", parts);
        bool ok = parts.Length == 4 && joined == "ls|-l||/bin" && joined.IndexOf("/b") == 7 && joined.EndsWith("bin") &&
                  string.CompareOrdinal(parts[0], parts[1]) > 0 && string.Concat(parts[0], parts[3]) == "ls/bin";
        Heap.Free(parts);
        Heap.Free(joined);
        ok &= Runtime.ArgumentCount == 0 ? Runtime.Arguments.Length == 0 && Runtime.ProgramName == ""
            : Runtime.Arguments.Length == Runtime.ArgumentCount - 1 && Runtime.ProgramName == Strings.FromAscii(Runtime.Argument(0));

        byte* buffer = stackalloc byte[32];
        var text = new TextBuilder(buffer, 32);
        text.Append("pid").Append(7, 4).Append('|').Append("0x").AppendHex(0xFF, 4).Append('|').AppendPadded("sh", -3).Append('|');
        ok &= text.Length == 19 && !text.Overflowed;
        buffer[text.Length] = 0;
        ok &= Strings.FromAscii(buffer) == "pid   7|0x00ff|sh |";
        Check(ok, "libc strings: trim, split, join, search, compare, concat; TextBuilder widths and hex");
    }

    [System.Runtime.CompilerServices.InlineArray(Length)]
    private struct EightLongs
    {
        public const int Length = 8;
        private long _first;
    }

    private struct Pair
    {
        public int Left;
        public long Right;
    }

    // The core library's spans: bounds, slices, overlapping copies, foreach, u8 literals, inline arrays, fixed.
    private static void LibcSpans()
    {
        Span<byte> stack = stackalloc byte[16];
        for (int i = 0; i < stack.Length; i++)
            stack[i] = (byte)i;
        bool ok = stack.Length == 16 && stack[15] == 15;
        stack.Slice(0, 8).CopyTo(stack.Slice(4));          // forwards overlap: copies from the end
        ok &= stack[4] == 0 && stack[11] == 7 && stack[12] == 12;
        stack.Slice(4, 8).CopyTo(stack);                   // backwards overlap
        ok &= stack[0] == 0 && stack[7] == 7 && stack[8] == 4;
        ok &= !stack.TryCopyTo(stack.Slice(1)) && stack.Slice(16).IsEmpty;

        byte[] array = new byte[5];
        Span<byte> view = array;
        view.Slice(1, 3).Fill(9);
        ok &= array[0] == 0 && array[1] == 9 && array[3] == 9 && array[4] == 0;
        int sum = 0;
        foreach (byte b in (ReadOnlySpan<byte>)array)
            sum += b;
        ok &= sum == 27;
        byte[] copy = view.Slice(1, 2).ToArray();
        ok &= copy.Length == 2 && copy[1] == 9;
        Heap.Free(copy);
        Heap.Free(array);

        ReadOnlySpan<byte> literal = "ocean"u8;
        ok &= literal.Length == 5 && literal[0] == (byte)'o' && literal[4] == (byte)'n';
        fixed (byte* first = literal)
            ok &= first[1] == (byte)'c';

        var longs = new EightLongs();
        Span<long> inline = longs;
        inline[7] = -1;
        inline.Slice(0, 2).Fill(long.MaxValue);
        ok &= longs[7] == -1 && longs[1] == long.MaxValue && longs[2] == 0 && inline.Length == EightLongs.Length;

        Span<Pair> pairs = stackalloc Pair[3];
        pairs[2].Right = 1L << 40;
        pairs[2].Left = 3;
        pairs[1] = pairs[2];
        ok &= pairs[1].Right == 1L << 40 && pairs[1].Left == 3 && pairs[0].Left == 0 && System.Runtime.CompilerServices.Unsafe.SizeOf<Pair>() == 16;
        Check(ok, "libc spans: stackalloc, arrays, slices, overlapping copies, foreach, u8 literals, inline arrays");
    }
}
