namespace System;

/// <summary>Finding characters and strings in a string (ordinal: code unit by code unit).</summary>
public sealed unsafe partial class String
{
    public int IndexOf(char value) => IndexOf(value, 0);

    public int IndexOf(char value, int startIndex)
    {
        if ((uint)startIndex > (uint)_stringLength)
            throw new ArgumentOutOfRangeException(nameof(startIndex));
        fixed (char* p = &_firstChar)
            for (int i = startIndex; i < _stringLength; i++)
                if (p[i] == value)
                    return i;
        return -1;
    }

    /// <summary>Where <paramref name="value"/> first occurs; 0 for the empty string, -1 if nowhere.</summary>
    public int IndexOf(string value) => IndexOf(value, 0);

    public int IndexOf(string value, int startIndex)
    {
        if (value is null)
            throw new ArgumentNullException(nameof(value));
        if ((uint)startIndex > (uint)_stringLength)
            throw new ArgumentOutOfRangeException(nameof(startIndex));
        for (int i = startIndex; i + value._stringLength <= _stringLength; i++)
            if (MatchesAt(i, value))
                return i;
        return -1;
    }

    public int IndexOfAny(char[] anyOf)
    {
        for (int i = 0; i < _stringLength; i++)
            for (int j = 0; j < anyOf.Length; j++)
                if (this[i] == anyOf[j])
                    return i;
        return -1;
    }

    public int LastIndexOf(char value) => _stringLength == 0 ? -1 : LastIndexOf(value, _stringLength - 1);

    /// <summary>Where <paramref name="value"/> last occurs at or before <paramref name="startIndex"/>, searching backwards; -1 if nowhere.</summary>
    public int LastIndexOf(char value, int startIndex)
    {
        if ((uint)startIndex >= (uint)_stringLength)
            throw new ArgumentOutOfRangeException(nameof(startIndex));
        fixed (char* p = &_firstChar)
            for (int i = startIndex; i >= 0; i--)
                if (p[i] == value)
                    return i;
        return -1;
    }

    /// <summary>Where <paramref name="value"/> last occurs; the length for the empty string, -1 if nowhere.</summary>
    public int LastIndexOf(string value)
    {
        if (value is null)
            throw new ArgumentNullException(nameof(value));
        for (int i = _stringLength - value._stringLength; i >= 0; i--)
            if (MatchesAt(i, value))
                return i;
        return -1;
    }

    public bool Contains(string value) => IndexOf(value) >= 0;

    public bool Contains(char value) => IndexOf(value) >= 0;

    public bool StartsWith(string value)
    {
        if (value is null)
            throw new ArgumentNullException(nameof(value));
        return value._stringLength <= _stringLength && MatchesAt(0, value);
    }

    public bool StartsWith(char value) => _stringLength > 0 && this[0] == value;

    public bool EndsWith(string value)
    {
        if (value is null)
            throw new ArgumentNullException(nameof(value));
        return value._stringLength <= _stringLength && MatchesAt(_stringLength - value._stringLength, value);
    }

    public bool EndsWith(char value) => _stringLength > 0 && this[_stringLength - 1] == value;

    private bool MatchesAt(int start, string value)
    {
        fixed (char* text = &_firstChar, wanted = value)
            for (int i = 0; i < value._stringLength; i++)
                if (text[start + i] != wanted[i])
                    return false;
        return true;
    }
}
