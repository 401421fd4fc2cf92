namespace Ocean.Abi;

/// <summary>
/// Four words the kernel keeps with each address space for the memory server, which alone gives
/// them meaning (brk and mmap placement, per-process charges). The kernel only sets them when it
/// loads a program (the break at the image's end, mmap below the stack area, nothing charged) and
/// copies them with the address space at fork, so a child's words always match its mappings.
/// </summary>
public struct SpaceLayout
{
    /// <summary>Where the program's image ends: the break may not go below it.</summary>
    public ulong BreakStart;
    /// <summary>The break in effect.</summary>
    public ulong Break;
    /// <summary>Where the next anonymous mapping ends (mappings grow downward from below the stack area).</summary>
    public ulong MmapNext;
    /// <summary>
    /// Bytes the memory server has mapped for the process (its limit applies to these). An unmap
    /// lowers it by the ordinary pages the kernel actually removed (its result), whatever the
    /// server's update says.
    /// </summary>
    public ulong Charged;
}

/// <summary>What a <see cref="SpaceChange"/> does to the address space.</summary>
public enum SpaceOperation : ulong
{
    /// <summary>Nothing: the current layout comes back in <see cref="SpaceChange.Expected"/>.</summary>
    Read = 0,
    /// <summary>Maps zeroed pages over [Address, Address + Length) with Protection (none may be mapped there already).</summary>
    Map = 1,
    /// <summary>
    /// Unmaps every page in the range (holes are skipped); the result is how many ordinary pages (not
    /// device or shared memory) went, which come off <see cref="SpaceLayout.Charged"/>.
    /// </summary>
    Unmap = 2,
    /// <summary>Changes the protection of every page in the range (all must be mapped).</summary>
    Protect = 3,
    /// <summary>No pages: only the layout words change (a break moved within its last page).</summary>
    Set = 4,
}

/// <summary>The user half of every address space, as the kernel lays it out.</summary>
public static class UserSpace
{
    public const ulong PageSize = 4096;
    /// <summary>Anonymous mappings grow down from here; programs must end below it.</summary>
    public const ulong MmapTop = 0x0000_7000_0000_0000;
    /// <summary>End of the user half: every user pointer must lie below it.</summary>
    public const ulong End = 0x0000_8000_0000_0000;
}

/// <summary>
/// space_change(slot, change*): the memory server's one request to the kernel about a process's
/// memory. The kernel applies it only if the process's layout words still equal
/// <see cref="Expected"/> (else it writes the current words there and answers ESTALE: the server's
/// copy was out of date, say after an exec or a fork), then stores <see cref="Updated"/>, all in one
/// step, so a fork sees either both the old mappings and words or both the new.
/// </summary>
public struct SpaceChange
{
    public long Pid;
    public SpaceOperation Operation;
    /// <summary>Page-aligned start of the range, in the process's user half.</summary>
    public ulong Address;
    public ulong Length;
    /// <summary><see cref="Protection"/> bits for Map and Protect.</summary>
    public ulong Protection;
    public SpaceLayout Expected;
    public SpaceLayout Updated;
}
