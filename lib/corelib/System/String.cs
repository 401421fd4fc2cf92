namespace System;

/// <summary>An immutable UTF-16 string. ilc requires exactly these two fields, in this order.</summary>
public sealed unsafe class String
{
#pragma warning disable 169, 649
    private readonly int _stringLength;
    private char _firstChar;
#pragma warning restore 169, 649

    // Must have no initializer: ilc's preinitializer provides the empty string.
    public static readonly string Empty;

    public int Length => _stringLength;

    [System.Runtime.CompilerServices.IndexerName("Chars")]
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

    /// <summary>Lets <c>fixed (char* p = s)</c> pin the characters.</summary>
    public ref readonly char GetPinnableReference() => ref _firstChar;

    public static bool Equals(string a, string b)
    {
        if ((object)a == (object)b)
            return true;
        if (a is null || b is null || a._stringLength != b._stringLength)
            return false;
        for (int i = 0; i < a._stringLength; i++)
            if (a[i] != b[i])
                return false;
        return true;
    }

    public static bool operator ==(string a, string b) => Equals(a, b);

    public static bool operator !=(string a, string b) => !Equals(a, b);

    public override bool Equals(object other) => other is string s && Equals(this, s);

    public override int GetHashCode()
    {
        // FNV-1a over the UTF-16 code units.
        uint hash = 2166136261;
        for (int i = 0; i < _stringLength; i++)
            hash = (hash ^ this[i]) * 16777619;
        return (int)hash;
    }

    public override string ToString() => this;
}
