#nullable enable
namespace Ocean.UnitTests;

using System.Text;
using Ocean.Kernel.Boot.Limine;
using Ocean.Loader.Multiboot;
using static Multiboot2Builder;

public unsafe class MultibootParserTests
{
    private const string NoMagic = "not started by a Multiboot loader (unknown magic in EAX)";
    private const string Mb1NoMap = "Multiboot 1 info has no memory map";
    private const string Mb2BadSize = "Multiboot 2 info has an impossible size";
    private const string Mb2TagPastEnd = "Multiboot 2 tag runs past the end of the info";
    private const string Mb2NoMap = "Multiboot 2 info has no memory map";

    private static readonly byte[] RsdpV1 = Enumerable.Range(0, 20).Select(i => (byte)(0x10 + i)).ToArray();
    private static readonly byte[] RsdpV2 = Enumerable.Range(0, 36).Select(i => (byte)(0x80 + i)).ToArray();

    private static BootEnvironment Parse2(byte[] info) => Parse(MultibootParser.Multiboot2Magic, info, (ulong)info.Length);

    private static BootEnvironment Parse(uint magic, byte[] info, ulong limit)
    {
        fixed (byte* p = info)
            return MultibootParser.Parse(magic, p, limit);
    }

    private static BootEnvironment Parse1(byte[] info) => Parse(MultibootParser.Multiboot1Magic, info, (ulong)info.Length);

    private static string Text(byte[] bytes) => Encoding.ASCII.GetString(bytes);

    private static Multiboot2Builder WithMap() => new Multiboot2Builder().MemoryMap((0, 0x9FC00, 1), (0x100000, 0x7EE0000, 1));

    /// <summary>Runs <paramref name="action"/> on a background thread; false when it has not finished within the timeout.</summary>
    private static bool Finishes(Action action, int milliseconds = 5000)
    {
        var thread = new Thread(() => action()) { IsBackground = true };
        thread.Start();
        return thread.Join(milliseconds);
    }

    // ----- magic -----

    [Theory]
    [InlineData(0u)]
    [InlineData(0x2BADB003u)]
    [InlineData(0x36D76288u)]
    [InlineData(0x1BADB002u)]   // the Multiboot 1 *header* magic, not the loader's
    [InlineData(0xE85250D6u)]   // the Multiboot 2 *header* magic
    public void UnknownMagicIsAnError(uint magic)
    {
        byte[] info = WithMap().End().Build();
        BootEnvironment env = Parse(magic, info, (ulong)info.Length);
        Assert.Equal(NoMagic, env.Error);
        Assert.Equal(0, env.RangeCount);
    }

    // ----- Multiboot 2 -----

    [Fact]
    public void Multiboot2FullInfoIsParsed()
    {
        byte[] info = new Multiboot2Builder()
            .Tag(TagCmdline, "console=serial\0"u8)
            .Tag(TagLoaderName, "GRUB 2.12\0"u8)
            .Tag(TagBasicMemory, new byte[8])
            .Module(0x200000, 0x212345, "/boot/kernel.elf")
            .Module(0x213000, 0x214000, "/boot/init.elf  arg1 arg2")
            .MemoryMap((0x0, 0x9FC00, 1), (0x9FC00, 0x400, 2), (0xF0000, 0x10000, 2),
                (0x100000, 0x7EE0000, 1), (0x7FE0000, 0x20000, 3), (0xFEFFC000, 0x4000, 4), (0x8000000, 0x1000, 5))
            .FramebufferRgb(0xFD000000, 4096, 1024, 768)
            .Tag(TagAcpiNew, RsdpV2)
            .End()
            .Build();

        BootEnvironment env = Parse2(info);

        Assert.Null(env.Error);
        Assert.Equal(
            [
                new PhysicalRange(0x0, 0x9FC00, LimineMemoryType.Usable),
                new PhysicalRange(0x9FC00, 0x400, LimineMemoryType.Reserved),
                new PhysicalRange(0xF0000, 0x10000, LimineMemoryType.Reserved),
                new PhysicalRange(0x100000, 0x7EE0000, LimineMemoryType.Usable),
                new PhysicalRange(0x7FE0000, 0x20000, LimineMemoryType.AcpiReclaimable),
                new PhysicalRange(0xFEFFC000, 0x4000, LimineMemoryType.AcpiNvs),
                new PhysicalRange(0x8000000, 0x1000, LimineMemoryType.BadMemory),
            ],
            env.Ranges.Take(env.RangeCount));

        Assert.Equal(2, env.ModuleCount);
        Assert.Equal(0x200000UL, env.Modules[0].Start);
        Assert.Equal(0x212345UL, env.Modules[0].End);
        Assert.Equal("/boot/kernel.elf", Text(env.Modules[0].String));
        Assert.Equal(0x213000UL, env.Modules[1].Start);
        Assert.Equal(0x214000UL, env.Modules[1].End);
        Assert.Equal("/boot/init.elf  arg1 arg2", Text(env.Modules[1].String));

        Assert.True(env.HasFramebuffer);
        FramebufferInfo fb = env.Framebuffer;
        Assert.Equal(0xFD000000UL, fb.Address);
        Assert.Equal(4096u, fb.Pitch);
        Assert.Equal(1024u, fb.Width);
        Assert.Equal(768u, fb.Height);
        Assert.Equal(32, fb.BitsPerPixel);
        Assert.Equal((16, 8, 8, 8, 0, 8), (fb.RedShift, fb.RedSize, fb.GreenShift, fb.GreenSize, fb.BlueShift, fb.BlueSize));

        Assert.Equal(36, env.RsdpLength);
        Assert.Equal(RsdpV2, env.RsdpCopy);
    }

