namespace System;

using System.Collections;
using System.Collections.Generic;

/// <summary>
/// Walks a string's characters. The C# compiler turns a <c>foreach</c> over a string into an index
/// loop, but binds it through <see cref="string.GetEnumerator"/> first (without one it fails to emit,
/// CS7038); this is also what a string passed as an <see cref="IEnumerable{T}"/> hands out.
/// </summary>
public sealed class CharEnumerator : IEnumerator<char>
{
    private readonly string _text;
    private int _index = -1;

    internal CharEnumerator(string text) => _text = text;

    public char Current => _text[_index];

    object IEnumerator.Current => Current;

    public bool MoveNext() => ++_index < _text.Length;

    public void Reset() => _index = -1;

    public void Dispose()
    {
    }
}
