namespace Ocean.UnitTests;

using System.Runtime.InteropServices;
using Ocean.Kernel.Boot.Limine;
using Ocean.Kernel.Mm;

/// <summary>The kernel's copy of the bootloader's memory map (kernel/mm/BootMemoryMap.cs): merging and limits.</summary>
public unsafe class BootMemoryMapTests
{
    private static void Copy((ulong Base, ulong Length, LimineMemoryType Type)[] entries)
    {
        var block = (LimineMemoryMapEntry*)NativeMemory.Alloc((nuint)(entries.Length * sizeof(LimineMemoryMapEntry)));
        var pointers = (LimineMemoryMapEntry**)NativeMemory.Alloc((nuint)(entries.Length * sizeof(void*)));
        try
        {
            for (int i = 0; i < entries.Length; i++)
            {
                block[i] = new LimineMemoryMapEntry { Base = entries[i].Base, Length = entries[i].Length, Type = entries[i].Type };
                pointers[i] = &block[i];
            }
            var response = new LimineMemoryMapResponse { EntryCount = (ulong)entries.Length, Entries = pointers };
            BootMemoryMap.CopyFrom(&response);
        }
        finally
        {
            NativeMemory.Free(block);
            NativeMemory.Free(pointers);
        }
    }

    [Fact]
    public void AdjacentEntriesOfOneTypeAreMerged()
    {
        Copy(new[]
        {
            (0x1000UL, 0x1000UL, LimineMemoryType.Usable),
            (0x2000UL, 0x3000UL, LimineMemoryType.Usable),
            (0x5000UL, 0x1000UL, LimineMemoryType.Reserved),
            (0x6000UL, 0x1000UL, LimineMemoryType.Usable),
            (0x8000UL, 0x1000UL, LimineMemoryType.Usable),   // a gap: not merged
        });
        Assert.Equal(4, BootMemoryMap.Count);
        Assert.Equal((0x1000UL, 0x4000UL), (BootMemoryMap.Base(0), BootMemoryMap.Length(0)));
        Assert.Equal(LimineMemoryType.Reserved, BootMemoryMap.Type(1));
        Assert.Equal(0x4000UL + 0x2000UL, BootMemoryMap.Total(LimineMemoryType.Usable));
        Assert.Equal(0UL, BootMemoryMap.Dropped);
    }

    [Fact]
    public void ThousandsOfSplitPiecesOfRamAllCount()
    {
        // 3,000 contiguous 4 KiB pieces of RAM, as a firmware may list them: one entry, every byte usable.
        var entries = Enumerable.Range(0, 3000).Select(i => (0x100000UL + (ulong)i * 0x1000, 0x1000UL, LimineMemoryType.Usable)).ToArray();
        Copy(entries);
        Assert.Equal(1, BootMemoryMap.Count);
        Assert.Equal(3000UL * 0x1000, BootMemoryMap.Total(LimineMemoryType.Usable));
    }

    [Fact]
    public void EntriesBeyondTheLimitAreCountedNotLostSilently()
    {
        // Usable and reserved in turn, never mergeable: more entries than the kernel keeps.
        int total = BootMemoryMap.MaxEntries + 100;
        var entries = Enumerable.Range(0, total)
            .Select(i => ((ulong)i * 0x2000, 0x1000UL, i % 2 == 0 ? LimineMemoryType.Usable : LimineMemoryType.Reserved)).ToArray();
        Copy(entries);
        Assert.Equal(BootMemoryMap.MaxEntries, BootMemoryMap.Count);
        Assert.Equal(100UL, BootMemoryMap.Dropped);
        Assert.Equal(50UL * 0x1000, BootMemoryMap.DroppedUsableBytes);
    }
}
