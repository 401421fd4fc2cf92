namespace Ocean.Protocols;

/// <summary>
/// What the memory server (servers/mem) answers. Clients reach it through the send capability in
/// <see cref="ServiceSlot.Mem"/>, which the kernel gives init at boot, as for the process server
/// (<see cref="ProcProtocol"/>). The request is the message label; reply labels are 0 or a positive
/// errno. docs/design/process-and-memory-servers.md has the requests still to come (brk, mmap).
/// </summary>
public enum MemRequest : uint
{
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
    /// <summary>No words. Reply words: total, free and kernel bytes (<see cref="MemProtocol"/>).</summary>
    Info = 9,
    /// <summary>Word 0: a pid. Reply word 0: the bytes it has mapped; ESRCH if no such process lives.</summary>
    Usage = 10,
}

/// <summary>Message layouts of <see cref="MemRequest"/>.</summary>
public static class MemProtocol
{
    // Info reply words.
    public const int TotalWord = 0, FreeWord = 1, KernelWord = 2, InfoWords = 3;

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
