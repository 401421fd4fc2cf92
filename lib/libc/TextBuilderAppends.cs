namespace Ocean.Libc;

/// <summary>
/// The appends of <see cref="TextBuilder"/>. Extension methods on <c>ref TextBuilder</c>, because a
/// struct's own methods cannot return <c>ref this</c>, and chaining must update the caller's builder.
/// A width pads with blanks to at least that many characters: positive aligns right, negative left
/// (as .NET's <c>{0,8}</c> and <c>{0,-8}</c>).
/// </summary>
public static unsafe class TextBuilderAppends
{
    private const byte Blank = (byte)' ';

    public static ref TextBuilder Append(this ref TextBuilder builder, char value)
    {
        builder.Put(Strings.ToByte(value));
        return ref builder;
    }

    public static ref TextBuilder Append(this ref TextBuilder builder, string text)
    {
        if (text != null)
            for (int i = 0; i < text.Length; i++)
                builder.Put(Strings.ToByte(text[i]));
        return ref builder;
    }

    /// <summary>Appends a NUL-terminated byte string (null appends nothing).</summary>
    public static ref TextBuilder Append(this ref TextBuilder builder, byte* text)
    {
        if (text != null)
            for (int i = 0; text[i] != 0; i++)
                builder.Put(text[i]);
        return ref builder;
    }

    public static ref TextBuilder Append(this ref TextBuilder builder, byte* bytes, int length)
    {
        for (int i = 0; i < length; i++)
            builder.Put(bytes[i]);
        return ref builder;
    }

    /// <summary>Appends <paramref name="value"/> in decimal, padded to <paramref name="width"/>.</summary>
    public static ref TextBuilder Append(this ref TextBuilder builder, long value, int width = 0)
    {
        byte* digits = stackalloc byte[Numbers.MaxDecimalDigits];
        return ref builder.AppendField(digits, Numbers.FormatDecimal(value, digits), width);
    }

    public static ref TextBuilder AppendUnsigned(this ref TextBuilder builder, ulong value, int width = 0)
    {
        byte* digits = stackalloc byte[Numbers.MaxDecimalDigits];
        return ref builder.AppendField(digits, Numbers.FormatUnsigned(value, digits), width);
    }

    /// <summary>Appends <paramref name="value"/> in hexadecimal, no prefix, zero-padded to at least <paramref name="digits"/> digits.</summary>
    public static ref TextBuilder AppendHex(this ref TextBuilder builder, ulong value, int digits = 0, bool upperCase = false)
    {
        byte* text = stackalloc byte[Numbers.MaxHexDigits];
        return ref builder.Append(text, Numbers.FormatHex(value, text, digits, upperCase));
    }

    /// <summary>Appends <paramref name="text"/> padded with blanks to <paramref name="width"/>.</summary>
    public static ref TextBuilder AppendPadded(this ref TextBuilder builder, string text, int width)
    {
        int length = text == null ? 0 : text.Length;
        builder.AppendBlanks(width - length);
        builder.Append(text);
        return ref builder.AppendBlanks(-width - length);
    }

    /// <summary>Appends a NUL-terminated byte string padded with blanks to <paramref name="width"/> (negative: left-aligned).</summary>
    public static ref TextBuilder AppendPadded(this ref TextBuilder builder, byte* text, int width) =>
        ref builder.AppendField(text, text == null ? 0 : CString.Length(text), width);

    /// <summary>Appends <paramref name="length"/> bytes padded with blanks to <paramref name="width"/> (negative: left-aligned).</summary>
    public static ref TextBuilder AppendPadded(this ref TextBuilder builder, byte* bytes, int length, int width) =>
        ref builder.AppendField(bytes, length, width);

    public static ref TextBuilder AppendLine(this ref TextBuilder builder)
    {
        builder.Put((byte)'\n');
        return ref builder;
    }

    private static ref TextBuilder AppendField(this ref TextBuilder builder, byte* text, int length, int width)
    {
        builder.AppendBlanks(width - length);
        builder.Append(text, length);
        return ref builder.AppendBlanks(-width - length);
    }

    private static ref TextBuilder AppendBlanks(this ref TextBuilder builder, int count)
    {
        for (int i = 0; i < count; i++)
            builder.Put(Blank);
        return ref builder;
    }
}
