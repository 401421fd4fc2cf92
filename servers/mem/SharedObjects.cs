namespace Ocean.Servers.Mem;

using Ocean.Abi;
using Ocean.Protocols;

/// <summary>
/// The shared-memory objects: a name, a size, the most protection a mapping may have, and where this
/// server keeps the object's pages mapped. Clients map those same pages (space_share), so an object
/// needs no kernel object of its own: unlinking drops the name and this server's mapping, and the
/// pages go back with the last client's mapping.
/// </summary>
public sealed unsafe class SharedObjects
{
    private const ulong PageSize = 4096;

    private readonly ulong[] _names = new ulong[MemProtocol.MaxObjects * MemProtocol.NameWords];
    private readonly long[] _ids = new long[MemProtocol.MaxObjects];
    private readonly ulong[] _addresses = new ulong[MemProtocol.MaxObjects];
    private readonly ulong[] _sizes = new ulong[MemProtocol.MaxObjects];
    private readonly ulong[] _protections = new ulong[MemProtocol.MaxObjects];
    private long _lastId;
    private ulong _totalBytes;

    /// <summary>The named objects' bytes (free's shared figure).</summary>
    public ulong TotalBytes => _totalBytes;

    /// <summary>A new object, zero-filled; its id (1 and up, never reused) or a negative errno.</summary>
    public long Create(ulong* name, ulong size, ulong protection)
    {
        if (!IsName(name) || size == 0 || size > MemProtocol.MaxObjectBytes ||
            (protection & ~(Protection.Read | Protection.Write | Protection.Execute)) != 0 || (protection & Protection.Read) == 0 ||
            (protection & Protection.Write) != 0 && (protection & Protection.Execute) != 0)
            return -Errno.EINVAL;
        if (Find(name) >= 0)
            return -Errno.EEXIST;
        int free = FindId(0);
        ulong bytes = (size + PageSize - 1) & ~(PageSize - 1);
        if (free < 0 || _totalBytes + bytes > MemProtocol.MaxTotalBytes)
            return -Errno.ENOMEM;
        long address = Memory.Map(0, bytes, Protection.Read | Protection.Write);
        if (address < 0)
            return address;
        for (int w = 0; w < MemProtocol.NameWords; w++)
            _names[free * MemProtocol.NameWords + w] = name[w];
        _ids[free] = ++_lastId;
        _addresses[free] = (ulong)address;
        _sizes[free] = bytes;
        _protections[free] = protection;
        _totalBytes += bytes;
        return _lastId;
    }

    /// <summary>The object's index for <paramref name="name"/>, or -1.</summary>
    public int Find(ulong* name)
    {
        if (!IsName(name))
            return -1;
        for (int i = 0; i < MemProtocol.MaxObjects; i++)
            if (_ids[i] != 0 && _names[i * MemProtocol.NameWords] == name[0] && _names[i * MemProtocol.NameWords + 1] == name[1])
                return i;
        return -1;
    }

    /// <summary>The object's index for <paramref name="id"/> (0: a free entry), or -1.</summary>
    public int FindId(long id)
    {
        for (int i = 0; i < MemProtocol.MaxObjects; i++)
            if (_ids[i] == id)
                return i;
        return -1;
    }

    public long Id(int index) => _ids[index];
    public ulong Address(int index) => _addresses[index];
    public ulong Size(int index) => _sizes[index];
    public ulong MaxProtection(int index) => _protections[index];

    /// <summary>Drops the name and this server's mapping: the pages live on in the clients that map them.</summary>
    public void Remove(int index)
    {
        Memory.Unmap(_addresses[index], _sizes[index]);
        _totalBytes -= _sizes[index];
        _ids[index] = 0;
        _names[index * MemProtocol.NameWords] = _names[index * MemProtocol.NameWords + 1] = 0;
    }

    private static bool IsName(ulong* name) => (byte)name[0] != 0;
}
