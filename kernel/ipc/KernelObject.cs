namespace Ocean.Kernel.Ipc;

using Ocean.Abi;
using Ocean.Kernel.Mm;

/// <summary>
/// Anything a capability can name. Objects count the capabilities that name them; each kind reacts
/// when one is added or removed (an endpoint wakes its senders when its last receiver goes) and
/// cleans up when the last one is gone.
/// </summary>
public abstract class KernelObject
{
    /// <summary>Capabilities (in any process) naming this object, plus kernel references such as an IRQ binding.</summary>
    public int References;

    /// <summary>What the object is: a field, not a virtual property, since every capability lookup reads it.</summary>
    public readonly ObjectKind Kind;

    protected KernelObject(ObjectKind kind) => Kind = kind;

    public virtual void CapabilityAdded(ulong rights) { }

    public virtual void CapabilityRemoved(ulong rights) { }

    /// <summary>The last reference went: release what the object holds and free it.</summary>
    public virtual void Destroy() => KernelHeap.Free(this);

    public void AddReference() => References++;

    public void DropReference()
    {
        if (--References == 0)
            Destroy();
    }
}