    [Theory]
    [InlineData(0u, LimineMemoryType.Reserved)]
    [InlineData(1u, LimineMemoryType.Usable)]
    [InlineData(2u, LimineMemoryType.Reserved)]
    [InlineData(3u, LimineMemoryType.AcpiReclaimable)]
    [InlineData(4u, LimineMemoryType.AcpiNvs)]
    [InlineData(5u, LimineMemoryType.BadMemory)]
    [InlineData(6u, LimineMemoryType.Reserved)]
    [InlineData(20u, LimineMemoryType.Reserved)]
    public void Multiboot2MemoryTypesAreMapped(uint type, LimineMemoryType expected)
    {
        BootEnvironment env = Parse2(new Multiboot2Builder().MemoryMap((0x100000, 0x1000, type)).End().Build());
        Assert.Null(env.Error);
        Assert.Equal(1, env.RangeCount);
        Assert.Equal(expected, env.Ranges[0].Type);
    }

    [Fact]
    public void Multiboot2LargerMemoryMapEntriesAreSteppedByEntrySize()
    {
        BootEnvironment env = Parse2(new Multiboot2Builder()
            .MemoryMap(32, (0x0, 0x9F000, 1), (0x100000, 0x100000, 3), (0x200000, 0x300000, 1))
            .End().Build());
        Assert.Null(env.Error);
        Assert.Equal(
            [
                new PhysicalRange(0x0, 0x9F000, LimineMemoryType.Usable),
                new PhysicalRange(0x100000, 0x100000, LimineMemoryType.AcpiReclaimable),
                new PhysicalRange(0x200000, 0x300000, LimineMemoryType.Usable),
            ],
            env.Ranges.Take(env.RangeCount));
    }

    [Fact]
    public void Multiboot2MemoryMapWithEntriesTooSmallIsIgnored()
    {
        // entry_size 16 cannot hold base, length and type: no range is read, but the map was there.
        byte[] payload = new byte[8 + 2 * 16];
        Patch.U32(payload, 0, 16);
        Patch.U64(payload, 8, 0x100000);
        Patch.U64(payload, 16, 0x100000);
        BootEnvironment env = Parse2(new Multiboot2Builder().Tag(TagMemoryMap, payload).End().Build());
        Assert.Null(env.Error);
        Assert.Equal(0, env.RangeCount);
    }

    [Fact]
    public void Multiboot2PartialTrailingMemoryMapEntryIsIgnored()
    {
        // Two whole entries and 20 bytes of a third, all inside the tag.
        byte[] payload = new byte[8 + 2 * 24 + 20];
        Patch.U32(payload, 0, 24);
        Patch.U64(payload, 8, 0x1000);
        Patch.U64(payload, 16, 0x1000);
        Patch.U32(payload, 24, 1);
        Patch.U64(payload, 32, 0x100000);
        Patch.U64(payload, 40, 0x2000);
        Patch.U32(payload, 48, 1);
        Patch.U64(payload, 56, 0x200000);
        Patch.U64(payload, 64, 0x3000);
        BootEnvironment env = Parse2(new Multiboot2Builder().Tag(TagMemoryMap, payload).End().Build());
        Assert.Null(env.Error);
        Assert.Equal(2, env.RangeCount);
        Assert.Equal(0x100000UL, env.Ranges[1].Base);
    }

    [Fact]
    public void Multiboot2ZeroLengthEntriesAreDropped()
    {
        BootEnvironment env = Parse2(new Multiboot2Builder()
            .MemoryMap((0x0, 0, 1), (0x100000, 0x1000, 1), (0x200000, 0, 2)).End().Build());
        Assert.Null(env.Error);
        Assert.Equal(1, env.RangeCount);
        Assert.Equal(0x100000UL, env.Ranges[0].Base);
    }

