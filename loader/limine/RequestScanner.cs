namespace Ocean.Loader.Limine;

using Ocean.Kernel.Boot.Limine;

/// <summary>
/// Finds the Limine base revision tag and requests in a kernel file, 8-byte aligned. Requests count
/// only between the last start marker and the first end marker after it (base revision 2 ignores
/// others); the tag may be anywhere after the start marker, as Limine resets a tag seen before it.
/// </summary>
public static unsafe class RequestScanner
{
    public const int MaxRequests = 128;
    private const int RequestIdWords = 4;

    /// <summary>File offsets of the requests found; the base revision tag's offset or -1.</summary>
    public struct ScanResult
    {
        public long BaseRevisionOffset;
        public ulong[] RequestOffsets;
        public int RequestCount;
        public bool HasMarkers;
    }

    public static ScanResult Scan(byte* file, ulong size)
    {
        var result = new ScanResult { BaseRevisionOffset = -1, RequestOffsets = new ulong[MaxRequests] };
        ulong start = 0, end = size & ~7UL;
        ulong[] startMarker = LimineMagic.RequestsStartMarker;
        ulong[] endMarker = LimineMagic.RequestsEndMarker;
        for (ulong offset = 0; offset + 32 <= size; offset += 8)
        {
            if (Matches(file + offset, startMarker))
            {
                start = offset + 32;
                result.HasMarkers = true;
            }
        }
        if (result.HasMarkers)
        {
            for (ulong offset = start; offset + 16 <= size; offset += 8)
            {
                if (Matches(file + offset, endMarker))
                {
                    end = offset;
                    break;
                }
            }
        }

        for (ulong offset = start; offset + 24 <= size; offset += 8)
        {
            ulong* words = (ulong*)(file + offset);
            if (words[0] == LimineMagic.BaseRevision0 && words[1] == LimineMagic.BaseRevision1)
            {
                result.BaseRevisionOffset = (long)offset;
                offset += 16;
                continue;
            }
            if (offset + 48 <= end && words[0] == LimineMagic.Common0 && words[1] == LimineMagic.Common1 &&
                result.RequestCount < MaxRequests)
            {
                result.RequestOffsets[result.RequestCount++] = offset;
                offset += 40;
            }
        }
        return result;
    }

    private static bool Matches(byte* at, ulong[] marker)
    {
        for (int i = 0; i < marker.Length; i++)
            if (((ulong*)at)[i] != marker[i])
                return false;
        return true;
    }
}
