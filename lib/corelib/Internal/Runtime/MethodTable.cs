namespace Internal.Runtime;

/// <summary>
/// The header of ilc's type descriptor (only the fields Ocean's runtime helpers read).
/// Layout: flags (low 16 bits = array element size), base size, related (parent) type,
/// vtable slot count, interface count, hash code; then vtable slots, then interface pointers.
/// </summary>
public unsafe struct MethodTable
{
    private const uint HasComponentSizeFlag = 0x80000000;

    internal uint _flags;
    internal uint _baseSize;
    internal MethodTable* _relatedType;
    internal ushort _vtableSlotCount;
    internal ushort _interfaceCount;
    internal uint _hashCode;

    private const int HeaderSize = 24;

    public uint BaseSize => _baseSize;

    public ushort ComponentSize => (_flags & HasComponentSizeFlag) != 0 ? (ushort)_flags : (ushort)0;

    public MethodTable* ParentType => _relatedType;

    public int InterfaceCount => _interfaceCount;

    public MethodTable* GetInterface(int index)
    {
        fixed (MethodTable* self = &this)
        {
            var interfaces = (MethodTable**)((byte*)self + HeaderSize + _vtableSlotCount * sizeof(void*));
            return interfaces[index];
        }
    }
}
