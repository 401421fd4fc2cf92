namespace System;

// The built-in value types. The compiler and ilc give them their behaviour; they carry no fields here.
public struct Void { }
public struct Boolean { }
public struct Char { }
public struct SByte { public const sbyte MinValue = -128, MaxValue = 127; }
public struct Byte { public const byte MinValue = 0, MaxValue = 255; }
public struct Int16 { public const short MinValue = -32768, MaxValue = 32767; }
public struct UInt16 { public const ushort MinValue = 0, MaxValue = 65535; }
public struct Int32 { public const int MinValue = -2147483648, MaxValue = 2147483647; }
public struct UInt32 { public const uint MinValue = 0, MaxValue = 4294967295; }
public struct Int64 { public const long MinValue = -9223372036854775808, MaxValue = 9223372036854775807; }
public struct UInt64 { public const ulong MinValue = 0, MaxValue = 18446744073709551615; }
public struct IntPtr { }
public struct UIntPtr { }
public struct Single { }
public struct Double { }

public abstract class ValueType { }

public abstract class Enum : ValueType { }

public struct Nullable<T> where T : struct
{
#pragma warning disable 169, 649
    private readonly bool _hasValue;
    private readonly T _value;
#pragma warning restore 169, 649
}

public struct RuntimeTypeHandle { }
public struct RuntimeMethodHandle { }
public struct RuntimeFieldHandle { }

public abstract class Type { }

/// <summary>ilc requires the type; Ocean has no reflection.</summary>
internal sealed class RuntimeType : Type { }

public abstract class Delegate { }
public abstract class MulticastDelegate : Delegate { }

public interface IDisposable
{
    void Dispose();
}
