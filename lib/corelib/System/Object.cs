namespace System;

/// <summary>The root of every reference type. The runtime reads the MethodTable pointer at offset 0.</summary>
public unsafe class Object
{
#pragma warning disable 169, 649
    // ilc requires this to be the first (and only) instance field.
    internal Internal.Runtime.MethodTable* m_pEEType;
#pragma warning restore 169, 649

    public Object() { }

    ~Object() { }

    public virtual bool Equals(object other) => this == other;

    public virtual int GetHashCode() => 0;

    public virtual string ToString() => "object";
}
