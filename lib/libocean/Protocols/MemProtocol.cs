namespace Ocean.Protocols;

/// <summary>
/// What the memory server (servers/mem) answers. Clients reach it through the send capability in
/// <see cref="ServiceSlot.Mem"/>, which the kernel gives init at boot, as for the process server
/// (<see cref="ProcProtocol"/>). The request is the message label; reply labels are 0 or a positive
/// errno. Every process's brk, mmap, munmap and mprotect come here (lib/libocean's <see cref="Memory"/>).
/// </summary>
public enum MemRequest : uint
{
    /// <summary>Word 0: the new break (0 asks). Reply word 0: the break in effect (the old one when the move is refused).</summary>
    Brk = 1,
    /// <summary>
    /// Word 0: length, 1: protection. Reply word 0: the address of zeroed anonymous memory. EINVAL for
    /// length 0 or write with execute; ENOMEM when the process's limit or its address space is used up,
    /// or memory runs out.
    /// </summary>
    Map = 2,
    /// <summary>Word 0: a page-aligned address, 1: length. Unmapped pages in the range are skipped. EINVAL for a bad range.</summary>
    Unmap = 3,
    /// <summary>
    /// Word 0: a page-aligned address, 1: length, 2: protection. EINVAL for a bad range or write with
    /// execute; ENOMEM for a page not mapped; EACCES for a grant, or more than a shared object allows.
    /// </summary>
    Protect = 4,
    /// <summary>
    /// Words 0–1: a name (1–16 bytes, <see cref="MessageText"/>), 2: size in bytes, 3: the most
    /// protection any mapping may have. Reply word 0: the object's id. EEXIST for a name in use,
    /// EINVAL for an empty name, a size of 0 or over <see cref="MemProtocol.MaxObjectBytes"/>, a
    /// protection without read, or write with execute; ENOMEM when the server holds too many objects
    /// or bytes (counted while named: an unlinked object's pages count against its mappers' memory).
    /// </summary>
    SharedCreate = 5,
    /// <summary>Words 0–1: a name. Reply words: the object's id and size. ENOENT for no such object.</summary>
    SharedOpen = 6,
    /// <summary>
    /// Word 0: an id, 1: protection. Reply words: the address where the caller now maps the whole
    /// object, and its size (the pages are shared: every mapping and fork sees the same memory).
    /// ENOENT for no such object, EINVAL for a protection without read, EACCES for more protection
    /// than it was created with.
    /// </summary>
    SharedMap = 7,
    /// <summary>Words 0–1: a name. The name goes at once; the memory when its last mapping does. ENOENT for no such object.</summary>
    SharedUnlink = 8,
    /// <summary>No words. Reply words: total, free, kernel, user and shared bytes (<see cref="MemProtocol"/>).</summary>
    Info = 9,
    /// <summary>Word 0: a pid. Reply word 0: the bytes it has mapped; ESRCH if no such process lives.</summary>
    Usage = 10,
}

/// <summary>Message layouts of <see cref="MemRequest"/>.</summary>
public static class MemProtocol
{
    // Info reply words.
    public const int TotalWord = 0, FreeWord = 1, KernelWord = 2, UserWord = 3, SharedWord = 4, InfoWords = 5;

    // Brk, Map, Unmap, Protect: request words, reply word 0.
    public const int BreakWord = 0, LengthWord = 0, ProtectionWord = 1, RangeAddressWord = 0, RangeLengthWord = 1, RangeProtectionWord = 2;
    public const int ResultWord = 0;

    // Usage: request word 0, reply word 0.
    public const int PidWord = 0, MappedWord = 0;

    // Shared memory: the name's words, then size and protection (SharedCreate), or an id and a
    // protection (SharedMap); replies: an id or an address, then the size.
    public const int NameWord = 0, NameWords = 2, NameBytes = NameWords * sizeof(ulong);
    public const int SizeWord = 2, CreateProtectionWord = 3, CreateWords = 4;
    public const int IdWord = 0, MapProtectionWord = 1, MapWords = 2;
    public const int AnswerWord = 0, AnswerSizeWord = 1, AnswerWords = 2;

    /// <summary>The largest object (16 MiB); the server holds at most <see cref="MaxObjects"/> and <see cref="MaxTotalBytes"/> in all.</summary>
    public const ulong MaxObjectBytes = 16UL << 20, MaxTotalBytes = 64UL << 20;
    public const int MaxObjects = 32;
}
