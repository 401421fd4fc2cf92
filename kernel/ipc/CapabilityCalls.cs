namespace Ocean.Kernel.Ipc;

using Ocean.Abi;
using Ocean.Kernel.Mm;
using Ocean.Kernel.Proc;

/// <summary>
/// The capability operations: create an endpoint, mint (fewer rights, a badge), delete, revoke
/// (every capability derived from one, at any depth, in every process), narrow a hardware range,
/// and identify what a slot holds.
/// </summary>
public static class CapabilityCalls
{
    private const int RevokeListStart = 16;

    private static CapabilitySpace Space => Processes.Current.Capabilities;

    public static long CreateEndpoint(ulong flags)
    {
        if ((flags & ~EndpointFlags.All) != 0)
            return -Errno.EINVAL;
        if (!MemoryReserve.NewObjectAllowed)
            return -Errno.ENOMEM;
        var endpoint = new Endpoint { IdentifiesCallers = (flags & EndpointFlags.IdentifyCallers) != 0 };
        long slot = Space.Insert(endpoint, CapabilityRights.All, 0, 0);
        if (slot < 0)
            endpoint.Destroy();
        return slot;
    }

    /// <summary>
    /// A derived capability with the original's rights ∩ <paramref name="rights"/>. A badge can be set
    /// once: 0 keeps the original's, and a badged capability cannot be re-badged.
    /// </summary>
    public static long Mint(long slot, ulong rights, ulong badge)
    {
        if (!Space.TryGet(slot, out Capability original))
            return -Errno.EBADSLOT;
        if (badge != 0 && original.Badge != 0 && badge != original.Badge)
            return -Errno.EPERM;
        return Space.Insert(original.Object, original.Rights & rights, badge != 0 ? badge : original.Badge, original.Id);
    }

    /// <summary>cap_move: <paramref name="to"/> must be free; EBADSLOT for an empty source, ENOSPC for an occupied target.</summary>
    public static long Move(long from, long to)
    {
        if (!Space.TryGet(from, out _))
            return -Errno.EBADSLOT;
        return Space.Move(from, to) ? to : -Errno.ENOSPC;
    }

    public static long Delete(long slot) => Space.Delete(slot) ? 0 : -Errno.EBADSLOT;

    /// <summary>Deletes every capability derived from the one in <paramref name="slot"/> (which stays); returns how many.</summary>
    public static long Revoke(long slot)
    {
        if (!Space.TryGet(slot, out Capability root))
            return -Errno.EBADSLOT;
        var ids = new ulong[RevokeListStart];
        int count = 1;
        ids[0] = root.Id;
        long deleted = 0;
        // Repeat until a pass finds nothing: a child may sit in a process visited before its parent.
        for (bool found = true; found;)
        {
            found = false;
            for (Process process = Processes.First; process != null; process = process.NextInTable)
            {
                if (process.Capabilities == null)
                    continue;
                int removed = process.Capabilities.DeleteChildrenOf(ref ids, ref count);
                deleted += removed;
                found |= removed > 0;
            }
        }
        KernelHeap.Free(ids);
        return deleted;
    }

    /// <summary>A new capability for the sub-range [first, first + count) of a hardware range.</summary>
    public static long Narrow(long slot, ulong first, ulong count)
    {
        if (!Space.TryGet(slot, out Capability original))
            return -Errno.EBADSLOT;
        if (original.Object is not HardwareRange range)
            return -Errno.EINVAL;
        if (!range.Covers(first, count))
            return -Errno.ERANGE;
        if (range.Kind == ObjectKind.DeviceMemory && ((first | count) & (UserLayout.PageSize - 1)) != 0)
            return -Errno.EINVAL;
        if (!MemoryReserve.NewObjectAllowed)
            return -Errno.ENOMEM;
        var narrowed = new HardwareRange(range.Kind, first, count);
        long result = Space.Insert(narrowed, original.Rights, original.Badge, original.Id);
        if (result < 0)
            narrowed.Destroy();
        return result;
    }

    /// <summary>kind &lt;&lt; 8 | rights, so a program can tell what it was given.</summary>
    public static long Identify(long slot)
    {
        if (!Space.TryGet(slot, out Capability capability))
            return -Errno.EBADSLOT;
        return ((long)capability.Object.Kind << 8) | (long)(capability.Rights & 0xFF);
    }
}
