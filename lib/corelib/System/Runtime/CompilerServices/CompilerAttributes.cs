namespace System.Runtime.CompilerServices;

// Attributes the C# compiler emits or looks for.

public enum MethodImplOptions
{
    Unmanaged = 0x0004,
    NoInlining = 0x0008,
    NoOptimization = 0x0040,
    AggressiveInlining = 0x0100,
    AggressiveOptimization = 0x0200,
    InternalCall = 0x1000,
}

[AttributeUsage(AttributeTargets.Method | AttributeTargets.Constructor)]
public sealed class MethodImplAttribute : Attribute
{
    public MethodImplAttribute(MethodImplOptions options) { }
}

[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Method | AttributeTargets.Field)]
public sealed class IntrinsicAttribute : Attribute { }

[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Assembly)]
public sealed class ExtensionAttribute : Attribute { }

[AttributeUsage(AttributeTargets.Field)]
public sealed class FixedBufferAttribute : Attribute
{
    public FixedBufferAttribute(Type elementType, int length) { }
}

[AttributeUsage(AttributeTargets.Struct)]
public sealed class UnsafeValueTypeAttribute : Attribute { }

[AttributeUsage(AttributeTargets.Struct)]
public sealed class IsByRefLikeAttribute : Attribute { }

[AttributeUsage(AttributeTargets.All)]
public sealed class IsReadOnlyAttribute : Attribute { }

[AttributeUsage(AttributeTargets.Property)]
public sealed class IndexerNameAttribute : Attribute
{
    public IndexerNameAttribute(string indexerName) { }
}

[AttributeUsage(AttributeTargets.Struct)]
public sealed class InlineArrayAttribute : Attribute
{
    public InlineArrayAttribute(int length) { }
}

public static class IsVolatile { }

/// <summary>Features the C# compiler checks the core library for.</summary>
public static class RuntimeFeature
{
    public const string ByRefFields = nameof(ByRefFields);
    public const string UnmanagedSignatureCallingConvention = nameof(UnmanagedSignatureCallingConvention);
    public const string NumericIntPtr = nameof(NumericIntPtr);
    public const string DefaultImplementationsOfInterfaces = nameof(DefaultImplementationsOfInterfaces);
}

public static class RuntimeHelpers
{
    // Offset of String._firstChar from the object start: MethodTable pointer (8) + length (4).
    public static int OffsetToStringData => 12;
}

/// <summary>Marks <c>init</c> accessors: properties set only in an object initializer.</summary>
public static class IsExternalInit { }

/// <summary>The names of a tuple's elements (<c>(int Caught, int Finallies)</c>), for the compiler.</summary>
[AttributeUsage(AttributeTargets.All)]
public sealed class TupleElementNamesAttribute : Attribute
{
    public TupleElementNamesAttribute(string[] transformNames) { }
}
