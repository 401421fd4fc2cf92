#nullable enable
namespace Ocean.UnitTests;

using Ocean.Kernel.Lib;
using static ElfBuilder;

public unsafe class ElfImageTests
{
    private const ulong KernelBase = 0xFFFFFFFF80000000;
    private const ulong Page = 4096;

    private static ElfImage Parse(byte[] file, ulong lowestAddress = KernelBase) => Parse(file, (ulong)file.Length, lowestAddress);

    private static ElfImage Parse(byte[] file, ulong size, ulong lowestAddress)
    {
        fixed (byte* p = file)
            return ElfImage.Parse(p, size, lowestAddress);
    }

    private static void AssertRejected(string expected, byte[] file, ulong lowestAddress = KernelBase) =>
        Assert.Equal(expected, Parse(file, lowestAddress).Error);

    private static int ProgramHeader(int index) => HeaderSize + index * ProgramHeaderSize;

    /// <summary>A kernel-like image: text (R X), rodata (R), data + bss (R W).</summary>
    private static ElfBuilder Kernel() => new ElfBuilder { Entry = KernelBase + 0x10 }
        .Load(R | X, KernelBase, 0x14CA, 0x14CA)
        .Load(R, KernelBase + 0x2000, 0xB0, 0xB0)
        .Load(R | W, KernelBase + 0x3000, 0x168, 0x2038);

    /// <summary>One executable segment, entry at its start.</summary>
    private static ElfBuilder Single(ulong address = KernelBase, ulong size = 0x100) =>
        new ElfBuilder { Entry = address }.Load(R | X, address, size, size);

    // ----- valid images -----

    [Fact]
    public void ValidImageIsAccepted()
    {
        ElfBuilder builder = Kernel();
        ElfImage image = Parse(builder.Build());

        Assert.Null(image.Error);
        Assert.Equal(KernelBase + 0x10, image.Entry);
        Assert.Equal(3, image.SegmentCount);
        Assert.Equal(KernelBase, image.ImageStart);
        Assert.Equal(KernelBase + 0x6000, image.ImageEnd);   // 0x3000 + 0x2038 rounded up

        for (int i = 0; i < 3; i++)
        {
            Segment expected = builder.Segments[i];
            ElfSegment actual = image.Segments[i];
            Assert.Equal(builder.DataOffset(i), actual.FileOffset);
            Assert.Equal(expected.FileSize, actual.FileSize);
            Assert.Equal(expected.VirtualAddress, actual.VirtualAddress);
            Assert.Equal(expected.MemorySize, actual.MemorySize);
            Assert.Equal(expected.Flags, actual.Flags);
        }
        Assert.True(image.Segments[0].IsExecutable);
        Assert.False(image.Segments[0].IsWritable);
        Assert.False(image.Segments[1].IsExecutable);
        Assert.False(image.Segments[1].IsWritable);
        Assert.True(image.Segments[2].IsWritable);
        Assert.False(image.Segments[2].IsExecutable);
    }

    [Fact]
    public void SegmentFlagConstantsMatchTheElfSpecification()
    {
        Assert.Equal(1u, ElfSegment.Execute);
        Assert.Equal(2u, ElfSegment.Write);
        Assert.Equal(4u, ElfSegment.Read);
    }

    [Fact]
    public void SegmentsNeedNotBeInAddressOrder()
    {
        var builder = new ElfBuilder { Entry = KernelBase + 0x5000 }
            .Load(R | W, KernelBase + 0x8000, 0x10, 0x10)
            .Load(R | X, KernelBase + 0x5000, 0x10, 0x10)
            .Load(R, KernelBase + 0x1000, 0x10, 0x10);
        ElfImage image = Parse(builder.Build());
        Assert.Null(image.Error);
        Assert.Equal(KernelBase + 0x1000, image.ImageStart);
        Assert.Equal(KernelBase + 0x9000, image.ImageEnd);
        // Kept in file order.
        Assert.Equal(KernelBase + 0x8000, image.Segments[0].VirtualAddress);
        Assert.Equal(KernelBase + 0x5000, image.Segments[1].VirtualAddress);
        Assert.Equal(KernelBase + 0x1000, image.Segments[2].VirtualAddress);
    }

