namespace System.Runtime;

using Internal.Runtime;

/// <summary>
/// Casting and covariant-array helpers that ilc 10 calls as managed methods (looked up by name).
/// Ocean keeps to the simple cases: class hierarchies and interfaces, no generic variance.
/// </summary>
#pragma warning disable CS8500 // pointers to managed types: the runtime's own object layout.
internal static unsafe class TypeCast
{
    // An array's elements start after its MethodTable pointer and the 8-byte length word.
    private const int ArrayDataOffset = 16;

    private static MethodTable* TypeOf(object obj) => obj.m_pEEType;

    private static bool InheritsFrom(MethodTable* type, MethodTable* target)
    {
        for (; type != null; type = type->ParentType)
            if (type == target)
                return true;
        return false;
    }

    private static bool Implements(MethodTable* type, MethodTable* target)
    {
        for (int i = 0; i < type->InterfaceCount; i++)
            if (type->GetInterface(i) == target)
                return true;
        return false;
    }

    public static object IsInstanceOfClass(MethodTable* targetType, object obj) =>
        obj is null || InheritsFrom(TypeOf(obj), targetType) ? obj : null;

    public static object IsInstanceOfInterface(MethodTable* targetType, object obj) =>
        obj is null || Implements(TypeOf(obj), targetType) ? obj : null;

    public static object IsInstanceOfAny(MethodTable* targetType, object obj) =>
        obj is null || InheritsFrom(TypeOf(obj), targetType) || Implements(TypeOf(obj), targetType) ? obj : null;

    public static bool IsInstanceOfException(MethodTable* targetType, object obj) =>
        obj is not null && InheritsFrom(TypeOf(obj), targetType);

    public static object CheckCastAny(MethodTable* targetType, object obj) => Checked(IsInstanceOfAny(targetType, obj), obj);

    public static object CheckCastInterface(MethodTable* targetType, object obj) => Checked(IsInstanceOfInterface(targetType, obj), obj);

    public static object CheckCastClass(MethodTable* targetType, object obj) => Checked(IsInstanceOfClass(targetType, obj), obj);

    public static object CheckCastClassSpecial(MethodTable* targetType, object obj) => Checked(IsInstanceOfClass(targetType, obj), obj);

    private static object Checked(object result, object obj)
    {
        if (result is null && obj is not null)
            Internal.Runtime.CompilerHelpers.ThrowHelpers.ThrowInvalidCastException();
        return result;
    }

    private static object* ElementAddress(object[] array, nint index)
    {
        if (array is null)
            Internal.Runtime.CompilerHelpers.ThrowHelpers.ThrowNullReferenceException();
        if ((nuint)index >= (nuint)array.Length)
            Internal.Runtime.CompilerHelpers.ThrowHelpers.ThrowIndexOutOfRangeException();
        byte* data = *(byte**)&array + ArrayDataOffset;
        return (object*)(data + index * sizeof(void*));
    }

    public static void StelemRef(object[] array, nint index, object obj) => *ElementAddress(array, index) = obj;

    public static ref object LdelemaRef(object[] array, nint index, MethodTable* elementType) => ref *ElementAddress(array, index);
}
