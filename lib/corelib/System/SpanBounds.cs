namespace System;

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Internal.Runtime.CompilerHelpers;

/// <summary>The range checks <see cref="Span{T}"/> and <see cref="ReadOnlySpan{T}"/> share.</summary>
internal static class SpanBounds
{
    /// <summary>
    /// A reference to <c>array[start]</c> once <c>[start, start + length)</c> is checked to lie in the array;
    /// a null reference for a null array and an empty range.
    /// </summary>
    public static ref T Start<T>(T[] array, int start, int length)
    {
        if (array == null)
        {
            if (start != 0 || length != 0)
                ThrowHelpers.ThrowArgumentOutOfRangeException();
            return ref Unsafe.NullRef<T>();
        }
        Check(start, length, array.Length);
        return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(array), start);
    }

    /// <summary>Whether <c>[start, start + length)</c> lies within <paramref name="total"/> elements; stops the program if not.</summary>
    public static void Check(int start, int length, int total)
    {
        if ((ulong)(uint)start + (uint)length > (uint)total)
            ThrowHelpers.ThrowArgumentOutOfRangeException();
    }

    /// <summary><paramref name="length"/>, checked not to be negative.</summary>
    public static int Length(int length)
    {
        if (length < 0)
            ThrowHelpers.ThrowArgumentOutOfRangeException();
        return length;
    }

    /// <summary><paramref name="index"/>, checked to name one of <paramref name="length"/> elements.</summary>
    public static int Index(int index, int length)
    {
        if ((uint)index >= (uint)length)
            ThrowHelpers.ThrowIndexOutOfRangeException();
        return index;
    }
}