    [Fact]
    public void ImageBoundsAreRoundedOutwardToPages()
    {
        var builder = new ElfBuilder { Entry = KernelBase + 0x1234 }.Load(R | X, KernelBase + 0x1234, 0x10, 0x1000);
        ElfImage image = Parse(builder.Build());
        Assert.Null(image.Error);
        Assert.Equal(KernelBase + 0x1000, image.ImageStart);
        Assert.Equal(KernelBase + 0x3000, image.ImageEnd);   // 0x2234 rounded up
    }

    [Fact]
    public void PageAlignedEndIsNotRoundedFurther()
    {
        ElfImage image = Parse(Single(KernelBase, Page).Build());
        Assert.Null(image.Error);
        Assert.Equal(KernelBase, image.ImageStart);
        Assert.Equal(KernelBase + Page, image.ImageEnd);
    }

    [Fact]
    public void NonLoadProgramHeadersAreIgnored()
    {
        // PT_NULL, PT_DYNAMIC and PT_NOTE entries with values that would fail every PT_LOAD check.
        var builder = new ElfBuilder { Entry = KernelBase }
            .Add(new Segment(PtNull, R | W | X, 0, 0x10, 0))
            .Load(R | X, KernelBase, 0x100, 0x100)
            .Add(new Segment(PtNote, R | W | X, 0x1000, 0x10, 0x5) { FileOffset = ulong.MaxValue })
            .Add(new Segment(PtDynamic, W | X, KernelBase, 0x10, 0x10));
        ElfImage image = Parse(builder.Build());
        Assert.Null(image.Error);
        Assert.Equal(1, image.SegmentCount);
        Assert.Equal(KernelBase, image.Segments[0].VirtualAddress);
    }

    [Fact]
    public void BssOnlySegmentsAreAccepted()
    {
        var builder = Single().Load(R | W, KernelBase + 0x10000, 0, 0x4000);
        ElfImage image = Parse(builder.Build());
        Assert.Null(image.Error);
        Assert.Equal(2, image.SegmentCount);
        Assert.Equal(0UL, image.Segments[1].FileSize);
        Assert.Equal(KernelBase + 0x14000, image.ImageEnd);
    }

    [Fact]
    public void SegmentExactlyAtTheLowestAddressIsAccepted() =>
        Assert.Null(Parse(Single(0x400000).Build(), 0x400000).Error);

    [Fact]
    public void LowestAddressZeroAcceptsLowSegments() =>
        Assert.Null(Parse(Single(0x1000).Build(), 0).Error);

    [Fact]
    public void LargerProgramHeaderEntriesAreAccepted()
    {
        var builder = Kernel();
        builder.ProgramHeaderEntrySize = 64;
        ElfImage image = Parse(builder.Build());
        Assert.Null(image.Error);
        Assert.Equal(3, image.SegmentCount);
        Assert.Equal(KernelBase + 0x2000, image.Segments[1].VirtualAddress);
    }

    [Fact]
    public void SegmentDataEndingExactlyAtTheEndOfTheFileIsAccepted()
    {
        byte[] file = Single().Build();
        ElfImage image = Parse(file);
        Assert.Null(image.Error);
        Assert.Equal((ulong)file.Length, image.Segments[0].FileOffset + image.Segments[0].FileSize);
    }

    [Fact]
    public void SixteenLoadableSegmentsAreTheMaximum()
    {
        var builder = Single();
        for (int i = 1; i < ElfImage.MaxSegments; i++)
            builder.Load(R, KernelBase + (ulong)i * Page, 0x10, 0x10);
        ElfImage image = Parse(builder.Build());
        Assert.Null(image.Error);
        Assert.Equal(ElfImage.MaxSegments, image.SegmentCount);

        builder.Load(R, KernelBase + ElfImage.MaxSegments * Page, 0x10, 0x10);
        AssertRejected("too many loadable segments", builder.Build());
    }

