namespace System.Runtime.CompilerServices;

using System.Text;

/// <summary>
/// What the C# compiler builds an interpolated string with (<c>$"{count} files"</c>): the literal parts
/// and each hole's <c>ToString()</c> appended in order (a value type's without boxing), then the string.
/// Format strings after a colon (<c>{x:X}</c>) are not supported yet: the value is written as by ToString().
/// </summary>
[InterpolatedStringHandler]
public ref struct DefaultInterpolatedStringHandler
{
    private readonly StringBuilder _text;

    public DefaultInterpolatedStringHandler(int literalLength, int formattedCount) => _text = new StringBuilder(literalLength + 8 * formattedCount);

    public void AppendLiteral(string value) => _text.Append(value);

    public void AppendFormatted<T>(T value) => _text.Append(Text(value, null));

    /// <summary>The value written by <paramref name="format"/> ("X8", "N0", …) if it is formattable.</summary>
    public void AppendFormatted<T>(T value, string format) => _text.Append(Text(value, format));

    /// <summary>The value right-aligned in <paramref name="alignment"/> characters (left-aligned if negative).</summary>
    public void AppendFormatted<T>(T value, int alignment) => AppendFormatted(value, alignment, null);

    public void AppendFormatted<T>(T value, int alignment, string format)
    {
        string text = Text(value, format);
        _text.Append(alignment < 0 ? text.PadRight(-alignment) : text.PadLeft(alignment));
    }

    private static string Text<T>(T value, string format) =>
        format is not null && value is IFormattable formattable ? formattable.ToString(format, null) : value?.ToString() ?? "";

    public void AppendFormatted(string value) => _text.Append(value);

    public void AppendFormatted(ReadOnlySpan<char> value) => _text.Append(value);

    public string ToStringAndClear()
    {
        string result = _text.ToString();
        _text.Clear();
        return result;
    }

    public override string ToString() => _text.ToString();
}

/// <summary>Marks a type the compiler may build an interpolated string with.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
public sealed class InterpolatedStringHandlerAttribute : Attribute
{
}
