namespace System.Collections;

/// <summary>A sequence that can be walked (C# requires it of a type with a collection initializer).</summary>
public interface IEnumerable
{
    IEnumerator GetEnumerator();
}

/// <summary>A position in a sequence: <see cref="MoveNext"/> before the first element and after each.</summary>
public interface IEnumerator
{
    object Current { get; }

    bool MoveNext();

    void Reset();
}