    [Fact]
    public void EntryMayBeAnywhereInsideTheExecutableSegmentsMemory()
    {
        // Last byte of the segment, inside the part beyond the file data.
        var builder = new ElfBuilder { Entry = KernelBase + 0x1FFF }.Load(R | X, KernelBase, 0x100, 0x2000);
        Assert.Null(Parse(builder.Build()).Error);
    }

    [Fact]
    public void EntryMayBeInAnyOfSeveralExecutableSegments()
    {
        var builder = new ElfBuilder { Entry = KernelBase + 0x5008 }
            .Load(R | X, KernelBase, 0x10, 0x10)
            .Load(R | X, KernelBase + 0x5000, 0x10, 0x10);
        Assert.Null(Parse(builder.Build()).Error);
    }

    [KernelBuiltFact]
    public void TheBuiltKernelIsAccepted()
    {
        byte[] file = File.ReadAllBytes(RepositoryPaths.KernelElf!);
        ElfImage image = Parse(file, KernelBase);
        Assert.Null(image.Error);
        Assert.InRange(image.SegmentCount, 1, ElfImage.MaxSegments);
        Assert.Equal(KernelBase, image.ImageStart);
        Assert.True(image.ImageEnd > image.ImageStart);
        Assert.Equal(0UL, image.ImageEnd % Page);
        Assert.InRange(image.Entry, image.ImageStart, image.ImageEnd - 1);
        for (int i = 0; i < image.SegmentCount; i++)
        {
            Assert.False(image.Segments[i].IsWritable && image.Segments[i].IsExecutable);
            Assert.True(image.Segments[i].FileOffset + image.Segments[i].FileSize <= (ulong)file.Length);
        }
    }

    // ----- header rejections -----

