namespace System;

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Internal.Runtime.CompilerHelpers;

/// <summary>
/// A bounds-checked view of contiguous memory: part of an array, a stackalloc buffer, an inline array
/// or memory a pointer names. A ref struct, so it never outlives what it views.
/// </summary>
public readonly ref struct Span<T>
{
    internal readonly ref T _reference;
    private readonly int _length;

    public Span(T[] array) : this(ref SpanBounds.Start(array, 0, array == null ? 0 : array.Length), array == null ? 0 : array.Length)
    {
    }

    public Span(T[] array, int start, int length) : this(ref SpanBounds.Start(array, start, length), length)
    {
    }

    /// <summary>A span over <paramref name="length"/> elements at <paramref name="pointer"/> (stackalloc uses this).</summary>
    public unsafe Span(void* pointer, int length) : this(ref Unsafe.AsRef<T>(pointer), SpanBounds.Length(length))
    {
    }

    internal Span(ref T reference, int length)
    {
        _reference = ref reference;
        _length = length;
    }

    public int Length => _length;

    public bool IsEmpty => _length == 0;

    public static Span<T> Empty => default;

    public ref T this[int index] => ref Unsafe.Add(ref _reference, SpanBounds.Index(index, _length));

    /// <summary>What <c>fixed</c> pins: the first element, or a null reference for an empty span.</summary>
    public ref T GetPinnableReference() => ref _length != 0 ? ref _reference : ref Unsafe.NullRef<T>();

    public Span<T> Slice(int start) => Slice(start, _length - start);

    public Span<T> Slice(int start, int length)
    {
        SpanBounds.Check(start, length, _length);
        return new Span<T>(ref Unsafe.Add(ref _reference, start), length);
    }

    /// <summary>Sets every element to its default value.</summary>
    public void Clear()
    {
        for (int i = 0; i < _length; i++)
            Unsafe.Add(ref _reference, i) = default;
    }

    public void Fill(T value)
    {
        for (int i = 0; i < _length; i++)
            Unsafe.Add(ref _reference, i) = value;
    }

    /// <summary>Copies every element into <paramref name="destination"/>, which must be at least as long (overlap is fine).</summary>
    public void CopyTo(Span<T> destination) => ((ReadOnlySpan<T>)this).CopyTo(destination);

    public bool TryCopyTo(Span<T> destination) => ((ReadOnlySpan<T>)this).TryCopyTo(destination);

    public T[] ToArray() => ((ReadOnlySpan<T>)this).ToArray();

    public Enumerator GetEnumerator() => new(this);

    public static implicit operator Span<T>(T[] array) => new(array);

    public static implicit operator ReadOnlySpan<T>(Span<T> span) => new(ref span._reference, span._length);

    /// <summary>What <c>foreach</c> over a span uses.</summary>
    public ref struct Enumerator
    {
        private readonly Span<T> _span;
        private int _index;

        internal Enumerator(Span<T> span)
        {
            _span = span;
            _index = -1;
        }

        public bool MoveNext() => ++_index < _span.Length;

        public ref T Current => ref _span[_index];
    }
}