    [Fact]
    public void Multiboot2SeveralMemoryMapTagsAreConcatenated()
    {
        BootEnvironment env = Parse2(new Multiboot2Builder()
            .MemoryMap((0x0, 0x1000, 1))
            .MemoryMap((0x100000, 0x1000, 3))
            .End().Build());
        Assert.Null(env.Error);
        Assert.Equal(2, env.RangeCount);
        Assert.Equal(LimineMemoryType.AcpiReclaimable, env.Ranges[1].Type);
    }

    [Fact]
    public void Multiboot2EmptyMemoryMapIsNotAnError()
    {
        BootEnvironment env = Parse2(new Multiboot2Builder().MemoryMap().End().Build());
        Assert.Null(env.Error);
        Assert.Equal(0, env.RangeCount);
    }

    [Fact]
    public void Multiboot2RangesStopAtCapacity()
    {
        var entries = Enumerable.Range(0, BootEnvironment.MaxRanges + 20)
            .Select(i => ((ulong)i * 0x2000, 0x1000UL, 1u)).ToArray();
        BootEnvironment env = Parse2(new Multiboot2Builder().MemoryMap(entries).End().Build());
        Assert.Null(env.Error);
        Assert.Equal(BootEnvironment.MaxRanges, env.RangeCount);
        Assert.Equal((ulong)(BootEnvironment.MaxRanges - 1) * 0x2000, env.Ranges[^1].Base);
    }

    [Fact]
    public void Multiboot2ModulesAreKeptInOrderAndStopAtCapacity()
    {
        var builder = WithMap();
        for (uint i = 0; i < BootEnvironment.MaxModules + 3; i++)
            builder.Module(0x1000000 + i * 0x1000, 0x1000000 + i * 0x1000 + 0x800, $"/m{i}");
        BootEnvironment env = Parse2(builder.End().Build());
        Assert.Null(env.Error);
        Assert.Equal(BootEnvironment.MaxModules, env.ModuleCount);
        for (int i = 0; i < env.ModuleCount; i++)
        {
            Assert.Equal(0x1000000UL + (ulong)i * 0x1000, env.Modules[i].Start);
            Assert.Equal($"/m{i}", Text(env.Modules[i].String));
        }
    }

    [Fact]
    public void Multiboot2ModuleWithEmptyStringHasAnEmptyCopy()
    {
        BootEnvironment env = Parse2(WithMap().Module(0x300000, 0x301000, "").End().Build());
        Assert.Null(env.Error);
        Assert.Equal(1, env.ModuleCount);
        Assert.NotNull(env.Modules[0].String);
        Assert.Empty(env.Modules[0].String);
    }

    [Fact]
    public void Multiboot2ModuleStringIsACopy()
    {
        byte[] info = WithMap().Module(0x300000, 0x301000, "/boot/kernel.elf").End().Build();
        BootEnvironment env = Parse2(info);
        // Overwrite the info, as the loader does once it reuses that memory.
        Array.Fill(info, (byte)'X');
        Assert.Equal("/boot/kernel.elf", Text(env.Modules[0].String));
    }

    [Fact]
    public void Multiboot2ModuleStringWithoutTerminatorStopsAtTheEndOfTheTag()
    {
        byte[] payload = new byte[8 + 8];
        Patch.U32(payload, 0, 0x300000);
        Patch.U32(payload, 4, 0x301000);
        "helloXYZ"u8.CopyTo(payload.AsSpan(8));
        // The tag claims only 5 bytes of string; the 3 bytes after it (the padding) are not part of it.
        BootEnvironment env = Parse2(WithMap().RawTag(TagModule, 16 + 5, payload).End().Build());
        Assert.Null(env.Error);
        Assert.Equal("hello", Text(env.Modules[0].String));
    }

    [Theory]
    [InlineData((byte)0)]   // indexed colour
    [InlineData((byte)2)]   // EGA text
    [InlineData((byte)3)]
    public void Multiboot2NonRgbFramebufferIsIgnored(byte type)
    {
        BootEnvironment env = Parse2(WithMap().Framebuffer(0xB8000, 160, 80, 25, 16, type, [0, 0, 0, 0, 0, 0, 0, 0]).End().Build());
        Assert.Null(env.Error);
        Assert.False(env.HasFramebuffer);
    }

    [Fact]
    public void Multiboot2FramebufferTagTooShortForColourInfoIsIgnored()
    {
        // Common part plus 5 of the 6 colour bytes.
        BootEnvironment env = Parse2(WithMap().Framebuffer(0xFD000000, 4096, 1024, 768, 32, 1, [16, 8, 8, 8, 0]).End().Build());
        Assert.Null(env.Error);
        Assert.False(env.HasFramebuffer);
    }

