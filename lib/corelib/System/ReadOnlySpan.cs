namespace System;

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Internal.Runtime.CompilerHelpers;

/// <summary>A read-only <see cref="Span{T}"/>: also what "…"u8 literals and constant byte arrays become.</summary>
public readonly ref struct ReadOnlySpan<T>
{
    internal readonly ref T _reference;
    private readonly int _length;

    public ReadOnlySpan(T[] array) : this(ref SpanBounds.Start(array, 0, array == null ? 0 : array.Length), array == null ? 0 : array.Length)
    {
    }

    public ReadOnlySpan(T[] array, int start, int length) : this(ref SpanBounds.Start(array, start, length), length)
    {
    }

    /// <summary>A span over <paramref name="length"/> elements at <paramref name="pointer"/> (stackalloc uses this).</summary>
    public unsafe ReadOnlySpan(void* pointer, int length) : this(ref Unsafe.AsRef<T>(pointer), SpanBounds.Length(length))
    {
    }

    internal ReadOnlySpan(ref T reference, int length)
    {
        _reference = ref reference;
        _length = length;
    }

    public int Length => _length;

    public bool IsEmpty => _length == 0;

    public static ReadOnlySpan<T> Empty => default;

    public ref readonly T this[int index] => ref Unsafe.Add(ref _reference, SpanBounds.Index(index, _length));

    public ref readonly T GetPinnableReference() => ref _length != 0 ? ref _reference : ref Unsafe.NullRef<T>();

    public ReadOnlySpan<T> Slice(int start) => Slice(start, _length - start);

    public ReadOnlySpan<T> Slice(int start, int length)
    {
        SpanBounds.Check(start, length, _length);
        return new ReadOnlySpan<T>(ref Unsafe.Add(ref _reference, start), length);
    }

    public void CopyTo(Span<T> destination)
    {
        if (!TryCopyTo(destination))
            ThrowHelpers.ThrowArgumentException();
    }

    /// <summary>Copies every element if <paramref name="destination"/> is long enough; false otherwise. Overlap is fine.</summary>
    public bool TryCopyTo(Span<T> destination)
    {
        if (_length > destination.Length)
            return false;
        ref T target = ref destination._reference;
        // Copy backwards when the destination starts inside the source, as memmove does.
        if (Unsafe.ByteOffset(ref _reference, ref target) > 0)
            for (int i = _length - 1; i >= 0; i--)
                Unsafe.Add(ref target, i) = Unsafe.Add(ref _reference, i);
        else
            for (int i = 0; i < _length; i++)
                Unsafe.Add(ref target, i) = Unsafe.Add(ref _reference, i);
        return true;
    }

    public T[] ToArray()
    {
        var array = new T[_length];
        CopyTo(array);
        return array;
    }

    public Enumerator GetEnumerator() => new(this);

    public static implicit operator ReadOnlySpan<T>(T[] array) => new(array);

    public ref struct Enumerator
    {
        private readonly ReadOnlySpan<T> _span;
        private int _index;

        internal Enumerator(ReadOnlySpan<T> span)
        {
            _span = span;
            _index = -1;
        }

        public bool MoveNext() => ++_index < _span.Length;

        public ref readonly T Current => ref _span[_index];
    }
}
