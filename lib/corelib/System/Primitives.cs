namespace System;

// The built-in value types without members yet (the integers, Boolean and Char have files of their own).
public struct Void { }
public struct IntPtr { }
public struct UIntPtr { }

public abstract class ValueType { }

public abstract class Enum : ValueType { }


public struct RuntimeTypeHandle { }
public struct RuntimeMethodHandle { }
public struct RuntimeFieldHandle { }

public abstract class Type { }

/// <summary>ilc requires the type; Ocean has no reflection.</summary>
internal sealed class RuntimeType : Type { }


public interface IDisposable
{
    void Dispose();
}