    [Fact]
    public void Multiboot2FramebufferWithExactlyTheColourInfoIsRead()
    {
        BootEnvironment env = Parse2(WithMap().Framebuffer(0xE0000000, 3 * 800, 800, 600, 24, 1, [0, 8, 8, 8, 16, 8]).End().Build());
        Assert.Null(env.Error);
        Assert.True(env.HasFramebuffer);
        Assert.Equal(0xE0000000UL, env.Framebuffer.Address);
        Assert.Equal(2400u, env.Framebuffer.Pitch);
        Assert.Equal(24, env.Framebuffer.BitsPerPixel);
        Assert.Equal((0, 8, 8, 8, 16, 8), (env.Framebuffer.RedShift, env.Framebuffer.RedSize, env.Framebuffer.GreenShift,
            env.Framebuffer.GreenSize, env.Framebuffer.BlueShift, env.Framebuffer.BlueSize));
    }

    [Fact]
    public void Multiboot2AcpiOldRsdpIsCopied()
    {
        BootEnvironment env = Parse2(WithMap().Tag(TagAcpiOld, RsdpV1).End().Build());
        Assert.Null(env.Error);
        Assert.Equal(20, env.RsdpLength);
        Assert.Equal(RsdpV1, env.RsdpCopy.Take(20));
    }

    [Fact]
    public void Multiboot2AcpiNewRsdpWinsOverOldWhicheverComesFirst()
    {
        BootEnvironment oldFirst = Parse2(WithMap().Tag(TagAcpiOld, RsdpV1).Tag(TagAcpiNew, RsdpV2).End().Build());
        BootEnvironment newFirst = Parse2(WithMap().Tag(TagAcpiNew, RsdpV2).Tag(TagAcpiOld, RsdpV1).End().Build());
        foreach (BootEnvironment env in new[] { oldFirst, newFirst })
        {
            Assert.Null(env.Error);
            Assert.Equal(36, env.RsdpLength);
            Assert.Equal(RsdpV2, env.RsdpCopy);
        }
    }

    [Fact]
    public void Multiboot2RsdpLongerThanTheV2StructureIsTruncated()
    {
        byte[] rsdp = Enumerable.Range(0, 48).Select(i => (byte)i).ToArray();
        BootEnvironment env = Parse2(WithMap().Tag(TagAcpiNew, rsdp).End().Build());
        Assert.Null(env.Error);
        Assert.Equal(BootEnvironment.MaxRsdpLength, env.RsdpLength);
        Assert.Equal(rsdp.Take(BootEnvironment.MaxRsdpLength), env.RsdpCopy);
    }

    [Fact]
    public void Multiboot2EmptyAcpiTagCopiesNothing()
    {
        BootEnvironment env = Parse2(WithMap().Tag(TagAcpiOld, []).End().Build());
        Assert.Null(env.Error);
        Assert.Equal(0, env.RsdpLength);
    }

    [Fact]
    public void Multiboot2WithoutOptionalTagsHasNoFramebufferModulesOrRsdp()
    {
        BootEnvironment env = Parse2(WithMap().End().Build());
        Assert.Null(env.Error);
        Assert.Equal(2, env.RangeCount);
        Assert.Equal(0, env.ModuleCount);
        Assert.False(env.HasFramebuffer);
        Assert.Equal(0, env.RsdpLength);
    }

    [Fact]
    public void Multiboot2UnknownTagsAreSkipped()
    {
        BootEnvironment env = Parse2(new Multiboot2Builder()
            .Tag(21, new byte[4])      // load base address
            .Tag(9, new byte[13])      // ELF sections, odd size
            .Tag(0x7777, new byte[100])
            .MemoryMap((0x100000, 0x1000, 1))
            .End().Build());
        Assert.Null(env.Error);
        Assert.Equal(1, env.RangeCount);
    }

    [Fact]
    public void Multiboot2TagsAfterTheEndTagAreIgnored()
    {
        BootEnvironment env = Parse2(WithMap().End().Module(0x300000, 0x301000, "/late").MemoryMap((0x900000, 0x1000, 1)).Build());
        Assert.Null(env.Error);
        Assert.Equal(2, env.RangeCount);
        Assert.Equal(0, env.ModuleCount);
    }

    [Fact]
    public void Multiboot2MissingEndTagIsAcceptedWhenTagsFillTheInfo()
    {
        BootEnvironment env = Parse2(WithMap().Module(0x300000, 0x301000, "/k").Build());
        Assert.Null(env.Error);
        Assert.Equal(1, env.ModuleCount);
    }

