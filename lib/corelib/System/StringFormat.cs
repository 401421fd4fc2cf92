namespace System;

using System.Text;

/// <summary>
/// <c>string.Format</c>: "{index[,alignment][:format]}" items replaced by the arguments ("{{" and "}}"
/// for braces), each written by its format if it is <see cref="IFormattable"/>, else by ToString().
/// </summary>
public sealed partial class String
{
    public static string Format(string format, object arg0) => Format(format, new[] { arg0 });

    public static string Format(string format, object arg0, object arg1) => Format(format, new[] { arg0, arg1 });

    public static string Format(string format, object arg0, object arg1, object arg2) => Format(format, new[] { arg0, arg1, arg2 });

    public static string Format(string format, params object[] args)
    {
        if (format is null)
            throw new ArgumentNullException(nameof(format));
        var text = new StringBuilder(format.Length + 8 * (args?.Length ?? 0));
        for (int i = 0; i < format.Length; i++)
        {
            char c = format[i];
            if (c == '}')
            {
                if (i + 1 < format.Length && format[i + 1] == '}')
                    i++;
                else
                    throw new FormatException("a '}' without its '{' in the format string");
                text.Append('}');
                continue;
            }
            if (c != '{')
            {
                text.Append(c);
                continue;
            }
            if (i + 1 < format.Length && format[i + 1] == '{')
            {
                text.Append('{');
                i++;
                continue;
            }
            int end = format.IndexOf('}', i);
            if (end < 0)
                throw new FormatException("a '{' without its '}' in the format string");
            AppendItem(text, format.Substring(i + 1, end - i - 1), args);
            i = end;
        }
        return text.ToString();
    }

    // One item: index, then an optional ",alignment", then an optional ":format".
    private static void AppendItem(StringBuilder text, string item, object[] args)
    {
        int colon = item.IndexOf(':');
        string itemFormat = colon >= 0 ? item.Substring(colon + 1) : null;
        string head = colon >= 0 ? item.Substring(0, colon) : item;
        int comma = head.IndexOf(',');
        int alignment = 0;
        if (comma >= 0 && !int.TryParse(head.Substring(comma + 1), out alignment))
            throw new FormatException("an alignment that is not a number in the format string");
        if (!int.TryParse(comma >= 0 ? head.Substring(0, comma) : head, out int index) || index < 0 || args is null || index >= args.Length)
            throw new FormatException("an item's index is not that of an argument");
        object arg = args[index];
        string value = arg is IFormattable formattable ? formattable.ToString(itemFormat, null) : arg?.ToString() ?? "";
        text.Append(alignment >= 0 ? value.PadLeft(alignment) : value.PadRight(-alignment));
    }
}
