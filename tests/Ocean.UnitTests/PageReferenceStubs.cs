#nullable enable
namespace Ocean.Kernel.Mm;

/// <summary>
/// Page reference counts for PageTable's fork and teardown on the host (PageTableTests): a dictionary
/// in place of the page records; a count never goes below zero unnoticed.
/// </summary>
public static class PageReferences
{
    public static readonly Dictionary<ulong, int> Counts = new();

    public static bool TryAdd(ulong physical)
    {
        Counts[physical] = Counts[physical] + 1;
        return true;
    }

    public static void Release(ulong physical)
    {
        int count = Counts[physical] - 1;
        if (count < 0)
            throw new InvalidOperationException($"page 0x{physical:x} released more often than referenced");
        Counts[physical] = count;
    }
}