    [Fact]
    public void Multiboot2TrailingBytesTooShortForATagAreIgnored()
    {
        // total_size leaves 4 bytes after the last tag: not enough for a tag header.
        byte[] info = WithMap().Bytes([0xFF, 0xFF, 0xFF, 0xFF]).Build();
        BootEnvironment env = Parse2(info);
        Assert.Null(env.Error);
        Assert.Equal(2, env.RangeCount);
    }

    [Fact]
    public void Multiboot2TotalSizeBoundsTheTagsRead()
    {
        // A memory map after total_size must not be seen.
        var builder = new Multiboot2Builder().Module(0x300000, 0x301000, "/k");
        uint totalSize = (uint)builder.Position;
        byte[] info = builder.MemoryMap((0x100000, 0x1000, 1)).End().Build(totalSize);
        BootEnvironment env = Parse2(info);
        Assert.Equal(Mb2NoMap, env.Error);
        Assert.Equal(0, env.RangeCount);
    }

    [Fact]
    public void Multiboot2WithoutMemoryMapIsAnError()
    {
        BootEnvironment env = Parse2(new Multiboot2Builder().Module(0x300000, 0x301000, "/k").FramebufferRgb().End().Build());
        Assert.Equal(Mb2NoMap, env.Error);
    }

    [Fact]
    public void Multiboot2WithOnlyTheEndTagIsAnError() =>
        Assert.Equal(Mb2NoMap, Parse2(new Multiboot2Builder().End().Build()).Error);

    [Theory]
    [InlineData(0u)]
    [InlineData(8u)]
    [InlineData(15u)]
    public void Multiboot2TotalSizeTooSmallIsAnError(uint totalSize)
    {
        byte[] info = WithMap().End().Build(totalSize);
        Assert.Equal(Mb2BadSize, Parse2(info).Error);
    }

    [Fact]
    public void Multiboot2TotalSizeBeyondTheLimitIsAnError()
    {
        byte[] info = WithMap().End().Build();
        Assert.Equal(Mb2BadSize, Parse(MultibootParser.Multiboot2Magic, info, (ulong)info.Length - 1).Error);
        Assert.Equal(Mb2BadSize, Parse2(WithMap().End().Build(uint.MaxValue)).Error);
    }

    [Fact]
    public void Multiboot2LimitLargerThanTheInfoIsFine()
    {
        byte[] info = WithMap().End().Build();
        Assert.Null(Parse(MultibootParser.Multiboot2Magic, info, uint.MaxValue).Error);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(1u)]
    [InlineData(7u)]
    public void Multiboot2TagSmallerThanItsHeaderIsAnError(uint size)
    {
        byte[] info = WithMap().RawTag(0x1234, size, []).End().Build();
        Assert.Equal(Mb2TagPastEnd, Parse2(info).Error);
    }

    [Fact]
    public void Multiboot2TagRunningPastTheTotalSizeIsAnError()
    {
        // The module tag (24 bytes, the last in the info) claims one byte more than is left.
        byte[] info = WithMap().RawTag(TagModule, 24 + 1, new byte[16]).Build();
        Assert.Equal(Mb2TagPastEnd, Parse2(info).Error);
    }

    [Fact]
    public void Multiboot2MemoryMapTagRunningPastTheTotalSizeIsAnError()
    {
        byte[] info = new Multiboot2Builder().MemoryMap((0x100000, 0x1000, 1)).Build();
        Patch.U32(info, 8 + 4, (uint)info.Length);   // tag size as large as the whole info
        BootEnvironment env = Parse2(info);
        Assert.Equal(Mb2TagPastEnd, env.Error);
    }

    [Fact]
    public void Multiboot2TagEndingExactlyAtTheTotalSizeIsAccepted()
    {
        // The last tag's size is not a multiple of 8 and total_size ends right after it.
        var builder = WithMap().Tag(TagCmdline, "abc\0"u8);
        byte[] info = builder.Build((uint)builder.Position - 4);
        Assert.Null(Parse2(info).Error);
    }

    [Fact]
    public void Multiboot2HugeTagSizeIsAnErrorNotAHang()
    {
        byte[] info = WithMap().RawTag(0x1234, uint.MaxValue, new byte[8]).End().Build();
        BootEnvironment? env = null;
        Assert.True(Finishes(() => env = Parse2(info)), "parser did not return");
        Assert.Equal(Mb2TagPastEnd, env!.Error);
    }

    [Fact]
    public void Multiboot2WrappingModuleTagSizeIsAnError()
    {
        var builder = WithMap();
        byte[] payload = new byte[8];
        Patch.U32(payload, 0, 0x300000);
        Patch.U32(payload, 4, 0x301000);
        builder.RawTag(TagModule, 0xFFFFFFF8, payload);
        uint totalSize = (uint)builder.Position;
        byte[] info = builder.Bytes("OUTSIDE\0"u8).Build(totalSize);
        BootEnvironment env = Parse(MultibootParser.Multiboot2Magic, info, totalSize);
        Assert.Equal(0, env.ModuleCount);
        Assert.Equal(Mb2TagPastEnd, env.Error);
    }

