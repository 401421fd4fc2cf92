namespace Ocean.Kernel.Ipc;

using Ocean.Abi;

/// <summary>
/// Authority over a range of hardware: I/O ports (port numbers), interrupt lines (IRQ numbers) or
/// device memory (physical bytes, page-aligned). Narrowing makes a new, smaller range derived from
/// the original, so revoking the original takes the narrowed ones away too.
/// </summary>
public sealed class HardwareRange : KernelObject
{
    public readonly ulong First;
    public readonly ulong Count;

    public HardwareRange(ObjectKind kind, ulong first, ulong count) : base(kind)
    {
        First = first;
        Count = count;
    }

    public bool Covers(ulong first, ulong count) => count > 0 && first >= First && count <= Count && first - First <= Count - count;

    /// <summary>An interrupt line going away unbinds it (and masks it again).</summary>
    public override void Destroy()
    {
        if (Kind == ObjectKind.Interrupts)
            InterruptBindings.Unbind(this);
        base.Destroy();
    }
}
