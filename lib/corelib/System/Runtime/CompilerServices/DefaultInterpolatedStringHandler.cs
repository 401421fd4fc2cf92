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

    public void AppendFormatted<T>(T value)
    {
        if (value != null)
            _text.Append(value.ToString());
    }

    public void AppendFormatted<T>(T value, string format) => AppendFormatted(value);

    /// <summary>The value right-aligned in <paramref name="alignment"/> characters (left-aligned if negative).</summary>
    public void AppendFormatted<T>(T value, int alignment)
    {
        string text = value?.ToString() ?? "";
        _text.Append(alignment < 0 ? text.PadRight(-alignment) : text.PadLeft(alignment));
    }

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