    [Fact]
    public void Multiboot2ModuleTagTooSmallForItsFieldsIsNotReadBeyond()
    {
        var builder = WithMap();
        builder.RawTag(TagModule, 12, [0x00, 0x00, 0x30, 0x00]);
        uint totalSize = (uint)builder.Position;
        byte[] info = builder.Bytes("OUTSIDE\0"u8).Build(totalSize);
        BootEnvironment env = Parse(MultibootParser.Multiboot2Magic, info, totalSize);
        if (env.Error == null && env.ModuleCount != 0 && env.Modules[0].String.Length != 0)
            Assert.Fail($"module string read from outside the info: \"{Text(env.Modules[0].String)}\"");
    }

    [Fact]
    public void Multiboot2HugeMemoryMapEntrySizeReadsNothingBeyondTheTag()
    {
        var builder = new Multiboot2Builder();
        byte[] header = new byte[8];
        Patch.U32(header, 0, 0xFFFFFFF0);   // entry_size
        builder.Tag(TagMemoryMap, header);  // no entries
        uint totalSize = (uint)builder.Position;
        byte[] outside = new byte[24];
        Patch.U64(outside, 0, 0x100000);
        Patch.U64(outside, 8, 0x100000);
        Patch.U32(outside, 16, 1);
        byte[] info = builder.Bytes(outside).Build(totalSize);
        BootEnvironment env = Parse(MultibootParser.Multiboot2Magic, info, totalSize);
        Assert.Equal(0, env.RangeCount);
    }

    // ----- Multiboot 1 without pointers -----

    [Fact]
    public void Multiboot1WithoutMemoryMapFlagIsAnError()
    {
        var builder = new Multiboot1Builder();
        builder.Flags = Multiboot1Builder.FlagMemory | Multiboot1Builder.FlagCmdline | Multiboot1Builder.FlagModules;
        BootEnvironment env = Parse1(builder.Info);
        Assert.Equal(Mb1NoMap, env.Error);
        Assert.Equal(0, env.RangeCount);
        Assert.Equal(0, env.ModuleCount);
    }

    [Fact]
    public void Multiboot1WithNoFlagsIsAnError() => Assert.Equal(Mb1NoMap, Parse1(new byte[Multiboot1Builder.Size]).Error);

    [Fact]
    public void Multiboot1EmptyMemoryMapIsNotAnError()
    {
        BootEnvironment env = Parse1(new Multiboot1Builder().MemoryMapAt(0, 0).Info);
        Assert.Null(env.Error);
        Assert.Equal(0, env.RangeCount);
        Assert.Equal(0, env.ModuleCount);
        Assert.False(env.HasFramebuffer);
        Assert.Equal(0, env.RsdpLength);
    }

    [Fact]
    public void Multiboot1MemoryMapShorterThanAnEntryIsNotRead()
    {
        // 23 bytes cannot hold an entry; the (null) address must not be dereferenced.
        BootEnvironment env = Parse1(new Multiboot1Builder().MemoryMapAt(0, 23).Info);
        Assert.Null(env.Error);
        Assert.Equal(0, env.RangeCount);
    }

    [Fact]
    public void Multiboot1ModulesFlagWithNoModules()
    {
        var builder = new Multiboot1Builder().MemoryMapAt(0, 0);
        builder.Flags |= Multiboot1Builder.FlagModules;   // mods_count 0, mods_addr 0
        BootEnvironment env = Parse1(builder.Info);
        Assert.Null(env.Error);
        Assert.Equal(0, env.ModuleCount);
    }

    [Fact]
    public void Multiboot1RgbFramebufferIsRead()
    {
        var builder = new Multiboot1Builder().MemoryMapAt(0, 0)
            .Framebuffer(0xFD000000, 5120, 1280, 1024, 32, 1, [16, 8, 8, 8, 0, 8]);
        BootEnvironment env = Parse1(builder.Info);
        Assert.Null(env.Error);
        Assert.True(env.HasFramebuffer);
        FramebufferInfo fb = env.Framebuffer;
        Assert.Equal(0xFD000000UL, fb.Address);
        Assert.Equal(5120u, fb.Pitch);
        Assert.Equal(1280u, fb.Width);
        Assert.Equal(1024u, fb.Height);
        Assert.Equal(32, fb.BitsPerPixel);
        Assert.Equal((16, 8, 8, 8, 0, 8), (fb.RedShift, fb.RedSize, fb.GreenShift, fb.GreenSize, fb.BlueShift, fb.BlueSize));
    }

