namespace System.Runtime;

using Internal.Runtime;
using Internal.Runtime.CompilerHelpers;

/// <summary>
/// Boxing and unboxing, which ilc calls as managed methods of this class (looked up by name).
/// A box is an object of the value type's boxed MethodTable whose fields are the value's bytes.
/// A <c>Nullable&lt;T&gt;</c> boxes as its T, or null when it has no value.
/// </summary>
#pragma warning disable CS8500 // pointers to managed types: the runtime's own object layout.
internal static unsafe class RuntimeExports
{
    public static object RhBox(MethodTable* type, ref byte data)
    {
        fixed (byte* source = &data)
        {
            byte* value = source;
            if (type->IsNullable)
            {
                if (*(bool*)source == false)
                    return null;   // an empty Nullable<T> boxes to null, a full one to a boxed T
                value = source + type->NullableValueOffset;
                type = type->NullableType;
            }
            object box = StartupCodeHelpers.NewObject(type);
            Buffer.Memmove(*(byte**)&box + sizeof(void*), value, type->ValueTypeSize);
            return box;
        }
    }

    public static ref byte RhUnbox2(MethodTable* type, object obj)
    {
        if (obj is null)
            ThrowHelpers.ThrowNullReferenceException();
        if (obj.m_pEEType != type)
            ThrowHelpers.ThrowInvalidCastException();
        return ref *(*(byte**)&obj + sizeof(void*));
    }

    /// <summary>Unboxes into a <c>Nullable&lt;T&gt;</c> at <paramref name="data"/>: null gives an empty one.</summary>
    public static void RhUnboxNullable(ref byte data, MethodTable* type, object obj)
    {
        MethodTable* valueType = type->NullableType;
        if (obj is not null && obj.m_pEEType != valueType)
            ThrowHelpers.ThrowInvalidCastException();
        fixed (byte* destination = &data)
        {
            Buffer.Fill(destination, 0, (nuint)type->NullableValueOffset + valueType->ValueTypeSize);
            if (obj is null)
                return;
            *(bool*)destination = true;
            Buffer.Memmove(destination + type->NullableValueOffset, *(byte**)&obj + sizeof(void*), valueType->ValueTypeSize);
        }
    }

    public static void RhUnboxTypeTest(MethodTable* type, MethodTable* boxType)
    {
        if (type != boxType)
            ThrowHelpers.ThrowInvalidCastException();
    }
}
