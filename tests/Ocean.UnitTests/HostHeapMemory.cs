#nullable enable
namespace Ocean.UnitTests;

using System.Runtime.InteropServices;
using Ocean.Libc;

/// <summary>
/// The kernel's side of <see cref="HeapAllocator"/> on the host: an arena that grows inside one native
/// buffer up to a limit (new bytes are garbage: the allocator must zero what it hands out), and large
/// blocks from <see cref="NativeMemory.AlignedAlloc"/>, counted so tests see every map and unmap.
/// </summary>
internal sealed unsafe class HostHeapMemory : IDisposable
{
    public const byte Garbage = 0xA5;
    private const int PageSize = 4096;

    private readonly GCHandle _self;
    private readonly byte* _arena;
    private readonly Dictionary<nuint, nuint> _mapped = new();

    public HostHeapMemory(nuint arenaLimit, int startOffset = 0)
    {
        ArenaLimit = arenaLimit;
        _arena = (byte*)NativeMemory.AlignedAlloc(arenaLimit + (nuint)PageSize, PageSize);
        ArenaStart = _arena + startOffset;
        _self = GCHandle.Alloc(this);
    }

    public nuint ArenaLimit { get; }
    public byte* ArenaStart { get; }
    public nuint ArenaUsed { get; private set; }
    public int GrowCalls { get; private set; }
    public int MapCalls { get; private set; }
    public int UnmapCalls { get; private set; }
    public bool MapFails { get; set; }
    /// <summary>Blocks mapped and not yet unmapped: address → size.</summary>
    public IReadOnlyDictionary<nuint, nuint> Mapped => _mapped;

    public HeapAllocator CreateAllocator(nuint largeThreshold = 64 * 1024, nuint growthStep = 4096, bool withMap = true, bool withShrink = false) =>
        new((void*)GCHandle.ToIntPtr(_self), &Grow, withMap ? &Map : null, withMap ? &Unmap : null, largeThreshold, growthStep,
            withShrink ? &Shrink : null);

    public int ShrinkCalls { get; private set; }

    // The arena's end moves back (its bytes become garbage again, as memory given back would be gone).
    private static bool Shrink(void* context, byte* newEnd, nuint bytes)
    {
        HostHeapMemory memory = From(context);
        memory.ShrinkCalls++;
        Assert.True(newEnd + bytes == memory.ArenaStart + memory.ArenaUsed, "the arena shrinks from its end");
        memory.ArenaUsed -= bytes;
        new Span<byte>(newEnd, (int)bytes).Fill(Garbage);
        return true;
    }

    public bool InArena(void* pointer) => pointer >= ArenaStart && pointer < ArenaStart + ArenaUsed;

    private static HostHeapMemory From(void* context) => (HostHeapMemory)GCHandle.FromIntPtr((nint)context).Target!;

    private static byte* Grow(void* context, nuint bytes)
    {
        HostHeapMemory memory = From(context);
        memory.GrowCalls++;
        if (memory.ArenaUsed + bytes > memory.ArenaLimit)
            return null;
        byte* added = memory.ArenaStart + memory.ArenaUsed;
        new Span<byte>(added, (int)bytes).Fill(Garbage);
        memory.ArenaUsed += bytes;
        return added;
    }

    private static byte* Map(void* context, nuint bytes)
    {
        HostHeapMemory memory = From(context);
        memory.MapCalls++;
        if (memory.MapFails)
            return null;
        var block = (byte*)NativeMemory.AlignedAlloc(bytes, PageSize);
        NativeMemory.Clear(block, bytes);
        memory._mapped.Add((nuint)block, bytes);
        return block;
    }

    private static void Unmap(void* context, byte* block, nuint bytes)
    {
        HostHeapMemory memory = From(context);
        memory.UnmapCalls++;
        Assert.True(memory._mapped.Remove((nuint)block, out nuint size), "unmap of an address that is not mapped");
        Assert.Equal(size, bytes);
        NativeMemory.AlignedFree(block);
    }

    public void Dispose()
    {
        foreach (nuint block in _mapped.Keys)
            NativeMemory.AlignedFree((void*)block);
        _mapped.Clear();
        NativeMemory.AlignedFree(_arena);
        _self.Free();
    }
}