    [Fact]
    public void NullFileIsRejected() =>
        Assert.Equal("file too small for an ELF header", ElfImage.Parse(null, 4096, KernelBase).Error);

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(63)]
    public void FileShorterThanAHeaderIsRejected(int size)
    {
        byte[] file = Kernel().Build();
        Assert.Equal("file too small for an ELF header", Parse(file, (ulong)size, KernelBase).Error);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void BadMagicIsRejected(int index)
    {
        byte[] file = Kernel().Build();
        file[index] ^= 0x20;
        AssertRejected("not an ELF file (bad magic)", file);
    }

    [Theory]
    [InlineData(0)]   // ELFCLASSNONE
    [InlineData(1)]   // ELFCLASS32
    [InlineData(3)]
    public void Non64BitClassIsRejected(byte elfClass)
    {
        byte[] file = Kernel().Build();
        file[4] = elfClass;
        AssertRejected("not a 64-bit ELF file", file);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]   // ELFDATA2MSB
    public void BigEndianIsRejected(byte data)
    {
        byte[] file = Kernel().Build();
        file[5] = data;
        AssertRejected("not a little-endian ELF file", file);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void UnknownIdentVersionIsRejected(byte version)
    {
        byte[] file = Kernel().Build();
        file[6] = version;
        AssertRejected("unknown ELF version", file);
    }

    [Theory]
    [InlineData(0)]   // ET_NONE
    [InlineData(1)]   // ET_REL
    [InlineData(3)]   // ET_DYN
    [InlineData(4)]   // ET_CORE
    public void NonExecutableTypeIsRejected(ushort type)
    {
        var builder = Kernel();
        builder.Type = type;
        AssertRejected("not an executable ELF file (ET_EXEC)", builder.Build());
    }

    [Theory]
    [InlineData(3)]     // EM_386
    [InlineData(40)]    // EM_ARM
    [InlineData(183)]   // EM_AARCH64
    [InlineData(243)]   // EM_RISCV
    public void WrongMachineIsRejected(ushort machine)
    {
        var builder = Kernel();
        builder.Machine = machine;
        AssertRejected("not an x86-64 ELF file", builder.Build());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(32)]
    [InlineData(55)]
    public void TooSmallProgramHeaderEntriesAreRejected(ushort entrySize)
    {
        byte[] file = Kernel().Build();
        Patch.U16(file, 54, entrySize);
        AssertRejected("program header entries too small", file);
    }

    [Fact]
    public void NoProgramHeadersIsRejected()
    {
        byte[] file = Kernel().Build();
        Patch.U16(file, 56, 0);
        AssertRejected("no program headers", file);
    }

    // ----- program header table bounds -----

    [Fact]
    public void ProgramHeaderOffsetPastTheEndIsRejected()
    {
        byte[] file = Kernel().Build();
        Patch.U64(file, 32, (ulong)file.Length + 1);
        AssertRejected("program headers run past the end of the file", file);
    }

    [Fact]
    public void ProgramHeaderTableCutShortIsRejected()
    {
        byte[] file = Kernel().Build();
        // The file ends one byte into the third program header.
        Assert.Equal("program headers run past the end of the file",
            Parse(file, (ulong)ProgramHeader(2) + ProgramHeaderSize - 1, KernelBase).Error);
    }

    [Fact]
    public void ProgramHeaderCountTooLargeIsRejected()
    {
        byte[] file = Kernel().Build();
        Patch.U16(file, 56, ushort.MaxValue);
        AssertRejected("program headers run past the end of the file", file);
    }

    [Theory]
    [InlineData(ulong.MaxValue)]
    [InlineData(ulong.MaxValue - 55)]
    [InlineData(0x8000000000000000)]
    public void ProgramHeaderOffsetThatWouldWrapIsRejected(ulong offset)
    {
        byte[] file = Kernel().Build();
        Patch.U64(file, 32, offset);
        AssertRejected("program headers run past the end of the file", file);
    }

    // ----- segment rejections -----

    [Fact]
    public void FileSizeLargerThanMemorySizeIsRejected() =>
        AssertRejected("segment file size exceeds its memory size",
            Single().Load(R | W, KernelBase + 0x10000, 0x200, 0x1FF).Build());

    [Fact]
    public void SegmentOffsetPastTheEndIsRejected()
    {
        var builder = Single();
        builder.Add(new Segment(PtLoad, R, KernelBase + 0x10000, 0, 0x10) { FileOffset = 0x100000 });
        AssertRejected("segment data runs past the end of the file", builder.Build());
    }

    [Fact]
    public void SegmentDataOneBytePastTheEndIsRejected()
    {
        byte[] file = Kernel().Build();
        // The last segment's data ends exactly at the end of the file; claim one byte more (memory size too).
        Patch.U64(file, ProgramHeader(2) + 32, 0x169);
        AssertRejected("segment data runs past the end of the file", file);
    }

    [Theory]
    [InlineData(ulong.MaxValue, 0x10UL)]
    [InlineData(0x100UL, ulong.MaxValue - 0x80)]
    [InlineData(ulong.MaxValue - 0xF, 0x20UL)]
    public void SegmentBoundsThatWouldWrapAreRejected(ulong offset, ulong fileSize)
    {
        byte[] file = Single().Build();
        Patch.U64(file, ProgramHeader(0) + 8, offset);
        Patch.U64(file, ProgramHeader(0) + 32, fileSize);
        Patch.U64(file, ProgramHeader(0) + 40, ulong.MaxValue);   // keep filesz <= memsz
        AssertRejected("segment data runs past the end of the file", file);
    }

    [Fact]
    public void SegmentBelowTheLowestAddressIsRejected()
    {
        AssertRejected("segment below the allowed address range", Single(KernelBase - Page).Build());
        AssertRejected("segment below the allowed address range", Single(0x400000).Build(), 0x400001);
        // A user-half address, as a kernel linked at the wrong base would have.
        AssertRejected("segment below the allowed address range", Single(0x200000).Build());
    }

    [Fact]
    public void OnlyOneSegmentBelowTheLowestAddressIsEnough() =>
        AssertRejected("segment below the allowed address range",
            Kernel().Load(R, KernelBase - 0x10000, 0x10, 0x10).Build());

    [Theory]
    [InlineData(0xFFFFFFFFFFFF0000, 0x10000UL)]         // would end at 2^64
    [InlineData(0xFFFFFFFFFFFF0000, 0xF001UL)]          // would round up past the top page
    [InlineData(0xFFFFFFFF80000000, ulong.MaxValue)]
    [InlineData(0xFFFFFFFF80000000, 0x80000000UL)]      // exactly up to 2^64
    public void SegmentWrappingAroundTheAddressSpaceIsRejected(ulong address, ulong memorySize)
    {
        var builder = new ElfBuilder { Entry = address }.Load(R | X, address, 0x10, memorySize);
        AssertRejected("segment wraps around the address space", builder.Build(), 0);
    }

    [Fact]
    public void SegmentEndingBelowTheTopPageIsAccepted()
    {
        // Ends inside the page below the top one: the rounded end still fits in 64 bits.
        var builder = new ElfBuilder { Entry = 0xFFFFFFFFFFFF0000 }.Load(R | X, 0xFFFFFFFFFFFF0000, 0x10, 0xEFFF);
        ElfImage image = Parse(builder.Build(), 0);
        Assert.Null(image.Error);
        Assert.Equal(0xFFFFFFFFFFFFF000, image.ImageEnd);
    }

    [Fact]
    public void SegmentInTheTopPageIsRejected()
    {
        var builder = new ElfBuilder { Entry = 0xFFFFFFFFFFFFF000 }.Load(R | X, 0xFFFFFFFFFFFFF000, 0x10, 0x10);
        AssertRejected("segment wraps around the address space", builder.Build(), KernelBase);
    }

    [Fact]
    public void SegmentsSharingTheTopPageAreRejected()
    {
        var builder = new ElfBuilder { Entry = 0xFFFFFFFFFFFFF000 }
            .Load(R | X, 0xFFFFFFFFFFFFF000, 0x10, 0x10)
            .Load(R | W, 0xFFFFFFFFFFFFF000, 0x10, 0x10);
        Assert.NotNull(Parse(builder.Build(), KernelBase).Error);
    }

    [Theory]
    [InlineData(W | X)]
    [InlineData(R | W | X)]
    public void WritableAndExecutableSegmentIsRejected(uint flags)
    {
        var builder = new ElfBuilder { Entry = KernelBase }.Load(flags, KernelBase, 0x10, 0x10);
        AssertRejected("segment is both writable and executable", builder.Build());
    }

    [Fact]
    public void WritableAndExecutableSegmentIsRejectedEvenWhenNotTheEntrySegment() =>
        AssertRejected("segment is both writable and executable",
            Single().Load(R | W | X, KernelBase + 0x10000, 0x10, 0x10).Build());

    [Fact]
    public void IdenticalSegmentsOverlap() =>
        AssertRejected("segments overlap", Single().Load(R, KernelBase, 0x10, 0x10).Build());

    [Fact]
    public void SegmentsSharingOnePageOverlap()
    {
        // Byte ranges are disjoint but both touch the page at KernelBase: that page would need two sets of permissions.
        var builder = new ElfBuilder { Entry = KernelBase }
            .Load(R | X, KernelBase, 0x800, 0x800)
            .Load(R | W, KernelBase + 0x800, 0x10, 0x800);
        AssertRejected("segments overlap", builder.Build());
    }

    [Fact]
    public void SegmentContainedInAnotherOverlaps()
    {
        var builder = new ElfBuilder { Entry = KernelBase }
            .Load(R | X, KernelBase, 0x10, 0x10000)
            .Load(R, KernelBase + 0x5000, 0x10, 0x10);
        AssertRejected("segments overlap", builder.Build());
    }

    [Fact]
    public void LaterSegmentOverlappingAnEarlierOneIsRejected()
    {
        var builder = new ElfBuilder { Entry = KernelBase }
            .Load(R | X, KernelBase, 0x10, 0x10)
            .Load(R, KernelBase + 0x10000, 0x10, 0x10)
            .Load(R | W, KernelBase + 0x8000, 0x10, 0x8001);   // reaches into the page at +0x10000
        AssertRejected("segments overlap", builder.Build());
    }

    [Fact]
    public void SegmentsInAdjacentPagesDoNotOverlap()
    {
        var builder = new ElfBuilder { Entry = KernelBase }
            .Load(R | X, KernelBase, 0x10, Page)
            .Load(R, KernelBase + Page, 0x10, Page)
            .Load(R | W, KernelBase + 2 * Page, 0x10, Page);
        ElfImage image = Parse(builder.Build());
        Assert.Null(image.Error);
        Assert.Equal(KernelBase + 3 * Page, image.ImageEnd);
    }

    [Fact]
    public void NoLoadableSegmentsIsRejected()
    {
        var builder = new ElfBuilder { Entry = KernelBase }
            .Add(new Segment(PtNote, R, KernelBase, 0x10, 0x10))
            .Add(new Segment(PtDynamic, R, KernelBase + Page, 0x10, 0x10));
        AssertRejected("no loadable segments", builder.Build());
    }

    [Fact]
    public void EntryOutsideEverySegmentIsRejected()
    {
        var builder = Kernel();
        builder.Entry = KernelBase + 0x100000;
        AssertRejected("entry point is not in an executable segment", builder.Build());
    }

    [Fact]
    public void EntryInANonExecutableSegmentIsRejected()
    {
        var builder = Kernel();
        builder.Entry = KernelBase + 0x2000;   // rodata
        AssertRejected("entry point is not in an executable segment", builder.Build());
        builder.Entry = KernelBase + 0x3000;   // data
        AssertRejected("entry point is not in an executable segment", builder.Build());
    }

    [Fact]
    public void EntryJustPastTheExecutableSegmentIsRejected()
    {
        // Inside the same page, but beyond the segment's memory size.
        var builder = new ElfBuilder { Entry = KernelBase + 0x100 }.Load(R | X, KernelBase, 0x100, 0x100);
        AssertRejected("entry point is not in an executable segment", builder.Build());
    }

    [Fact]
    public void EntryJustBeforeTheExecutableSegmentIsRejected()
    {
        var builder = new ElfBuilder { Entry = KernelBase + 0xFFF }.Load(R | X, KernelBase + 0x1000, 0x100, 0x100);
        AssertRejected("entry point is not in an executable segment", builder.Build());
    }

    [Fact]
    public void ZeroEntryIsRejected()
    {
        var builder = Kernel();
        builder.Entry = 0;
        AssertRejected("entry point is not in an executable segment", builder.Build());
    }

    [Fact]
    public void SegmentsAboveTheHighestAllowedAddressAreRejected()
    {
        // A user program must end below the anonymous-mapping area (0x7000_0000_0000).
        byte[] file = new ElfBuilder { Entry = 0x400010 }
            .Load(ElfBuilder.R | ElfBuilder.X, 0x400000, 0x100, 0x100)
            .Load(ElfBuilder.R | ElfBuilder.W, 0x6FFF_FFFF_F000, 0x100, 0x2000)
            .Build();
        fixed (byte* p = file)
        {
            Assert.Equal("segment above the allowed address range", ElfImage.Parse(p, (ulong)file.Length, 0x10000, 0x7000_0000_0000).Error);
            Assert.Null(ElfImage.Parse(p, (ulong)file.Length, 0x10000, 0x7000_0000_1000).Error);
        }
    }
}
