namespace Ocean.Servers.Ext2;

/// <summary>One cached block.</summary>
public sealed class CacheSlot
{
    public ulong Block;
    public bool Valid, Dirty;
    public ulong LastUse;
    public byte[] Data;
}

/// <summary>
/// A small write-back cache of whole blocks with least-recently-used replacement. Its size is fixed at
/// mount (nothing is allocated afterwards). A slot stays valid only until the next <see cref="Get"/>
/// might evict it, so callers fetch a block again after doing other cache work.
/// </summary>
public sealed unsafe class BlockCache
{
    /// <summary>The cache's total size; at least <see cref="MinSlots"/> blocks whatever the block size.</summary>
    public const int TargetBytes = 256 * 1024, MinSlots = 32;

    private readonly BlockDevice _device;
    private readonly int _blockSize;
    private readonly uint _sectorsPerBlock;
    private readonly CacheSlot[] _slots;
    private ulong _clock;

    public BlockCache(BlockDevice device, int blockSize)
    {
        _device = device;
        _blockSize = blockSize;
        _sectorsPerBlock = (uint)(blockSize / BlockDevice.SectorSize);
        int count = TargetBytes / blockSize;
        if (count < MinSlots)
            count = MinSlots;
        _slots = new CacheSlot[count];
        for (int i = 0; i < count; i++)
            _slots[i] = new CacheSlot { Data = new byte[blockSize] };
    }

    public int BlockSize => _blockSize;

    /// <summary>
    /// The slot holding <paramref name="block"/>: read from the device, or zero-filled when
    /// <paramref name="read"/> is false (the caller overwrites or initialises the whole block).
    /// Returns 0 or a negative errno.
    /// </summary>
    public long Get(ulong block, bool read, out CacheSlot slot)
    {
        slot = null;
        CacheSlot victim = null;
        for (int i = 0; i < _slots.Length; i++)
        {
            CacheSlot candidate = _slots[i];
            if (candidate.Valid && candidate.Block == block)
            {
                if (!read)
                    LittleEndian.Clear(candidate.Data, 0, _blockSize);
                candidate.LastUse = ++_clock;
                slot = candidate;
                return 0;
            }
            if (victim == null || !candidate.Valid || victim.Valid && candidate.LastUse < victim.LastUse)
                victim = candidate;
        }
        long error = WriteBack(victim);
        if (error < 0)
            return error;
        victim.Valid = false;
        if (read)
        {
            fixed (byte* data = victim.Data)
                error = _device.Read(block * _sectorsPerBlock, _sectorsPerBlock, data);
            if (error < 0)
                return error;
        }
        else
            LittleEndian.Clear(victim.Data, 0, _blockSize);
        victim.Block = block;
        victim.Valid = true;
        victim.LastUse = ++_clock;
        slot = victim;
        return 0;
    }

    public static void MarkDirty(CacheSlot slot) => slot.Dirty = true;

    /// <summary>Whether the cache holds <paramref name="block"/> (its copy, perhaps newer than the disk's, is the one to use).</summary>
    public bool Holds(ulong block)
    {
        for (int i = 0; i < _slots.Length; i++)
            if (_slots[i].Valid && _slots[i].Block == block)
                return true;
        return false;
    }

    /// <summary>Reads <paramref name="count"/> consecutive blocks the cache does not hold in one device request, past the cache.</summary>
    public long ReadAround(ulong firstBlock, uint count, byte* buffer) =>
        _device.Read(firstBlock * _sectorsPerBlock, count * _sectorsPerBlock, buffer);

    /// <summary>Writes every dirty block, then flushes the device.</summary>
    public long Sync()
    {
        for (int i = 0; i < _slots.Length; i++)
        {
            long error = WriteBack(_slots[i]);
            if (error < 0)
                return error;
        }
        return _device.Flush();
    }

    /// <summary>Forgets every block without writing (after a failed mount).</summary>
    public void Discard()
    {
        for (int i = 0; i < _slots.Length; i++)
            _slots[i].Valid = _slots[i].Dirty = false;
    }

    private long WriteBack(CacheSlot slot)
    {
        if (!slot.Valid || !slot.Dirty)
            return 0;
        long error;
        fixed (byte* data = slot.Data)
            error = _device.Write(slot.Block * _sectorsPerBlock, _sectorsPerBlock, data);
        if (error < 0)
            return error;
        slot.Dirty = false;
        return 0;
    }
}
