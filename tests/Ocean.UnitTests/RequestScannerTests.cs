#nullable enable
namespace Ocean.UnitTests;

using Ocean.Kernel.Boot.Limine;
using Ocean.Loader.Limine;

public unsafe class RequestScannerTests
{
    /// <summary>A file of 64-bit words with helpers to drop the Limine structures at chosen offsets.</summary>
    private sealed class KernelFile(int size)
    {
        public readonly byte[] Bytes = Filled(size);

        // Arbitrary non-zero filler, so nothing matches by accident of zeroes.
        private static byte[] Filled(int size)
        {
            var bytes = new byte[size];
            new Random(99).NextBytes(bytes);
            return bytes;
        }

        public KernelFile Words(int offset, params ulong[] words)
        {
            for (int i = 0; i < words.Length; i++)
                Patch.U64(Bytes, offset + i * 8, words[i]);
            return this;
        }

        public KernelFile StartMarker(int offset) => Words(offset, LimineMagic.RequestsStartMarker);
        public KernelFile EndMarker(int offset) => Words(offset, LimineMagic.RequestsEndMarker);
        public KernelFile BaseRevision(int offset, ulong revision = 2) =>
            Words(offset, LimineMagic.BaseRevision0, LimineMagic.BaseRevision1, revision);
        public KernelFile Request(int offset, ulong id2 = LimineRequestId.Hhdm2, ulong id3 = LimineRequestId.Hhdm3) =>
            Words(offset, LimineMagic.Common0, LimineMagic.Common1, id2, id3, 0, 0);

        public RequestScanner.ScanResult Scan() => Scan(Bytes.Length);

        public RequestScanner.ScanResult Scan(int size)
        {
            fixed (byte* p = Bytes)
                return RequestScanner.Scan(p, (ulong)size);
        }
    }

    private static ulong[] Requests(RequestScanner.ScanResult result) => result.RequestOffsets[..result.RequestCount];

    [Fact]
    public void MarkerConstantsHaveTheirProtocolLengths()
    {
        Assert.Equal(4, LimineMagic.RequestsStartMarker.Length);
        Assert.Equal(2, LimineMagic.RequestsEndMarker.Length);
    }

    [Fact]
    public void NothingFoundInAFileWithoutLimineStructures()
    {
        var result = new KernelFile(4096).Scan();
        Assert.Equal(-1, result.BaseRevisionOffset);
        Assert.Equal(0, result.RequestCount);
        Assert.False(result.HasMarkers);
        Assert.Equal(RequestScanner.MaxRequests, result.RequestOffsets.Length);
    }

    [Fact]
    public void EmptyFileFindsNothing()
    {
        var result = new KernelFile(0).Scan();
        Assert.Equal(-1, result.BaseRevisionOffset);
        Assert.Equal(0, result.RequestCount);
        Assert.False(result.HasMarkers);
    }

    [Fact]
    public void RequestsBetweenMarkersAreFound()
    {
        var file = new KernelFile(4096)
            .StartMarker(0x400)
            .BaseRevision(0x420)
            .Request(0x438, LimineRequestId.BootloaderInfo2, LimineRequestId.BootloaderInfo3)
            .Request(0x468, LimineRequestId.MemoryMap2, LimineRequestId.MemoryMap3)
            .Request(0x498)
            .EndMarker(0x4C8);
        var result = file.Scan();
        Assert.True(result.HasMarkers);
        Assert.Equal(0x420, result.BaseRevisionOffset);
        Assert.Equal([0x438UL, 0x468, 0x498], Requests(result));
    }

    [Fact]
    public void RequestsOutsideTheMarkersAreIgnored()
    {
        var file = new KernelFile(4096)
            .Request(0x100)                 // before the start marker
            .BaseRevision(0x200)            // before the start marker
            .StartMarker(0x400)
            .Request(0x420)
            .EndMarker(0x450)
            .Request(0x500);                // after the end marker
        var result = file.Scan();
        Assert.True(result.HasMarkers);
        Assert.Equal([0x420UL], Requests(result));
        Assert.Equal(-1, result.BaseRevisionOffset);   // a tag before the start marker is reset by it
    }

