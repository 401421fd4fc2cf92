namespace Ocean.Kernel.Ipc;

/// <summary>
/// One capability: the object it names, what it allows, the badge a receiver sees, and its place in
/// the derivation tree (every mint, copy, narrowing, fork and transfer derives a child), which is
/// what revoke follows.
/// </summary>
public struct Capability
{
    public KernelObject Object;
    public ulong Rights;
    public ulong Badge;
    /// <summary>Unique over the kernel's life; <see cref="ParentId"/> is the capability it was derived from (0: none).</summary>
    public ulong Id;
    public ulong ParentId;

    public bool IsEmpty => Object == null;
}
