namespace System;

/// <summary>The base of every array. ilc requires the element count as the first field.</summary>
public abstract class Array
{
#pragma warning disable 169, 649
    private readonly int _numComponents;
#pragma warning restore 169, 649

    public int Length => _numComponents;
}

// ilc uses this type to describe T[] for generic arrays.
#pragma warning disable CS0660, CS0661
public class Array<T> : Array { }
#pragma warning restore CS0660, CS0661
