namespace Ocean.Ipc;

using Ocean.Abi;

/// <summary>One capability: the object it names, what it allows, and a badge the receiver sees.</summary>
public struct Capability
{
    public Endpoint Object;
    public ulong Rights;
    public ulong Badge;

    public bool IsEmpty => Object == null;
}

/// <summary>
/// A process's capability space: numbered slots. System calls name slots, never global ids, so a
/// process cannot even name an object it holds no capability for.
/// </summary>
public sealed class CapabilitySpace
{
    public const int SlotCount = 64;

    private readonly Capability[] _slots = new Capability[SlotCount];

    /// <summary>The capability in <paramref name="slot"/>, or false if the slot is out of range or empty.</summary>
    public bool TryGet(long slot, out Capability capability)
    {
        capability = default;
        if (slot < 0 || slot >= SlotCount || _slots[(int)slot].IsEmpty)
            return false;
        capability = _slots[(int)slot];
        return true;
    }

    /// <summary>Puts a capability in the lowest free slot; -ENOSPC when full.</summary>
    public long Insert(Endpoint endpoint, ulong rights, ulong badge)
    {
        for (int slot = 0; slot < SlotCount; slot++)
        {
            if (!_slots[slot].IsEmpty)
                continue;
            _slots[slot] = new Capability { Object = endpoint, Rights = rights, Badge = badge };
            endpoint.References++;
            if ((rights & CapabilityRights.Receive) != 0)
                endpoint.ReceiveReferences++;
            return slot;
        }
        return -Errno.ENOSPC;
    }

    /// <summary>
    /// Empties a slot. Says whether that removed the endpoint's last receive right (nobody can serve it
    /// any more) and its last capability (nobody can name it any more).
    /// </summary>
    public bool Delete(long slot, out Endpoint endpoint, out bool lastReceiver, out bool unreferenced)
    {
        endpoint = null;
        lastReceiver = unreferenced = false;
        if (!TryGet(slot, out Capability capability))
            return false;
        _slots[(int)slot] = default;
        endpoint = capability.Object;
        endpoint.References--;
        lastReceiver = (capability.Rights & CapabilityRights.Receive) != 0 && --endpoint.ReceiveReferences == 0;
        unreferenced = endpoint.References == 0;
        return true;
    }

    /// <summary>fork: the child starts with copies of every capability.</summary>
    public CapabilitySpace Clone()
    {
        var copy = new CapabilitySpace();
        for (int slot = 0; slot < SlotCount; slot++)
        {
            Capability capability = _slots[slot];
            if (capability.IsEmpty)
                continue;
            copy._slots[slot] = capability;
            capability.Object.References++;
            if ((capability.Rights & CapabilityRights.Receive) != 0)
                capability.Object.ReceiveReferences++;
        }
        return copy;
    }

    /// <summary>Frees the (emptied) space; no garbage collector does it.</summary>
    public void Free()
    {
        Ocean.Mm.KernelHeap.Free(_slots);
        Ocean.Mm.KernelHeap.Free(this);
    }

    public int Count
    {
        get
        {
            int count = 0;
            for (int slot = 0; slot < SlotCount; slot++)
                if (!_slots[slot].IsEmpty)
                    count++;
            return count;
        }
    }
}
