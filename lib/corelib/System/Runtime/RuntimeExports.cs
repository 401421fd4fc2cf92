namespace System.Runtime;

using Internal.Runtime;
using Internal.Runtime.CompilerHelpers;

/// <summary>
/// Boxing and unboxing, which ilc calls as managed methods of this class (looked up by name).
/// A box is an object of the value type's boxed MethodTable whose fields are the value's bytes.
/// <c>Nullable&lt;T&gt;</c> is not boxed specially (Ocean's core library gives it no members yet).
/// </summary>
#pragma warning disable CS8500 // pointers to managed types: the runtime's own object layout.
internal static unsafe class RuntimeExports
{
    // The object header word before the MethodTable pointer, and the pointer itself.
    private const uint BoxOverhead = 16;

    public static object RhBox(MethodTable* type, ref byte data)
    {
        object box = StartupCodeHelpers.NewObject(type);
        // The boxed type's size rounded up: at most a few padding bytes past the value are copied too.
        fixed (byte* source = &data)
            Buffer.Memmove(*(byte**)&box + sizeof(void*), source, type->BaseSize - BoxOverhead);
        return box;
    }

    public static ref byte RhUnbox2(MethodTable* type, object obj)
    {
        if (obj is null)
            ThrowHelpers.ThrowNullReferenceException();
        if (obj._methodTable != type)
            ThrowHelpers.ThrowInvalidCastException();
        return ref *(*(byte**)&obj + sizeof(void*));
    }

    public static void RhUnboxTypeTest(MethodTable* type, MethodTable* boxType)
    {
        if (type != boxType)
            ThrowHelpers.ThrowInvalidCastException();
    }
}
