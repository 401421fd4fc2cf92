namespace Ocean.Tests.Fuzz;

using Ocean.Abi;

/// <summary>
/// The fuzzer's own memory, mapped once per seed: a scratch buffer the kernel may read and write
/// (followed by an unmapped page, so pointers near its end straddle into nothing), read-only junk
/// for paths, argument arrays and program images (never a real program name: bytes are ≥ 0x80),
/// and stacks for the threads it starts. Nothing the fuzzer itself relies on is ever offered to a
/// call that writes, unmaps or reprotects memory.
/// </summary>
public static unsafe class Arena
{
    public const ulong PageSize = 4096;
    public const ulong ScratchBytes = 16 * PageSize;
    public const ulong JunkBytes = 8 * PageSize;
    /// <summary>One small stack per thread slot (a process has at most 64 threads).</summary>
    public const int ThreadStacks = 64;
    public const ulong ThreadStackBytes = PageSize;
    public const ulong ServerStackBytes = 16 * PageSize;

    /// <summary>Junk layout: a terminated string, an argv of junk strings, an argv of bad pointers, an over-long argv.</summary>
    public const ulong JunkStringOffset = 0, JunkArgvOffset = 1024, BadArgvOffset = 2048, LongArgvOffset = 3072;
    /// <summary>More entries than exec accepts (SyscallLimits.MaxArguments).</summary>
    public const int LongArgvEntries = 40;

    public static ulong Scratch, ScratchEnd, Junk, JunkEnd, Stacks, ServerStack;

    /// <summary>Maps everything; false when memory is short (the seed then cannot run).</summary>
    public static bool Map(ref Prng random)
    {
        Scratch = MapWithHole(ScratchBytes);
        Junk = MapWithHole(JunkBytes);
        Stacks = Map(ThreadStacks * ThreadStackBytes);
        ServerStack = Map(ServerStackBytes);
        if (Scratch == 0 || Junk == 0 || Stacks == 0 || ServerStack == 0)
            return false;
        ScratchEnd = Scratch + ScratchBytes;
        JunkEnd = Junk + JunkBytes;
        FillJunk(ref random);
        // The kernel must never write here: pass it to a writing call by mistake and it still fails.
        return Memory.Protect(Junk, JunkBytes, Protection.Read) == 0;
    }

    private static ulong Map(ulong bytes)
    {
        long address = Memory.Map(0, bytes, Protection.Read | Protection.Write);
        return address < 0 ? 0 : (ulong)address;
    }

    // Mappings grow downwards: map one page more and give the top page back, leaving a hole above.
    private static ulong MapWithHole(ulong bytes)
    {
        ulong address = Map(bytes + PageSize);
        if (address != 0)
            Memory.Unmap(address + bytes, PageSize);
        return address;
    }

    private static void FillJunk(ref Prng random)
    {
        byte* junk = (byte*)Junk;
        for (ulong i = 0; i < JunkBytes; i++)
            junk[i] = (byte)(0x80 | random.Next());
        junk[JunkStringOffset + 1 + random.Below(200UL)] = 0;
        var argv = (ulong*)(junk + JunkArgvOffset);
        for (int i = 0; i < 8; i++)
            argv[i] = Junk + JunkStringOffset;
        argv[8] = 0;
        var bad = (ulong*)(junk + BadArgvOffset);
        bad[0] = Junk + JunkStringOffset;
        bad[1] = 0xFFFF_8000_0000_0000;
        bad[2] = 0;
        var many = (ulong*)(junk + LongArgvOffset);
        for (int i = 0; i < LongArgvEntries; i++)
            many[i] = Junk + JunkStringOffset;
        many[LongArgvEntries] = 0;
        // The last bytes stay non-zero: a string (or array) starting near the end runs into the hole.
    }

    /// <summary>The top of thread stack <paramref name="index"/> (16-byte aligned).</summary>
    public static ulong StackTop(int index) => Stacks + (ulong)(index + 1) * ThreadStackBytes;
}
