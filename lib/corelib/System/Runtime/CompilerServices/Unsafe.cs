namespace System.Runtime.CompilerServices;

/// <summary>
/// Managed-pointer arithmetic for the span types. ilc replaces each body with a few IL instructions
/// (its UnsafeIntrinsics, matched by the [Intrinsic] attribute and the names); the bodies below only
/// say what that IL does.
/// </summary>
public static unsafe class Unsafe
{
    /// <summary>The address <paramref name="value"/> refers to (it must not move while used).</summary>
    [Intrinsic]
    public static void* AsPointer<T>(ref T value) => throw null;

    /// <summary>A reference to the <typeparamref name="T"/> at <paramref name="source"/>.</summary>
    [Intrinsic]
    public static ref T AsRef<T>(void* source) => throw null;

    /// <summary>A writable reference to a read-only one (the caller promises not to write through it).</summary>
    [Intrinsic]
    public static ref T AsRef<T>(scoped ref readonly T source) => throw null;

    /// <summary>Reinterprets a reference to one type as a reference to another.</summary>
    [Intrinsic]
    public static ref TTo As<TFrom, TTo>(ref TFrom source) => throw null;

    /// <summary>Reinterprets an object reference without a type check.</summary>
    [Intrinsic]
    public static T As<T>(object o) where T : class => throw null;

    /// <summary>The element <paramref name="elementOffset"/> places after <paramref name="source"/>.</summary>
    [Intrinsic]
    public static ref T Add<T>(ref T source, int elementOffset) => throw null;

    /// <summary>The element <paramref name="elementOffset"/> places after <paramref name="source"/>.</summary>
    [Intrinsic]
    public static ref T Add<T>(ref T source, nint elementOffset) => throw null;

    /// <summary>The reference <paramref name="byteOffset"/> bytes after <paramref name="source"/>.</summary>
    [Intrinsic]
    public static ref T AddByteOffset<T>(ref T source, nint byteOffset) => throw null;

    /// <summary>How many bytes <paramref name="target"/> lies after <paramref name="origin"/>.</summary>
    [Intrinsic]
    public static nint ByteOffset<T>(ref readonly T origin, ref readonly T target) => throw null;

    /// <summary>Whether both references point at the same place.</summary>
    [Intrinsic]
    public static bool AreSame<T>(ref readonly T left, ref readonly T right) => throw null;

    /// <summary>A null reference (what an empty span holds).</summary>
    [Intrinsic]
    public static ref T NullRef<T>() => throw null;

    /// <summary>Whether the reference is null.</summary>
    [Intrinsic]
    public static bool IsNullRef<T>(ref readonly T source) => throw null;

    /// <summary>The size of a <typeparamref name="T"/> in bytes (of the reference, for a class).</summary>
    [Intrinsic]
    public static int SizeOf<T>() => throw null;
}
