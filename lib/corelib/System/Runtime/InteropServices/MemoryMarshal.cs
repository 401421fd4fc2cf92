namespace System.Runtime.InteropServices;

using System.Runtime.CompilerServices;

/// <summary>Spans over memory the caller vouches for; the compiler uses CreateSpan for inline arrays.</summary>
public static class MemoryMarshal
{
    public static Span<T> CreateSpan<T>(scoped ref T reference, int length) => new(ref Unsafe.AsRef(in reference), length);

    public static ReadOnlySpan<T> CreateReadOnlySpan<T>(scoped ref readonly T reference, int length) =>
        new(ref Unsafe.AsRef(in reference), length);

    /// <summary>A reference to the span's first element (or where it would be, for an empty span).</summary>
    public static ref T GetReference<T>(Span<T> span) => ref span._reference;

    public static ref T GetReference<T>(ReadOnlySpan<T> span) => ref span._reference;

    /// <summary>A reference to an array's first element, without a bounds check (valid for an empty array).</summary>
    public static ref T GetArrayDataReference<T>(T[] array) =>
        ref Unsafe.As<byte, T>(ref Unsafe.As<RawArrayData>(array).Data);

    // The layout ilc gives a one-dimensional array: the method table, the length, padding, the elements.
    private sealed class RawArrayData
    {
#pragma warning disable CS0649, CS0169
        public uint Length;
        public uint Padding;
        public byte Data;
#pragma warning restore CS0649, CS0169
    }
}
