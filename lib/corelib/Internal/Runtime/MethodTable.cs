namespace Internal.Runtime;

/// <summary>
/// ilc's type descriptor (only what Ocean's runtime helpers read). Layout (64-bit, ilc 10): flags
/// (low 16 bits: an array's element size or extended flags), base size, related type (the parent,
/// or an array's element type), vtable slot count, interface count, hash code; then the vtable
/// slots, then the interface map (every interface, inherited ones included), then 32-bit relative
/// pointers: the type manager, the writable data, and the optional ones the flags announce, in order
/// (dispatch map, finalizer, sealed virtual slots, …).
/// </summary>
public unsafe struct MethodTable
{
    private const uint HasComponentSizeFlag = 0x80000000;
    private const uint HasDispatchMapFlag = 0x00040000;
    private const uint HasFinalizerFlag = 0x00100000;
    private const uint HasSealedVirtualSlotsFlag = 0x00400000;
    private const uint GenericVarianceFlag = 0x00800000;
    private const uint IsGenericFlag = 0x02000000;
    // The low 16 bits of a type without components (extended flags): a value type's padding, a nullable's value offset.
    private const uint ValueTypePaddingMask = 0x00E0, NullableValueOffsetMask = 0x0700;
    private const int ValueTypePaddingShift = 5, NullableValueOffsetShift = 8;
    private const uint NullableElementType = 0x12;
    // A box: the object header word and the MethodTable pointer before the value.
    private const uint BoxOverhead = 16;
    private const int ElementTypeShift = 26;
    private const uint ElementTypeMask = 0x1F;
    private const uint ArrayElementType = 0x17, SzArrayElementType = 0x18;

    internal uint _flags;
    internal uint _baseSize;
    internal MethodTable* _relatedType;
    internal ushort _vtableSlotCount;
    internal ushort _interfaceCount;
    internal uint _hashCode;

    private const int HeaderSize = 24;
    private const int RelativePointerSize = 4;
    // The type manager and the writable data come before any optional relative pointer.
    private const int FirstOptionalPointer = 2;

    public uint BaseSize => _baseSize;

    public ushort ComponentSize => (_flags & HasComponentSizeFlag) != 0 ? (ushort)_flags : (ushort)0;

    public MethodTable* ParentType => _relatedType;

    public int InterfaceCount => _interfaceCount;

    public int VtableSlotCount => _vtableSlotCount;

    public bool HasDispatchMap => (_flags & HasDispatchMapFlag) != 0;

    public bool HasGenericVariance => (_flags & GenericVarianceFlag) != 0;

    private uint ElementType => (_flags >> ElementTypeShift) & ElementTypeMask;

    public bool IsNullable => ElementType == NullableElementType;

    /// <summary>A value type's size without the padding its box adds.</summary>
    public uint ValueTypeSize => _baseSize - BoxOverhead - ((_flags & ValueTypePaddingMask) >> ValueTypePaddingShift);

    /// <summary>Where a <c>Nullable&lt;T&gt;</c>'s value starts (after hasValue, aligned for T).</summary>
    public int NullableValueOffset => 1 << (int)((_flags & NullableValueOffsetMask) >> NullableValueOffsetShift);

    /// <summary>A <c>Nullable&lt;T&gt;</c>'s T: its only generic argument (an arity of one is referenced directly).</summary>
    public MethodTable* NullableType
    {
        get
        {
            if ((_flags & IsGenericFlag) == 0)
                return null;
            int position = FirstOptionalPointer + (HasDispatchMap ? 1 : 0) + ((_flags & HasFinalizerFlag) != 0 ? 1 : 0)
                + ((_flags & HasSealedVirtualSlotsFlag) != 0 ? 1 : 0) + 1;   // past the generic definition
            return (MethodTable*)FollowRelativePointer(position);
        }
    }

    public bool IsArray
    {
        get
        {
            uint elementType = (_flags >> ElementTypeShift) & ElementTypeMask;
            return elementType == ArrayElementType || elementType == SzArrayElementType;
        }
    }

    private byte* Start
    {
        get
        {
            fixed (MethodTable* self = &this)
                return (byte*)self;
        }
    }

    public MethodTable* GetInterface(int index) => ((MethodTable**)(Start + HeaderSize + _vtableSlotCount * sizeof(void*)))[index];

    /// <summary>The code address in vtable slot <paramref name="slot"/>.</summary>
    public void* GetVtableSlot(int slot) => ((void**)(Start + HeaderSize))[slot];

    // The relative pointer in trailing position <paramref name="index"/>, followed to its target.
    private byte* FollowRelativePointer(int index)
    {
        int* field = (int*)(Start + HeaderSize + _vtableSlotCount * sizeof(void*) + _interfaceCount * sizeof(void*) + index * RelativePointerSize);
        return (byte*)field + *field;
    }

    /// <summary>The interface implementations this type declares (only valid if <see cref="HasDispatchMap"/>).</summary>
    public DispatchMap* DispatchMap => (DispatchMap*)FollowRelativePointer(FirstOptionalPointer);

    /// <summary>The code of sealed virtual slot <paramref name="index"/> (sealed methods and default interface methods).</summary>
    public void* GetSealedVirtualSlot(int index)
    {
        if ((_flags & HasSealedVirtualSlotsFlag) == 0)
            return null;
        int position = FirstOptionalPointer + (HasDispatchMap ? 1 : 0) + ((_flags & HasFinalizerFlag) != 0 ? 1 : 0);
        int* slots = (int*)FollowRelativePointer(position);
        return (byte*)(slots + index) + slots[index];
    }
}

/// <summary>
/// A type's dispatch map as ilc lays it out: four counts (standard, default, static, default static),
/// then the standard and default entries, each naming an interface (an index into the type's
/// interface map), a slot of that interface, and the slot that implements it.
/// </summary>
public struct DispatchMap
{
    public ushort StandardCount;
    public ushort DefaultCount;
    public ushort StaticCount;
    public ushort DefaultStaticCount;

    public struct Entry
    {
        public ushort InterfaceIndex;
        public ushort InterfaceSlot;
        public ushort ImplementationSlot;
    }
}
