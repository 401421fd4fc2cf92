namespace System;

using System.Collections;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

/// <summary>The base of every array. ilc requires the element count as the first field.</summary>
public abstract class Array
{
#pragma warning disable 169, 649
    private readonly int _numComponents;
#pragma warning restore 169, 649

    public int Length => _numComponents;

    /// <summary>The one empty array of <typeparamref name="T"/> (made at the first call).</summary>
    public static T[] Empty<T>() => EmptyArray<T>.Value ??= new T[0];

    private static class EmptyArray<T>
    {
        internal static T[] Value;
    }

    /// <summary>The first index of <paramref name="value"/> in <paramref name="array"/> (by the values' own Equals), or -1.</summary>
    public static int IndexOf<T>(T[] array, T value)
    {
        if (array is null)
            throw new ArgumentNullException(nameof(array));
        EqualityComparer<T> comparer = EqualityComparer<T>.Default;
        for (int i = 0; i < array.Length; i++)
            if (comparer.Equals(array[i], value))
                return i;
        return -1;
    }
}

/// <summary>
/// What ilc builds every <c>T[]</c> from: the interfaces this class implements are the array's, so
/// an array can be passed where an <see cref="IEnumerable{T}"/> or <see cref="IReadOnlyList{T}"/> is
/// expected (a <c>foreach</c> over the array itself compiles to an index loop and never comes here).
/// </summary>
#pragma warning disable CS0660, CS0661
public class Array<T> : Array, IReadOnlyList<T>
#pragma warning restore CS0660, CS0661
{
    public T this[int index] => Unsafe.As<T[]>(this)[index];

    public int Count => Unsafe.As<T[]>(this).Length;

    public IEnumerator<T> GetEnumerator() => new ArrayEnumerator(Unsafe.As<T[]>(this));

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private sealed class ArrayEnumerator(T[] array) : IEnumerator<T>
    {
        private int _index = -1;

        public T Current => array[_index];

        object IEnumerator.Current => array[_index];

        public bool MoveNext() => ++_index < array.Length;

        public void Reset() => _index = -1;

        public void Dispose()
        {
        }
    }
}