    [Fact]
    public void WithoutMarkersTheWholeFileIsScanned()
    {
        var file = new KernelFile(4096).BaseRevision(0x8).Request(0x100).Request(0x800).Request(4096 - 48);
        var result = file.Scan();
        Assert.False(result.HasMarkers);
        Assert.Equal(0x8, result.BaseRevisionOffset);
        Assert.Equal([0x100UL, 0x800, 4096 - 48], Requests(result));
    }

    [Fact]
    public void StructuresAtOffsetZeroAreFound()
    {
        Assert.Equal([0UL], Requests(new KernelFile(256).Request(0).Scan()));
        Assert.Equal(0, new KernelFile(256).BaseRevision(0).Scan().BaseRevisionOffset);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    public void MisalignedRequestsAreIgnored(int misalignment)
    {
        var file = new KernelFile(4096).Request(0x100 + misalignment).BaseRevision(0x200 + misalignment).Request(0x300);
        var result = file.Scan();
        Assert.Equal([0x300UL], Requests(result));
        Assert.Equal(-1, result.BaseRevisionOffset);
    }

    [Fact]
    public void MisalignedMarkersAreNotMarkers()
    {
        var file = new KernelFile(4096).StartMarker(0x404).Request(0x100).Request(0x500);
        var result = file.Scan();
        Assert.False(result.HasMarkers);
        Assert.Equal([0x100UL, 0x500], Requests(result));
    }

    [Fact]
    public void OnlyTheCommonMagicIdentifiesARequest()
    {
        // The request-specific words may be anything, even unknown ids.
        var file = new KernelFile(4096).Request(0x100, 0x1111, 0x2222)
            .Words(0x200, LimineMagic.Common0, 0x1234)        // half the magic
            .Words(0x300, LimineMagic.Common1, LimineMagic.Common0);  // swapped
        Assert.Equal([0x100UL], Requests(file.Scan()));
    }

    [Fact]
    public void ARequestsOwnBytesAreNotScannedAgain()
    {
        // A request whose id words happen to contain the common magic: only the outer request counts.
        var file = new KernelFile(4096).Request(0x100, LimineMagic.Common0, LimineMagic.Common1)
            .Words(0x110 + 8, LimineMagic.Common0, LimineMagic.Common1);  // inside the first request (revision/response)
        Assert.Equal([0x100UL], Requests(file.Scan()));
    }

    [Fact]
    public void ConsecutiveRequestsAreAllFound()
    {
        var file = new KernelFile(4096).StartMarker(0);
        for (int i = 0; i < 10; i++)
            file.Request(32 + i * 48);
        file.EndMarker(32 + 10 * 48);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (ulong)(32 + i * 48)), Requests(file.Scan()));
    }

    [Fact]
    public void RequestsWithExtraFieldsAreFound()
    {
        // Some requests are longer than the 48-byte header (e.g. with a revision-1 field); the next one starts later.
        var file = new KernelFile(4096).StartMarker(0x100).Request(0x120).Words(0x150, 0, 0).Request(0x160).EndMarker(0x190);
        Assert.Equal([0x120UL, 0x160], Requests(file.Scan()));
    }

    [Fact]
    public void LastStartMarkerWins()
    {
        var file = new KernelFile(4096)
            .StartMarker(0x100).Request(0x120)
            .StartMarker(0x200).Request(0x220)
            .EndMarker(0x300);
        var result = file.Scan();
        Assert.Equal([0x220UL], Requests(result));
    }

    [Fact]
    public void FirstEndMarkerAfterTheStartWins()
    {
        var file = new KernelFile(4096)
            .EndMarker(0x80)                // before the start: does not end anything
            .StartMarker(0x100).Request(0x120)
            .EndMarker(0x150)
            .Request(0x160)
            .EndMarker(0x200);
        Assert.Equal([0x120UL], Requests(file.Scan()));
    }

    [Fact]
    public void StartMarkerWithoutEndMarkerScansToTheEndOfTheFile()
    {
        var file = new KernelFile(4096).Request(0x100).StartMarker(0x200).Request(0x300).BaseRevision(0x400).Request(4096 - 48);
        var result = file.Scan();
        Assert.True(result.HasMarkers);
        Assert.Equal(0x400, result.BaseRevisionOffset);
        Assert.Equal([0x300UL, 4096 - 48], Requests(result));
    }

    [Fact]
    public void RequestMustEndBeforeTheEndMarker()
    {
        // The end marker cuts the second request short: it is not a request.
        var file = new KernelFile(4096).StartMarker(0x100).Request(0x120).Request(0x150).EndMarker(0x170);
        Assert.Equal([0x120UL], Requests(file.Scan()));
    }

    [Fact]
    public void BaseRevisionTagCountsAnywhereAfterTheStartMarker()
    {
        // Limine looks for the tag in the whole file; only a start marker after it resets it.
        var file = new KernelFile(4096).StartMarker(0x100).EndMarker(0x130).BaseRevision(0x600);
        Assert.Equal(0x600, file.Scan().BaseRevisionOffset);
        file = new KernelFile(4096).StartMarker(0x100).BaseRevision(0x120).EndMarker(0x138);
        Assert.Equal(0x120, file.Scan().BaseRevisionOffset);
        file = new KernelFile(4096).BaseRevision(0x40).StartMarker(0x100).EndMarker(0x138);
        Assert.Equal(-1, file.Scan().BaseRevisionOffset);
    }

    [Fact]
    public void RequestCutShortByTheEndOfTheFileIsIgnored()
    {
        // The buffer is larger, but the file ends 40 bytes into the second request.
        var file = new KernelFile(4096 + 64).Request(0x100).Request(4096 - 40);
        Assert.Equal([0x100UL], Requests(file.Scan(4096)));
        // The size passed, not the buffer, is the end of the file.
        file = new KernelFile(4096).Request(0x100).Request(0x200);
        Assert.Equal([0x100UL], Requests(file.Scan(0x200 + 47)));
        Assert.Equal([0x100UL, 0x200], Requests(file.Scan(0x200 + 48)));
    }

    [Fact]
    public void UnalignedFileSizeIsRoundedDown()
    {
        var file = new KernelFile(4096).Request(0x200);
        Assert.Equal([0x200UL], Requests(file.Scan(0x200 + 48 + 7)));
    }

    [Fact]
    public void LastBaseRevisionTagWins()
    {
        var file = new KernelFile(4096).BaseRevision(0x100, 1).BaseRevision(0x200, 2);
        Assert.Equal(0x200, file.Scan().BaseRevisionOffset);
    }

    [Fact]
    public void BaseRevisionTagIsNotMistakenForARequest()
    {
        // The revision word after the tag holds the common magic: still part of the tag, skipped.
        var file = new KernelFile(4096).Words(0x100, LimineMagic.BaseRevision0, LimineMagic.BaseRevision1, LimineMagic.Common0, LimineMagic.Common1);
        var result = file.Scan();
        Assert.Equal(0x100, result.BaseRevisionOffset);
        Assert.Equal(0, result.RequestCount);
    }

    [Fact]
    public void RequestCountStopsAtTheMaximum()
    {
        var file = new KernelFile((RequestScanner.MaxRequests + 10) * 48);
        for (int i = 0; i < RequestScanner.MaxRequests + 10; i++)
            file.Request(i * 48);
        var result = file.Scan();
        Assert.Equal(RequestScanner.MaxRequests, result.RequestCount);
        Assert.Equal((ulong)(RequestScanner.MaxRequests - 1) * 48, result.RequestOffsets[^1]);
    }

    [KernelBuiltFact]
    public void TheBuiltKernelHasMarkersABaseRevisionAndRequests()
    {
        byte[] bytes = File.ReadAllBytes(RepositoryPaths.KernelElf!);
        RequestScanner.ScanResult result;
        fixed (byte* p = bytes)
            result = RequestScanner.Scan(p, (ulong)bytes.Length);
        Assert.True(result.HasMarkers);
        Assert.True(result.BaseRevisionOffset > 0);
        Assert.Equal(LimineMagic.SupportedBaseRevision, BitConverter.ToUInt64(bytes, (int)result.BaseRevisionOffset + 16));
        Assert.NotEqual(0, result.RequestCount);
        foreach (ulong offset in Requests(result))
        {
            Assert.Equal(0UL, offset % 8);
            Assert.Equal(LimineMagic.Common0, BitConverter.ToUInt64(bytes, (int)offset));
            Assert.Equal(LimineMagic.Common1, BitConverter.ToUInt64(bytes, (int)offset + 8));
        }
    }
}
