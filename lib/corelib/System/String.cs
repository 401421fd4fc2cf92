namespace System;

using System.Collections;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

/// <summary>
/// An immutable UTF-16 string. ilc requires exactly these two fields, in this order. Comparisons are
/// ordinal (code unit by code unit) and case changes are ASCII's: Ocean has no culture data.
/// The searching and the making of new strings live in StringSearch.cs and StringBuilding.cs.
/// </summary>
public sealed unsafe partial class String : IEquatable<string>, IComparable<string>, IEnumerable<char>
{
#pragma warning disable 169, 649
    private readonly int _stringLength;
    private char _firstChar;
#pragma warning restore 169, 649

    // No initializer (String has no static constructor): as [Intrinsic], the JIT turns every read into
    // the "" literal; without it the field stays null.
    [Intrinsic]
    public static readonly string Empty;

    public int Length => _stringLength;

    [IndexerName("Chars")]
    public char this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_stringLength)
                Internal.Runtime.CompilerHelpers.ThrowHelpers.ThrowIndexOutOfRangeException();
            fixed (char* p = &_firstChar)
                return p[index];
        }
    }

    public CharEnumerator GetEnumerator() => new(this);

    IEnumerator<char> IEnumerable<char>.GetEnumerator() => new CharEnumerator(this);

    IEnumerator IEnumerable.GetEnumerator() => new CharEnumerator(this);

    /// <summary>Lets <c>fixed (char* p = s)</c> pin the characters.</summary>
    public ref readonly char GetPinnableReference() => ref _firstChar;

    public static bool IsNullOrEmpty(string value) => value is null || value._stringLength == 0;

    public static bool IsNullOrWhiteSpace(string value)
    {
        if (value is null)
            return true;
        for (int i = 0; i < value._stringLength; i++)
            if (!char.IsWhiteSpace(value[i]))
                return false;
        return true;
    }

    public static bool Equals(string a, string b)
    {
        if ((object)a == (object)b)
            return true;
        if (a is null || b is null || a._stringLength != b._stringLength)
            return false;
        fixed (char* x = a, y = b)
            for (int i = 0; i < a._stringLength; i++)
                if (x[i] != y[i])
                    return false;
        return true;
    }

    public bool Equals(string other) => Equals(this, other);

    public static bool operator ==(string a, string b) => Equals(a, b);

    public static bool operator !=(string a, string b) => !Equals(a, b);

    public override bool Equals(object other) => other is string s && Equals(this, s);

    public override int GetHashCode()
    {
        // FNV-1a over the UTF-16 code units.
        uint hash = 2166136261;
        fixed (char* p = &_firstChar)
            for (int i = 0; i < _stringLength; i++)
                hash = (hash ^ p[i]) * 16777619;
        return (int)hash;
    }

    /// <summary>Ordinal order: negative, zero or positive as <paramref name="a"/> sorts before, with or after <paramref name="b"/> (null first).</summary>
    public static int CompareOrdinal(string a, string b)
    {
        if ((object)a == (object)b)
            return 0;
        if (a is null)
            return -1;
        if (b is null)
            return 1;
        int common = a.Length < b.Length ? a.Length : b.Length;
        for (int i = 0; i < common; i++)
            if (a[i] != b[i])
                return a[i] - b[i];
        return a.Length - b.Length;
    }

    /// <summary>As <see cref="CompareOrdinal"/>: Ocean has no culture-aware order.</summary>
    public static int Compare(string a, string b) => CompareOrdinal(a, b);

    public int CompareTo(string other) => CompareOrdinal(this, other);

    public override string ToString() => this;

    public char[] ToCharArray()
    {
        var characters = new char[_stringLength];
        fixed (char* source = &_firstChar, destination = characters)
            Buffer.Memmove(destination, source, (nuint)_stringLength * sizeof(char));
        return characters;
    }

    // `new string(...)`: ilc turns each constructor into a call to the static Ctor of the same parameters.
    [MethodImpl(MethodImplOptions.InternalCall)]
    public extern String(char* value, int startIndex, int length);

    [MethodImpl(MethodImplOptions.InternalCall)]
    public extern String(char c, int count);

    [MethodImpl(MethodImplOptions.InternalCall)]
    public extern String(char[] value);

    [MethodImpl(MethodImplOptions.InternalCall)]
    public extern String(char[] value, int startIndex, int length);

    [MethodImpl(MethodImplOptions.InternalCall)]
    public extern String(ReadOnlySpan<char> value);

    private static string Ctor(char* value, int startIndex, int length)
    {
        if (startIndex < 0 || length < 0 || value == null && length != 0)
            throw new ArgumentOutOfRangeException(nameof(length));
        return FromChars(value + startIndex, length);
    }

    private static string Ctor(char c, int count)
    {
        if (count < 0)
            throw new ArgumentOutOfRangeException(nameof(count));
        string result = FastAllocate(count);
        fixed (char* destination = result)
            for (int i = 0; i < count; i++)
                destination[i] = c;
        return result;
    }

    private static string Ctor(char[] value) => value is null ? "" : Ctor(value, 0, value.Length);

    private static string Ctor(char[] value, int startIndex, int length)
    {
        if (value is null)
            throw new ArgumentNullException(nameof(value));
        if (startIndex < 0 || length < 0 || startIndex > value.Length - length)
            throw new ArgumentOutOfRangeException(nameof(startIndex));
        fixed (char* characters = value)
            return FromChars(characters + startIndex, length);
    }

    private static string Ctor(ReadOnlySpan<char> value)
    {
        fixed (char* characters = value)
            return FromChars(characters, value.Length);
    }

    internal static string FromChar(char c)
    {
        string result = FastAllocate(1);
        fixed (char* destination = result)
            *destination = c;
        return result;
    }

    internal static string FromChars(char* characters, int length)
    {
        if (length == 0)
            return "";
        string result = FastAllocate(length);
        fixed (char* destination = result)
            Buffer.Memmove(destination, characters, (nuint)length * sizeof(char));
        return result;
    }

    /// <summary>A string of <paramref name="length"/> NULs for the caller to fill in before anyone sees it.</summary>
    internal static string FastAllocate(int length)
    {
        // Every string has the same MethodTable: the empty literal's.
        object empty = "";
        return Unsafe.As<string>(Internal.Runtime.CompilerHelpers.StartupCodeHelpers.NewArray(empty.m_pEEType, length));
    }
}
