namespace System;

using System.Collections.Generic;

/// <summary>
/// Strings made from strings: parts, joins, replacements, trims, pads and ASCII case changes. An
/// operation that changes nothing returns its input, as .NET's does.
/// </summary>
public sealed unsafe partial class String
{
    public string Substring(int startIndex) => Substring(startIndex, _stringLength - startIndex);

    public string Substring(int startIndex, int length)
    {
        if (startIndex < 0 || length < 0 || startIndex > _stringLength - length)
            throw new ArgumentOutOfRangeException(nameof(startIndex));
        if (length == _stringLength)
            return this;
        fixed (char* p = &_firstChar)
            return FromChars(p + startIndex, length);
    }

    public static string Concat(string a, string b) => Concat(a, b, null, null);

    public static string Concat(string a, string b, string c) => Concat(a, b, c, null);

    public static string Concat(string a, string b, string c, string d)
    {
        int length = LengthOf(a) + LengthOf(b) + LengthOf(c) + LengthOf(d);
        if (length == 0)
            return "";
        string result = FastAllocate(length);
        int at = 0;
        result.CopyIn(ref at, a);
        result.CopyIn(ref at, b);
        result.CopyIn(ref at, c);
        result.CopyIn(ref at, d);
        return result;
    }

    /// <summary>The values one after another (null ones count as empty): a join with nothing between.</summary>
    public static string Concat(params string[] values) => Join(null, values);

    public static string Concat(object a, object b) => Concat(a?.ToString(), b?.ToString());

    public static string Concat(object a, object b, object c) => Concat(a?.ToString(), b?.ToString(), c?.ToString());

    /// <summary>The parts with <paramref name="separator"/> between them (null parts count as empty).</summary>
    public static string Join(string separator, params string[] values)
    {
        if (values is null)
            throw new ArgumentNullException(nameof(values));
        if (values.Length == 0)
            return "";
        int length = LengthOf(separator) * (values.Length - 1);
        for (int i = 0; i < values.Length; i++)
            length += LengthOf(values[i]);
        if (length == 0)
            return "";
        string result = FastAllocate(length);
        int at = 0;
        for (int i = 0; i < values.Length; i++)
        {
            if (i > 0)
                result.CopyIn(ref at, separator);
            result.CopyIn(ref at, values[i]);
        }
        return result;
    }

    public static string Join(char separator, params string[] values) => Join(FromChar(separator), values);

    public static string Join(string separator, IEnumerable<string> values)
    {
        var parts = new List<string>();
        foreach (string value in values)
            parts.Add(value);
        return Join(separator, parts.ToArray());
    }

    /// <summary>Each value's <c>ToString()</c> (null as empty), with <paramref name="separator"/> between them.</summary>
    public static string Join<T>(string separator, IEnumerable<T> values)
    {
        var parts = new List<string>();
        foreach (T value in values)
            parts.Add(value?.ToString());
        return Join(separator, parts.ToArray());
    }

    /// <summary>The pieces between the separators, empty ones included ("a,,b" gives "a", "", "b").</summary>
    public string[] Split(char separator) => Split(separator, StringSplitOptions.None);

    public string[] Split(char separator, StringSplitOptions options)
    {
        var parts = new List<string>();
        int start = 0;
        for (int i = 0; i <= _stringLength; i++)
        {
            if (i < _stringLength && this[i] != separator)
                continue;
            AddPart(parts, start, i - start, options);
            start = i + 1;
        }
        return parts.ToArray();
    }

    /// <summary>The pieces between any of the separators (white space if none are given).</summary>
    public string[] Split(params char[] separators) => Split(separators, StringSplitOptions.None);

    public string[] Split(char[] separators, StringSplitOptions options)
    {
        var parts = new List<string>();
        int start = 0;
        for (int i = 0; i <= _stringLength; i++)
        {
            if (i < _stringLength && !IsSeparator(this[i], separators))
                continue;
            AddPart(parts, start, i - start, options);
            start = i + 1;
        }
        return parts.ToArray();
    }

    public string[] Split(string separator, StringSplitOptions options = StringSplitOptions.None)
    {
        var parts = new List<string>();
        if (IsNullOrEmpty(separator))
        {
            AddPart(parts, 0, _stringLength, options);
            return parts.ToArray();
        }
        int start = 0, found;
        while ((found = IndexOf(separator, start)) >= 0)
        {
            AddPart(parts, start, found - start, options);
            start = found + separator._stringLength;
        }
        AddPart(parts, start, _stringLength - start, options);
        return parts.ToArray();
    }

    private void AddPart(List<string> parts, int start, int length, StringSplitOptions options)
    {
        string part = Substring(start, length);
        if ((options & StringSplitOptions.TrimEntries) != 0)
            part = part.Trim();
        if ((options & StringSplitOptions.RemoveEmptyEntries) == 0 || part._stringLength != 0)
            parts.Add(part);
    }