    [Fact]
    public void Multiboot1FramebufferAbove4GiBKeepsAll64Bits()
    {
        var builder = new Multiboot1Builder().MemoryMapAt(0, 0)
            .Framebuffer(0x3_8000_0000, 4096, 1024, 768, 32, 1, [16, 8, 8, 8, 0, 8]);
        Assert.Equal(0x3_8000_0000UL, Parse1(builder.Info).Framebuffer.Address);
    }

    [Theory]
    [InlineData((byte)0)]
    [InlineData((byte)2)]
    public void Multiboot1NonRgbFramebufferIsIgnored(byte type)
    {
        var builder = new Multiboot1Builder().MemoryMapAt(0, 0).Framebuffer(0xB8000, 160, 80, 25, 16, type, new byte[6]);
        BootEnvironment env = Parse1(builder.Info);
        Assert.Null(env.Error);
        Assert.False(env.HasFramebuffer);
    }

    [Fact]
    public void Multiboot1FramebufferFieldsWithoutTheFlagAreIgnored()
    {
        var builder = new Multiboot1Builder().MemoryMapAt(0, 0)
            .Framebuffer(0xFD000000, 4096, 1024, 768, 32, 1, [16, 8, 8, 8, 0, 8]);
        builder.Flags &= ~Multiboot1Builder.FlagFramebuffer;
        BootEnvironment env = Parse1(builder.Info);
        Assert.Null(env.Error);
        Assert.False(env.HasFramebuffer);
    }

    // ----- Multiboot 1 with pointers: the structures live in memory below 4 GiB -----

    [LinuxX64Fact]
    public void Multiboot1MemoryMapIsParsed()
    {
        using var low = new LowMemory();
        var builder = new Multiboot1Builder(low).MemoryMap(
            (0x0, 0x9FC00, 1), (0x9FC00, 0x400, 2), (0xF0000, 0x10000, 2), (0x100000, 0x7EE0000, 1),
            (0x7FE0000, 0x10000, 3), (0x7FF0000, 0x10000, 4), (0x8000000, 0x1000, 5), (0xFD000000, 0x1000000, 7),
            (0x1_0000_0000, 0x1_0000_0000, 1));
        BootEnvironment env = Parse1(builder.Info);
        Assert.Null(env.Error);
        Assert.Equal(
            [
                new PhysicalRange(0x0, 0x9FC00, LimineMemoryType.Usable),
                new PhysicalRange(0x9FC00, 0x400, LimineMemoryType.Reserved),
                new PhysicalRange(0xF0000, 0x10000, LimineMemoryType.Reserved),
                new PhysicalRange(0x100000, 0x7EE0000, LimineMemoryType.Usable),
                new PhysicalRange(0x7FE0000, 0x10000, LimineMemoryType.AcpiReclaimable),
                new PhysicalRange(0x7FF0000, 0x10000, LimineMemoryType.AcpiNvs),
                new PhysicalRange(0x8000000, 0x1000, LimineMemoryType.BadMemory),
                new PhysicalRange(0xFD000000, 0x1000000, LimineMemoryType.Reserved),
                new PhysicalRange(0x1_0000_0000, 0x1_0000_0000, LimineMemoryType.Usable),
            ],
            env.Ranges.Take(env.RangeCount));
    }

    [LinuxX64Fact]
    public void Multiboot1MemoryMapEntriesAreSteppedByTheirSizeField()
    {
        using var low = new LowMemory();
        var builder = new Multiboot1Builder(low).MemoryMapRaw(
            (20, 0x0, 0x9F000, 1), (28, 0x100000, 0x100000, 3), (20, 0x200000, 0x100000, 1));
        BootEnvironment env = Parse1(builder.Info);
        Assert.Null(env.Error);
        Assert.Equal(
            [
                new PhysicalRange(0x0, 0x9F000, LimineMemoryType.Usable),
                new PhysicalRange(0x100000, 0x100000, LimineMemoryType.AcpiReclaimable),
                new PhysicalRange(0x200000, 0x100000, LimineMemoryType.Usable),
            ],
            env.Ranges.Take(env.RangeCount));
    }

    [LinuxX64Fact]
    public void Multiboot1EntryWithImpossibleSizeEndsTheMap()
    {
        // size 0 (smaller than an entry): the walk stops there instead of looping in place or
        // trusting the impossible entry.
        using var low = new LowMemory();
        var builder = new Multiboot1Builder(low).MemoryMapRaw(
            (20, 0x0, 0x9F000, 1), (0, 0x100000, 0x100000, 1), (20, 0x200000, 0x100000, 1));
        BootEnvironment env = Parse1(builder.Info);
        Assert.Null(env.Error);
        Assert.Equal(1, env.RangeCount);
        Assert.Equal(0x0UL, env.Ranges[0].Base);
    }

