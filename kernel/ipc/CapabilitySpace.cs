namespace Ocean.Kernel.Ipc;

using System.Runtime.CompilerServices;
using Ocean.Abi;
using Ocean.Kernel.Arch.X86_64.Cpu;
using Ocean.Kernel.Mm;

/// <summary>
/// A process's capability space: numbered slots. System calls name slots, never global ids, so a
/// process cannot even name an object it holds no capability for. The space also derives the
/// process's I/O permission bitmap from the port capabilities it holds.
/// </summary>
public sealed class CapabilitySpace
{
    public const int SlotCount = 64;

    private static ulong _nextId = 1;

    private readonly Capability[] _slots = new Capability[SlotCount];

    /// <summary>Ports this process may use (null: none); rebuilt whenever a port capability comes or goes.</summary>
    public byte[] PortBitmap;
    /// <summary>Changes with every rebuild, so a CPU knows whether its copy is current (0 while there is no bitmap).</summary>
    public ulong PortBitmapStamp;

    /// <summary>Makes this CPU enforce this space's I/O ports (a no-op when it already does).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void EnforcePorts()
    {
        if (!PortsEnforced)
            IoPermissionBitmap.Activate(PortBitmap, PortBitmapStamp);
    }

    /// <summary>Whether this CPU's I/O permission bitmap is this space's current one.</summary>
    public bool PortsEnforced
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => IoPermissionBitmap.IsActive(PortBitmapStamp);
    }

    private static readonly Capability Empty;

    /// <summary>
    /// The capability in <paramref name="slot"/> in place (an empty one for a slot out of range): for the
    /// hot paths, which read a field or two and should not copy the slot. Valid until the space changes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref readonly Capability Get(long slot) => ref slot >= 0 && slot < SlotCount ? ref _slots[(int)slot] : ref Empty;

    /// <summary>The capability in <paramref name="slot"/>, or false if the slot is out of range or empty.</summary>
    public bool TryGet(long slot, out Capability capability)
    {
        capability = default;
        if (slot < 0 || slot >= SlotCount || _slots[(int)slot].IsEmpty)
            return false;
        capability = _slots[(int)slot];
        return true;
    }

    public bool IsFree(long slot) => slot >= 0 && slot < SlotCount && _slots[(int)slot].IsEmpty;

    /// <summary>Puts a new capability in the lowest free slot; -ENOSPC when full.</summary>
    public long Insert(KernelObject target, ulong rights, ulong badge, ulong parentId)
    {
        for (int slot = 0; slot < SlotCount; slot++)
            if (_slots[slot].IsEmpty)
                return InsertAt(slot, target, rights, badge, parentId);
        return -Errno.ENOSPC;
    }

    /// <summary>Puts a new capability in <paramref name="slot"/>, which must be free.</summary>
    public long InsertAt(long slot, KernelObject target, ulong rights, ulong badge, ulong parentId)
    {
        if (!IsFree(slot))
            return -Errno.ENOSPC;
        _slots[(int)slot] = new Capability { Object = target, Rights = rights, Badge = badge, Id = _nextId++, ParentId = parentId };
        target.AddReference();
        target.CapabilityAdded(rights);
        if (target.Kind == ObjectKind.IoPorts)
            RebuildPortBitmap();
        return slot;
    }

    /// <summary>Moves a capability to the free slot <paramref name="to"/> unchanged (same id, so revoke still reaches it).</summary>
    public bool Move(long from, long to)
    {
        if (from == to || !TryGet(from, out Capability capability) || !IsFree(to))
            return false;
        _slots[(int)to] = capability;
        _slots[(int)from] = default;
        return true;
    }

    /// <summary>Empties a slot; the object hears of it and goes when nothing names it any more.</summary>
    public bool Delete(long slot)
    {
        if (!TryGet(slot, out Capability capability))
            return false;
        _slots[(int)slot] = default;
        capability.Object.CapabilityRemoved(capability.Rights);
        if (capability.Object.Kind == ObjectKind.IoPorts)
            RebuildPortBitmap();
        capability.Object.DropReference();
        return true;
    }

    /// <summary>Deletes every capability whose parent is in <paramref name="ids"/>, adding their ids to it; returns how many.</summary>
    public int DeleteChildrenOf(ref ulong[] ids, ref int count)
    {
        int deleted = 0;
        for (int slot = 0; slot < SlotCount; slot++)
        {
            ulong parent = _slots[slot].ParentId;
            if (_slots[slot].IsEmpty || parent == 0 || !Contains(ids, count, parent))
                continue;
            Append(ref ids, ref count, _slots[slot].Id);
            Delete(slot);
            deleted++;
        }
        return deleted;
    }

    private static bool Contains(ulong[] ids, int count, ulong id)
    {
        for (int i = 0; i < count; i++)
            if (ids[i] == id)
                return true;
        return false;
    }

    private static void Append(ref ulong[] ids, ref int count, ulong id)
    {
        if (count == ids.Length)
        {
            var larger = new ulong[ids.Length * 2];
            for (int i = 0; i < count; i++)
                larger[i] = ids[i];
            KernelHeap.Free(ids);
            ids = larger;
        }
        ids[count++] = id;
    }

    /// <summary>fork: the child starts with a capability derived from each of the parent's.</summary>
    public CapabilitySpace Clone()
    {
        var copy = new CapabilitySpace();
        for (int slot = 0; slot < SlotCount; slot++)
        {
            Capability capability = _slots[slot];
            if (!capability.IsEmpty)
                copy.InsertAt(slot, capability.Object, capability.Rights, capability.Badge, capability.Id);
        }
        // Same ports, same bitmap: sharing the stamp spares CPUs a reload when switching between the two.
        copy.PortBitmapStamp = PortBitmapStamp;
        return copy;
    }

    /// <summary>Empties every slot (the process is ending).</summary>
    public void Clear()
    {
        for (int slot = 0; slot < SlotCount; slot++)
            Delete(slot);
    }

    /// <summary>Frees the (emptied) space; no garbage collector does it.</summary>
    public void Free()
    {
        if (PortBitmap != null)
            KernelHeap.Free(PortBitmap);
        KernelHeap.Free(_slots);
        KernelHeap.Free(this);
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

    private void RebuildPortBitmap()
    {
        bool any = false;
        for (int slot = 0; slot < SlotCount; slot++)
            any |= !_slots[slot].IsEmpty && _slots[slot].Object.Kind == ObjectKind.IoPorts;
        if (!any)
        {
            if (PortBitmap != null)
                KernelHeap.Free(PortBitmap);
            PortBitmap = null;
        }
        else
        {
            if (PortBitmap == null)
                PortBitmap = new byte[IoPermissionBitmap.Bytes];
            IoPermissionBitmap.DenyAll(PortBitmap);
            for (int slot = 0; slot < SlotCount; slot++)
                if (!_slots[slot].IsEmpty && _slots[slot].Object is HardwareRange ports && ports.Kind == ObjectKind.IoPorts)
                    IoPermissionBitmap.Allow(PortBitmap, (int)ports.First, (int)ports.Count);
        }
        PortBitmapStamp = PortBitmap == null ? 0 : IoPermissionBitmap.NextStamp();
    }
}