    private static bool IsSeparator(char c, char[] separators)
    {
        if (separators is null || separators.Length == 0)
            return char.IsWhiteSpace(c);
        for (int i = 0; i < separators.Length; i++)
            if (separators[i] == c)
                return true;
        return false;
    }

    public string Replace(char oldChar, char newChar)
    {
        int first = IndexOf(oldChar);
        if (first < 0)
            return this;
        string result = FromChars(ref _firstChar);
        fixed (char* p = result)
            for (int i = first; i < _stringLength; i++)
                if (p[i] == oldChar)
                    p[i] = newChar;
        return result;
    }

    /// <summary>Every occurrence of <paramref name="oldValue"/> (not empty), left to right, replaced by <paramref name="newValue"/> (null: removed).</summary>
    public string Replace(string oldValue, string newValue)
    {
        if (oldValue is null)
            throw new ArgumentNullException(nameof(oldValue));
        if (oldValue._stringLength == 0)
            throw new ArgumentException("the string to replace is empty");
        int found = IndexOf(oldValue);
        if (found < 0)
            return this;
        var parts = new List<string>();
        int start = 0;
        for (; found >= 0; found = IndexOf(oldValue, start))
        {
            parts.Add(Substring(start, found - start));
            start = found + oldValue._stringLength;
        }
        parts.Add(Substring(start));
        return Join(newValue, parts.ToArray());
    }

    public string Insert(int startIndex, string value)
    {
        if (value is null)
            throw new ArgumentNullException(nameof(value));
        if ((uint)startIndex > (uint)_stringLength)
            throw new ArgumentOutOfRangeException(nameof(startIndex));
        return Concat(Substring(0, startIndex), value, Substring(startIndex));
    }

    public string Remove(int startIndex) => Remove(startIndex, _stringLength - startIndex);

    public string Remove(int startIndex, int count)
    {
        if (startIndex < 0 || count < 0 || startIndex > _stringLength - count)
            throw new ArgumentOutOfRangeException(nameof(startIndex));
        return Concat(Substring(0, startIndex), Substring(startIndex + count));
    }

    public string Trim() => TrimWhere(true, true, null);

    public string Trim(params char[] trimChars) => TrimWhere(true, true, trimChars);

    public string TrimStart() => TrimWhere(true, false, null);

    public string TrimStart(params char[] trimChars) => TrimWhere(true, false, trimChars);

    public string TrimEnd() => TrimWhere(false, true, null);

    public string TrimEnd(params char[] trimChars) => TrimWhere(false, true, trimChars);

    // White space is trimmed when no characters are given.
    private string TrimWhere(bool start, bool end, char[] trimChars)
    {
        int first = 0, last = _stringLength;
        if (start)
            while (first < last && IsSeparator(this[first], trimChars))
                first++;
        if (end)
            while (last > first && IsSeparator(this[last - 1], trimChars))
                last--;
        return Substring(first, last - first);
    }

    public string PadLeft(int totalWidth, char paddingChar = ' ') =>
        totalWidth <= _stringLength ? this : Concat(new string(paddingChar, totalWidth - _stringLength), this);

    public string PadRight(int totalWidth, char paddingChar = ' ') =>
        totalWidth <= _stringLength ? this : Concat(this, new string(paddingChar, totalWidth - _stringLength));

    /// <summary>ASCII letters in upper case (Ocean has no culture data: as ToUpperInvariant for ASCII).</summary>
    public string ToUpper() => ChangeCase(upper: true);

    public string ToLower() => ChangeCase(upper: false);

    public string ToUpperInvariant() => ChangeCase(upper: true);

    public string ToLowerInvariant() => ChangeCase(upper: false);

    private string ChangeCase(bool upper)
    {
        int i = 0;
        while (i < _stringLength && (upper ? !char.IsLower(this[i]) : !char.IsUpper(this[i])))
            i++;
        if (i == _stringLength)
            return this;
        string result = FromChars(ref _firstChar);
        fixed (char* p = result)
            for (; i < _stringLength; i++)
                p[i] = upper ? char.ToUpper(p[i]) : char.ToLower(p[i]);
        return result;
    }

    private string FromChars(ref char first)
    {
        fixed (char* p = &first)
            return FromChars(p, _stringLength);
    }

    private static int LengthOf(string value) => value is null ? 0 : value._stringLength;

    // Copies value (null: nothing) into this new string at position at, and moves at past it.
    private void CopyIn(ref int at, string value)
    {
        if (value is null)
            return;
        fixed (char* destination = &_firstChar, source = value)
            Buffer.Memmove(destination + at, source, (nuint)value._stringLength * sizeof(char));
        at += value._stringLength;
    }
}

/// <summary>How <see cref="string.Split(char, StringSplitOptions)"/> treats the pieces.</summary>
[Flags]
public enum StringSplitOptions
{
    None = 0,
    RemoveEmptyEntries = 1,
    TrimEntries = 2,
}