    [LinuxX64Fact]
    public void Multiboot1MemoryMapLengthBoundsTheWalk()
    {
        using var low = new LowMemory();
        var builder = new Multiboot1Builder(low).MemoryMap((0x0, 0x9F000, 1), (0x100000, 0x100000, 1), (0x200000, 0x100000, 1));
        Patch.U32(builder.Info, 44, 2 * 24 + 23);   // the third entry is one byte short
        BootEnvironment env = Parse1(builder.Info);
        Assert.Null(env.Error);
        Assert.Equal(2, env.RangeCount);
    }

    [LinuxX64Fact]
    public void Multiboot1ModulesAreParsedWithTheirStringsCopied()
    {
        using var low = new LowMemory();
        var builder = new Multiboot1Builder(low)
            .MemoryMap((0x100000, 0x1000000, 1))
            .Modules((0x200000, 0x212345, "/boot/kernel.elf"), (0x213000, 0x214000, "/boot/init.elf arg"), (0x215000, 0x216000, null));
        BootEnvironment env = Parse1(builder.Info);
        Assert.Null(env.Error);
        Assert.Equal(3, env.ModuleCount);
        Assert.Equal((0x200000UL, 0x212345UL, "/boot/kernel.elf"), (env.Modules[0].Start, env.Modules[0].End, Text(env.Modules[0].String)));
        Assert.Equal((0x213000UL, 0x214000UL, "/boot/init.elf arg"), (env.Modules[1].Start, env.Modules[1].End, Text(env.Modules[1].String)));
        // A null string pointer gives an empty string.
        Assert.Equal((0x215000UL, 0x216000UL, ""), (env.Modules[2].Start, env.Modules[2].End, Text(env.Modules[2].String)));
    }

    [LinuxX64Fact]
    public void Multiboot1ModuleStringsAreCopiesBoundedTo4096Bytes()
    {
        using var low = new LowMemory(1 << 17);
        string longText = new string('p', 5000);
        var builder = new Multiboot1Builder(low).MemoryMap((0x100000, 0x1000000, 1)).Modules((0x200000, 0x201000, longText));
        BootEnvironment env = Parse1(builder.Info);
        Assert.Null(env.Error);
        Assert.Equal(4096, env.Modules[0].String.Length);
        Assert.All(env.Modules[0].String, b => Assert.Equal((byte)'p', b));
    }

    [LinuxX64Fact]
    public void Multiboot1ModulesFlagClearIgnoresTheModuleFields()
    {
        using var low = new LowMemory();
        var builder = new Multiboot1Builder(low).MemoryMap((0x100000, 0x1000000, 1)).Modules((0x200000, 0x201000, "/k"));
        builder.Flags &= ~Multiboot1Builder.FlagModules;
        BootEnvironment env = Parse1(builder.Info);
        Assert.Null(env.Error);
        Assert.Equal(0, env.ModuleCount);
    }

    [LinuxX64Fact]
    public void Multiboot1HugeEntrySizeEndsTheWalk()
    {
        var low = new LowMemory();
        var builder = new Multiboot1Builder(low).MemoryMapRaw((0xFFFFFFFC, 0x100000, 0x100000, 1), (20, 0x200000, 0x1000, 1));
        // A parser still looping keeps reading the low memory: it is only unmapped once the parser has returned.
        Assert.True(Finishes(() => Parse1(builder.Info)), "parser did not return");
        low.Dispose();
    }

    [LinuxX64Fact]
    public void Multiboot1InfoLargerThanTheLimitIsAnError()
    {
        using var low = new LowMemory();
        var builder = new Multiboot1Builder(low).MemoryMap((0x100000, 0x1000000, 1));
        BootEnvironment env = Parse(MultibootParser.Multiboot1Magic, builder.Info, 8);
        Assert.NotNull(env.Error);
    }

    // ----- CopyString -----

    [Fact]
    public void CopyStringOfNullIsEmpty() => Assert.Empty(MultibootParser.CopyString(null, 100));

    [Theory]
    [InlineData("hello\0world", 100UL, "hello")]
    [InlineData("hello", 3UL, "hel")]
    [InlineData("hello", 5UL, "hello")]
    [InlineData("\0abc", 10UL, "")]
    [InlineData("abc", 0UL, "")]
    public void CopyStringStopsAtTheTerminatorOrTheMaximum(string source, ulong max, string expected)
    {
        // No terminator after the source bytes: only 'max' (or an embedded NUL) may end the copy.
        byte[] bytes = Encoding.ASCII.GetBytes(source + "\u0001\u0001\u0001");
        fixed (byte* p = bytes)
        {
            byte[] copy = MultibootParser.CopyString(p, max);
            Assert.Equal(expected, Text(copy));
        }
    }
}
