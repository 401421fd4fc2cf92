namespace Ocean.Tests.UserTests;

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
        string joined = Strings.Join("|", parts);
        bool ok = parts.Length == 4 && joined == "ls|-l||/bin" && joined.IndexOf("/b") == 7 && joined.EndsWith("bin") &&
                  Strings.Compare(parts[0], parts[1]) > 0 && Strings.Concat(parts[0], parts[3]) == "ls/bin";
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
}
