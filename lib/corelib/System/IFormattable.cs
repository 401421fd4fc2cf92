namespace System;

/// <summary>A value that can be written by a format string ("X8", "N0", …): the integers.</summary>
public interface IFormattable
{
    string ToString(string format, IFormatProvider formatProvider);
}

/// <summary>Culture data for formatting; Ocean has none, so every provider is ignored (the invariant culture's rules apply).</summary>
public interface IFormatProvider
{
    object GetFormat(Type formatType);
}
